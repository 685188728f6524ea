#pragma once

// Shared by the store suites: error text, a raw connection beside the Store, the backends a
// suite runs on, and the Result-checking macros.

#include "store.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>
#include <QVariantMap>

namespace tandem::test {

inline QString describe(const Error &e)
{
    return e.code + QStringLiteral(": ") + e.message;
}

/// behind its back.
class RawDb
{
public:
    explicit RawDb(const DatabaseUrl &url)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(url.kind == DatabaseUrl::Kind::Sqlite
                                             ? QStringLiteral("QSQLITE")
                                             : QStringLiteral("QPSQL"),
                                         m_name);
        if (url.kind == DatabaseUrl::Kind::Sqlite) {
            m_db.setDatabaseName(url.path);
        } else {
            m_db.setHostName(url.host);
            m_db.setPort(url.port);
            m_db.setUserName(url.user);
            m_db.setPassword(url.password);
            m_db.setDatabaseName(url.databaseName);
        }
        if (!m_db.open())
            qWarning() << "raw connection failed:" << m_db.lastError().text();
        else if (url.kind == DatabaseUrl::Kind::Postgresql)
            exec(QStringLiteral("SET client_min_messages TO WARNING")); // no DROP CASCADE notices
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    bool exec(const QString &sql, const QVariantMap &values = {})
    {
        QSqlQuery q(m_db);
        bool ok = false;
        if (values.isEmpty()) {
            ok = q.exec(sql); // PostgreSQL cannot PREPARE DDL
        } else {
            q.prepare(sql);
            for (auto it = values.begin(); it != values.end(); ++it)
                q.bindValue(it.key(), it.value());
            ok = q.exec();
        }
        if (ok)
            return true;
        qWarning() << "raw statement failed:" << sql << q.lastError().text();
        return false;
    }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

    QStringList tables()
    {
        QStringList result;
        QSqlQuery q(m_db);
        q.exec(m_db.driverName() == QLatin1String("QSQLITE")
                   ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"
                                    " AND name NOT LIKE 'sqlite_%'")
                   : QStringLiteral("SELECT tablename FROM pg_tables"
                                    " WHERE schemaname = current_schema()"));
        while (q.next())
            result.append(q.value(0).toString());
        result.sort();
        return result;
    }

    void dropAllTables()
    {
        for (const QString &table : tables()) {
            exec(QStringLiteral("DROP TABLE IF EXISTS ") +
                 m_db.driver()->escapeIdentifier(table, QSqlDriver::TableName) +
                 QStringLiteral(" CASCADE"));
        }
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

/// The backends a store suite's data-driven tests run on: a fresh SQLite file always, and the
/// PostgreSQL test cluster when TANDEM_TEST_PG_URL is set (emptied before each use).
class StoreBackends
{
public:
    /// For initTestCase(): false when TANDEM_TEST_REQUIRE_PG=1 but no cluster is given.
    bool init()
    {
        m_pgUrl = qEnvironmentVariable("TANDEM_TEST_PG_URL");
        if (m_pgUrl.isEmpty())
            qInfo("TANDEM_TEST_PG_URL not set: testing SQLite only");
        return !m_pgUrl.isEmpty() ||
               qEnvironmentVariable("TANDEM_TEST_REQUIRE_PG") != QLatin1String("1");
    }

    /// For a test's _data(): one row per backend, column "backend".
    void addRows() const
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        if (!m_pgUrl.isEmpty())
            QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    /// A store on the current row's backend with a fresh schema; SQLite lives in `dir`.
    std::unique_ptr<Store> openFresh(const QString &dir, const QString &name)
    {
        const bool pg = QByteArray(QTest::currentDataTag()) == "postgresql";
        const DatabaseUrl url = DatabaseUrl::parse(pg ? m_pgUrl
                                                      : QStringLiteral("sqlite:") + dir + u'/' +
                                                            name + QStringLiteral(".db"))
                                    .value();
        if (pg)
            RawDb(url).dropAllTables();
        auto store = Store::open(url, QStringLiteral("%1-%2").arg(name).arg(++m_connections));
        if (!store) {
            qWarning() << "Store::open failed:" << describe(store.error());
            return {};
        }
        return std::move(store).value();
    }

private:
    QString m_pgUrl;
    int m_connections = 0;
};

} // namespace tandem::test

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto &r_ = (expr);                                                                   \
        QVERIFY2(r_.ok(), qPrintable(describe(r_.error())));                                       \
    } while (false)

// Declares `var` holding the value of a Result that must have succeeded.
#define TAKE(var, expr)                                                                            \
    auto var##_result = (expr);                                                                    \
    QVERIFY2(var##_result.ok(), qPrintable(describe(var##_result.error())));                       \
    auto var = std::move(var##_result).value()
