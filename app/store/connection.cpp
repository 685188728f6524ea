#include "connection.h"

#include <QJsonDocument>
#include <QSqlError>

namespace tandem {

Q_LOGGING_CATEGORY(lcStore, "tandem.store.sql", QtInfoMsg)

Connection::Connection(QSqlDatabase database, DatabaseUrl::Kind kind)
    : m_db(std::move(database))
    , m_dialect(kind)
{}

Connection::~Connection()
{
    clearStatements();
    if (m_db.isOpen())
        m_db.close();
}

QSqlQuery *Connection::statement(const QString &sql, Error *error)
{
    if (auto it = m_statements.find(sql); it != m_statements.end())
        return it->second.get();
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        // Not cached: on PostgreSQL a prepare fails while the transaction is aborted, and
        // should be retried once it has been rolled back.
        *error = this->error(query->lastError(), sql);
        return nullptr;
    }
    QSqlQuery *raw = query.get();
    m_statements.emplace(sql, std::move(query));
    return raw;
}

void Connection::clearStatements()
{
    m_statements.clear();
}

Status Connection::execRaw(const QString &sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return {};
    return error(q.lastError(), sql);
}

Error Connection::error(const QSqlError &sqlError, const QString &sql) const
{
    // PostgreSQL's databaseText is the server's whole report (message, detail, SQLSTATE); when
    // the driver itself gave up (a COMMIT the server turned into a rollback) it is just "()".
    QString message = sqlError.databaseText().trimmed();
    if (message.isEmpty() || message == QLatin1String("()"))
        message = sqlError.driverText().trimmed();
    if (m_dialect.isUniqueViolation(sqlError)) {
        qCDebug(lcStore) << "unique violation:" << message << "in" << sql;
        return {QStringLiteral("conflict"), message};
    }
    qCWarning(lcStore) << "statement failed:" << message << "in" << sql;
    return {QStringLiteral("internal"), message};
}

Status Connection::begin()
{
    if (m_inTransaction)
        return invalidArgument(QStringLiteral("a transaction is already open"));
    QSqlError sqlError;
    if (!m_dialect.begin(m_db, &sqlError))
        return error(sqlError, QStringLiteral("BEGIN"));
    m_inTransaction = true;
    return {};
}

Status Connection::commit()
{
    if (!m_inTransaction)
        return invalidArgument(QStringLiteral("no transaction is open"));
    m_inTransaction = false;
    if (m_db.commit())
        return {};
    // A commit that failed must not leave a half-open transaction behind: callers treat a
    // failed commit as "nothing was written" and report the whole batch as failed.
    Error e = error(m_db.lastError(), QStringLiteral("COMMIT"));
    if (!m_dialect.failedCommitEndsTransaction())
        m_db.rollback();
    e.message = QStringLiteral("commit failed, transaction rolled back: ") + e.message;
    return e;
}

Status Connection::rollback()
{
    if (!m_inTransaction)
        return invalidArgument(QStringLiteral("no transaction is open"));
    m_inTransaction = false;
    if (m_db.rollback())
        return {};
    return error(m_db.lastError(), QStringLiteral("ROLLBACK"));
}

Query::Query(Connection &connection, const QString &sql)
    : m_connection(connection)
    , m_sql(sql)
    , m_query(connection.statement(sql, &m_error))
{}

Query::~Query()
{
    if (m_query)
        m_query->finish();
}

Query &Query::bind(const char *placeholder, const QVariant &value)
{
    if (m_query)
        m_query->bindValue(QLatin1String(placeholder), value);
    return *this;
}

bool Query::exec()
{
    if (!m_query)
        return false; // m_error already says why the statement could not be prepared
    if (m_query->exec())
        return true;
    m_error = m_connection.error(m_query->lastError(), m_sql);
    return false;
}

QJsonObject Query::json(int column) const
{
    return QJsonDocument::fromJson(m_query->value(column).toString().toUtf8()).object();
}

QVariant textValue(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : s;
}

QVariant idOrNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QVariant boolValue(bool b)
{
    return b ? 1 : 0;
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Error notFound(const QString &message)
{
    return {QStringLiteral("not_found"), message};
}

Error invalidArgument(const QString &message)
{
    return {QStringLiteral("invalid_argument"), message};
}

} // namespace tandem
