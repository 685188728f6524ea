#pragma once

#include "dialect.h"
#include "result.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>

#include <memory>
#include <unordered_map>

namespace tandem {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

/// An open database connection with its dialect, its prepared-statement cache and the state of
/// the transaction the store opened on it.
class Connection
{
public:
    Connection(QSqlDatabase database, DatabaseUrl::Kind kind);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// The prepared statement for `sql`, prepared on first use. Keeping statements prepared
    /// saves PostgreSQL a PREPARE/DEALLOCATE round trip pair on every call of a hot path.
    QSqlQuery *statement(const QString &sql, Error *error);
    /// Drops every cached statement (before closing, or after the schema changed).
    void clearStatements();

    /// Runs a statement that has no values to bind (DDL, pragmas, savepoints).
    Status execRaw(const QString &sql);

    Error error(const QSqlError &sqlError, const QString &sql) const;

    Status begin();
    Status commit();
    Status rollback();
    bool inTransaction() const { return m_inTransaction; }

    /// Runs `work` atomically: inside the caller's transaction when one is open (the caller
    /// then decides what a failure undoes), otherwise in a transaction of its own.
    template <typename T, typename F>
    Result<T> atomically(F &&work)
    {
        if (m_inTransaction)
            return work();
        if (Status s = begin(); !s)
            return s.error();
        Result<T> r = work();
        if (!r) {
            rollback();
            return r;
        }
        if (Status s = commit(); !s)
            return s.error();
        return r;
    }

    QSqlDatabase &db() { return m_db; }
    const Dialect &dialect() const { return m_dialect; }

private:
    QSqlDatabase m_db;
    const Dialect m_dialect;
    struct StringHash
    {
        size_t operator()(const QString &s) const noexcept { return qHash(s); }
    };
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>, StringHash> m_statements;
    bool m_inTransaction = false;
};

/// One execution of a cached prepared statement. Resets the statement when it goes out of
/// scope: an SQLite statement left stepping keeps its read snapshot open.
class Query
{
public:
    Query(Connection &connection, const QString &sql);
    ~Query();
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;

    Query &bind(const char *placeholder, const QVariant &value);
    bool exec();
    bool next() { return m_query->next(); }
    int rowsAffected() const { return m_query->numRowsAffected(); }
    const Error &error() const { return m_error; }

    qint64 int64(int column) const { return m_query->value(column).toLongLong(); }
    int int32(int column) const { return m_query->value(column).toInt(); }
    double real(int column) const { return m_query->value(column).toDouble(); }
    std::optional<double> optionalReal(int column) const
    {
        const QVariant v = m_query->value(column);
        return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
    }
    bool boolean(int column) const { return m_query->value(column).toLongLong() != 0; }
    QString text(int column) const { return m_query->value(column).toString(); }
    QByteArray bytes(int column) const { return m_query->value(column).toByteArray(); }
    QJsonObject json(int column) const;

private:
    Connection &m_connection;
    QString m_sql;
    QSqlQuery *m_query = nullptr;
    Error m_error;
};

/// A string value that is never bound as SQL NULL: Qt binds a null QString as NULL, which
/// NOT NULL text columns reject.
QVariant textValue(const QString &s);
/// An id column value where 0 means "none", stored as NULL so foreign keys accept it.
QVariant idOrNull(qint64 id);
QVariant boolValue(bool b);
QString jsonText(const QJsonObject &object);

Error notFound(const QString &message);
Error invalidArgument(const QString &message);

} // namespace tandem
