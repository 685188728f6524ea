#pragma once

#include "clientconnection.h"
#include "domain.h"

#include <QFutureWatcher>
#include <QJsonArray>

namespace tandem {

/// A desktop (agent, supervisor, trainer or admin) on /ws/agent: sign-in, resume from a seq,
/// commands through the engine, and the live event stream.
class AgentSession : public ClientConnection
{
    Q_OBJECT
public:
    AgentSession(Hub &hub, QWebSocket *socket, ConnectionLimits limits);
    ~AgentSession() override;

    bool isReady() const { return m_ready; }
    const User &user() const { return m_user; }
    void deliver(const Event &event);

protected:
    void handle(const protocol::Frame &frame) override;

private:
    void login(const protocol::Frame &frame);
    void hello(const protocol::Frame &frame);
    void history(const protocol::Frame &frame);
    void users(const protocol::Frame &frame);
    void kbSearch(const protocol::Frame &frame);
    void kbArticle(const protocol::Frame &frame);
    void sentimentTags(const protocol::Frame &frame);      // agentsession_assist.cpp
    void suggestionOutcomes(const protocol::Frame &frame); // agentsession_routing.cpp
    void cannedList(const protocol::Frame &frame);
    /// The conversation's standing sentiment tags, for the history answer.
    QJsonArray standingTags(qint64 conversationId);
    void logout(const protocol::Frame &frame);
    void becomeReady(const User &user, const QString &id, QJsonObject ackExtra, qint64 lastSeq);
    /// Replays events after lastSeq, or sends a snapshot when that is impossible.
    Result<bool> synchronise(qint64 lastSeq);

    User m_user;
    QString m_tokenHash;
    bool m_ready = false;
    bool m_loggingIn = false;
};

} // namespace tandem
