#include "outbox.h"

#include "clienterrors.h"
#include "hubconnection.h"
#include "logging.h"
#include "protocol.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace tandem {

namespace {

constexpr int kSchemaVersion = 2;

Error storageError(const QString &what, const QSqlError &e)
{
    return client::makeError(client::errc::Storage, what + QStringLiteral(": ") + e.text());
}

Status run(QSqlQuery &q, const QString &what)
{
    if (!q.exec())
        return storageError(what, q.lastError());
    return {};
}

QString replyStateName(OutboxReply::State s)
{
    return s == OutboxReply::State::Failed ? QStringLiteral("failed") : QStringLiteral("pending");
}

} // namespace

Outbox::Outbox(HubConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(&connection, &HubConnection::synchronised, this, &Outbox::submitNext);
    connect(&connection, &HubConnection::commandSucceeded, this, &Outbox::onSucceeded);
    connect(&connection, &HubConnection::commandFailed, this, &Outbox::onFailed);
}

Outbox::~Outbox()
{
    if (m_connectionName.isEmpty())
        return;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status Outbox::open(const QString &path)
{
    if (isOpen())
        return client::makeError(client::errc::Storage, tr("The outbox is already open."));
    static int instance = 0;
    const QString name = QStringLiteral("tandem-outbox-%1").arg(++instance);
    QDir().mkpath(QFileInfo(path).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            const Error e = storageError(tr("Cannot open the outbox %1").arg(path), db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return e;
        }
    }
    m_connectionName = name;
    m_path = path;
    if (Status s = migrate(); !s.ok()) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
        return s;
    }
    qCDebug(lcClientOutbox) << "outbox" << path << "holds" << replies().size() << "replies";
    submitNext();
    return {};
}

Status Outbox::migrate()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // WAL keeps readers and the writer apart; FULL syncs each commit, so a queued reply is on
    // disk before queueReply() returns.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"}) {
        if (!q.exec(QLatin1String(pragma)))
            return storageError(QLatin1String(pragma), q.lastError());
    }
    if (!q.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return storageError(tr("Cannot create the outbox"), q.lastError());
    int version = 0;
    if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next())
        version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return client::makeError(client::errc::Storage,
                                 tr("The outbox %1 was written by a newer Tandem.").arg(m_path));
    if (version == kSchemaVersion)
        return {};
    // Forward migrations in one transaction; version 1 is the first schema.
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    QStringList steps;
    const QStringList v1{
        QStringLiteral("CREATE TABLE replies ("
                       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " client_id TEXT NOT NULL UNIQUE,"
                       " conversation_id INTEGER NOT NULL,"
                       " text TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " status TEXT NOT NULL DEFAULT 'pending',"
                       " error_code TEXT NOT NULL DEFAULT '',"
                       " error_message TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE TABLE drafts ("
                       " conversation_id INTEGER PRIMARY KEY,"
                       " text TEXT NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO schema_version (version) VALUES (1)"),
    };
    // Version 2: what a reply did with the bot's suggestions, so that it survives a restart.
    const QStringList v2{
        QStringLiteral("ALTER TABLE replies ADD COLUMN assist TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("INSERT INTO schema_version (version) VALUES (2)"),
    };
    if (version < 1)
        steps += v1;
    steps += v2;
    for (const QString &sql : std::as_const(steps)) {
        if (!q.exec(sql)) {
            const Error e = storageError(tr("Cannot create the outbox"), q.lastError());
            db.rollback();
            return e;
        }
    }
    if (!db.commit())
        return storageError(tr("Cannot create the outbox"), db.lastError());
    return {};
}

Result<QString> Outbox::queueReply(qint64 conversationId, const QString &text,
                                   const QJsonObject &assist)
{
    if (!isOpen())
        return client::makeError(client::errc::Storage, tr("The outbox is not open."));
    if (conversationId <= 0)
        return client::makeError(protocol::errc::InvalidField, tr("No conversation is selected."));
    if (text.trimmed().isEmpty())
        return client::makeError(protocol::errc::InvalidField, tr("The reply is empty."));
    if (text.size() > protocol::kMaxTextLength)
        return client::makeError(
            protocol::errc::InvalidField,
            tr("The reply is longer than %1 characters.").arg(protocol::kMaxTextLength));
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return storageError(tr("Cannot save the reply"), db.lastError());
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO replies (client_id, conversation_id, text, assist, created_at)"
                       " VALUES (:client_id, :conversation_id, :text, :assist, :created_at)"));
    q.bindValue(QStringLiteral(":client_id"), clientId);
    q.bindValue(QStringLiteral(":conversation_id"), conversationId);
    q.bindValue(QStringLiteral(":text"), text);
    q.bindValue(QStringLiteral(":assist"),
                assist.isEmpty()
                    ? QStringLiteral("") // a null QString would bind as NULL
                    : QString::fromUtf8(QJsonDocument(assist).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":created_at"), QDateTime::currentMSecsSinceEpoch());
    Status s = run(q, tr("Cannot save the reply"));
    if (s.ok()) {
        q.prepare(QStringLiteral("DELETE FROM drafts WHERE conversation_id = :conversation_id"));
        q.bindValue(QStringLiteral(":conversation_id"), conversationId);
        s = run(q, tr("Cannot clear the draft"));
    }
    if (s.ok() && !db.commit())
        s = storageError(tr("Cannot save the reply"), db.lastError());
    if (!s.ok()) {
        db.rollback();
        return s.error();
    }
    emit replyQueued(clientId, conversationId);
    submitNext();
    return clientId;
}

QList<OutboxReply> Outbox::replies(qint64 conversationId) const
{
    QList<OutboxReply> list;
    if (!isOpen())
        return list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT client_id, conversation_id, text, created_at, status,"
                             " error_code, error_message, assist FROM replies") +
              (conversationId ? QStringLiteral(" WHERE conversation_id = :c") : QString()) +
              QStringLiteral(" ORDER BY seq"));
    if (conversationId)
        q.bindValue(QStringLiteral(":c"), conversationId);
    if (!q.exec()) {
        qCWarning(lcClientOutbox) << "cannot read the outbox:" << q.lastError().text();
        return list;
    }
    while (q.next()) {
        OutboxReply r;
        r.clientId = q.value(0).toString();
        r.conversationId = q.value(1).toLongLong();
        r.text = q.value(2).toString();
        r.createdAtMs = q.value(3).toLongLong();
        r.state = q.value(4).toString() == QLatin1String("failed") ? OutboxReply::State::Failed
                                                                   : OutboxReply::State::Pending;
        r.error = Error{q.value(5).toString(), q.value(6).toString()};
        r.assist = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
        list.append(r);
    }
    return list;
}

Status Outbox::retryReply(const QString &clientId)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE replies SET status = :pending, error_code = '',"
                             " error_message = '' WHERE client_id = :id AND status = :failed"));
    q.bindValue(QStringLiteral(":pending"), replyStateName(OutboxReply::State::Pending));
    q.bindValue(QStringLiteral(":failed"), replyStateName(OutboxReply::State::Failed));
    q.bindValue(QStringLiteral(":id"), clientId);
    if (Status s = run(q, tr("Cannot retry the reply")); !s.ok())
        return s;
    submitNext();
    return {};
}

Status Outbox::discardReply(const QString &clientId)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("DELETE FROM replies WHERE client_id = :id AND status = :failed"));
    q.bindValue(QStringLiteral(":id"), clientId);
    q.bindValue(QStringLiteral(":failed"), replyStateName(OutboxReply::State::Failed));
    return run(q, tr("Cannot discard the reply"));
}

Status Outbox::setDraft(qint64 conversationId, const QString &text)
{
    if (!isOpen())
        return client::makeError(client::errc::Storage, tr("The outbox is not open."));
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (text.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM drafts WHERE conversation_id = :c"));
    } else {
        q.prepare(QStringLiteral("INSERT INTO drafts (conversation_id, text, updated_at)"
                                 " VALUES (:c, :text, :now) ON CONFLICT (conversation_id)"
                                 " DO UPDATE SET text = excluded.text,"
                                 " updated_at = excluded.updated_at"));
        q.bindValue(QStringLiteral(":text"), text);
        q.bindValue(QStringLiteral(":now"), QDateTime::currentMSecsSinceEpoch());
    }
    q.bindValue(QStringLiteral(":c"), conversationId);
    return run(q, tr("Cannot save the draft"));
}

QString Outbox::draft(qint64 conversationId) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT text FROM drafts WHERE conversation_id = :c"));
    q.bindValue(QStringLiteral(":c"), conversationId);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString();
}

bool Outbox::mayDeliver()
{
    // Only once signed in, and only as the user who wrote the replies: the connection would
    // otherwise carry them into whichever session comes next.
    if (m_connection.state() != HubConnection::State::Connected)
        return false;
    const QString me = m_connection.user().username;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'owner'"));
    if (!q.exec())
        return false;
    if (q.next()) {
        const QString owner = q.value(0).toString();
        if (owner != me)
            qCWarning(lcClientOutbox) << "outbox" << m_path << "belongs to" << owner << "not" << me;
        return owner == me;
    }
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('owner', :me)"));
    q.bindValue(QStringLiteral(":me"), me);
    return run(q, tr("Cannot record the outbox's owner")).ok();
}

void Outbox::submitNext()
{
    if (!isOpen() || !mayDeliver())
        return;
    // One reply per conversation on the wire at a time keeps the customer's view in order even
    // when a send has to be retried.
    QSet<qint64> busy;
    for (qint64 c : std::as_const(m_inFlight))
        busy.insert(c);
    const QList<OutboxReply> all = replies();
    for (const OutboxReply &r : all) {
        if (r.state != OutboxReply::State::Pending || m_inFlight.contains(r.clientId) ||
            busy.contains(r.conversationId))
            continue;
        busy.insert(r.conversationId);
        m_inFlight.insert(r.clientId, r.conversationId);
        QJsonObject fields{{QStringLiteral("conversationId"), r.conversationId},
                           {QStringLiteral("text"), r.text}};
        if (!r.assist.isEmpty())
            fields.insert(QStringLiteral("assist"), r.assist);
        m_connection.command(QStringLiteral("send"), fields, r.clientId);
    }
}

void Outbox::onSucceeded(const QString &id, const QJsonObject &ack)
{
    const auto it = m_inFlight.constFind(id);
    if (it == m_inFlight.cend())
        return;
    const qint64 conversationId = *it;
    m_inFlight.erase(it);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("DELETE FROM replies WHERE client_id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    // If this fails the reply is sent again next time, and the hub answers it as a duplicate.
    if (Status s = run(q, tr("Cannot remove a sent reply")); !s.ok())
        qCWarning(lcClientOutbox) << s.error().message;
    qCDebug(lcClientOutbox) << "reply" << id << "delivered"
                            << (ack.value(QStringLiteral("duplicate")).toBool() ? "(duplicate)"
                                                                                : "");
    emit replySent(id, conversationId);
    submitNext();
}

void Outbox::onFailed(const QString &id, const Error &error)
{
    const auto it = m_inFlight.constFind(id);
    if (it == m_inFlight.cend())
        return;
    const qint64 conversationId = *it;
    m_inFlight.erase(it);
    if (!client::isPermanent(error)) {
        // Still pending on disk: sent again after the next sign-in.
        qCDebug(lcClientOutbox) << "reply" << id << "postponed:" << error.code;
        return;
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE replies SET status = :failed, error_code = :code,"
                             " error_message = :message WHERE client_id = :id"));
    q.bindValue(QStringLiteral(":failed"), replyStateName(OutboxReply::State::Failed));
    q.bindValue(QStringLiteral(":code"), error.code);
    q.bindValue(QStringLiteral(":message"), error.message);
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = run(q, tr("Cannot mark a reply failed")); !s.ok())
        qCWarning(lcClientOutbox) << s.error().message;
    qCWarning(lcClientOutbox) << "reply" << id << "to" << conversationId << "refused:" << error.code
                              << error.message;
    emit replyFailed(id, conversationId, error);
    submitNext();
}

} // namespace tandem
