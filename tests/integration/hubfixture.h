#pragma once

#include "auth.h"
#include "hub.h"
#include "wsclient.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tandem::test {

/// A real hub on an ephemeral loopback port over a real SQLite file, plus helpers to make users
/// and connected clients.
class HubFixture
{
public:
    bool start(HubSettings settings = {}, HubConfig config = {})
    {
        if (!m_dir.isValid())
            return false;
        config.address = QHostAddress::LocalHost;
        config.port = 0;
        config.database.kind = DatabaseUrl::Kind::Sqlite;
        config.database.path = m_dir.filePath(QStringLiteral("hub.db"));
        config.settings = settings;
        auto hub = Hub::start(config);
        if (!hub.ok()) {
            qWarning() << "hub did not start:" << hub.error().message;
            return false;
        }
        m_hub = std::move(hub.value());
        return true;
    }

    Hub &hub() { return *m_hub; }
    void stop() { m_hub.reset(); }

    QUrl wsUrl(const QString &path) const
    {
        QUrl u = m_hub->baseUrl();
        u.setScheme(QStringLiteral("ws"));
        u.setPath(path);
        return u;
    }

    /// A user whose password hash is cheap to make: tests that are not about sign-in use sessions.
    User addUser(const QString &name, Role role)
    {
        static const PasswordHash cheap = auth::hashPassword(QStringLiteral("password-1"), 1000);
        auto id = m_hub->store().addUser(name, name.at(0).toUpper() + name.mid(1), role, cheap, now());
        User u;
        if (!id.ok()) {
            qWarning() << id.error().message;
            return u;
        }
        return m_hub->store().userById(id.value()).value();
    }

    QString tokenFor(const User &u)
    {
        const QString token = auth::randomToken();
        m_hub->store().addSession(auth::secretHash(token), u.id, now(), now() + 3600000);
        return token;
    }

    /// An agent-protocol client signed in with a session token.
    std::unique_ptr<WsClient> agent(const User &u, qint64 lastSeq = -1)
    {
        return agentWithToken(tokenFor(u), lastSeq);
    }

    std::unique_ptr<WsClient> agentWithToken(const QString &token, qint64 lastSeq = -1)
    {
        auto c = std::make_unique<WsClient>();
        if (!c->open(wsUrl(QStringLiteral("/ws/agent"))))
            return nullptr;
        QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                          {QStringLiteral("token"), token}};
        if (lastSeq >= 0)
            hello.insert(QStringLiteral("lastSeq"), lastSeq);
        const QJsonObject ack = c->reply(c->send(hello));
        if (!isAck(ack)) {
            qWarning() << "agent hello failed" << ack;
            return nullptr;
        }
        return c;
    }

    std::unique_ptr<WsClient> customer(const QString &key, const QString &name = QString())
    {
        auto c = std::make_unique<WsClient>();
        if (!c->open(wsUrl(QStringLiteral("/ws/customer"))))
            return nullptr;
        QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                          {QStringLiteral("customerKey"), key}};
        if (!name.isEmpty())
            hello.insert(QStringLiteral("name"), name);
        if (!isAck(c->reply(c->send(hello))))
            return nullptr;
        return c;
    }

    /// Sends a customer message and returns its conversation id (0 on failure).
    static qint64 say(WsClient &customer, const QString &text)
    {
        const QJsonObject ack = customer.reply(customer.send(
            {{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("text"), text}}));
        if (!isAck(ack))
            qWarning() << "customer message refused" << ack;
        return ack.value(QStringLiteral("conversation")).toObject().value(QStringLiteral("id")).toInteger();
    }

    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Hub> m_hub;
};

} // namespace tandem::test
