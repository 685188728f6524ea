#pragma once

#include "assistclient.h"
#include "cannedresponses.h"
#include "connectionoptions.h"
#include "hubconnection.h"
#include "outbox.h"
#include "queuestate.h"
#include "result.h"
#include "sentimenttags.h"
#include "transcriptstate.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace tandem {

/// What the signed-in user may do with a conversation right now. The hub enforces the same rules;
/// the desktop uses these to enable its actions, so it never offers what the hub would refuse.
struct ConversationActions
{
    bool claim = false;
    bool release = false;
    bool transfer = false;
    bool close = false;
    bool reply = false;
    bool claimNext = false;
    bool tagSentiment = false;
    bool handBack = false;
};

/// Everything a desktop needs to work with one hub as one user: the connection, the outbox,
/// and the queue and transcript state the views listen to. Widgets call these methods and hold
/// no rules of their own.
class Client : public QObject
{
    Q_OBJECT
public:
    /// A client whose outbox lives at `outboxPath` (see defaultOutboxPath()).
    static Result<std::unique_ptr<Client>> create(const QString &outboxPath,
                                                  const ConnectionOptions &options = {},
                                                  QObject *parent = nullptr);
    /// Where the desktop keeps a user's outbox for a hub: one file per user and hub, so that
    /// replies are never sent as someone else or to another hub.
    static QString defaultOutboxPath(const QString &username, const QUrl &hub);

    HubConnection &connection() { return m_connection; }
    Outbox &outbox() { return m_outbox; }
    QueueState &queue() { return m_queue; }
    TranscriptState &transcripts() { return m_transcripts; }
    SentimentTags &sentimentTags() { return m_tags; }
    CannedResponses &cannedResponses() { return m_canned; }
    AssistClient &assist() { return m_assist; }
    const QueueState &queue() const { return m_queue; }

    void signIn(const QUrl &hub, const QString &username, const QString &password);
    void resume(const QUrl &hub, const QString &token);
    void signOut();

    // Conversation commands; each returns the command id answered through the connection's
    // commandSucceeded/commandFailed.
    QString claim(qint64 conversationId);
    QString release(qint64 conversationId);
    QString transfer(qint64 conversationId, const QString &toUsername, const QString &note = {});
    QString close(qint64 conversationId);
    /// Claims the conversation at the top of the queue order (QueueOrder: waiting time against
    /// the target plus priority); an empty id when nobody waits.
    QString claimNext();

    /// Queues a reply in the outbox (durable first, then sent); returns its client id. It is
    /// recorded as an edit or override of the suggestions shown (AssistClient::replyAssist()).
    Result<QString> sendReply(qint64 conversationId, const QString &text);
    /// Sends suggestion `rank` (1–3) of those shown, as is (`accepted`).
    Result<QString> sendSuggestion(qint64 conversationId, int rank);
    /// Hands the conversation back to the bot (`bot.handBack`); claim takes it over again.
    QString handBack(qint64 conversationId);

    ConversationActions actionsFor(qint64 conversationId) const;
    /// Whether the user may edit the team's shared canned responses (the hub checks it too).
    bool canEditSharedCanned() const;
    /// The canned-response variables the desktop knows for a conversation: the customer's name
    /// (when known) and the agent's display name. Others are asked of the agent.
    QMap<QString, QString> knownVariables(qint64 conversationId) const;

    /// The waiting conversation at the top of the queue order, or 0 when nobody waits.
    qint64 nextWaiting() const { return m_queue.nextWaiting(); }

private:
    explicit Client(const ConnectionOptions &options, QObject *parent);

    HubConnection m_connection;
    Outbox m_outbox;
    QueueState m_queue;
    TranscriptState m_transcripts;
    SentimentTags m_tags;
    CannedResponses m_canned;
    AssistClient m_assist;
};

} // namespace tandem
