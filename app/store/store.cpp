#include "migrations.h"
#include "store_private.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QUrl>

namespace tandem {

namespace {

Error badUrl(const QString &why)
{
    return invalidArgument(QStringLiteral("invalid database URL: %1; expected sqlite:PATH or "
                                          "postgresql://USER:PASSWORD@HOST[:PORT]/DATABASE")
                               .arg(why));
}

// Savepoint names are spliced into SQL (they cannot be bound), so only plain identifiers pass.
bool isValidSavepointName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

const QString &userColumns()
{
    static const QString columns =
        QStringLiteral("u.id, u.username, u.display_name, u.role, u.disabled");
    return columns;
}

User readUser(const Query &q, int first = 0)
{
    User u;
    u.id = q.int64(first);
    u.username = q.text(first + 1);
    u.displayName = q.text(first + 2);
    const QString role = q.text(first + 3);
    // An unknown role (written by a newer build) gets the least privileged one.
    u.role = roleFromName(role).value_or(Role::Agent);
    if (!roleFromName(role))
        qCWarning(lcStore) << "user" << u.username << "has unknown role" << role;
    u.disabled = q.boolean(first + 4);
    return u;
}

ApiKey readApiKey(const Query &q)
{
    ApiKey k;
    k.id = q.int64(0);
    k.name = q.text(1);
    k.prefix = q.text(2);
    k.createdAtMs = q.int64(3);
    k.revokedAtMs = q.int64(4);
    return k;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &url)
{
    DatabaseUrl result;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        result.kind = Kind::Sqlite;
        result.path = url.mid(7);
        if (result.path.isEmpty())
            return badUrl(QStringLiteral("the SQLite file path is empty"));
        return result;
    }
    if (!url.startsWith(QLatin1String("postgresql://")) &&
        !url.startsWith(QLatin1String("postgres://")))
        return badUrl(QStringLiteral("unknown scheme"));

    // QUrl's error strings quote the whole URL, password included, so they are not passed on.
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid())
        return badUrl(QStringLiteral("malformed PostgreSQL URL"));
    if (u.hasQuery() || u.hasFragment())
        return badUrl(QStringLiteral("query parameters are not supported"));
    result.kind = Kind::Postgresql;
    result.host = u.host(QUrl::FullyDecoded);
    result.user = u.userName(QUrl::FullyDecoded);
    result.password = u.password(QUrl::FullyDecoded);
    result.port = u.port(5432);
    result.databaseName = u.path(QUrl::FullyDecoded).mid(1);
    if (result.host.isEmpty())
        return badUrl(QStringLiteral("the host is missing"));
    if (result.user.isEmpty())
        return badUrl(QStringLiteral("the user name is missing"));
    if (result.port <= 0 || result.port > 65535)
        return badUrl(QStringLiteral("the port is out of range"));
    if (result.databaseName.isEmpty() || result.databaseName.contains(QLatin1Char('/')))
        return badUrl(QStringLiteral("the database name is missing or contains '/'"));
    return result;
}

QString DatabaseUrl::redacted() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + path;
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setUserName(user);
    if (!password.isEmpty())
        u.setPassword(QStringLiteral("***"));
    u.setHost(host);
    u.setPort(port);
    u.setPath(QLatin1Char('/') + databaseName);
    return u.toString();
}

Store::Store(QSqlDatabase db, DatabaseUrl url)
    : d(std::make_unique<Private>(std::move(db), std::move(url)))
{}

Store::~Store()
{
    const QString name = d->db().connectionName();
    d.reset(); // every QSqlDatabase and QSqlQuery copy must be gone before removeDatabase
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Store>> Store::open(const DatabaseUrl &url, const QString &connectionName)
{
    const Dialect dialect(url.kind);
    if (!QSqlDatabase::isDriverAvailable(dialect.driverName())) {
        return Error{QStringLiteral("internal"),
                     QStringLiteral("the Qt SQL driver %1 is not available (install %2)")
                         .arg(dialect.driverName(), dialect.driverPackage())};
    }
    if (QSqlDatabase::contains(connectionName))
        return invalidArgument(
            QStringLiteral("database connection \"%1\" is already open").arg(connectionName));
    if (dialect.isSqlite()) {
        const QString dir = QFileInfo(url.path).absolutePath();
        if (!QDir().mkpath(dir))
            return Error{QStringLiteral("internal"),
                         QStringLiteral("cannot create the directory %1").arg(dir)};
    }

    std::unique_ptr<Store> store;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.driverName(), connectionName);
        dialect.configure(db, url);
        if (!db.open()) {
            const QString why = db.lastError().text().trimmed();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return Error{QStringLiteral("internal"),
                         QStringLiteral("cannot open %1: %2").arg(url.redacted(), why)};
        }
        store.reset(new Store(db, url));
    } // from here on ~Store closes and removes the connection on every early return

    for (const QString &sql : dialect.sessionSetup()) {
        if (Status s = store->d->execRaw(sql); !s)
            return s.error();
    }
    if (Status s = migrations::migrate(*store->d); !s)
        return s.error();
    qCDebug(lcStore) << "opened" << url.redacted() << "as" << connectionName;
    return store;
}

int Store::latestSchemaVersion()
{
    return migrations::latestVersion();
}

Result<int> Store::schemaVersion()
{
    return migrations::storedVersion(*d);
}

DatabaseUrl::Kind Store::kind() const
{
    return d->url.kind;
}

Status Store::begin()
{
    return d->begin();
}
Status Store::commit()
{
    return d->commit();
}
Status Store::rollback()
{
    return d->rollback();
}

Status Store::savepoint(const QString &name)
{
    if (!isValidSavepointName(name))
        return invalidArgument(QStringLiteral("invalid savepoint name \"%1\"").arg(name));
    if (!d->inTransaction())
        return invalidArgument(QStringLiteral("savepoints need an open transaction"));
    return d->execRaw(QStringLiteral("SAVEPOINT ") + name);
}

Status Store::releaseSavepoint(const QString &name)
{
    if (!isValidSavepointName(name))
        return invalidArgument(QStringLiteral("invalid savepoint name \"%1\"").arg(name));
    return d->execRaw(QStringLiteral("RELEASE SAVEPOINT ") + name);
}

Status Store::rollbackToSavepoint(const QString &name)
{
    if (!isValidSavepointName(name))
        return invalidArgument(QStringLiteral("invalid savepoint name \"%1\"").arg(name));
    return d->execRaw(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
}

Result<qint64> Store::addUser(const QString &username, const QString &displayName, Role role,
                              const PasswordHash &password, qint64 nowMs)
{
    if (username.isEmpty())
        return invalidArgument(QStringLiteral("the user name is empty"));
    // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
    // would abort the caller's whole transaction.
    Query q(*d, QStringLiteral("INSERT INTO users (username, display_name, role, password_hash,"
                               " password_salt, password_iterations, disabled, created_at)"
                               " VALUES (:username, :display_name, :role, :hash, :salt,"
                               " :iterations, :disabled, :created_at)"
                               " ON CONFLICT (username) DO NOTHING RETURNING id"));
    q.bind(":username", username)
        .bind(":display_name", textValue(displayName))
        .bind(":role", roleName(role))
        .bind(":hash", password.hash)
        .bind(":salt", password.salt)
        .bind(":iterations", password.iterations)
        .bind(":disabled", boolValue(false))
        .bind(":created_at", nowMs);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("conflict"),
                     QStringLiteral("the user name \"%1\" is already taken").arg(username)};
    return q.int64(0);
}

Result<UserRecord> Store::userByName(const QString &username)
{
    static const QString sql =
        QStringLiteral("SELECT ") + userColumns() +
        QStringLiteral(", u.password_hash, u.password_salt, u.password_iterations"
                       " FROM users u WHERE u.username = :username");
    Query q(*d, sql);
    q.bind(":username", username);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no user named \"%1\"").arg(username));
    UserRecord r;
    r.user = readUser(q);
    r.password.hash = q.bytes(5);
    r.password.salt = q.bytes(6);
    r.password.iterations = q.int32(7);
    return r;
}

Result<User> Store::userById(qint64 id)
{
    static const QString sql = QStringLiteral("SELECT ") + userColumns() +
                               QStringLiteral(" FROM users u WHERE u.id = :id");
    Query q(*d, sql);
    q.bind(":id", id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no user with id %1").arg(id));
    return readUser(q);
}

Result<QList<User>> Store::users()
{
    static const QString sql =
        QStringLiteral("SELECT ") + userColumns() + QStringLiteral(" FROM users u ORDER BY u.id");
    Query q(*d, sql);
    if (!q.exec())
        return q.error();
    QList<User> result;
    while (q.next())
        result.append(readUser(q));
    return result;
}

Status Store::setUserDisabled(const QString &username, bool disabled)
{
    Query q(*d, QStringLiteral("UPDATE users SET disabled = :disabled WHERE username = :username"));
    q.bind(":disabled", boolValue(disabled)).bind(":username", username);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return notFound(QStringLiteral("no user named \"%1\"").arg(username));
    return {};
}

Status Store::addSession(const QByteArray &tokenHash, qint64 userId, qint64 nowMs,
                         qint64 expiresAtMs)
{
    Query q(*d, QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, expires_at)"
                               " VALUES (:token_hash, :user_id, :created_at, :expires_at)"));
    q.bind(":token_hash", tokenHash)
        .bind(":user_id", userId)
        .bind(":created_at", nowMs)
        .bind(":expires_at", expiresAtMs);
    if (!q.exec())
        return q.error();
    return {};
}

Result<User> Store::userForSession(const QByteArray &tokenHash, qint64 nowMs)
{
    static const QString sql =
        QStringLiteral("SELECT ") + userColumns() +
        QStringLiteral(" FROM sessions s JOIN users u ON u.id = s.user_id"
                       " WHERE s.token_hash = :token_hash AND s.expires_at > :now"
                       " AND u.disabled = :disabled");
    Query q(*d, sql);
    q.bind(":token_hash", tokenHash).bind(":now", nowMs).bind(":disabled", boolValue(false));
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no valid session for this token"));
    return readUser(q);
}

Status Store::deleteSession(const QByteArray &tokenHash)
{
    Query q(*d, QStringLiteral("DELETE FROM sessions WHERE token_hash = :token_hash"));
    q.bind(":token_hash", tokenHash);
    if (!q.exec())
        return q.error();
    return {};
}

Status Store::deleteSessionsOf(qint64 userId)
{
    Query q(*d, QStringLiteral("DELETE FROM sessions WHERE user_id = :user_id"));
    q.bind(":user_id", userId);
    if (!q.exec())
        return q.error();
    return {};
}

Result<qint64> Store::addApiKey(const QString &name, const QByteArray &keyHash,
                                const QString &prefix, qint64 nowMs)
{
    if (name.isEmpty())
        return invalidArgument(QStringLiteral("the API key name is empty"));
    Query q(*d, QStringLiteral("INSERT INTO api_keys (name, key_hash, prefix, created_at,"
                               " revoked_at) VALUES (:name, :key_hash, :prefix, :created_at,"
                               " :revoked_at) ON CONFLICT DO NOTHING RETURNING id"));
    q.bind(":name", name)
        .bind(":key_hash", keyHash)
        .bind(":prefix", textValue(prefix))
        .bind(":created_at", nowMs)
        .bind(":revoked_at", 0);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{
            QStringLiteral("conflict"),
            QStringLiteral("an API key named \"%1\" (or with the same key) exists").arg(name)};
    return q.int64(0);
}

Result<ApiKey> Store::apiKeyByHash(const QByteArray &keyHash)
{
    Query q(*d, QStringLiteral("SELECT id, name, prefix, created_at, revoked_at FROM api_keys"
                               " WHERE key_hash = :key_hash AND revoked_at = :active"));
    q.bind(":key_hash", keyHash).bind(":active", 0);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("unknown or revoked API key"));
    return readApiKey(q);
}

Result<QList<ApiKey>> Store::apiKeys()
{
    Query q(*d, QStringLiteral("SELECT id, name, prefix, created_at, revoked_at FROM api_keys"
                               " ORDER BY id"));
    if (!q.exec())
        return q.error();
    QList<ApiKey> result;
    while (q.next())
        result.append(readApiKey(q));
    return result;
}

Status Store::revokeApiKey(const QString &name, qint64 nowMs)
{
    Query q(*d, QStringLiteral("UPDATE api_keys SET revoked_at = :now"
                               " WHERE name = :name AND revoked_at = :active"));
    q.bind(":now", nowMs).bind(":name", name).bind(":active", 0);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return notFound(QStringLiteral("no active API key named \"%1\"").arg(name));
    return {};
}

Result<std::optional<QJsonObject>> Store::commandOutcome(const QString &actor,
                                                         const QString &commandId)
{
    Query q(*d, QStringLiteral("SELECT outcome FROM command_log"
                               " WHERE actor = :actor AND command_id = :command_id"));
    q.bind(":actor", textValue(actor)).bind(":command_id", textValue(commandId));
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(q.json(0));
}

Status Store::recordCommand(const QString &actor, const QString &commandId,
                            const QJsonObject &outcome, qint64 nowMs)
{
    // ON CONFLICT keeps the first outcome and, on PostgreSQL, the caller's transaction usable.
    Query q(*d, QStringLiteral("INSERT INTO command_log (actor, command_id, outcome, created_at)"
                               " VALUES (:actor, :command_id, :outcome, :created_at)"
                               " ON CONFLICT DO NOTHING"));
    q.bind(":actor", textValue(actor))
        .bind(":command_id", textValue(commandId))
        .bind(":outcome", jsonText(outcome))
        .bind(":created_at", nowMs);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return Error{
            QStringLiteral("conflict"),
            QStringLiteral("command \"%1\" of %2 was already recorded").arg(commandId, actor)};
    return {};
}

Status Store::audit(const QString &actor, const QString &action, const QJsonObject &detail,
                    qint64 nowMs)
{
    Query q(*d, QStringLiteral("INSERT INTO audit_log (actor, action, detail, created_at)"
                               " VALUES (:actor, :action, :detail, :created_at)"));
    q.bind(":actor", textValue(actor))
        .bind(":action", textValue(action))
        .bind(":detail", jsonText(detail))
        .bind(":created_at", nowMs);
    if (!q.exec())
        return q.error();
    return {};
}

Result<QList<QJsonObject>> Store::auditEntries(int limit)
{
    Query q(*d, QStringLiteral("SELECT id, actor, action, detail, created_at FROM audit_log"
                               " ORDER BY id DESC LIMIT :limit"));
    q.bind(":limit", qMax(limit, 0));
    if (!q.exec())
        return q.error();
    QList<QJsonObject> result;
    while (q.next()) {
        result.append({{QStringLiteral("id"), q.int64(0)},
                       {QStringLiteral("actor"), q.text(1)},
                       {QStringLiteral("action"), q.text(2)},
                       {QStringLiteral("detail"), q.json(3)},
                       {QStringLiteral("createdAtMs"), q.int64(4)}});
    }
    return result;
}

} // namespace tandem
