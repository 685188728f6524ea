#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>

namespace tandem::test {

/// A scripted stand-in for a hub, for misbehaviour a real hub never shows (skipped seqs,
/// unanswered pings, a cut right after a command arrives).
class FakeHub : public QObject
{
    Q_OBJECT
public:
    using Script = std::function<void(QWebSocket *socket, const QJsonObject &frame)>;

    FakeHub()
        : m_server(QStringLiteral("fake hub"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) {
                    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                    received.append(frame);
                    if (script)
                        script(s, frame);
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }

    QUrl url() const
    {
        QUrl u;
        u.setScheme(QStringLiteral("ws"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(m_server.serverPort());
        u.setPath(QStringLiteral("/ws/agent"));
        return u;
    }

    static void send(QWebSocket *socket, QJsonObject frame)
    {
        frame.insert(QStringLiteral("v"), 1);
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    /// The ack of a successful hello/login.
    static void welcome(QWebSocket *socket, const QJsonObject &hello, qint64 seq, bool resumed)
    {
        send(socket, {{QStringLiteral("type"), QStringLiteral("ack")},
                      {QStringLiteral("id"), hello.value(QStringLiteral("id"))},
                      {QStringLiteral("user"),
                       QJsonObject{{QStringLiteral("id"), 7},
                                   {QStringLiteral("username"), QStringLiteral("dora")},
                                   {QStringLiteral("role"), QStringLiteral("agent")}}},
                      {QStringLiteral("seq"), seq},
                      {QStringLiteral("resumed"), resumed},
                      {QStringLiteral("agentCapacity"), 5}});
    }

    /// A conversation.created event for conversation `seq` (one conversation per event).
    static void event(QWebSocket *socket, qint64 seq)
    {
        const QJsonObject conversation{{QStringLiteral("id"), seq},
                                       {QStringLiteral("state"), QStringLiteral("waiting")},
                                       {QStringLiteral("createdAtMs"), seq}};
        send(socket, {{QStringLiteral("type"), QStringLiteral("event")},
                      {QStringLiteral("seq"), seq},
                      {QStringLiteral("kind"), QStringLiteral("conversation.created")},
                      {QStringLiteral("conversationId"), seq},
                      {QStringLiteral("data"),
                       QJsonObject{{QStringLiteral("conversation"), conversation}}}});
    }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject &f : received) {
            if (f.value(QStringLiteral("type")).toString() == type)
                list.append(f);
        }
        return list;
    }

    Script script;
    QList<QJsonObject> received;

private:
    QWebSocketServer m_server;
};

} // namespace tandem::test
