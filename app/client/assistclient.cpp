#include "assistclient.h"

#include "clienterrors.h"
#include "hubconnection.h"
#include "logging.h"
#include "queuestate.h"

#include <QDateTime>

namespace tandem {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

AssistClient::AssistClient(HubConnection &connection, QueueState &queue, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_queue(queue)
{
    connect(&connection, &HubConnection::snapshotReceived, this,
            [this](qint64, const QList<Conversation> &conversations) {
                const QList<qint64> before = m_assist.keys();
                m_assist.clear();
                for (const Conversation &c : conversations) {
                    if (!c.assist.isEmpty())
                        m_assist.insert(c.id, c.assist);
                }
                for (qint64 id : before)
                    emit assistChanged(id);
                for (auto it = m_assist.cbegin(); it != m_assist.cend(); ++it)
                    emit assistChanged(it.key());
            });
    connect(&connection, &HubConnection::eventReceived, this, [this](const Event &e) {
        applyConversation(e.payload.value(QStringLiteral("conversation")).toObject());
    });
    connect(&connection, &HubConnection::commandSucceeded, this, &AssistClient::onSucceeded);
    connect(&connection, &HubConnection::commandFailed, this, &AssistClient::onFailed);
}

void AssistClient::applyConversation(const QJsonObject &conversation)
{
    const qint64 id = conversation.value(QStringLiteral("id")).toInteger();
    if (id <= 0)
        return;
    if (conversation.value(QStringLiteral("state")).toString() == QLatin1String("closed")) {
        m_assist.remove(id);
        m_shown.remove(id);
        emit assistChanged(id);
        return;
    }
    const QJsonValue assist = conversation.value(QStringLiteral("assist"));
    if (!assist.isObject() || m_assist.value(id) == assist.toObject())
        return;
    m_assist.insert(id, assist.toObject());
    emit assistChanged(id);
}

AssistInfo AssistClient::info(qint64 conversationId) const
{
    return AssistInfo::fromJson(m_assist.value(conversationId));
}

void AssistClient::markShown(qint64 conversationId)
{
    const qint64 messageId = info(conversationId).suggestions.messageId;
    if (!conversationId || !messageId)
        return;
    Shown &shown = m_shown[conversationId];
    if (shown.messageId == messageId)
        return;
    shown = Shown{messageId, nowMs(), false, 0};
}

qint64 AssistClient::shownMessage(qint64 conversationId) const
{
    return m_shown.value(conversationId).messageId;
}

qint64 AssistClient::displayMs(qint64 conversationId) const
{
    const auto it = m_shown.constFind(conversationId);
    return it == m_shown.cend() || !it->atMs ? 0 : std::max<qint64>(0, nowMs() - it->atMs);
}

void AssistClient::markEditing(qint64 conversationId, int rank)
{
    if (m_shown.contains(conversationId))
        m_shown[conversationId].editingRank = rank;
}

int AssistClient::editingRank(qint64 conversationId) const
{
    return m_shown.value(conversationId).editingRank;
}

QJsonObject AssistClient::replyAssist(qint64 conversationId, int acceptedRank) const
{
    const auto it = m_shown.constFind(conversationId);
    // Only suggestions still current count: a newer customer message brings new ones.
    if (it == m_shown.cend() || it->messageId != info(conversationId).suggestions.messageId)
        return {};
    QJsonObject assist{{QStringLiteral("messageId"), it->messageId},
                       {QStringLiteral("displayMs"), displayMs(conversationId)}};
    if (acceptedRank > 0) {
        assist.insert(QStringLiteral("action"), QLatin1String(outcome::kAccepted));
        assist.insert(QStringLiteral("rank"), acceptedRank);
    } else if (it->editingRank > 0) {
        assist.insert(QStringLiteral("action"), QLatin1String(outcome::kEdited));
        assist.insert(QStringLiteral("rank"), it->editingRank);
    } else if (!it->answered) {
        assist.insert(QStringLiteral("action"), QLatin1String(outcome::kOverridden));
    } else {
        return {}; // a follow-up reply of the agent's own: the override was already recorded
    }
    return assist;
}

void AssistClient::replyQueued(const QString &clientId, qint64 conversationId,
                               const QJsonObject &assist)
{
    if (assist.isEmpty())
        return;
    Shown &shown = m_shown[conversationId];
    shown.answered = true;
    shown.editingRank = 0;
    const QString action = assist.value(QStringLiteral("action")).toString();
    if (action == QLatin1String(outcome::kAccepted))
        return;
    m_reasons.insert(clientId, PendingReason{conversationId, 0, {}});
    emit reasonWanted(clientId, conversationId, action);
}

void AssistClient::giveReason(const QString &clientId, const QString &reason)
{
    const auto it = m_reasons.find(clientId);
    if (it == m_reasons.end() || !suggestionReasons().contains(reason))
        return;
    it->reason = reason;
    sendReason(clientId);
}

void AssistClient::sendReason(const QString &clientId)
{
    const auto it = m_reasons.constFind(clientId);
    if (it == m_reasons.cend() || !it->outcomeId || it->reason.isEmpty())
        return;
    m_connection.command(
        QStringLiteral("suggestion.reason"),
        {{QStringLiteral("outcomeId"), it->outcomeId}, {QStringLiteral("reason"), it->reason}});
    emit reasonSent(clientId, it->reason);
    m_reasons.erase(it);
}

bool AssistClient::isMine(qint64 conversationId) const
{
    const Conversation c = m_queue.conversation(conversationId);
    return c.id && c.state == ConversationState::Assigned && c.assigneeId == m_connection.user().id;
}

void AssistClient::leaving(qint64 conversationId)
{
    const auto it = m_shown.constFind(conversationId);
    if (it == m_shown.cend())
        return;
    const Shown shown = *it;
    m_shown.erase(it);
    if (shown.answered || !isMine(conversationId) ||
        shown.messageId != info(conversationId).suggestions.messageId)
        return;
    m_connection.command(
        QStringLiteral("suggestion.ignored"),
        {{QStringLiteral("conversationId"), conversationId},
         {QStringLiteral("messageId"), shown.messageId},
         {QStringLiteral("displayMs"), std::max<qint64>(0, nowMs() - shown.atMs)}});
}

QString AssistClient::handBack(qint64 conversationId)
{
    leaving(conversationId);
    return m_connection.command(QStringLiteral("bot.handBack"),
                                {{QStringLiteral("conversationId"), conversationId}});
}

QString AssistClient::searchKnowledge(const QString &query, int limit)
{
    const QString id =
        m_connection.command(QStringLiteral("kb.search"),
                             {{QStringLiteral("query"), query}, {QStringLiteral("limit"), limit}});
    m_requests.insert(id, Request::Search);
    return id;
}

QString AssistClient::fetchArticle(const QString &articleId)
{
    const QString id = m_connection.command(QStringLiteral("kb.article"),
                                            {{QStringLiteral("articleId"), articleId}});
    m_requests.insert(id, Request::Article);
    return id;
}

QString AssistClient::fetchOutcomes(qint64 conversationId, int limit)
{
    QJsonObject fields{{QStringLiteral("limit"), limit}};
    if (conversationId)
        fields.insert(QStringLiteral("conversationId"), conversationId);
    const QString id = m_connection.command(QStringLiteral("suggestion.outcomes"), fields);
    m_requests.insert(id, Request::Outcomes);
    return id;
}

void AssistClient::onSucceeded(const QString &id, const QJsonObject &ack)
{
    if (const auto reason = m_reasons.find(id); reason != m_reasons.end()) {
        reason->outcomeId =
            ack.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("id")).toInteger();
        const qint64 conversationId = reason->conversationId;
        const qint64 outcomeId = reason->outcomeId;
        if (!outcomeId) {
            qCWarning(lcClientState) << "reply" << id << "was acknowledged without an outcome";
            m_reasons.erase(reason);
            return;
        }
        emit outcomeRecorded(id, conversationId, outcomeId);
        sendReason(id);
        return;
    }
    const auto request = m_requests.constFind(id);
    if (request == m_requests.cend())
        return;
    const Request kind = *request;
    m_requests.erase(request);
    switch (kind) {
    case Request::Search:
        emit knowledgeFound(id, ack.value(QStringLiteral("results")).toArray());
        break;
    case Request::Article: {
        auto article = KbArticle::fromJson(ack.value(QStringLiteral("article")).toObject(),
                                           QStringLiteral("article"));
        if (article.ok())
            emit articleReceived(id, article.value());
        else
            emit requestFailed(id, article.error());
        break;
    }
    case Request::Outcomes:
        emit outcomesReceived(id, ack);
        break;
    }
}

void AssistClient::onFailed(const QString &id, const Error &error)
{
    if (m_reasons.contains(id)) {
        // A reply refused for good is reported by the outbox; otherwise it is sent again with
        // the same id and its outcome still wants the reason.
        if (client::isPermanent(error))
            m_reasons.remove(id);
        return;
    }
    if (m_requests.remove(id))
        emit requestFailed(id, error);
}

} // namespace tandem
