// AgentSession's read of what happened to the bot's suggestions, for supervisors and trainers.
#include "agentsession.h"

#include "hub.h"
#include "suggestionoutcome.h"

#include <QJsonArray>

#include <algorithm>

namespace tandem {

namespace {

constexpr int kDefaultOutcomes = 100;
constexpr int kMaxOutcomes = 1000;

} // namespace

void AgentSession::suggestionOutcomes(const protocol::Frame &frame)
{
    if (m_user.role != Role::Supervisor && m_user.role != Role::Trainer &&
        m_user.role != Role::Admin)
        return sendError(frame.id,
                         Error{QString::fromLatin1(protocol::errc::Forbidden),
                               QStringLiteral("the %1 role may not review suggestion outcomes")
                                   .arg(roleName(m_user.role))});
    const QJsonObject &b = frame.body;
    const int limit = std::clamp(int(b.value(QStringLiteral("limit")).toInteger(kDefaultOutcomes)),
                                 1, kMaxOutcomes);
    Store &store = m_hub.store();
    auto outcomes =
        store.suggestionOutcomes(b.value(QStringLiteral("conversationId")).toInteger(),
                                 b.value(QStringLiteral("beforeId")).toInteger(), limit);
    auto actions = store.suggestionOutcomeCounts();
    auto routing = store.routingReasonCounts();
    if (!outcomes.ok() || !actions.ok() || !routing.ok()) {
        const Error &e =
            !outcomes.ok() ? outcomes.error() : (!actions.ok() ? actions.error() : routing.error());
        return sendError(frame.id, Error{QString::fromLatin1(protocol::errc::Internal), e.message});
    }
    QJsonArray list;
    for (const SuggestionOutcome &o : outcomes.value())
        list.append(o.toJson());
    QJsonObject actionCounts;
    for (auto it = actions->cbegin(); it != actions->cend(); ++it)
        actionCounts.insert(it.key(), it.value());
    QJsonObject reasonCounts;
    for (auto it = routing->cbegin(); it != routing->cend(); ++it)
        reasonCounts.insert(it.key(), it.value());
    const QJsonObject summary{{QStringLiteral("actions"), actionCounts},
                              {QStringLiteral("routing"), reasonCounts}};
    send(protocol::ack(frame.id, {{QStringLiteral("outcomes"), list},
                                  {QStringLiteral("summary"), summary},
                                  {QStringLiteral("complete"), outcomes->size() < limit}}));
}

} // namespace tandem
