#include "clientconnection.h"

#include <QLoggingCategory>
#include <QWebSocket>

namespace tandem {

Q_LOGGING_CATEGORY(lcConnection, "tandem.hub.connection", QtInfoMsg)

namespace {
// Qt closes the socket itself above this; between kMaxFrameBytes and this the client gets a
// readable error frame instead.
constexpr qint64 kHardFrameLimit = 1 << 20;
} // namespace

ClientConnection::ClientConnection(Hub &hub, QWebSocket *socket, protocol::Channel channel,
                                   ConnectionLimits limits)
    : m_hub(hub)
    , m_socket(socket)
    , m_channel(channel)
    , m_limits(limits)
    , m_rate(limits.framesPerSecond, limits.burst)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(kHardFrameLimit);
    m_socket->setMaxAllowedIncomingMessageSize(kHardFrameLimit);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { onFrame(text.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::onFrame);
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::closed);

    m_authTimer.setSingleShot(true);
    m_authTimer.setInterval(limits.authTimeoutMs);
    connect(&m_authTimer, &QTimer::timeout, this, [this] {
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated,
                  QStringLiteral("not signed in in time"));
    });
    m_authTimer.start();
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::send(const QByteArray &frame)
{
    if (!isOpen())
        return;
    if (m_socket->bytesToWrite() > m_limits.maxPendingWriteBytes) {
        qCWarning(lcConnection) << "dropping a connection that stopped reading"
                                << m_socket->peerAddress();
        closeWith(QWebSocketProtocol::CloseCodeAbnormalDisconnection,
                  QStringLiteral("too far behind; reconnect to resume"));
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void ClientConnection::sendError(const QString &id, const Error &error)
{
    send(protocol::error(id, error));
}

void ClientConnection::closeWith(int closeCode, const QString &reason)
{
    if (isOpen())
        m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), reason);
}

bool ClientConnection::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void ClientConnection::authenticated()
{
    m_authTimer.stop();
}

void ClientConnection::noteAbuse()
{
    if (++m_abuse >= m_limits.abuseToClose) {
        qCInfo(lcConnection) << "closing abusive connection from" << m_socket->peerAddress();
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated,
                  QStringLiteral("too many invalid or rate-limited frames"));
    }
}

void ClientConnection::onFrame(const QByteArray &bytes)
{
    if (!m_rate.tryAcquire()) {
        sendError(protocol::peekId(bytes), Error{QString::fromLatin1(protocol::errc::RateLimited),
                                                 QStringLiteral("too many frames; slow down")});
        noteAbuse();
        return;
    }
    Result<protocol::Frame> frame = protocol::decode(bytes, m_channel);
    if (!frame.ok()) {
        sendError(protocol::peekId(bytes), frame.error());
        noteAbuse();
        return;
    }
    // Good frames earn forgiveness: only sustained abuse closes a connection.
    if (m_abuse > 0)
        --m_abuse;
    handle(frame.value());
}

} // namespace tandem
