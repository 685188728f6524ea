#include "store.h"
#include "storetesthelpers.h"

#include <QCryptographicHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tandem;
using namespace tandem::test;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

QByteArray sha(const QByteArray &text)
{
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}

PasswordHash password(const QByteArray &seed = "pw")
{
    // Embedded NUL and high bytes: hashes are raw bytes, not text.
    return {sha(seed) + QByteArray("\0\xff\x01", 3), sha("salt-" + seed), 600000};
}

Message message(qint64 conversationId, SenderKind kind, const QString &text, qint64 at,
                qint64 userId = 0)
{
    Message m;
    m.conversationId = conversationId;
    m.senderKind = kind;
    m.senderUserId = userId;
    m.senderName =
        kind == SenderKind::Customer ? QStringLiteral("Customer") : QStringLiteral("Ann");
    m.text = text;
    m.createdAtMs = at;
    return m;
}

NewConversation newConversation(const QByteArray &key, ConversationState state, qint64 at)
{
    NewConversation c;
    c.customerKeyHash = key;
    c.customerName = QStringLiteral("Customer");
    c.channel = key.isEmpty() ? QStringLiteral("api") : QStringLiteral("web");
    c.locale = QStringLiteral("en");
    c.state = state;
    c.nowMs = at;
    return c;
}

/// A plain connection beside the Store, for looking at (and tampering with) the database

} // namespace

#define VERIFY_ERROR(expr, expectedCode)                                                           \
    do {                                                                                           \
        const auto &r_ = (expr);                                                                   \
        QVERIFY2(!r_.ok(), "expected an error");                                                   \
        QCOMPARE(r_.error().code, QStringLiteral(expectedCode));                                   \
    } while (false)

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void parseUrl_data();
    void parseUrl();
    void redacted();
    void openErrors();

    void migrateFromEmpty_data() { addBackends(); }
    void migrateFromEmpty();
    void newerSchemaIsRefused_data() { addBackends(); }
    void newerSchemaIsRefused();
    void users_data() { addBackends(); }
    void users();
    void sessions_data() { addBackends(); }
    void sessions();
    void apiKeys_data() { addBackends(); }
    void apiKeys();
    void conversationTransitions_data() { addBackends(); }
    void conversationTransitions();
    void assignedCount_data() { addBackends(); }
    void assignedCount();
    void addMessageUpdatesConversation_data() { addBackends(); }
    void addMessageUpdatesConversation();
    void messagesPaging_data() { addBackends(); }
    void messagesPaging();
    void events_data() { addBackends(); }
    void events();
    void commandLog_data() { addBackends(); }
    void commandLog();
    void audit_data() { addBackends(); }
    void audit();
    void savepoints_data() { addBackends(); }
    void savepoints();
    void failedCommandInGroupCommit_data() { addBackends(); }
    void failedCommandInGroupCommit();
    void commitNeverLies_data() { addBackends(); }
    void commitNeverLies();
    void rollbackLeavesNothing_data() { addBackends(); }
    void rollbackLeavesNothing();
    void unicodeRoundTrip_data() { addBackends(); }
    void unicodeRoundTrip();
    void secondStoreSeesData_data() { addBackends(); }
    void secondStoreSeesData();

private:
    void addBackends();
    DatabaseUrl currentUrl();
    /// Opens a Store on an empty database of the current backend.
    std::unique_ptr<Store> openFresh();
    std::unique_ptr<Store> open();

    QString m_pgUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_connections = 0;
};

void TestStore::initTestCase()
{
    m_pgUrl = qEnvironmentVariable("TANDEM_TEST_PG_URL");
    if (m_pgUrl.isEmpty()) {
        if (qEnvironmentVariable("TANDEM_TEST_REQUIRE_PG") == QLatin1String("1"))
            QFAIL("TANDEM_TEST_REQUIRE_PG=1 but TANDEM_TEST_PG_URL is not set "
                  "(start a server with scripts/pg-test-cluster.sh)");
        qInfo("TANDEM_TEST_PG_URL not set: testing SQLite only");
    } else {
        const auto url = DatabaseUrl::parse(m_pgUrl);
        QVERIFY2(url.ok(), qPrintable(describe(url.error())));
        QCOMPARE(url->kind, DatabaseUrl::Kind::Postgresql);
    }
}

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::cleanup()
{
    m_dir.reset();
}

void TestStore::addBackends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    if (!m_pgUrl.isEmpty())
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

DatabaseUrl TestStore::currentUrl()
{
    QFETCH(QString, backend);
    // A subdirectory that does not exist yet: open() must create it.
    const QString url =
        backend == QLatin1String("sqlite")
            ? QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("data/tandem.db"))
            : m_pgUrl;
    return DatabaseUrl::parse(url).value();
}

std::unique_ptr<Store> TestStore::open()
{
    const QString name = QStringLiteral("store-%1").arg(++m_connections);
    auto store = Store::open(currentUrl(), name);
    if (!store) {
        qWarning() << "Store::open failed:" << describe(store.error());
        return {};
    }
    return std::move(store).value();
}

std::unique_ptr<Store> TestStore::openFresh()
{
    const DatabaseUrl url = currentUrl();
    if (url.kind == DatabaseUrl::Kind::Postgresql)
        RawDb(url).dropAllTables();
    return open();
}

#define OPEN_FRESH(var)                                                                            \
    auto var = openFresh();                                                                        \
    QVERIFY(var)

void TestStore::parseUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("sqlite");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<int>("port");

    const QString none;
    QTest::newRow("sqlite relative")
        << QStringLiteral("sqlite:tandem.db") << true << true << QStringLiteral("tandem.db") << none
        << none << none << none << 5432;
    QTest::newRow("sqlite absolute")
        << QStringLiteral("sqlite:/var/lib/tandem/tandem.db") << true << true
        << QStringLiteral("/var/lib/tandem/tandem.db") << none << none << none << none << 5432;
    QTest::newRow("postgresql full")
        << QStringLiteral("postgresql://alice:s3cret@db.example.com:6543/tandem") << true << false
        << none << QStringLiteral("db.example.com") << QStringLiteral("alice")
        << QStringLiteral("s3cret") << QStringLiteral("tandem") << 6543;
    QTest::newRow("postgres scheme, default port")
        << QStringLiteral("postgres://alice:s3cret@127.0.0.1/tandem") << true << false << none
        << QStringLiteral("127.0.0.1") << QStringLiteral("alice") << QStringLiteral("s3cret")
        << QStringLiteral("tandem") << 5432;
    QTest::newRow("percent-encoded credentials")
        << QStringLiteral("postgresql://al%40ice:p%40ss%3Aw%2Ford%25@localhost:5433/tandem") << true
        << false << none << QStringLiteral("localhost") << QStringLiteral("al@ice")
        << QStringLiteral("p@ss:w/ord%") << QStringLiteral("tandem") << 5433;
    QTest::newRow("no password") << QStringLiteral("postgresql://alice@localhost/tandem") << true
                                 << false << none << QStringLiteral("localhost")
                                 << QStringLiteral("alice") << QString() << QStringLiteral("tandem")
                                 << 5432;

    const auto bad = [&](const char *tag, const char *input) {
        QTest::newRow(tag) << QString::fromUtf8(input) << false << false << none << none << none
                           << none << none << 0;
    };
    bad("empty", "");
    bad("bare path", "tandem.db");
    bad("sqlite without path", "sqlite:");
    bad("unknown scheme", "mysql://alice:pw@localhost/tandem");
    bad("no host", "postgresql://alice:pw@/tandem");
    bad("no user", "postgresql://localhost/tandem");
    bad("no database", "postgresql://alice:pw@localhost/");
    bad("nested database path", "postgresql://alice:pw@localhost/a/b");
    bad("port out of range", "postgresql://alice:pw@localhost:99999/tandem");
    bad("port not a number", "postgresql://alice:pw@localhost:abc/tandem");
    bad("query parameters", "postgresql://alice:pw@localhost/tandem?sslmode=require");
}

void TestStore::parseUrl()
{
    QFETCH(QString, input);
    QFETCH(bool, ok);
    const auto url = DatabaseUrl::parse(input);
    if (!ok) {
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, QStringLiteral("invalid_argument"));
        // The message tells the user what would have been accepted.
        QVERIFY2(url.error().message.contains(QLatin1String("sqlite:PATH")),
                 qPrintable(url.error().message));
        QVERIFY(url.error().message.contains(QLatin1String("postgresql://")));
        QVERIFY(!url.error().message.contains(QLatin1String(":pw@")));
        return;
    }
    QVERIFY2(url.ok(), qPrintable(describe(url.error())));
    QFETCH(bool, sqlite);
    QFETCH(QString, path);
    QFETCH(QString, host);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(int, port);
    QCOMPARE(url->kind, sqlite ? DatabaseUrl::Kind::Sqlite : DatabaseUrl::Kind::Postgresql);
    if (sqlite) {
        QCOMPARE(url->path, path);
        return;
    }
    QCOMPARE(url->host, host);
    QCOMPARE(url->user, user);
    QCOMPARE(url->password, password);
    QCOMPARE(url->databaseName, database);
    QCOMPARE(url->port, port);
}

void TestStore::redacted()
{
    const auto pg =
        DatabaseUrl::parse(QStringLiteral("postgresql://alice:s%40cret@db:6543/tandem"));
    QVERIFY(pg.ok());
    QCOMPARE(pg->redacted(), QStringLiteral("postgresql://alice:***@db:6543/tandem"));
    QVERIFY(!pg->redacted().contains(QLatin1String("cret")));
    const auto noPassword = DatabaseUrl::parse(QStringLiteral("postgres://alice@db/tandem"));
    QVERIFY(noPassword.ok());
    QCOMPARE(noPassword->redacted(), QStringLiteral("postgresql://alice@db:5432/tandem"));
    const auto lite = DatabaseUrl::parse(QStringLiteral("sqlite:/srv/tandem.db"));
    QVERIFY(lite.ok());
    QCOMPARE(lite->redacted(), QStringLiteral("sqlite:/srv/tandem.db"));
}

void TestStore::openErrors()
{
    // The SQLite file's directory cannot be created: a regular file is in the way.
    QFile blocker(m_dir->filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    DatabaseUrl lite;
    lite.path = m_dir->filePath(QStringLiteral("file/tandem.db"));
    auto blocked = Store::open(lite, QStringLiteral("blocked"));
    QVERIFY(!blocked.ok());
    QCOMPARE(blocked.error().code, QStringLiteral("internal"));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("blocked")));

    // A connection name is one Store's.
    lite.path = m_dir->filePath(QStringLiteral("tandem.db"));
    auto first = Store::open(lite, QStringLiteral("dup"));
    QVERIFY2(first.ok(), qPrintable(describe(first.error())));
    auto second = Store::open(lite, QStringLiteral("dup"));
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, QStringLiteral("invalid_argument"));
    VERIFY_OK((*first)->schemaVersion());
    first = Error{};
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("dup"))); // ~Store removed the connection

    // Nothing listens on port 1: a clear error that does not leak the password.
    const auto refused =
        DatabaseUrl::parse(QStringLiteral("postgresql://alice:sekrit@127.0.0.1:1/tandem"));
    QVERIFY(refused.ok());
    auto down = Store::open(*refused, QStringLiteral("down"));
    QVERIFY(!down.ok());
    QVERIFY(!down.error().message.isEmpty());
    QVERIFY2(!down.error().message.contains(QLatin1String("sekrit")),
             qPrintable(down.error().message));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("down")));
}

void TestStore::migrateFromEmpty()
{
    QVERIFY(Store::latestSchemaVersion() >= 1);
    QStringList tablesAfterFirstOpen;
    {
        OPEN_FRESH(store);
        TAKE(version, store->schemaVersion());
        QCOMPARE(version, Store::latestSchemaVersion());
        VERIFY_OK(store->addUser(QStringLiteral("alice"), QStringLiteral("Alice"), Role::Admin,
                                 password(), kNow));
        tablesAfterFirstOpen = RawDb(currentUrl()).tables();
    }
    for (const char *table : {"schema_version", "users", "sessions", "api_keys", "conversations",
                              "messages", "events", "command_log", "audit_log"})
        QVERIFY2(tablesAfterFirstOpen.contains(QLatin1String(table)), table);

    // Re-opening an up-to-date database changes nothing.
    auto store = open();
    QVERIFY(store);
    TAKE(version, store->schemaVersion());
    QCOMPARE(version, Store::latestSchemaVersion());
    VERIFY_OK(store->userByName(QStringLiteral("alice")));
    RawDb raw(currentUrl());
    QCOMPARE(raw.tables(), tablesAfterFirstOpen);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), 1);
}

void TestStore::newerSchemaIsRefused()
{
    {
        OPEN_FRESH(store);
        VERIFY_OK(store->addUser(QStringLiteral("keep"), QString(), Role::Agent, password(), kNow));
    }
    const int future = Store::latestSchemaVersion() + 1;
    {
        // A future version that, say, dropped a table: the old build must not recreate it.
        RawDb raw(currentUrl());
        QVERIFY(raw.exec(QStringLiteral("DROP TABLE events")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE schema_version SET version = :v"),
                         {{QStringLiteral(":v"), future}}));
    }
    const auto refused = Store::open(currentUrl(), QStringLiteral("too-new"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("schema_too_new"));
    QVERIFY2(
        refused.error().message.contains(
            QStringLiteral("database schema v%1 is newer than this Tandem supports").arg(future)),
        qPrintable(refused.error().message));
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("too-new")));

    RawDb raw(currentUrl());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), future);
    QVERIFY(!raw.tables().contains(QStringLiteral("events")));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 1);
}

void TestStore::users()
{
    OPEN_FRESH(store);
    TAKE(alice, store->addUser(QStringLiteral("alice"), QStringLiteral("Alice A."), Role::Admin,
                               password("a"), kNow));
    QVERIFY(alice > 0);
    VERIFY_ERROR(store->addUser(QStringLiteral("alice"), QStringLiteral("Other"), Role::Agent,
                                password("b"), kNow),
                 "conflict");
    TAKE(bob, store->addUser(QStringLiteral("bob"), QString(), Role::Agent, password("b"), kNow));
    QVERIFY(bob > alice);

    TAKE(record, store->userByName(QStringLiteral("alice")));
    QCOMPARE(record.user.id, alice);
    QCOMPARE(record.user.username, QStringLiteral("alice"));
    QCOMPARE(record.user.displayName, QStringLiteral("Alice A."));
    QCOMPARE(record.user.role, Role::Admin);
    QVERIFY(!record.user.disabled);
    QCOMPARE(record.password.hash, password("a").hash);
    QCOMPARE(record.password.salt, password("a").salt);
    QCOMPARE(record.password.iterations, 600000);
    VERIFY_ERROR(store->userByName(QStringLiteral("nobody")), "not_found");
    VERIFY_ERROR(store->userByName(QStringLiteral("ALICE")), "not_found");

    TAKE(byId, store->userById(bob));
    QCOMPARE(byId.username, QStringLiteral("bob"));
    QCOMPARE(byId.displayName, QString());
    QCOMPARE(byId.role, Role::Agent);
    VERIFY_ERROR(store->userById(987654), "not_found");

    TAKE(all, store->users());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].username, QStringLiteral("alice"));
    QCOMPARE(all[1].username, QStringLiteral("bob"));

    VERIFY_OK(store->setUserDisabled(QStringLiteral("bob"), true));
    TAKE(disabled, store->userById(bob));
    QVERIFY(disabled.disabled);
    VERIFY_OK(store->setUserDisabled(QStringLiteral("bob"), false));
    TAKE(enabled, store->userById(bob));
    QVERIFY(!enabled.disabled);
    VERIFY_ERROR(store->setUserDisabled(QStringLiteral("nobody"), true), "not_found");
}

void TestStore::sessions()
{
    OPEN_FRESH(store);
    TAKE(ann, store->addUser(QStringLiteral("ann"), QStringLiteral("Ann"), Role::Agent, password(),
                             kNow));
    const QByteArray token = sha("token-1");
    VERIFY_OK(store->addSession(token, ann, kNow, kNow + 1000));

    TAKE(user, store->userForSession(token, kNow + 999));
    QCOMPARE(user.id, ann);
    QCOMPARE(user.displayName, QStringLiteral("Ann"));
    VERIFY_ERROR(store->userForSession(token, kNow + 1000), "not_found"); // expired
    VERIFY_ERROR(store->userForSession(sha("other"), kNow), "not_found");
    VERIFY_ERROR(store->addSession(token, ann, kNow, kNow + 1000), "conflict");
    QVERIFY(!store->addSession(sha("orphan"), 987654, kNow, kNow + 1000).ok()); // no such user

    // A disabled user's sessions stop working at once, and work again when re-enabled.
    VERIFY_OK(store->setUserDisabled(QStringLiteral("ann"), true));
    VERIFY_ERROR(store->userForSession(token, kNow), "not_found");
    VERIFY_OK(store->setUserDisabled(QStringLiteral("ann"), false));
    VERIFY_OK(store->userForSession(token, kNow));

    VERIFY_OK(store->deleteSession(token));
    VERIFY_ERROR(store->userForSession(token, kNow), "not_found");
    VERIFY_OK(store->deleteSession(token)); // idempotent

    VERIFY_OK(store->addSession(sha("t2"), ann, kNow, kNow + 1000));
    VERIFY_OK(store->addSession(sha("t3"), ann, kNow, kNow + 1000));
    VERIFY_OK(store->deleteSessionsOf(ann));
    VERIFY_ERROR(store->userForSession(sha("t2"), kNow), "not_found");
    VERIFY_ERROR(store->userForSession(sha("t3"), kNow), "not_found");
}

void TestStore::apiKeys()
{
    OPEN_FRESH(store);
    const QByteArray key = sha("tdm_secret_key");
    TAKE(id, store->addApiKey(QStringLiteral("ci"), key, QStringLiteral("tdm_sec"), kNow));
    QVERIFY(id > 0);
    VERIFY_ERROR(store->addApiKey(QStringLiteral("ci"), sha("other"), QStringLiteral("x"), kNow),
                 "conflict");
    VERIFY_ERROR(store->addApiKey(QStringLiteral("ci2"), key, QStringLiteral("x"), kNow),
                 "conflict");

    TAKE(found, store->apiKeyByHash(key));
    QCOMPARE(found.id, id);
    QCOMPARE(found.name, QStringLiteral("ci"));
    QCOMPARE(found.prefix, QStringLiteral("tdm_sec"));
    QCOMPARE(found.createdAtMs, kNow);
    QCOMPARE(found.revokedAtMs, 0);
    VERIFY_ERROR(store->apiKeyByHash(sha("unknown")), "not_found");

    VERIFY_OK(store->revokeApiKey(QStringLiteral("ci"), kNow + 5));
    VERIFY_ERROR(store->apiKeyByHash(key), "not_found");
    VERIFY_ERROR(store->revokeApiKey(QStringLiteral("ci"), kNow + 6), "not_found");
    VERIFY_ERROR(store->revokeApiKey(QStringLiteral("nope"), kNow + 6), "not_found");
    TAKE(keys, store->apiKeys());
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys[0].revokedAtMs, kNow + 5);
}

void TestStore::conversationTransitions()
{
    OPEN_FRESH(store);
    TAKE(ann, store->addUser(QStringLiteral("ann"), QStringLiteral("Ann"), Role::Agent, password(),
                             kNow));
    TAKE(bo, store->addUser(QStringLiteral("bo"), QString(), Role::Agent, password(), kNow));
    const QByteArray customer = sha("customer-key");

    TAKE(created,
         store->createConversation(newConversation(customer, ConversationState::Waiting, kNow)));
    QVERIFY(created.id > 0);
    QCOMPARE(created.state, ConversationState::Waiting);
    QCOMPARE(created.waitingSinceMs, kNow);
    const qint64 id = created.id;

    TAKE(loaded, store->conversation(id));
    QCOMPARE(loaded.customerName, QStringLiteral("Customer"));
    QCOMPARE(loaded.channel, QStringLiteral("web"));
    QCOMPARE(loaded.locale, QStringLiteral("en"));
    QCOMPARE(loaded.state, ConversationState::Waiting);
    QCOMPARE(loaded.assigneeId, 0);
    QCOMPARE(loaded.createdAtMs, kNow);
    QCOMPARE(loaded.waitingSinceMs, kNow);
    QCOMPARE(loaded.messageCount, 0);
    VERIFY_ERROR(store->conversation(987654), "not_found");

    TAKE(open, store->openConversationForCustomer(customer));
    QVERIFY(open.has_value());
    QCOMPARE(open->id, id);
    TAKE(stranger, store->openConversationForCustomer(sha("stranger")));
    QVERIFY(!stranger.has_value());

    // Two agents claim at once: exactly one conditional update wins.
    TAKE(first, store->transition(id, ConversationState::Waiting, ConversationState::Assigned, ann,
                                  0, kNow + 5));
    QVERIFY(first);
    TAKE(second, store->transition(id, ConversationState::Waiting, ConversationState::Assigned, bo,
                                   0, kNow + 6));
    QVERIFY(!second);
    TAKE(claimed, store->conversation(id));
    QCOMPARE(claimed.state, ConversationState::Assigned);
    QCOMPARE(claimed.assigneeId, ann);
    QCOMPARE(claimed.assigneeName, QStringLiteral("Ann"));
    QCOMPARE(claimed.waitingSinceMs, 0);
    QCOMPARE(claimed.updatedAtMs, kNow + 5);

    // Only the owner's transfer goes through.
    TAKE(notOwner, store->transition(id, ConversationState::Assigned, ConversationState::Assigned,
                                     bo, bo, kNow + 7));
    QVERIFY(!notOwner);
    TAKE(transfer, store->transition(id, ConversationState::Assigned, ConversationState::Assigned,
                                     bo, ann, kNow + 8));
    QVERIFY(transfer);
    TAKE(transferred, store->conversation(id));
    QCOMPARE(transferred.assigneeId, bo);
    QCOMPARE(transferred.assigneeName, QStringLiteral("bo")); // no display name: the username

    // Back to the queue: waiting again from now, without an assignee.
    TAKE(released, store->transition(id, ConversationState::Assigned, ConversationState::Waiting, 0,
                                     bo, kNow + 20));
    QVERIFY(released);
    TAKE(requeued, store->conversation(id));
    QCOMPARE(requeued.assigneeId, 0);
    QCOMPARE(requeued.assigneeName, QString());
    QCOMPARE(requeued.waitingSinceMs, kNow + 20);
    // Waiting → waiting keeps the customer's place in the queue.
    TAKE(stay, store->transition(id, ConversationState::Waiting, ConversationState::Waiting, 0, 0,
                                 kNow + 30));
    QVERIFY(stay);
    TAKE(stillQueued, store->conversation(id));
    QCOMPARE(stillQueued.waitingSinceMs, kNow + 20);
    QCOMPARE(stillQueued.updatedAtMs, kNow + 30);

    TAKE(api, store->createConversation(newConversation({}, ConversationState::Bot, kNow + 40)));
    QCOMPARE(api.waitingSinceMs, 0);
    TAKE(queue, store->openConversations());
    QCOMPARE(queue.size(), 2);
    QCOMPARE(queue[0].id, id); // oldest first
    QCOMPARE(queue[1].id, api.id);
    QCOMPARE(queue[1].state, ConversationState::Bot);
    TAKE(noKey, store->openConversationForCustomer({}));
    QVERIFY(!noKey.has_value());

    TAKE(closed, store->transition(id, ConversationState::Waiting, ConversationState::Closed, 0, 0,
                                   kNow + 50));
    QVERIFY(closed);
    TAKE(after, store->openConversations());
    QCOMPARE(after.size(), 1);
    QCOMPARE(after[0].id, api.id);
    TAKE(none, store->openConversationForCustomer(customer));
    QVERIFY(!none.has_value());
    TAKE(latest, store->latestConversationForCustomer(customer));
    QVERIFY(latest.has_value());
    QCOMPARE(latest->id, id);
    QCOMPARE(latest->state, ConversationState::Closed);
    TAKE(nobody, store->latestConversationForCustomer(sha("stranger")));
    QVERIFY(!nobody.has_value());
    TAKE(ghost, store->transition(987654, ConversationState::Waiting, ConversationState::Closed, 0,
                                  0, kNow));
    QVERIFY(!ghost);
}

void TestStore::assignedCount()
{
    OPEN_FRESH(store);
    TAKE(ann, store->addUser(QStringLiteral("ann"), QString(), Role::Agent, password(), kNow));
    TAKE(bo, store->addUser(QStringLiteral("bo"), QString(), Role::Agent, password(), kNow));
    const auto assign = [&](qint64 user) -> qint64 {
        auto c = store->createConversation(newConversation({}, ConversationState::Waiting, kNow));
        if (!c || !store
                       ->transition(c->id, ConversationState::Waiting, ConversationState::Assigned,
                                    user, 0, kNow)
                       .value())
            return 0;
        return c->id;
    };
    QVERIFY(assign(ann));
    QVERIFY(assign(ann));
    QVERIFY(assign(bo));
    const qint64 done = assign(ann);
    QVERIFY(done);
    TAKE(closed, store->transition(done, ConversationState::Assigned, ConversationState::Closed,
                                   ann, ann, kNow));
    QVERIFY(closed);

    TAKE(annCount, store->assignedCount(ann));
    QCOMPARE(annCount, 2);
    TAKE(boCount, store->assignedCount(bo));
    QCOMPARE(boCount, 1);
    TAKE(nobody, store->assignedCount(987654));
    QCOMPARE(nobody, 0);
}

void TestStore::addMessageUpdatesConversation()
{
    OPEN_FRESH(store);
    TAKE(ann, store->addUser(QStringLiteral("ann"), QStringLiteral("Ann"), Role::Agent, password(),
                             kNow));
    TAKE(conv, store->createConversation(newConversation({}, ConversationState::Waiting, kNow)));

    TAKE(first, store->addMessage(message(conv.id, SenderKind::Customer,
                                          QStringLiteral("Hello   there\n  friend"), kNow + 1)));
    QVERIFY(first.id > 0);
    QCOMPARE(first.text, QStringLiteral("Hello   there\n  friend"));
    TAKE(c1, store->conversation(conv.id));
    QCOMPARE(c1.messageCount, 1);
    QCOMPARE(c1.lastMessageAtMs, kNow + 1);
    QCOMPARE(c1.updatedAtMs, kNow + 1);
    QCOMPARE(c1.lastMessagePreview, QStringLiteral("Hello there friend"));

    const QString longText(300, QLatin1Char('x'));
    TAKE(second, store->addMessage(message(conv.id, SenderKind::Agent, longText, kNow + 2, ann)));
    QVERIFY(second.id > first.id);
    TAKE(c2, store->conversation(conv.id));
    QCOMPARE(c2.messageCount, 2);
    QCOMPARE(c2.lastMessagePreview, previewOf(longText));
    QCOMPARE(c2.lastMessagePreview.size(), 120);

    TAKE(stored, store->messages(conv.id, 0, 0, 10, false));
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[1].senderKind, SenderKind::Agent);
    QCOMPARE(stored[1].senderUserId, ann);
    QCOMPARE(stored[1].senderName, QStringLiteral("Ann"));
    QCOMPARE(stored[1].text, longText);
    QCOMPARE(stored[1].createdAtMs, kNow + 2);
    QCOMPARE(stored[0].senderUserId, 0);

    VERIFY_ERROR(
        store->addMessage(message(987654, SenderKind::Customer, QStringLiteral("?"), kNow)),
        "not_found");

    // Inside a transaction the caller decides: a rollback takes message and counters back.
    VERIFY_OK(store->begin());
    VERIFY_OK(store->addMessage(message(conv.id, SenderKind::Customer, QStringLiteral("x"), kNow)));
    VERIFY_OK(store->rollback());
    TAKE(c3, store->conversation(conv.id));
    QCOMPARE(c3.messageCount, 2);
    TAKE(afterRollback, store->messages(conv.id, 0, 0, 10, true));
    QCOMPARE(afterRollback.size(), 2);
}

void TestStore::messagesPaging()
{
    OPEN_FRESH(store);
    TAKE(conv, store->createConversation(newConversation({}, ConversationState::Waiting, kNow)));
    TAKE(other, store->createConversation(newConversation({}, ConversationState::Waiting, kNow)));
    QList<qint64> ids;
    for (int i = 0; i < 10; ++i) {
        const SenderKind kind = (i == 3 || i == 7) ? SenderKind::Note : SenderKind::Customer;
        TAKE(m, store->addMessage(message(conv.id, kind, QString::number(i), kNow + i)));
        ids.append(m.id);
        // Interleaved rows of another conversation must never show up.
        VERIFY_OK(store->addMessage(
            message(other.id, SenderKind::Customer, QStringLiteral("o"), kNow + i)));
    }
    const auto idsOf = [](const QList<Message> &messages) {
        QList<qint64> result;
        for (const Message &m : messages)
            result.append(m.id);
        return result;
    };

    TAKE(all, store->messages(conv.id, 0, 0, 100, false));
    QCOMPARE(idsOf(all),
             (QList<qint64>{ids[0], ids[1], ids[2], ids[4], ids[5], ids[6], ids[8], ids[9]}));
    TAKE(withNotes, store->messages(conv.id, 0, 0, 100, true));
    QCOMPARE(idsOf(withNotes), ids);
    QCOMPARE(withNotes[3].senderKind, SenderKind::Note);

    TAKE(after, store->messages(conv.id, ids[4], 0, 3, false));
    QCOMPARE(idsOf(after), (QList<qint64>{ids[5], ids[6], ids[8]}));
    // beforeId: the newest `limit` before it, still oldest first.
    TAKE(before, store->messages(conv.id, 0, ids[9], 3, false));
    QCOMPARE(idsOf(before), (QList<qint64>{ids[5], ids[6], ids[8]}));
    TAKE(beforeNotes, store->messages(conv.id, 0, ids[9], 3, true));
    QCOMPARE(idsOf(beforeNotes), (QList<qint64>{ids[6], ids[7], ids[8]}));
    TAKE(window, store->messages(conv.id, ids[1], ids[5], 10, true));
    QCOMPARE(idsOf(window), (QList<qint64>{ids[2], ids[3], ids[4]}));
    TAKE(tail, store->messages(conv.id, ids[9], 0, 10, true));
    QVERIFY(tail.isEmpty());
    TAKE(nothing, store->messages(conv.id, 0, 0, 0, true));
    QVERIFY(nothing.isEmpty());
    TAKE(otherMessages, store->messages(other.id, 0, 0, 100, true));
    QCOMPARE(otherMessages.size(), 10);
}

void TestStore::events()
{
    OPEN_FRESH(store);
    TAKE(empty, store->lastSeq());
    QCOMPARE(empty, 0);
    TAKE(none, store->eventsAfter(0, 10));
    QVERIFY(none.isEmpty());

    QList<Event> appended;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject payload{{QStringLiteral("n"), i},
                                  {QStringLiteral("nested"),
                                   QJsonObject{{QStringLiteral("text"), QStringLiteral("a\"b")}}}};
        TAKE(e, store->appendEvent(QStringLiteral("message.created"), 40 + i, payload, kNow + i));
        if (!appended.isEmpty())
            QVERIFY(e.seq > appended.last().seq);
        appended.append(e);
    }
    TAKE(last, store->lastSeq());
    QCOMPARE(last, appended.last().seq);

    TAKE(page, store->eventsAfter(appended[1].seq, 2));
    QCOMPARE(page.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Event &expected = appended[2 + i];
        QCOMPARE(page[i].seq, expected.seq);
        QCOMPARE(page[i].kind, QStringLiteral("message.created"));
        QCOMPARE(page[i].conversationId, 42 + i);
        QCOMPARE(page[i].payload, expected.payload);
        QCOMPARE(page[i].createdAtMs, kNow + 2 + i);
    }
    TAKE(rest, store->eventsAfter(appended[1].seq, 100));
    QCOMPARE(rest.size(), 3);
    TAKE(caughtUp, store->eventsAfter(last, 100));
    QVERIFY(caughtUp.isEmpty());
}

void TestStore::commandLog()
{
    OPEN_FRESH(store);
    const QString actor = QStringLiteral("user:1");
    TAKE(unknown, store->commandOutcome(actor, QStringLiteral("c1")));
    QVERIFY(!unknown.has_value());

    const QJsonObject outcome{{QStringLiteral("ok"), true}, {QStringLiteral("conversationId"), 5}};
    VERIFY_OK(store->recordCommand(actor, QStringLiteral("c1"), outcome, kNow));
    TAKE(known, store->commandOutcome(actor, QStringLiteral("c1")));
    QVERIFY(known.has_value());
    QCOMPARE(*known, outcome);

    // A duplicate is refused and the first outcome stays.
    VERIFY_ERROR(store->recordCommand(actor, QStringLiteral("c1"), {{QStringLiteral("ok"), false}},
                                      kNow + 1),
                 "conflict");
    TAKE(again, store->commandOutcome(actor, QStringLiteral("c1")));
    QCOMPARE(*again, outcome);
    // Command ids are per actor.
    TAKE(otherActor, store->commandOutcome(QStringLiteral("user:2"), QStringLiteral("c1")));
    QVERIFY(!otherActor.has_value());

    // A duplicate inside a group commit does not poison the transaction.
    VERIFY_OK(store->begin());
    VERIFY_OK(store->recordCommand(actor, QStringLiteral("c2"), {}, kNow));
    VERIFY_ERROR(store->recordCommand(actor, QStringLiteral("c1"), {}, kNow), "conflict");
    VERIFY_OK(store->recordCommand(actor, QStringLiteral("c3"), {}, kNow));
    VERIFY_OK(store->commit());
    TAKE(c2, store->commandOutcome(actor, QStringLiteral("c2")));
    QVERIFY(c2.has_value());
    TAKE(c3, store->commandOutcome(actor, QStringLiteral("c3")));
    QVERIFY(c3.has_value());
}

void TestStore::audit()
{
    OPEN_FRESH(store);
    for (int i = 0; i < 3; ++i) {
        VERIFY_OK(store->audit(QStringLiteral("admin"), QStringLiteral("user.add"),
                               {{QStringLiteral("i"), i}}, kNow + i));
    }
    TAKE(entries, store->auditEntries(2));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].value(QStringLiteral("detail")).toObject().value(QStringLiteral("i")), 2);
    QCOMPARE(entries[1].value(QStringLiteral("detail")).toObject().value(QStringLiteral("i")), 1);
    QCOMPARE(entries[0].value(QStringLiteral("actor")).toString(), QStringLiteral("admin"));
    QCOMPARE(entries[0].value(QStringLiteral("action")).toString(), QStringLiteral("user.add"));
    QCOMPARE(entries[0].value(QStringLiteral("createdAtMs")).toInteger(), kNow + 2);
}

void TestStore::savepoints()
{
    OPEN_FRESH(store);
    VERIFY_ERROR(store->savepoint(QStringLiteral("outside")), "invalid_argument");
    VERIFY_OK(store->begin());
    VERIFY_ERROR(store->begin(), "invalid_argument");
    VERIFY_OK(store->addUser(QStringLiteral("u1"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->savepoint(QStringLiteral("cmd_1")));
    VERIFY_OK(store->addUser(QStringLiteral("u2"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->rollbackToSavepoint(QStringLiteral("cmd_1")));
    VERIFY_OK(store->releaseSavepoint(QStringLiteral("cmd_1")));
    VERIFY_OK(store->savepoint(QStringLiteral("cmd_2")));
    VERIFY_OK(store->addUser(QStringLiteral("u3"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->releaseSavepoint(QStringLiteral("cmd_2")));
    for (const char *bad : {"", "1st", "sp-1", "x; DROP TABLE users", "s p", "ü"}) {
        VERIFY_ERROR(store->savepoint(QString::fromUtf8(bad)), "invalid_argument");
        VERIFY_ERROR(store->rollbackToSavepoint(QString::fromUtf8(bad)), "invalid_argument");
        VERIFY_ERROR(store->releaseSavepoint(QString::fromUtf8(bad)), "invalid_argument");
    }
    VERIFY_OK(store->commit());
    VERIFY_ERROR(store->commit(), "invalid_argument");

    VERIFY_OK(store->userByName(QStringLiteral("u1")));
    VERIFY_ERROR(store->userByName(QStringLiteral("u2")), "not_found");
    VERIFY_OK(store->userByName(QStringLiteral("u3")));
}

void TestStore::failedCommandInGroupCommit()
{
    OPEN_FRESH(store);
    VERIFY_OK(store->begin());
    VERIFY_OK(store->addUser(QStringLiteral("before"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->savepoint(QStringLiteral("cmd")));
    // A real database error (foreign key), which on PostgreSQL aborts the transaction...
    const Status failed = store->addSession(sha("t"), 987654, kNow, kNow + 1000);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, QStringLiteral("internal"));
    // ...until the savepoint is rolled back; the rest of the group then commits.
    VERIFY_OK(store->rollbackToSavepoint(QStringLiteral("cmd")));
    VERIFY_OK(store->addUser(QStringLiteral("after"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->commit());
    VERIFY_OK(store->userByName(QStringLiteral("before")));
    VERIFY_OK(store->userByName(QStringLiteral("after")));
}

void TestStore::commitNeverLies()
{
    // A statement fails inside a transaction and the caller commits anyway. SQLite keeps the
    // other work; PostgreSQL has aborted the transaction and must not report success.
    OPEN_FRESH(store);
    VERIFY_OK(store->begin());
    VERIFY_OK(store->addUser(QStringLiteral("x"), QString(), Role::Agent, password(), kNow));
    QVERIFY(!store->addSession(sha("t"), 987654, kNow, kNow + 1000).ok());
    const Status committed = store->commit();
    QFETCH(QString, backend);
    if (backend == QLatin1String("postgresql"))
        QVERIFY(!committed.ok());
    const bool present = store->userByName(QStringLiteral("x")).ok();
    QCOMPARE(present, committed.ok());
    // Either way the connection is usable afterwards.
    VERIFY_OK(store->addUser(QStringLiteral("y"), QString(), Role::Agent, password(), kNow));
}

void TestStore::rollbackLeavesNothing()
{
    OPEN_FRESH(store);
    VERIFY_ERROR(store->rollback(), "invalid_argument");
    VERIFY_OK(store->begin());
    TAKE(user, store->addUser(QStringLiteral("u"), QString(), Role::Agent, password(), kNow));
    VERIFY_OK(store->addSession(sha("t"), user, kNow, kNow + 1000));
    VERIFY_OK(store->addApiKey(QStringLiteral("k"), sha("k"), QStringLiteral("k"), kNow));
    TAKE(conv,
         store->createConversation(newConversation(sha("c"), ConversationState::Waiting, kNow)));
    VERIFY_OK(
        store->addMessage(message(conv.id, SenderKind::Customer, QStringLiteral("hi"), kNow)));
    VERIFY_OK(store->appendEvent(QStringLiteral("conversation.created"), conv.id, {}, kNow));
    VERIFY_OK(store->recordCommand(QStringLiteral("a"), QStringLiteral("c"), {}, kNow));
    VERIFY_OK(store->audit(QStringLiteral("a"), QStringLiteral("x"), {}, kNow));
    VERIFY_OK(store->rollback());

    TAKE(users, store->users());
    QVERIFY(users.isEmpty());
    TAKE(keys, store->apiKeys());
    QVERIFY(keys.isEmpty());
    TAKE(queue, store->openConversations());
    QVERIFY(queue.isEmpty());
    VERIFY_ERROR(store->conversation(conv.id), "not_found");
    TAKE(seq, store->lastSeq());
    QCOMPARE(seq, 0);
    TAKE(outcome, store->commandOutcome(QStringLiteral("a"), QStringLiteral("c")));
    QVERIFY(!outcome.has_value());
    TAKE(entries, store->auditEntries(10));
    QVERIFY(entries.isEmpty());
    RawDb raw(currentUrl());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions")).toInt(), 0);
}

void TestStore::unicodeRoundTrip()
{
    OPEN_FRESH(store);
    const QStringList texts{
        QStringLiteral("你好，世界！请问可以帮我吗？"),
        QStringLiteral("emoji 👋🏽🎉 and a family 👩‍👩‍👧 with ZWJ"),
        QStringLiteral("Ünïcödé ñ — “quotes” ‘single’ … 𝄞"),
        QStringLiteral("O'Brien \\ \"q\" ; DROP TABLE users; -- $1 :name ?"),
        QStringLiteral("tab\tnewline\nend"),
    };
    TAKE(user, store->addUser(QStringLiteral("王小明"), QStringLiteral("小明 😀"), Role::Agent,
                              password(), kNow));
    TAKE(record, store->userByName(QStringLiteral("王小明")));
    QCOMPARE(record.user.id, user);
    QCOMPARE(record.user.displayName, QStringLiteral("小明 😀"));

    NewConversation nc = newConversation(sha("k"), ConversationState::Waiting, kNow);
    nc.customerName = QStringLiteral("李雷 🧑‍💻");
    nc.locale = QStringLiteral("zh-CN");
    TAKE(conv, store->createConversation(nc));
    for (const QString &text : texts) {
        Message m = message(conv.id, SenderKind::Agent, text, kNow, user);
        m.senderName = QStringLiteral("小明 😀");
        VERIFY_OK(store->addMessage(m));
    }
    TAKE(stored, store->messages(conv.id, 0, 0, 100, false));
    QCOMPARE(stored.size(), texts.size());
    for (int i = 0; i < texts.size(); ++i) {
        QCOMPARE(stored[i].text, texts[i]);
        QCOMPARE(stored[i].senderName, QStringLiteral("小明 😀"));
    }
    TAKE(loaded, store->conversation(conv.id));
    QCOMPARE(loaded.customerName, QStringLiteral("李雷 🧑‍💻"));
    QCOMPARE(loaded.lastMessagePreview, previewOf(texts.last()));

    const QJsonObject payload{{QStringLiteral("text"), texts[1]},
                              {QStringLiteral("名字"), texts[0]}};
    TAKE(event, store->appendEvent(QStringLiteral("message.created"), conv.id, payload, kNow));
    TAKE(events, store->eventsAfter(event.seq - 1, 1));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].payload, payload);
    VERIFY_OK(store->recordCommand(QStringLiteral("用户"), texts[1], payload, kNow));
    TAKE(outcome, store->commandOutcome(QStringLiteral("用户"), texts[1]));
    QCOMPARE(*outcome, payload);
}

void TestStore::secondStoreSeesData()
{
    auto a = openFresh();
    QVERIFY(a);
    TAKE(user,
         a->addUser(QStringLiteral("ann"), QStringLiteral("Ann"), Role::Agent, password(), kNow));
    TAKE(conv, a->createConversation(newConversation(sha("c"), ConversationState::Waiting, kNow)));
    VERIFY_OK(a->begin());
    VERIFY_OK(
        a->addMessage(message(conv.id, SenderKind::Customer, QStringLiteral("from a"), kNow)));
    TAKE(event, a->appendEvent(QStringLiteral("message.created"), conv.id, {}, kNow));
    VERIFY_OK(a->commit());

    auto b = open(); // a second connection on the same file / database
    QVERIFY(b);
    TAKE(seenUser, b->userById(user));
    QCOMPARE(seenUser.displayName, QStringLiteral("Ann"));
    TAKE(seenConv, b->conversation(conv.id));
    QCOMPARE(seenConv.messageCount, 1);
    TAKE(seq, b->lastSeq());
    QCOMPARE(seq, event.seq);

    // Writes go both ways, and a claim made through one is seen by the other's condition.
    VERIFY_OK(
        b->addMessage(message(conv.id, SenderKind::Customer, QStringLiteral("from b"), kNow)));
    TAKE(won, b->transition(conv.id, ConversationState::Waiting, ConversationState::Assigned, user,
                            0, kNow));
    QVERIFY(won);
    TAKE(lost, a->transition(conv.id, ConversationState::Waiting, ConversationState::Assigned, user,
                             0, kNow));
    QVERIFY(!lost);
    TAKE(both, a->messages(conv.id, 0, 0, 10, false));
    QCOMPARE(both.size(), 2);
    QCOMPARE(both[1].text, QStringLiteral("from b"));

    a.reset();
    b.reset();
    auto c = open();
    QVERIFY(c);
    TAKE(reloaded, c->conversation(conv.id));
    QCOMPARE(reloaded.messageCount, 2);
    QCOMPARE(reloaded.assigneeName, QStringLiteral("Ann"));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
