// AgentSession's reads of what agents add beside their replies: sentiment tags (for review) and
// canned responses (for the composer).
#include "agentsession.h"

#include "assist.h"
#include "hub.h"

#include <QJsonArray>

namespace tandem {

namespace {

constexpr int kDefaultTags = 100;
constexpr int kMaxTags = 1000;

/// Tags are reviewed by the people who look after quality: supervisors, trainers and admins.
bool mayReviewTags(Role role)
{
    return role == Role::Supervisor || role == Role::Trainer || role == Role::Admin;
}

} // namespace

void AgentSession::sentimentTags(const protocol::Frame &frame)
{
    if (!mayReviewTags(m_user.role))
        return sendError(frame.id, Error{QString::fromLatin1(protocol::errc::Forbidden),
                                         QStringLiteral("the %1 role may not review sentiment tags")
                                             .arg(roleName(m_user.role))});
    const QJsonObject &b = frame.body;
    const int limit =
        std::clamp(int(b.value(QStringLiteral("limit")).toInteger(kDefaultTags)), 1, kMaxTags);
    auto tags = m_hub.store().sentimentTags(b.value(QStringLiteral("conversationId")).toInteger(),
                                            b.value(QStringLiteral("disagreements")).toBool(),
                                            b.value(QStringLiteral("beforeId")).toInteger(), limit);
    if (!tags.ok())
        return sendError(
            frame.id, Error{QString::fromLatin1(protocol::errc::Internal), tags.error().message});
    QJsonArray list;
    for (const SentimentTag &t : tags.value())
        list.append(t.toJson());
    send(protocol::ack(frame.id, {{QStringLiteral("tags"), list},
                                  {QStringLiteral("complete"), tags->size() < limit}}));
}

void AgentSession::cannedList(const protocol::Frame &frame)
{
    auto all = m_hub.store().cannedResponses(m_user.id);
    if (!all.ok())
        return sendError(frame.id,
                         Error{QString::fromLatin1(protocol::errc::Internal), all.error().message});
    QJsonArray list;
    for (const CannedResponse &r : all.value())
        list.append(r.toJson());
    send(protocol::ack(frame.id, {{QStringLiteral("responses"), list}}));
}

QJsonArray AgentSession::standingTags(qint64 conversationId)
{
    QJsonArray list;
    auto tags = m_hub.store().currentSentimentTags(conversationId);
    if (tags.ok()) {
        for (const SentimentTag &t : tags.value())
            list.append(t.toJson());
    }
    return list;
}

} // namespace tandem
