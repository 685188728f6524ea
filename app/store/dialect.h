#pragma once

#include "store.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

namespace tandem {

/// Every difference between SQLite and PostgreSQL that the store cares about, so the rest of
/// the store is written once against the common subset of SQL both accept.
class Dialect
{
public:
    explicit Dialect(DatabaseUrl::Kind kind)
        : m_kind(kind)
    {}

    DatabaseUrl::Kind kind() const { return m_kind; }
    bool isSqlite() const { return m_kind == DatabaseUrl::Kind::Sqlite; }

    /// The Qt SQL driver, and what to install when it is missing.
    QString driverName() const;
    QString driverPackage() const;

    /// Points a fresh connection at the database described by the URL.
    void configure(QSqlDatabase &db, const DatabaseUrl &url) const;
    /// Statements run once right after connecting (SQLite pragmas are per connection).
    QStringList sessionSetup() const;

    /// Starts a transaction. SQLite takes the write lock up front: a deferred transaction that
    /// later upgrades can fail with SQLITE_BUSY half-way through a group commit.
    bool begin(QSqlDatabase &db, QSqlError *error) const;

    /// Whether a failed COMMIT has already ended the transaction. PostgreSQL turns a COMMIT of
    /// an aborted transaction into a rollback; SQLite keeps the transaction open (SQLITE_BUSY).
    bool failedCommitEndsTransaction() const { return !isSqlite(); }

    /// Expands the type placeholders of a DDL template: {id} (auto-increment primary key
    /// column type) and {blob} (raw bytes). A template starting with {sqlite} or {postgresql}
    /// is for that backend only: for the other one the result is empty.
    QString ddl(QString statement) const;
    /// A query with a :name placeholder returning a row when that table exists.
    QString tableExistsSql() const;
    /// Serialises concurrent migrators inside the migration transaction (empty: not needed).
    QString migrationLockSql() const;

    /// Knowledge-base search: binds :query (from kbSearchQuery), :enabled and :limit; returns
    /// (article_id, score) rows, best article first, where a lower score is a better match.
    QString kbSearchSql() const;
    /// The full-text query matching any of the analysed tokens, each quoted literally.
    QString kbSearchQuery(const QStringList &tokens) const;

    bool isUniqueViolation(const QSqlError &error) const;

private:
    DatabaseUrl::Kind m_kind;
};

} // namespace tandem
