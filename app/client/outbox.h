#pragma once

#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace tandem {

class HubConnection;

/// A reply written by this desktop that the hub has not acknowledged yet (or refused).
struct OutboxReply
{
    enum class State
    {
        Pending,
        Failed
    };

    QString clientId; // the `send` command's id: the hub applies it once however often it is sent
    qint64 conversationId = 0;
    QString text;
    QJsonObject assist; // what the reply did with the bot's suggestions (`send`'s `assist`)
    qint64 createdAtMs = 0;
    State state = State::Pending;
    Error error; // why it failed
};

/// Replies and drafts kept in a local SQLite file so that a crash or restart loses nothing
/// typed. A reply is written before it is sent, sent (with its client id) whenever the
/// connection is up, deleted when acknowledged, and marked failed — never dropped — when the hub
/// refuses it for good. Replies to one conversation go out one at a time, in order. The file
/// belongs to the first user who signs in with it; nothing is sent as anyone else.
class Outbox : public QObject
{
    Q_OBJECT
public:
    explicit Outbox(HubConnection &connection, QObject *parent = nullptr);
    ~Outbox() override;

    /// Opens (creating if needed) the outbox file; its pending replies are sent once the
    /// connection is signed in.
    Status open(const QString &path);
    bool isOpen() const { return !m_connectionName.isEmpty(); }
    QString path() const { return m_path; }

    /// Stores the reply durably, clears the conversation's draft, and sends it when it can.
    /// Returns the reply's client id. `assist` (kept with it) records what the reply did with
    /// the suggestions shown (docs/protocol.md, `send`).
    Result<QString> queueReply(qint64 conversationId, const QString &text,
                               const QJsonObject &assist = {});
    /// Pending and failed replies, oldest first (of one conversation when conversationId ≠ 0).
    QList<OutboxReply> replies(qint64 conversationId = 0) const;
    /// Sends a failed reply again (same client id).
    Status retryReply(const QString &clientId);
    /// Gives up on a failed reply.
    Status discardReply(const QString &clientId);

    /// Saves (or, when empty, clears) what is typed in a conversation's reply box.
    Status setDraft(qint64 conversationId, const QString &text);
    QString draft(qint64 conversationId) const;

signals:
    void replyQueued(const QString &clientId, qint64 conversationId);
    void replySent(const QString &clientId, qint64 conversationId);
    void replyFailed(const QString &clientId, qint64 conversationId, const tandem::Error &error);

private:
    Status migrate();
    bool mayDeliver();
    void submitNext();
    void onSucceeded(const QString &id, const QJsonObject &ack);
    void onFailed(const QString &id, const tandem::Error &error);

    HubConnection &m_connection;
    QString m_connectionName;
    QString m_path;
    QHash<QString, qint64> m_inFlight; // client id → conversation, handed to the connection
};

} // namespace tandem
