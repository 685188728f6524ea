#include "tst_client.h"

#include <QSet>

using namespace tandem;
using namespace tandem::test;

namespace {
using S = HubConnection::State;

QList<S> statesOf(const QSignalSpy &spy)
{
    QList<S> list;
    for (const QList<QVariant> &args : spy)
        list.append(args.at(0).value<S>());
    return list;
}

/// Options under which a cut stays cut until the test calls reconnectNow().
ConnectionOptions heldBack(ConnectionOptions o)
{
    o.backoffInitialMs = 600000;
    o.backoffMaxMs = 600000;
    return o;
}
} // namespace

void TestClient::stateTransitionsAreSignalled()
{
    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    QSignalSpy states(&client->connection(), &HubConnection::stateChanged);

    client->connection().abortConnection();
    QCOMPARE(client->connection().state(), S::Reconnecting);
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Connected, kWait);
    QList<S> seen = statesOf(states);
    QCOMPARE(seen.first(), S::Reconnecting);
    QCOMPARE(seen.last(), S::Connected);
    QVERIFY(!seen.contains(S::SignedOut));

    // The hub itself goes away and comes back on the same port and database.
    states.clear();
    const quint16 port = m_fx->hub().port();
    m_fx->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Reconnecting, kWait);
    QVERIFY(m_fx->start({}, {}, port));
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Connected, kWait);
    seen = statesOf(states);
    QCOMPARE(seen.first(), S::Reconnecting);
    QCOMPARE(seen.last(), S::Connected);
    QVERIFY(!seen.contains(S::SignedOut));
}

void TestClient::resyncAfterCutHasNoGapOrDuplicate()
{
    auto ann = m_fx->customer(QStringLiteral("customer-key-resync-a01"), QStringLiteral("Ann"));
    QVERIFY(ann);
    const qint64 ca = HubFixture::say(*ann, QStringLiteral("a1"));
    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    TranscriptState &transcripts = client->transcripts();
    QSignalSpy finished(&transcripts, &TranscriptState::loadFinished);
    transcripts.load(ca);
    QVERIFY(finished.wait(kWait));
    HubFixture::say(*ann, QStringLiteral("a2"));
    QTRY_COMPARE_WITH_TIMEOUT(textsOf(transcripts.messages(ca)), latin({"a1", "a2"}), kWait);

    HubConnection &connection = client->connection();
    connection.setOptions(heldBack(fastOptions()));
    QSignalSpy snapshots(&connection, &HubConnection::snapshotReceived);
    QSignalSpy synced(&connection, &HubConnection::synchronised);
    QSignalSpy events(&connection, &HubConnection::eventReceived);
    connection.abortConnection();
    QCOMPARE(connection.state(), S::Reconnecting);

    // Meanwhile: more messages, a new conversation, and another agent claims it.
    HubFixture::say(*ann, QStringLiteral("a3"));
    HubFixture::say(*ann, QStringLiteral("a4"));
    auto ben = m_fx->customer(QStringLiteral("customer-key-resync-b01"), QStringLiteral("Ben"));
    QVERIFY(ben);
    const qint64 cb = HubFixture::say(*ben, QStringLiteral("b1"));
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    auto bobDesk = m_fx->agent(bob);
    QVERIFY(bobDesk);
    QVERIFY(isAck(bobDesk->reply(bobDesk->send(command("claim", cb)))));
    QCOMPARE(connection.state(), S::Reconnecting);
    QCOMPARE(events.count(), 0);

    connection.setOptions(fastOptions());
    connection.reconnectNow();
    QVERIFY(synced.wait(kWait));
    QCOMPARE(synced.at(0).at(0).toBool(), true); // replayed, not a snapshot
    QCOMPARE(snapshots.count(), 0);
    QCOMPARE(connection.lastSeq(), m_fx->hub().lastSeq());

    // Every missed event exactly once, in order.
    QList<qint64> seqs;
    for (const QList<QVariant> &args : events)
        seqs.append(args.at(0).value<Event>().seq);
    // a3 and a4 (each a message and the bot's routing decision), b created, b1, its routing
    // decision and hand-over (no knowledge base here), b claimed.
    QCOMPARE(seqs.size(), 9);
    for (qsizetype i = 1; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), seqs.at(i - 1) + 1);
    QCOMPARE(seqs.last(), m_fx->hub().lastSeq());

    const QList<Message> shown = transcripts.messages(ca);
    QCOMPARE(textsOf(shown), latin({"a1", "a2", "a3", "a4"}));
    const QList<qint64> shownIds = idsOf(shown);
    QCOMPARE(QSet<qint64>(shownIds.cbegin(), shownIds.cend()).size(), shown.size());
    QCOMPARE(idsOf(shown), idsOf(storedMessages(ca)));
    QCOMPARE(client->queue().ids(), (QList<qint64>{ca, cb}));
    QCOMPARE(client->queue().conversation(ca).messageCount, 4);
    QCOMPARE(client->queue().conversation(cb).state, ConversationState::Assigned);
    QCOMPARE(client->queue().conversation(cb).assigneeId, bob.id);

    // And live again.
    HubFixture::say(*ann, QStringLiteral("a5"));
    QTRY_COMPARE_WITH_TIMEOUT(transcripts.messages(ca).size(), qsizetype(5), kWait);
    QCOMPARE(idsOf(transcripts.messages(ca)), idsOf(storedMessages(ca)));
}

void TestClient::snapshotAfterFallingTooFarBehind()
{
    m_fx = std::make_unique<HubFixture>();
    HubSettings settings;
    settings.replayLimit = 2;
    QVERIFY(m_fx->start(settings));
    m_hubUrl = m_fx->hub().baseUrl();
    m_alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);

    auto ann = m_fx->customer(QStringLiteral("customer-key-snapshot-1"), QStringLiteral("Ann"));
    QVERIFY(ann);
    const qint64 ca = HubFixture::say(*ann, QStringLiteral("a1"));
    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    TranscriptState &transcripts = client->transcripts();
    QSignalSpy finished(&transcripts, &TranscriptState::loadFinished);
    transcripts.load(ca);
    QVERIFY(finished.wait(kWait));

    HubConnection &connection = client->connection();
    connection.setOptions(heldBack(fastOptions()));
    QSignalSpy synced(&connection, &HubConnection::synchronised);
    QSignalSpy queueReset(&client->queue(), &QueueState::reset);
    QSignalSpy transcriptReset(&transcripts, &TranscriptState::transcriptReset);
    connection.abortConnection();
    for (const char *text : {"a2", "a3", "a4"})
        HubFixture::say(*ann, QLatin1String(text));
    auto ben = m_fx->customer(QStringLiteral("customer-key-snapshot-2"), QStringLiteral("Ben"));
    const qint64 cb = HubFixture::say(*ben, QStringLiteral("b1"));

    connection.setOptions(fastOptions());
    connection.reconnectNow();
    QVERIFY(synced.wait(kWait));
    QCOMPARE(synced.at(0).at(0).toBool(), false);
    QCOMPARE(queueReset.count(), 1);
    QCOMPARE(client->queue().ids(), (QList<qint64>{ca, cb}));
    // The loaded transcript is fetched again, since its events were skipped.
    QTRY_VERIFY_WITH_TIMEOUT(transcriptReset.count() >= 1 && !transcripts.isLoading(ca), kWait);
    QCOMPARE(textsOf(transcripts.messages(ca)), latin({"a1", "a2", "a3", "a4"}));
    QCOMPARE(idsOf(transcripts.messages(ca)), idsOf(storedMessages(ca)));
}

void TestClient::rejectedTokenOnReconnectSignsOut()
{
    const QString token = m_fx->tokenFor(m_alice);
    auto client = makeClient();
    client->resume(hubUrl(), token);
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Connected, kWait);

    // The session ends on the hub (expired, or revoked by an admin) while the desktop is away.
    QVERIFY(m_fx->hub().store().deleteSession(auth::secretHash(token)).ok());
    QSignalSpy failed(&client->connection(), &HubConnection::signInFailed);
    client->connection().abortConnection();
    QVERIFY(failed.wait(kWait));
    QCOMPARE(failed.at(0).at(0).value<Error>().code, QStringLiteral("unauthenticated"));
    QCOMPARE(client->connection().state(), S::SignedOut);
    QVERIFY(client->connection().token().isEmpty());
    QVERIFY(!client->connection().lastError().message.isEmpty());
}

void TestClient::rateLimitedCommandsAreRetried()
{
    m_fx = std::make_unique<HubFixture>();
    HubConfig config;
    config.agentFramesPerSecond = 4;
    config.agentBurst = 4;
    QVERIFY(m_fx->start({}, config));
    m_hubUrl = m_fx->hub().baseUrl();
    m_alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto customer = m_fx->customer(QStringLiteral("customer-key-ratelimit-1"));
    const qint64 c = HubFixture::say(*customer, QStringLiteral("hello"));

    auto client = makeClient();
    // A client pacing far above the hub's limit: the hub refuses, nothing may be lost.
    ConnectionOptions eager = fastOptions();
    eager.sendRatePerSecond = 1000;
    eager.sendBurst = 1000;
    eager.retryDelayMs = 1000;
    client->connection().setOptions(eager);
    QVERIFY(connectAs(*client, m_alice));
    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    QSignalSpy failed(&client->connection(), &HubConnection::commandFailed);
    QStringList ids;
    for (int i = 0; i < 12; ++i)
        ids.append(client->connection().command(QStringLiteral("history"),
                                                {{QStringLiteral("conversationId"), c}}));
    QTRY_COMPARE_WITH_TIMEOUT(ok.count(), 12, kWait);
    QCOMPARE(failed.count(), 0);
    for (const QString &id : std::as_const(ids))
        QVERIFY(spyHas(ok, id));
}
