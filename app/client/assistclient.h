#pragma once

#include "assistdata.h"
#include "domain.h"
#include "knowledge.h"
#include "result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

namespace tandem {

class HubConnection;
class QueueState;

/// The desktop's half of hybrid assist: the bot's suggestions, handoff card and routing per
/// conversation, what the agent did with the suggestions shown (accepted, edited, overridden,
/// ignored, with the reason), handing back to the bot, and knowledge-base look-ups.
///
/// Which reply counts as what: a suggestion sent as is is `accepted`; a reply started from one
/// (markEditing()) is `edited`; the first other reply after suggestions were shown is
/// `overridden`. Leaving a conversation (release, transfer, close, hand back) with suggestions
/// shown and no reply after them records `ignored`.
class AssistClient : public QObject
{
    Q_OBJECT
public:
    AssistClient(HubConnection &connection, QueueState &queue, QObject *parent = nullptr);

    /// The conversation's `assist` as last reported by the hub.
    AssistInfo info(qint64 conversationId) const;

    /// The panel shows the conversation's current suggestions: the display time starts (once
    /// per customer message).
    void markShown(qint64 conversationId);
    /// The customer message whose suggestions are shown, or 0.
    qint64 shownMessage(qint64 conversationId) const;
    /// Milliseconds since the current suggestions were first shown (0 when none are).
    qint64 displayMs(qint64 conversationId) const;
    /// The composer now holds suggestion `rank` for editing (0: nothing to do with one).
    void markEditing(qint64 conversationId, int rank);
    int editingRank(qint64 conversationId) const;

    /// The `assist` object the next reply carries: accepted when `acceptedRank` is set, else
    /// edited or overridden as described above; empty when it is no outcome.
    QJsonObject replyAssist(qint64 conversationId, int acceptedRank = 0) const;
    /// A reply carrying `assist` is in the outbox: the suggestions count as answered, and an
    /// edit or override asks for a reason (reasonWanted()).
    void replyQueued(const QString &clientId, qint64 conversationId, const QJsonObject &assist);
    /// The reason for an edit or override (one of suggestionReasons()); sent as soon as the hub
    /// has acknowledged the reply with its outcome id.
    void giveReason(const QString &clientId, const QString &reason);
    /// The agent moves on (release, transfer, close, hand back): `suggestion.ignored` when the
    /// suggestions shown got no reply. Call before the command that moves it.
    void leaving(qint64 conversationId);

    /// Commands; each returns its id.
    QString handBack(qint64 conversationId);
    QString searchKnowledge(const QString &query, int limit = 10);
    QString fetchArticle(const QString &articleId);
    QString fetchOutcomes(qint64 conversationId = 0, int limit = 100);

signals:
    void assistChanged(qint64 conversationId);
    void reasonWanted(const QString &clientId, qint64 conversationId, const QString &action);
    void outcomeRecorded(const QString &clientId, qint64 conversationId, qint64 outcomeId);
    void reasonSent(const QString &clientId, const QString &reason);
    void knowledgeFound(const QString &id, const QJsonArray &results);
    void articleReceived(const QString &id, const tandem::KbArticle &article);
    void outcomesReceived(const QString &id, const QJsonObject &ack);
    void requestFailed(const QString &id, const tandem::Error &error);

private:
    struct Shown
    {
        qint64 messageId = 0;
        qint64 atMs = 0;
        bool answered = false; // a reply went out after they were shown
        int editingRank = 0;
    };
    struct PendingReason
    {
        qint64 conversationId = 0;
        qint64 outcomeId = 0;
        QString reason;
    };
    enum class Request
    {
        Search,
        Article,
        Outcomes
    };

    void applyConversation(const QJsonObject &conversation);
    void onSucceeded(const QString &id, const QJsonObject &ack);
    void onFailed(const QString &id, const tandem::Error &error);
    void sendReason(const QString &clientId);
    bool isMine(qint64 conversationId) const;

    HubConnection &m_connection;
    QueueState &m_queue;
    QHash<qint64, QJsonObject> m_assist; // conversation → its `assist`
    QHash<qint64, Shown> m_shown;
    QHash<QString, PendingReason> m_reasons; // reply client id → outcome and reason
    QHash<QString, Request> m_requests;
};

} // namespace tandem
