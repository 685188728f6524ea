#include "httpfront.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

namespace tandem {

Q_LOGGING_CATEGORY(lcHttp, "tandem.hub.http", QtInfoMsg)

namespace {

constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
constexpr qint64 kMaxBodyBytes = 64 * 1024;
constexpr int kHeaderTimeoutMs = 15000;

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

/// A complete HTTP error response, for refusals made before QtHttpServer sees the request.
QByteArray errorResponse(const QByteArray &status, const QByteArray &json)
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json;
}

/// What the head of a request asks for.
struct Head
{
    bool complete = false;
    bool webSocket = false;
    bool chunked = false;
    qint64 contentLength = 0;
};

Head sniff(const QByteArray &bytes)
{
    Head h;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return h;
    h.complete = true;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "upgrade" && value.toLower().contains("websocket"))
            h.webSocket = true;
        else if (name == "content-length")
            h.contentLength = value.toLongLong();
        else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
            h.chunked = true;
    }
    return h;
}

} // namespace

/// Plain HTTP requests, through QtHttpServer's parser.
class HttpFront::Server : public QAbstractHttpServer
{
public:
    explicit Server(Handler handler)
        : m_handler(std::move(handler))
    {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        HttpRequest r;
        r.method = methodName(request.method());
        r.path = request.url().path();
        r.query = request.query();
        const auto headers = request.headers();
        for (const auto &[name, value] : headers)
            r.headers.insert(name.toLower(), value);
        r.body = request.body();
        r.peer = request.remoteAddress();

        const HttpResponse response = m_handler(r);
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        responder.writeHeader("Content-Type", response.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeHeader("X-Content-Type-Options", "nosniff");
        responder.writeHeader("Cache-Control", "no-store");
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeBody(response.body);
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    Handler m_handler;
};

/// Hands already-accepted sockets to QAbstractHttpServer, which only takes them from a QTcpServer.
class HttpFront::Dispatch : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    void hand(QTcpSocket *socket)
    {
        m_pending.append(socket);
        // QAbstractHttpServer (6.4) listens to this private signal; addPendingConnection() would
        // emit it too but route the socket through the base class, which warns when not listening.
        static const QMetaMethod available =
            QMetaMethod::fromSignal(&QTcpServer::pendingConnectionAvailable);
        available.invoke(this, Qt::DirectConnection);
    }
    bool hasPendingConnections() const override { return !m_pending.isEmpty(); }
    QTcpSocket *nextPendingConnection() override
    {
        while (!m_pending.isEmpty()) {
            if (QTcpSocket *s = m_pending.takeFirst())
                return s;
        }
        return nullptr;
    }

private:
    QList<QPointer<QTcpSocket>> m_pending;
};

/// The listening socket: reads each connection's request head and sends it either to the
/// WebSocket server or to the HTTP server. Doing this here, not in QtHttpServer, keeps one
/// behaviour across Qt versions and refuses oversized heads and bodies before they are buffered.
class HttpFront::Listener : public QTcpServer
{
public:
    explicit Listener(HttpFront *front)
        : m_front(front)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto *deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, [socket] {
            qCDebug(lcHttp) << "no request head in time from" << socket->peerAddress();
            socket->abort();
        });
        deadline->start(kHeaderTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this,
                [this, socket, deadline] { route(socket, deadline); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void route(QTcpSocket *socket, QTimer *deadline)
    {
        const QByteArray head = socket->peek(kMaxHeaderBytes);
        const Head h = sniff(head);
        if (!h.complete) {
            if (head.size() >= kMaxHeaderBytes) {
                deadline->stop();
                socket->write(errorResponse(
                    "431 Request Header Fields Too Large",
                    R"({"error":{"code":"frame_too_large","message":"request headers are too large"}})"));
                socket->disconnectFromHost();
            }
            return;
        }
        deadline->deleteLater();
        disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
        disconnect(socket, &QTcpSocket::disconnected, socket, nullptr);
        if (h.webSocket) {
            socket->setParent(nullptr);
            m_front->m_webSockets->handleConnection(socket);
            emit socket->readyRead();
            return;
        }
        if (h.chunked) {
            // A chunked body's size is unknown until it has all been buffered: not accepted.
            socket->write(errorResponse(
                "411 Length Required",
                R"({"error":{"code":"invalid_field","message":"send a Content-Length; chunked bodies are not accepted"}})"));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            return;
        }
        if (h.contentLength > kMaxBodyBytes) {
            refuseTooLarge(socket, head.indexOf("\r\n\r\n") + 4 + h.contentLength);
            return;
        }
        socket->setParent(m_front->m_dispatch);
        m_front->m_dispatch->hand(socket);
        emit socket->readyRead();
    }

    /// Answers 413 at once but keeps reading (and dropping) the body for a while: closing with
    /// unread data makes the kernel reset the connection and the client never sees the answer.
    void refuseTooLarge(QTcpSocket *socket, qint64 totalBytes)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(errorResponse(
            "413 Payload Too Large",
            R"({"error":{"code":"frame_too_large","message":"request body exceeds 65536 bytes"}})"));
        auto remaining = std::make_shared<qint64>(totalBytes);
        auto drain = [socket, remaining] {
            *remaining -= socket->skip(socket->bytesAvailable());
            if (*remaining <= 0)
                socket->disconnectFromHost();
        };
        connect(socket, &QTcpSocket::readyRead, socket, drain);
        QTimer::singleShot(5000, socket, [socket] { socket->disconnectFromHost(); });
        drain();
    }

    HttpFront *m_front;
};

HttpFront::HttpFront(Handler handler, QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<Server>(std::move(handler)))
{
    m_dispatch = new Dispatch(m_server.get());
    {
        // bind() warns that the dispatch server is not listening; it never will, by design.
        static QLoggingCategory::CategoryFilter previous = nullptr;
        previous = QLoggingCategory::installFilter([](QLoggingCategory *category) {
            if (qstrcmp(category->categoryName(), "qt.httpserver") == 0)
                category->setEnabled(QtWarningMsg, false);
            else if (previous)
                previous(category);
        });
        m_server->bind(m_dispatch);
        QLoggingCategory::installFilter(previous);
    }
    m_webSockets =
        new QWebSocketServer(QStringLiteral("tandem-hub"), QWebSocketServer::NonSecureMode, this);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (m_webSockets->hasPendingConnections()) {
            QWebSocket *ws = m_webSockets->nextPendingConnection();
            if (ws)
                emit webSocketConnected(ws, ws->requestUrl().path());
        }
    });
}

HttpFront::~HttpFront() = default;

Result<quint16> HttpFront::listen(const QHostAddress &address, quint16 port, int backlog)
{
    m_listener = std::make_unique<Listener>(this);
    m_listener->setListenBacklogSize(backlog);
    if (!m_listener->listen(address, port)) {
        const QString why = m_listener->errorString();
        m_listener.reset();
        return Result<quint16>::failure(QStringLiteral("listen_failed"),
                                        QStringLiteral("cannot listen on %1:%2: %3")
                                            .arg(address.toString())
                                            .arg(port)
                                            .arg(why));
    }
    return m_listener->serverPort();
}

quint16 HttpFront::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpFront::close()
{
    if (m_listener)
        m_listener->close();
}

} // namespace tandem
