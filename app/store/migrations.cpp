#include "migrations.h"

#include <QList>
#include <QStringList>

namespace tandem::migrations {

namespace {

struct Migration
{
    int version;
    QStringList statements; // DDL templates: see Dialect::ddl for {id} and {blob}
};

// Append only: a released migration is never edited, later changes are new versions.
// Timestamps are milliseconds since the epoch, booleans 0/1, JSON is compact text.
const QList<Migration> &all()
{
    static const QList<Migration> migrations{
        {1,
         {
             QStringLiteral("CREATE TABLE users ("
                            " id {id},"
                            " username TEXT NOT NULL UNIQUE,"
                            " display_name TEXT NOT NULL DEFAULT '',"
                            " role TEXT NOT NULL,"
                            " password_hash {blob} NOT NULL,"
                            " password_salt {blob} NOT NULL,"
                            " password_iterations INTEGER NOT NULL,"
                            " disabled INTEGER NOT NULL DEFAULT 0,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE sessions ("
                            " token_hash {blob} PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " created_at BIGINT NOT NULL,"
                            " expires_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX sessions_user ON sessions (user_id)"),
             QStringLiteral("CREATE TABLE api_keys ("
                            " id {id},"
                            " name TEXT NOT NULL UNIQUE,"
                            " key_hash {blob} NOT NULL UNIQUE,"
                            " prefix TEXT NOT NULL DEFAULT '',"
                            " created_at BIGINT NOT NULL,"
                            " revoked_at BIGINT NOT NULL DEFAULT 0)"),
             // customer_key_hash is NULL for API channels, which have no browser key.
             QStringLiteral("CREATE TABLE conversations ("
                            " id {id},"
                            " customer_key_hash {blob},"
                            " customer_name TEXT NOT NULL DEFAULT '',"
                            " channel TEXT NOT NULL,"
                            " locale TEXT NOT NULL DEFAULT '',"
                            " state TEXT NOT NULL,"
                            " assignee_id BIGINT REFERENCES users(id),"
                            " priority INTEGER NOT NULL DEFAULT 0,"
                            " created_at BIGINT NOT NULL,"
                            " updated_at BIGINT NOT NULL,"
                            " waiting_since BIGINT NOT NULL DEFAULT 0,"
                            " last_message_at BIGINT NOT NULL DEFAULT 0,"
                            " last_message_preview TEXT NOT NULL DEFAULT '',"
                            " message_count INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX conversations_customer"
                            " ON conversations (customer_key_hash)"),
             QStringLiteral("CREATE INDEX conversations_state ON conversations (state)"),
             QStringLiteral("CREATE INDEX conversations_assignee"
                            " ON conversations (assignee_id, state)"),
             QStringLiteral("CREATE TABLE messages ("
                            " id {id},"
                            " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                            " sender_kind TEXT NOT NULL,"
                            " sender_user_id BIGINT REFERENCES users(id),"
                            " sender_name TEXT NOT NULL DEFAULT '',"
                            " body TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX messages_conversation ON messages (conversation_id, id)"),
             // conversation_id is not a foreign key: 0 marks events about no conversation.
             QStringLiteral("CREATE TABLE events ("
                            " seq {id},"
                            " kind TEXT NOT NULL,"
                            " conversation_id BIGINT NOT NULL DEFAULT 0,"
                            " payload TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE command_log ("
                            " actor TEXT NOT NULL,"
                            " command_id TEXT NOT NULL,"
                            " outcome TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " PRIMARY KEY (actor, command_id))"),
             QStringLiteral("CREATE TABLE audit_log ("
                            " id {id},"
                            " actor TEXT NOT NULL,"
                            " action TEXT NOT NULL,"
                            " detail TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL)"),
         }},
        // v2: the knowledge base. Statements marked {sqlite}/{postgresql} run on that backend
        // only (see Dialect::ddl). kb_search holds the analysed tokens of every question and
        // title: an FTS5 table on SQLite, a plain table with a GIN index on PostgreSQL.
        {2,
         {
             QStringLiteral("CREATE TABLE kb_articles ("
                            " id TEXT PRIMARY KEY,"
                            " position INTEGER NOT NULL,"
                            " intent TEXT NOT NULL,"
                            " tags TEXT NOT NULL,"
                            " auto_answer INTEGER NOT NULL,"
                            " enabled INTEGER NOT NULL,"
                            " version INTEGER NOT NULL,"
                            " last_reviewed TEXT NOT NULL,"
                            " updated_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE kb_content ("
                            " article_id TEXT NOT NULL REFERENCES kb_articles(id)"
                            " ON DELETE CASCADE,"
                            " language TEXT NOT NULL,"
                            " title TEXT NOT NULL,"
                            " answer TEXT NOT NULL,"
                            " PRIMARY KEY (article_id, language))"),
             QStringLiteral("CREATE TABLE kb_questions ("
                            " id {id},"
                            " article_id TEXT NOT NULL,"
                            " language TEXT NOT NULL,"
                            " position INTEGER NOT NULL,"
                            " text TEXT NOT NULL,"
                            " analysed TEXT NOT NULL,"
                            " FOREIGN KEY (article_id, language)"
                            " REFERENCES kb_content(article_id, language) ON DELETE CASCADE)"),
             QStringLiteral("CREATE INDEX kb_questions_article"
                            " ON kb_questions (article_id, language, position)"),
             QStringLiteral("CREATE TABLE kb_meta ("
                            " key TEXT PRIMARY KEY,"
                            " value TEXT NOT NULL)"),
             QStringLiteral("{sqlite}CREATE VIRTUAL TABLE kb_search USING fts5("
                            "article_id UNINDEXED, language UNINDEXED, tokens)"),
             QStringLiteral("{postgresql}CREATE TABLE kb_search ("
                            " article_id TEXT NOT NULL,"
                            " language TEXT NOT NULL,"
                            " tokens TEXT NOT NULL)"),
             QStringLiteral("{postgresql}CREATE INDEX kb_search_article ON kb_search (article_id)"),
             QStringLiteral("{postgresql}CREATE INDEX kb_search_tokens ON kb_search"
                            " USING GIN (to_tsvector('simple', tokens))"),
         }},
        // Sentiment: per customer message, and per conversation with its recent history (a short
        // JSON array of scores) so the trend needs no query over the transcript.
        {3,
         {
             QStringLiteral("ALTER TABLE messages ADD COLUMN sentiment DOUBLE PRECISION"),
             QStringLiteral("ALTER TABLE conversations ADD COLUMN sentiment DOUBLE PRECISION"),
             QStringLiteral("ALTER TABLE conversations ADD COLUMN sentiment_trend TEXT"),
             QStringLiteral("ALTER TABLE conversations ADD COLUMN sentiment_history TEXT"),
             QStringLiteral(
                 "ALTER TABLE conversations ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0"),
         }},
        // v4: trained bot models (for now kind 'sentiment'), newest id wins among the active
        // ones. Resetting deactivates rather than deletes, so the history stays auditable.
        {4,
         {
             QStringLiteral("CREATE TABLE bot_models ("
                            " id {id},"
                            " kind TEXT NOT NULL,"
                            " version TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " example_count INTEGER NOT NULL,"
                            " note TEXT NOT NULL DEFAULT '',"
                            " active INTEGER NOT NULL DEFAULT 1,"
                            " bytes {blob} NOT NULL)"),
             QStringLiteral("CREATE INDEX bot_models_kind ON bot_models (kind, active, id)"),
         }},
        // v5: what agents add beside their replies. A sentiment tag keeps the agent's label with
        // the model's label and score at that moment (message_id NULL: the whole conversation).
        // Canned responses: owner_id 0 marks the team's shared ones (not a foreign key, like
        // events.conversation_id), so one UNIQUE covers shared and own shortcuts.
        {5,
         {
             QStringLiteral("CREATE TABLE sentiment_tags ("
                            " id {id},"
                            " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                            " message_id BIGINT REFERENCES messages(id),"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " agent_label TEXT NOT NULL,"
                            " model_label TEXT,"
                            " model_score DOUBLE PRECISION,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX sentiment_tags_conversation"
                            " ON sentiment_tags (conversation_id, id)"),
             QStringLiteral("CREATE TABLE canned_responses ("
                            " id {id},"
                            " owner_id BIGINT NOT NULL DEFAULT 0,"
                            " shortcut TEXT NOT NULL,"
                            " title TEXT NOT NULL,"
                            " body TEXT NOT NULL,"
                            " language TEXT NOT NULL,"
                            " created_by TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " updated_at BIGINT NOT NULL,"
                            " UNIQUE (owner_id, shortcut, language))"),
         }},
        // Hybrid assist: what the bot prepared and decided for a conversation (suggestions,
        // handoff card, its failures, recent routing decisions) as one JSON document; what agents
        // did with suggestions; and the customer questions that accepted replies taught the bot.
        {6,
         {
             QStringLiteral("ALTER TABLE conversations ADD COLUMN assist TEXT"),
             QStringLiteral("CREATE TABLE suggestion_outcomes ("
                            " id {id},"
                            " conversation_id BIGINT NOT NULL REFERENCES conversations(id),"
                            " message_id BIGINT NOT NULL,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " action TEXT NOT NULL,"
                            " rank INTEGER,"
                            " article_id TEXT,"
                            " article_version INTEGER,"
                            " intent TEXT,"
                            " confidence DOUBLE PRECISION,"
                            " model_version TEXT,"
                            " shown TEXT NOT NULL,"
                            " sent_text TEXT,"
                            " edit_distance DOUBLE PRECISION,"
                            " reason TEXT,"
                            " display_ms BIGINT,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX suggestion_outcomes_conversation"
                            " ON suggestion_outcomes (conversation_id, id)"),
             QStringLiteral("CREATE TABLE learned_examples ("
                            " id {id},"
                            " text TEXT NOT NULL,"
                            " article_id TEXT NOT NULL,"
                            " intent TEXT NOT NULL,"
                            " outcome_id BIGINT,"
                            " created_at BIGINT NOT NULL)"),
         }},
    };
    return migrations;
}

Error tooNew(int version)
{
    return {QStringLiteral("schema_too_new"),
            QStringLiteral("database schema v%1 is newer than this Tandem supports (v%2); "
                           "upgrade Tandem or point it at another database")
                .arg(version)
                .arg(latestVersion())};
}

Result<bool> versionTableExists(Connection &c)
{
    Query q(c, c.dialect().tableExistsSql());
    q.bind(":name", QStringLiteral("schema_version"));
    if (!q.exec())
        return q.error();
    return q.next();
}

Result<int> readVersion(Connection &c)
{
    Query q(c, QStringLiteral("SELECT version FROM schema_version WHERE id = :id"));
    q.bind(":id", 1);
    if (!q.exec())
        return q.error();
    return q.next() ? q.int32(0) : 0;
}

Status writeVersion(Connection &c, int version)
{
    Query q(c, QStringLiteral("UPDATE schema_version SET version = :version WHERE id = :id"));
    q.bind(":version", version).bind(":id", 1);
    if (!q.exec())
        return q.error();
    return {};
}

Status createVersionTable(Connection &c)
{
    if (Status s = c.begin(); !s)
        return s;
    Status s = c.execRaw(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                                        " id INTEGER PRIMARY KEY CHECK (id = 1),"
                                        " version INTEGER NOT NULL)"));
    if (s) {
        Query q(c, QStringLiteral("INSERT INTO schema_version (id, version)"
                                  " VALUES (:id, :version) ON CONFLICT DO NOTHING"));
        q.bind(":id", 1).bind(":version", 0);
        if (!q.exec())
            s = q.error();
    }
    if (!s) {
        c.rollback();
        return s;
    }
    return c.commit();
}

// Applies one migration unless another process got there first while we waited for the lock.
Status apply(Connection &c, const Migration &m)
{
    if (Status s = c.begin(); !s)
        return s;
    const auto fail = [&c](Error e) {
        c.rollback();
        return Status(std::move(e));
    };
    if (const QString lock = c.dialect().migrationLockSql(); !lock.isEmpty()) {
        if (Status s = c.execRaw(lock); !s)
            return fail(s.error());
    }
    const Result<int> current = readVersion(c);
    if (!current)
        return fail(current.error());
    if (*current > latestVersion())
        return fail(tooNew(*current));
    if (*current >= m.version) {
        c.rollback();
        return {};
    }
    for (const QString &statement : m.statements) {
        const QString sql = c.dialect().ddl(statement);
        if (sql.isEmpty())
            continue; // for the other backend
        if (Status s = c.execRaw(sql); !s) {
            Error e = s.error();
            e.message = QStringLiteral("migrating the schema to v%1 failed: %2")
                            .arg(m.version)
                            .arg(e.message);
            return fail(e);
        }
    }
    if (Status s = writeVersion(c, m.version); !s)
        return fail(s.error());
    qCDebug(lcStore) << "schema migrated to version" << m.version;
    return c.commit();
}

} // namespace

int latestVersion()
{
    return all().constLast().version;
}

Result<int> storedVersion(Connection &connection)
{
    const Result<bool> exists = versionTableExists(connection);
    if (!exists)
        return exists.error();
    if (!*exists)
        return 0;
    return readVersion(connection);
}

Status migrate(Connection &connection)
{
    const Result<int> stored = storedVersion(connection);
    if (!stored)
        return stored.error();
    if (*stored > latestVersion())
        return tooNew(*stored);
    if (*stored == latestVersion())
        return {};
    if (Status s = createVersionTable(connection); !s)
        return s;
    for (const Migration &m : all()) {
        if (m.version <= *stored)
            continue;
        if (Status s = apply(connection, m); !s)
            return s;
    }
    // Statements prepared against the old schema could now return different columns.
    connection.clearStatements();
    return {};
}

} // namespace tandem::migrations
