#include "tst_client.h"

#include "backoff.h"

#include <QTcpServer>

using namespace tandem;
using namespace tandem::test;

void TestClient::init()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(m_fx->start());
    m_hubUrl = m_fx->hub().baseUrl();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
}

void TestClient::cleanup()
{
    m_fx.reset();
    m_dir.reset();
}

ConnectionOptions TestClient::fastOptions()
{
    ConnectionOptions o;
    o.backoffInitialMs = 50;
    o.backoffMaxMs = 400;
    o.retryDelayMs = 100;
    return o;
}

std::unique_ptr<Client> TestClient::makeClient(const QString &outboxName)
{
    auto client = Client::create(m_dir->filePath(outboxName), fastOptions());
    if (!client.ok()) {
        qWarning() << "client not created:" << client.error().message;
        return nullptr;
    }
    return std::move(client.value());
}

bool TestClient::connectAs(Client &client, const User &user)
{
    client.resume(hubUrl(), m_fx->tokenFor(user));
    return QTest::qWaitFor([&] { return isState(client, HubConnection::State::Connected); }, kWait);
}

QList<Message> TestClient::storedMessages(qint64 conversationId)
{
    auto messages = m_fx->hub().store().messages(conversationId, 0, 0, 1000, true);
    return messages.ok() ? messages.value() : QList<Message>();
}

void TestClient::backoffDoublesWithJitterUpToTheCeiling()
{
    Backoff backoff(500, 30000, 0.2);
    const int bases[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (int base : bases) {
        const int delay = backoff.next();
        QVERIFY2(delay >= base * 0.8 - 1 && delay <= base * 1.2 + 1,
                 qPrintable(QStringLiteral("%1 is not %2 ± 20%").arg(delay).arg(base)));
    }
    backoff.reset();
    QVERIFY(backoff.next() <= 601);
}

void TestClient::signInWithPasswordAndToken()
{
    const QString password = QStringLiteral("correct horse battery");
    QVERIFY(m_fx->hub()
                .store()
                .addUser(QStringLiteral("carol"), QStringLiteral("Carol"), Role::Supervisor,
                         auth::hashPassword(password), HubFixture::now())
                .ok());
    auto client = makeClient();
    QVERIFY(client);
    QSignalSpy states(&client->connection(), &HubConnection::stateChanged);
    QSignalSpy signedIn(&client->connection(), &HubConnection::signedIn);
    client->signIn(hubUrl(), QStringLiteral("carol"), password);
    QVERIFY(signedIn.wait(kWait));
    const User carol = signedIn.at(0).at(0).value<User>();
    QCOMPARE(carol.username, QStringLiteral("carol"));
    QCOMPARE(carol.role, Role::Supervisor);
    QCOMPARE(client->connection().user().id, carol.id);
    QCOMPARE(client->connection().state(), HubConnection::State::Connected);
    const QString token = client->connection().token();
    QVERIFY(!token.isEmpty());
    using S = HubConnection::State;
    const QList<S> expected{S::Connecting, S::SigningIn, S::Synchronising, S::Connected};
    QList<S> seen;
    for (const QList<QVariant> &args : states)
        seen.append(args.at(0).value<S>());
    QCOMPARE(seen, expected);

    // The session token signs in on another connection without the password.
    auto second = makeClient(QStringLiteral("second.db"));
    QSignalSpy secondIn(&second->connection(), &HubConnection::signedIn);
    second->resume(hubUrl(), token);
    QVERIFY(secondIn.wait(kWait));
    QCOMPARE(second->connection().user().username, QStringLiteral("carol"));
    QCOMPARE(second->connection().token(), token);
}

void TestClient::badCredentialsAreReported()
{
    auto client = makeClient();
    QSignalSpy failed(&client->connection(), &HubConnection::signInFailed);
    client->signIn(hubUrl(), QStringLiteral("alice"), QStringLiteral("not her password"));
    QVERIFY(failed.wait(kWait));
    QCOMPARE(failed.at(0).at(0).value<Error>().code, QStringLiteral("unauthenticated"));
    QCOMPARE(client->connection().state(), HubConnection::State::SignedOut);
    QCOMPARE(client->connection().lastError().code, QStringLiteral("unauthenticated"));

    client->resume(hubUrl(), QStringLiteral("no-such-session-token"));
    QVERIFY(failed.wait(kWait));
    QCOMPARE(failed.at(1).at(0).value<Error>().code, QStringLiteral("unauthenticated"));
    QCOMPARE(client->connection().state(), HubConnection::State::SignedOut);
    QVERIFY(client->connection().token().isEmpty());
}

void TestClient::unreachableHubFailsPasswordSignIn()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    QUrl nowhere;
    nowhere.setScheme(QStringLiteral("http"));
    nowhere.setHost(QStringLiteral("127.0.0.1"));
    nowhere.setPort(probe.serverPort());
    probe.close();

    auto client = makeClient();
    QSignalSpy failed(&client->connection(), &HubConnection::signInFailed);
    client->signIn(nowhere, QStringLiteral("alice"), QStringLiteral("password-1"));
    QVERIFY(failed.wait(kWait));
    QCOMPARE(failed.at(0).at(0).value<Error>().code, QStringLiteral("unreachable"));
    QCOMPARE(client->connection().state(), HubConnection::State::SignedOut);
}

void TestClient::queueFollowsCustomersLive()
{
    auto early = m_fx->customer(QStringLiteral("customer-key-early-0001"), QStringLiteral("Early"));
    QVERIFY(early);
    const qint64 c0 = HubFixture::say(*early, QStringLiteral("before sign-in"));
    QVERIFY(c0 > 0);

    auto client = makeClient();
    QSignalSpy reset(&client->queue(), &QueueState::reset);
    QVERIFY(connectAs(*client, m_alice));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(client->queue().ids(), QList<qint64>{c0});

    QSignalSpy added(&client->queue(), &QueueState::conversationAdded);
    QSignalSpy changed(&client->queue(), &QueueState::conversationChanged);
    QSignalSpy removed(&client->queue(), &QueueState::conversationRemoved);
    auto late = m_fx->customer(QStringLiteral("customer-key-late-00001"), QStringLiteral("Late"));
    QVERIFY(late);
    const qint64 c1 = HubFixture::say(*late, QStringLiteral("after sign-in"));
    QTRY_VERIFY_WITH_TIMEOUT(client->queue().conversation(c1).messageCount == 1, kWait);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toLongLong(), c1);
    QCOMPARE(client->queue().ids(), (QList<qint64>{c0, c1}));
    QCOMPARE(client->queue().conversation(c1).customerName, QStringLiteral("Late"));
    QCOMPARE(client->nextWaiting(), c0);

    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    const QString claim = client->claimNext();
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, claim), kWait);
    QCOMPARE(client->queue().conversation(c0).state, ConversationState::Assigned);
    QCOMPARE(client->queue().conversation(c0).assigneeId, m_alice.id);
    QVERIFY(spyHas(changed, c0));
    QCOMPARE(client->queue().assignedTo(m_alice.id), QList<qint64>{c0});
    QCOMPARE(client->nextWaiting(), c1);

    const QString close = client->close(c0);
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, close), kWait);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toLongLong(), c0);
    QCOMPARE(client->queue().ids(), QList<qint64>{c1});
    QCOMPARE(client->queue().count(), 1);
}

void TestClient::transcriptPagesBackwards()
{
    auto customer = m_fx->customer(QStringLiteral("customer-key-pages-001"));
    QVERIFY(customer);
    qint64 conversation = 0;
    for (int i = 1; i <= 5; ++i)
        conversation = HubFixture::say(*customer, QStringLiteral("m%1").arg(i));
    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    TranscriptState &transcripts = client->transcripts();
    transcripts.setPageSize(2);
    QSignalSpy finished(&transcripts, &TranscriptState::loadFinished);
    QSignalSpy prepended(&transcripts, &TranscriptState::messagesPrepended);
    QSignalSpy appended(&transcripts, &TranscriptState::messagesAppended);

    transcripts.load(conversation);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(textsOf(transcripts.messages(conversation)), latin({"m4", "m5"}));
    QVERIFY(transcripts.hasOlder(conversation));
    transcripts.loadOlder(conversation);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(prepended.count(), 1);
    QCOMPARE(prepended.at(0).at(1).toInt(), 2);
    transcripts.loadOlder(conversation);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(textsOf(transcripts.messages(conversation)), latin({"m1", "m2", "m3", "m4", "m5"}));
    QVERIFY(!transcripts.hasOlder(conversation));

    HubFixture::say(*customer, QStringLiteral("m6"));
    QTRY_COMPARE_WITH_TIMEOUT(appended.count(), 1, kWait);
    QCOMPARE(appended.at(0).at(1).toInt(), 5);
    QCOMPARE(appended.at(0).at(2).toInt(), 5);
    QCOMPARE(idsOf(transcripts.messages(conversation)), idsOf(storedMessages(conversation)));
}

QTEST_MAIN(TestClient)
