#include "hubconnection.h"

#include "agentwire.h"
#include "clienterrors.h"
#include "logging.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace tandem {

using client::agentUrl;
using client::errorFromFrame;
using client::newCommandId;

HubConnection::HubConnection(QObject *parent)
    : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    m_answerTimer.setSingleShot(true);
    m_pingDeadline.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Reconnecting && !m_socket)
            openSocket();
    });
    connect(&m_answerTimer, &QTimer::timeout, this,
            [this] { onLost(QStringLiteral("the hub did not answer in time")); });
    connect(&m_pingTimer, &QTimer::timeout, this, &HubConnection::sendPing);
    connect(&m_pingDeadline, &QTimer::timeout, this,
            [this] { onLost(QStringLiteral("no answer to the keep-alive ping")); });
    connect(&m_commands, &CommandQueue::succeeded, this, &HubConnection::commandSucceeded);
    connect(&m_commands, &CommandQueue::failed, this, &HubConnection::commandFailed);
    setOptions(m_options);
}

HubConnection::~HubConnection()
{
    dropSocket();
}

void HubConnection::setOptions(const ConnectionOptions &options)
{
    m_options = options;
    m_backoff.configure(options.backoffInitialMs, options.backoffMaxMs, options.backoffJitter);
    m_pingTimer.setInterval(options.keepAliveIntervalMs);
    m_commands.setOptions(options);
}

void HubConnection::signIn(const QUrl &hub, const QString &username, const QString &password)
{
    m_username = username;
    m_password = password;
    m_token.clear();
    start(hub, Auth::Password);
}

void HubConnection::resume(const QUrl &hub, const QString &token)
{
    m_username.clear();
    m_password.clear();
    m_token = token;
    start(hub, Auth::Token);
}

void HubConnection::start(const QUrl &hub, Auth auth)
{
    dropSocket();
    m_reconnectTimer.stop();
    m_answerTimer.stop();
    m_pingTimer.stop();
    m_pingDeadline.stop();
    m_commands.goOffline();
    m_signInId.clear();
    m_pingId.clear();
    m_replaying = false;
    m_url = agentUrl(hub);
    m_auth = auth;
    m_lastError = {};
    m_lastSeq = -1; // a new session starts from a snapshot
    m_signedInOnce = false;
    m_announced = false;
    m_backoff.reset();
    setState(State::Connecting);
    openSocket();
}

void HubConnection::signOut()
{
    m_reconnectTimer.stop();
    m_answerTimer.stop();
    m_pingTimer.stop();
    m_pingDeadline.stop();
    m_commands.goOffline();
    if (m_socket && m_state == State::Connected) {
        // The hub acknowledges and closes; the socket lives on detached until then.
        sendFrame({{QStringLiteral("type"), QStringLiteral("logout")},
                   {QStringLiteral("id"), newCommandId()}});
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(5000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    } else {
        dropSocket();
    }
    m_token.clear();
    m_password.clear();
    m_user = {};
    m_lastSeq = -1;
    m_signedInOnce = false;
    m_lastError = {};
    setState(State::SignedOut);
    m_commands.cancelAll(client::makeError(client::errc::Cancelled, tr("Signed out.")));
}

QString HubConnection::command(const QString &type, const QJsonObject &fields, QString id)
{
    if (id.isEmpty())
        id = newCommandId();
    m_commands.enqueue(id, type, fields);
    return id;
}

void HubConnection::abortConnection()
{
    if (m_socket)
        onLost(QStringLiteral("aborted"));
}

void HubConnection::reconnectNow()
{
    if (m_state != State::Reconnecting || m_socket)
        return;
    m_reconnectTimer.stop();
    openSocket();
}

void HubConnection::openSocket()
{
    dropSocket();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    // A fresh socket per attempt: signals from an abandoned one are filtered out by pointer.
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (socket == m_socket)
            onConnected();
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (socket == m_socket)
            onLost(socket->closeReason().isEmpty() ? socket->errorString() : socket->closeReason());
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                if (socket == m_socket)
                    onLost(socket->errorString());
            });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        if (socket == m_socket)
            onFrame(text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &bytes) {
                if (socket == m_socket)
                    onFrame(QString::fromUtf8(bytes));
            });
    qCDebug(lcClientConnection) << "connecting to" << m_url.toString();
    m_answerTimer.start(m_options.answerTimeoutMs);
    socket->open(m_url);
}

void HubConnection::dropSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void HubConnection::onConnected()
{
    m_signInId = newCommandId();
    m_replaying = true;
    QJsonObject frame{{QStringLiteral("id"), m_signInId}};
    if (m_token.isEmpty()) {
        frame.insert(QStringLiteral("type"), QStringLiteral("login"));
        frame.insert(QStringLiteral("username"), m_username);
        frame.insert(QStringLiteral("password"), m_password);
    } else {
        frame.insert(QStringLiteral("type"), QStringLiteral("hello"));
        frame.insert(QStringLiteral("token"), m_token);
        if (m_lastSeq >= 0)
            frame.insert(QStringLiteral("lastSeq"), m_lastSeq);
    }
    if (m_state != State::Reconnecting)
        setState(State::SigningIn);
    m_answerTimer.start(m_options.answerTimeoutMs);
    sendFrame(frame);
}

void HubConnection::onFrame(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (m_replaying)
        m_answerTimer.start(m_options.answerTimeoutMs); // a long replay is progress, not a hang
    if (type == QLatin1String("event"))
        return onEvent(frame);
    if (type == QLatin1String("snapshot"))
        return onSnapshot(frame);
    if (type != QLatin1String("ack") && type != QLatin1String("error")) {
        qCWarning(lcClientConnection) << "ignoring an unexpected frame of type" << type;
        return;
    }
    const QString id = frame.value(QStringLiteral("id")).toString();
    if (!id.isEmpty() && id == m_signInId)
        return onSignInReply(frame);
    if (!id.isEmpty() && id == m_pingId) {
        m_pingId.clear();
        m_pingDeadline.stop();
        return;
    }
    if (!m_commands.handleReply(frame) && type == QLatin1String("error"))
        qCWarning(lcClientConnection)
            << "hub error" << errorFromFrame(frame).code << errorFromFrame(frame).message;
}

void HubConnection::onSignInReply(const QJsonObject &frame)
{
    m_answerTimer.stop();
    m_signInId.clear();
    m_replaying = false;
    if (frame.value(QStringLiteral("type")).toString() == QLatin1String("error")) {
        Error error = errorFromFrame(frame);
        if (error.code == QLatin1String(protocol::errc::Unauthenticated)) {
            if (!m_token.isEmpty())
                error.message =
                    tr("Your session has ended (%1). Sign in again.").arg(error.message);
            return failSignIn(error);
        }
        if (!m_signedInOnce && m_auth == Auth::Password)
            return failSignIn(error); // e.g. too many sign-ins in progress: the user retries
        return onLost(error.message);
    }
    m_password.clear();
    if (const QString token = frame.value(QStringLiteral("token")).toString(); !token.isEmpty())
        m_token = token;
    const User user = client::userFromJson(frame.value(QStringLiteral("user")).toObject());
    if (m_user.id != 0 && user.id != m_user.id)
        m_commands.cancelAll(
            client::makeError(client::errc::Cancelled, tr("Signed in as another user.")));
    m_user = user;
    m_agentCapacity = frame.value(QStringLiteral("agentCapacity")).toInt();
    m_shopNames.clear();
    const QJsonObject shop = frame.value(QStringLiteral("shopName")).toObject();
    for (auto it = shop.begin(); it != shop.end(); ++it)
        m_shopNames.insert(it.key(), it.value().toString());
    const bool resumed = frame.value(QStringLiteral("resumed")).toBool();
    const qint64 seq = frame.value(QStringLiteral("seq")).toInteger();
    if (seq > m_lastSeq) {
        // The replay is everything the hub has; trust it rather than loop asking again.
        qCWarning(lcClientConnection)
            << "hub is at seq" << seq << "but sent events up to" << m_lastSeq;
        m_lastSeq = seq;
    }
    m_signedInOnce = true;
    m_lastError = {};
    m_backoff.reset();
    setState(State::Connected);
    m_pingTimer.start();
    qCDebug(lcClientConnection) << "signed in as" << m_user.username << "at seq" << m_lastSeq
                                << (resumed ? "(resumed)" : "(snapshot)");
    if (!m_announced) {
        m_announced = true;
        emit signedIn(m_user);
    }
    emit synchronised(resumed);
    m_commands.goOnline([this](const QJsonObject &f) { sendFrame(f); });
}

void HubConnection::onSnapshot(const QJsonObject &frame)
{
    m_lastSeq = frame.value(QStringLiteral("seq")).toInteger();
    QList<Conversation> conversations;
    const QJsonArray list = frame.value(QStringLiteral("conversations")).toArray();
    conversations.reserve(list.size());
    for (const QJsonValue &v : list)
        conversations.append(Conversation::fromJson(v.toObject()));
    if (m_state != State::Connected)
        setState(State::Synchronising);
    emit snapshotReceived(m_lastSeq, conversations);
}

void HubConnection::onEvent(const QJsonObject &frame)
{
    const qint64 seq = frame.value(QStringLiteral("seq")).toInteger();
    if (seq <= m_lastSeq) {
        qCDebug(lcClientConnection) << "ignoring duplicate event" << seq;
        return;
    }
    if (m_lastSeq < 0 || seq > m_lastSeq + 1) {
        // A replay is the hub's whole log, so a hole there is a hole in the log (a rolled-back
        // seq); a hole in the live stream means something was missed.
        if (!m_replaying || m_lastSeq < 0)
            return resync(QStringLiteral("event %1 after %2").arg(seq).arg(m_lastSeq));
        qCWarning(lcClientConnection) << "hub's replay skips from" << m_lastSeq << "to" << seq;
    }
    m_lastSeq = seq;
    if (m_state != State::Connected)
        setState(State::Synchronising);
    emit eventReceived(client::eventFromFrame(frame));
}

void HubConnection::onLost(const QString &why)
{
    if (!m_socket)
        return;
    dropSocket();
    m_answerTimer.stop();
    m_pingTimer.stop();
    m_pingDeadline.stop();
    m_commands.goOffline();
    m_replaying = false;
    m_signInId.clear();
    m_pingId.clear();
    if (m_state == State::SignedOut)
        return;
    if (!m_signedInOnce && m_auth == Auth::Password) {
        return failSignIn(client::makeError(
            client::errc::Unreachable,
            tr("Cannot reach the hub at %1: %2").arg(m_url.toDisplayString(), why)));
    }
    const int delay = m_backoff.next();
    qCWarning(lcClientConnection).noquote()
        << "connection lost:" << why << "- reconnecting in" << delay << "ms";
    setState(State::Reconnecting);
    m_reconnectTimer.start(delay);
}

void HubConnection::failSignIn(const Error &error)
{
    dropSocket();
    m_reconnectTimer.stop();
    m_answerTimer.stop();
    m_pingTimer.stop();
    m_pingDeadline.stop();
    m_commands.goOffline(); // kept: the same user signing in again sends them
    m_password.clear();
    if (error.code == QLatin1String(protocol::errc::Unauthenticated))
        m_token.clear();
    m_signedInOnce = false;
    m_lastError = error;
    qCWarning(lcClientConnection) << "sign-in failed:" << error.code << error.message;
    setState(State::SignedOut);
    emit signInFailed(error);
}

void HubConnection::resync(const QString &why)
{
    qCWarning(lcClientConnection).noquote() << "resynchronising:" << why;
    onLost(why);
}

void HubConnection::sendPing()
{
    if (!m_pingId.isEmpty() || m_state != State::Connected)
        return;
    m_pingId = newCommandId();
    m_pingDeadline.start(m_options.keepAliveTimeoutMs);
    sendFrame({{QStringLiteral("type"), QStringLiteral("ping")}, {QStringLiteral("id"), m_pingId}});
}

void HubConnection::sendFrame(QJsonObject frame)
{
    if (!m_socket)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encode(frame)));
}

void HubConnection::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace tandem
