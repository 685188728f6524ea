#pragma once

#include "auth.h"
#include "hub.h"
#include "wsclient.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tandem::test {

/// A real hub on an ephemeral loopback port over a real SQLite file, plus helpers to make users
/// and connected clients.
class HubFixture
{
public:
    /// `port` 0 picks a free one; a restart passes the previous port (same database file).
    bool start(HubSettings settings = {}, HubConfig config = {}, quint16 port = 0)
    {
        if (!m_dir.isValid())
            return false;
        config.address = QHostAddress::LocalHost;
        config.port = port;
        if (!chooseDatabase(config.database))
            return false;
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
        auto id =
            m_hub->store().addUser(name, name.at(0).toUpper() + name.mid(1), role, cheap, now());
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
        return ack.value(QStringLiteral("conversation"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
    }

    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

private:
    /// SQLite in a temp dir, or (TANDEM_TEST_HUB_BACKEND=postgresql) the test cluster at
    /// TANDEM_TEST_PG_URL, emptied first so every test starts from a fresh schema.
    bool chooseDatabase(DatabaseUrl &url)
    {
        if (qEnvironmentVariable("TANDEM_TEST_HUB_BACKEND") != QLatin1String("postgresql")) {
            url.kind = DatabaseUrl::Kind::Sqlite;
            url.path = m_dir.filePath(QStringLiteral("hub.db"));
            return true;
        }
        auto parsed = DatabaseUrl::parse(qEnvironmentVariable("TANDEM_TEST_PG_URL"));
        if (!parsed.ok()) {
            qWarning() << "TANDEM_TEST_HUB_BACKEND=postgresql needs TANDEM_TEST_PG_URL:"
                       << parsed.error().message;
            return false;
        }
        url = parsed.value();
        if (m_databaseReset)
            return true; // a restart keeps what the first start wrote
        m_databaseReset = true;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("fixture-reset"));
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setPassword(url.password);
            db.setDatabaseName(url.databaseName);
            if (!db.open()) {
                qWarning() << "cannot reach the test PostgreSQL";
                return false;
            }
            QSqlQuery q(db);
            q.exec(QStringLiteral("SET client_min_messages TO WARNING"));
            q.exec(QStringLiteral(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"));
            QStringList tables;
            while (q.next())
                tables << q.value(0).toString();
            for (const QString &t : tables)
                QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS \"%1\" CASCADE").arg(t));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fixture-reset"));
        return true;
    }

    QTemporaryDir m_dir;
    bool m_databaseReset = false;
    std::unique_ptr<Hub> m_hub;
};

} // namespace tandem::test
