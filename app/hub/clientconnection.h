#pragma once

#include "protocol.h"
#include "ratelimiter.h"

#include <QObject>
#include <QTimer>

class QWebSocket;

namespace tandem {

class Hub;

/// Limits one WebSocket connection lives by.
struct ConnectionLimits
{
    double framesPerSecond = 10;
    double burst = 30;
    int abuseToClose = 20;                 // bad or rate-limited frames before the socket is closed
    int authTimeoutMs = 60000;             // time allowed before hello/login succeeds
    qint64 maxPendingWriteBytes = 8 << 20; // a reader this far behind is dropped (it can resume)
};

/// One client WebSocket: frame size, UTF-8, JSON and schema checks, rate limit, abuse counting.
/// Subclasses handle the validated frames of their channel.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    ClientConnection(Hub &hub, QWebSocket *socket, protocol::Channel channel,
                     ConnectionLimits limits);
    ~ClientConnection() override;

    void send(const QByteArray &frame);
    void sendError(const QString &id, const Error &error);
    void closeWith(int closeCode, const QString &reason);
    bool isOpen() const;

signals:
    void closed();

protected:
    virtual void handle(const protocol::Frame &frame) = 0;
    /// Marks the connection as signed in (stops the authentication timer).
    void authenticated();
    /// Counts a refused frame; enough of them close the connection.
    void noteAbuse();

    Hub &m_hub;
    QWebSocket *m_socket;

private:
    void onFrame(const QByteArray &bytes);

    protocol::Channel m_channel;
    ConnectionLimits m_limits;
    RateLimiter m_rate;
    int m_abuse = 0;
    QTimer m_authTimer;
};

} // namespace tandem
