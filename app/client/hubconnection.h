#pragma once

#include "backoff.h"
#include "commandqueue.h"
#include "connectionoptions.h"
#include "domain.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace tandem {

/// One desktop's connection to a hub over the agent protocol (docs/protocol.md): signs in,
/// keeps the connection alive, reconnects with backoff after a cut and resumes from the last
/// applied event, delivers events strictly in seq order, and carries commands to their answer.
class HubConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        SignedOut,
        Connecting,
        SigningIn,
        Synchronising,
        Connected,
        Reconnecting
    };
    Q_ENUM(State)

    explicit HubConnection(QObject *parent = nullptr);
    ~HubConnection() override;

    void setOptions(const ConnectionOptions &options);
    const ConnectionOptions &options() const { return m_options; }

    /// Signs in with a password. `hub` is the hub's address (http(s)://host:port) or its
    /// ws(s)://…/ws/agent URL. Fails with signInFailed() if the hub cannot be reached.
    void signIn(const QUrl &hub, const QString &username, const QString &password);
    /// Signs in with a session token. An unreachable hub is retried with backoff (the desktop
    /// works offline meanwhile); a rejected token fails with signInFailed().
    void resume(const QUrl &hub, const QString &token);
    /// Ends the session on the hub (when reachable) and drops every unanswered command.
    void signOut();

    /// Sends a command (see the protocol's command table) and returns its id; the answer comes
    /// through commandSucceeded/commandFailed. Commands wait while the connection is down and
    /// are sent again with the same id after a cut. `id` defaults to a new UUID.
    QString command(const QString &type, const QJsonObject &fields, QString id = QString());
    bool isPending(const QString &id) const { return m_commands.contains(id); }

    State state() const { return m_state; }
    Error lastError() const { return m_lastError; }
    QString token() const { return m_token; }
    User user() const { return m_user; }
    /// The shop's name per knowledge-base language ("en", "zh-CN", "zh-TW"), from sign-in.
    QMap<QString, QString> shopNames() const { return m_shopNames; }
    QUrl url() const { return m_url; }
    /// The seq of the last event applied (-1 before the first snapshot).
    qint64 lastSeq() const { return m_lastSeq; }
    int agentCapacity() const { return m_agentCapacity; }

    /// Cuts the connection as a network failure would; it comes back by itself (tests use it).
    void abortConnection();
    /// Skips the remaining backoff wait (a "retry now" action).
    void reconnectNow();

signals:
    void stateChanged(tandem::HubConnection::State state);
    void signedIn(const tandem::User &user);
    void signInFailed(const tandem::Error &error);
    /// Every successful sign-in, first or after a cut: resumed is false when a snapshot was sent.
    void synchronised(bool resumed);
    /// The hub's full list of open conversations at `seq` (replaces everything known).
    void snapshotReceived(qint64 seq, const QList<tandem::Conversation> &conversations);
    /// The next event, in seq order, never twice.
    void eventReceived(const tandem::Event &event);
    void commandSucceeded(const QString &id, const QJsonObject &ack);
    void commandFailed(const QString &id, const tandem::Error &error);

private:
    enum class Auth
    {
        Password,
        Token
    };

    void start(const QUrl &hub, Auth auth);
    void openSocket();
    void dropSocket();
    void onConnected();
    void onFrame(const QString &text);
    void onSignInReply(const QJsonObject &frame);
    void onSnapshot(const QJsonObject &frame);
    void onEvent(const QJsonObject &frame);
    void onLost(const QString &why);
    void failSignIn(const Error &error);
    void resync(const QString &why);
    void sendPing();
    void sendFrame(QJsonObject frame);
    void setState(State state);

    ConnectionOptions m_options;
    State m_state = State::SignedOut;
    Error m_lastError;
    QUrl m_url;
    Auth m_auth = Auth::Token;
    QString m_username;
    QString m_password; // held only until the hub answers the login
    QString m_token;
    User m_user;
    QMap<QString, QString> m_shopNames;
    int m_agentCapacity = 0;
    qint64 m_lastSeq = -1;
    bool m_signedInOnce = false; // a session exists: cuts are retried, not reported
    bool m_replaying = false;    // between hello/login and its ack: gaps are the hub's log
    bool m_announced = false;    // signedIn() emitted for this signIn()/resume()
    QString m_signInId;
    QString m_pingId;
    QPointer<QWebSocket> m_socket;
    CommandQueue m_commands;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_answerTimer;
    QTimer m_pingTimer;
    QTimer m_pingDeadline;
};

} // namespace tandem
