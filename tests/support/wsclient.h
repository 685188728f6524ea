#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace tandem::test {

/// A real WebSocket client for tests: records every frame it receives and waits on conditions.
class WsClient : public QObject
{
    Q_OBJECT
public:
    explicit WsClient(QObject *parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open(const QUrl &url, int timeoutMs = 20000)
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(url);
        return connected.wait(timeoutMs) || socket.state() == QAbstractSocket::ConnectedState;
    }

    QString send(QJsonObject frame)
    {
        if (!frame.contains(QStringLiteral("v")))
            frame.insert(QStringLiteral("v"), 1);
        if (!frame.contains(QStringLiteral("id")))
            frame.insert(QStringLiteral("id"), QStringLiteral("c%1").arg(++m_nextId));
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        return frame.value(QStringLiteral("id")).toString();
    }

    void sendRaw(const QByteArray &bytes, bool binary = false)
    {
        if (binary)
            socket.sendBinaryMessage(bytes);
        else
            socket.sendTextMessage(QString::fromUtf8(bytes));
    }

    /// Waits for the first received frame (from index `from`) matching `pred`; returns it or {}.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &pred, int timeoutMs = 20000,
                        qsizetype from = 0)
    {
        QJsonObject found;
        auto check = [&] {
            for (qsizetype i = from; i < frames.size(); ++i) {
                if (pred(frames.at(i))) {
                    found = frames.at(i);
                    return true;
                }
            }
            return false;
        };
        (void)QTest::qWaitFor(
            [&] { return check() || socket.state() == QAbstractSocket::UnconnectedState; },
            timeoutMs);
        check();
        return found;
    }

    /// The ack or error answering command `id`.
    QJsonObject reply(const QString &id, int timeoutMs = 20000)
    {
        return waitFor(
            [&](const QJsonObject &f) {
                const QString type = f.value(QStringLiteral("type")).toString();
                return f.value(QStringLiteral("id")).toString() == id &&
                       (type == QLatin1String("ack") || type == QLatin1String("error"));
            },
            timeoutMs);
    }

    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject &f : frames)
            if (f.value(QStringLiteral("type")).toString() == type)
                list.append(f);
        return list;
    }

    QWebSocket socket;
    QList<QJsonObject> frames;

private:
    int m_nextId = 0;
};

inline bool isAck(const QJsonObject &f)
{
    return f.value(QStringLiteral("type")).toString() == QLatin1String("ack");
}
inline QString errorCode(const QJsonObject &f)
{
    return f.value(QStringLiteral("code")).toString();
}

} // namespace tandem::test
