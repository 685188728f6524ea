#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace tandem {

struct HttpRequest
{
    QByteArray method; // "GET", "POST", …
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const char *lowerCaseName) const
    {
        return headers.value(QByteArray(lowerCaseName));
    }
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
};

/// The hub's one listening port: HTTP requests and WebSocket upgrades. The only file that knows
/// QtHttpServer (a technical preview in Qt 6.4 whose API changed in 6.5 and 6.8), so a Qt upgrade
/// touches this file alone.
class HttpFront : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpFront(Handler handler, QObject *parent = nullptr);
    ~HttpFront() override;

    /// Listens with a large backlog so thousands of customers can connect at once.
    Result<quint16> listen(const QHostAddress &address, quint16 port, int backlog = 4096);
    quint16 port() const;
    void close();

signals:
    /// A WebSocket upgrade completed; the receiver takes ownership of the socket.
    void webSocketConnected(QWebSocket *socket, const QString &path);

private:
    class Server;
    class Dispatch;
    class Listener;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<Listener> m_listener;
    Dispatch *m_dispatch = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
};

} // namespace tandem
