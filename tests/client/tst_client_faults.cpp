#include "fakehub.h"
#include "tst_client.h"

using namespace tandem;
using namespace tandem::test;

namespace {
using S = HubConnection::State;

bool is(const QJsonObject &frame, const char *type)
{
    return frame.value(QStringLiteral("type")).toString() == QLatin1String(type);
}

void ackPing(QWebSocket *socket, const QJsonObject &ping)
{
    FakeHub::send(socket, {{QStringLiteral("type"), QStringLiteral("ack")},
                           {QStringLiteral("id"), ping.value(QStringLiteral("id"))},
                           {QStringLiteral("seq"), 0}});
}

/// Answers a hello as a hub with nothing new would.
void welcomeEmpty(QWebSocket *socket, const QJsonObject &hello)
{
    const bool resuming = hello.contains(QStringLiteral("lastSeq"));
    if (!resuming)
        FakeHub::send(socket, {{QStringLiteral("type"), QStringLiteral("snapshot")},
                               {QStringLiteral("seq"), 0},
                               {QStringLiteral("conversations"), QJsonArray()}});
    FakeHub::welcome(socket, hello, 0, resuming);
}
} // namespace

void TestClient::duplicatesAreIgnoredAndGapsResync()
{
    FakeHub fake;
    QVERIFY(fake.listen());
    int hellos = 0;
    fake.script = [&](QWebSocket *s, const QJsonObject &f) {
        if (is(f, "ping"))
            return ackPing(s, f);
        if (!is(f, "hello"))
            return;
        if (++hellos == 1) {
            FakeHub::send(s, {{QStringLiteral("type"), QStringLiteral("snapshot")},
                              {QStringLiteral("seq"), 0},
                              {QStringLiteral("conversations"), QJsonArray()}});
            FakeHub::welcome(s, f, 0, false);
            for (qint64 seq : {1, 2, 2, 1, 4}) // a duplicate, an older one, then 3 is missing
                FakeHub::event(s, seq);
            return;
        }
        FakeHub::event(s, 3);
        FakeHub::event(s, 4);
        FakeHub::welcome(s, f, 4, true);
    };

    auto client = makeClient();
    QSignalSpy events(&client->connection(), &HubConnection::eventReceived);
    client->resume(fake.url(), QStringLiteral("fake-token"));
    QTRY_VERIFY_WITH_TIMEOUT(hellos == 2 && isState(*client, S::Connected), kWait);

    QList<qint64> seqs;
    for (const QList<QVariant> &args : events)
        seqs.append(args.at(0).value<Event>().seq);
    QCOMPARE(seqs, (QList<qint64>{1, 2, 3, 4}));
    const QList<QJsonObject> sentHellos = fake.ofType(QStringLiteral("hello"));
    QVERIFY(!sentHellos.at(0).contains(QStringLiteral("lastSeq")));
    QCOMPARE(sentHellos.at(1).value(QStringLiteral("lastSeq")).toInteger(), 2);
    QCOMPARE(client->connection().lastSeq(), 4);
    QCOMPARE(client->queue().ids(), (QList<qint64>{1, 2, 3, 4}));
}

void TestClient::silentHubIsDetectedByKeepAlive()
{
    FakeHub fake;
    QVERIFY(fake.listen());
    int hellos = 0;
    bool answerPings = false;
    fake.script = [&](QWebSocket *s, const QJsonObject &f) {
        if (is(f, "ping") && answerPings)
            return ackPing(s, f);
        if (is(f, "hello")) {
            ++hellos;
            welcomeEmpty(s, f);
        }
    };

    auto client = makeClient();
    ConnectionOptions o = fastOptions();
    o.keepAliveIntervalMs = 100;
    o.keepAliveTimeoutMs = 500;
    client->connection().setOptions(o);
    QSignalSpy states(&client->connection(), &HubConnection::stateChanged);
    client->resume(fake.url(), QStringLiteral("fake-token"));
    // Pings go unanswered: the connection is given up and made again.
    QTRY_VERIFY_WITH_TIMEOUT(hellos >= 2, kWait);
    bool sawReconnecting = false;
    for (const QList<QVariant> &args : states)
        sawReconnecting = sawReconnecting || args.at(0).value<S>() == S::Reconnecting;
    QVERIFY(sawReconnecting);

    // Once pings are answered the connection stays.
    answerPings = true;
    QTRY_VERIFY_WITH_TIMEOUT(isState(*client, S::Connected), kWait);
    qsizetype pings = fake.ofType(QStringLiteral("ping")).size();
    QTRY_VERIFY_WITH_TIMEOUT(fake.ofType(QStringLiteral("ping")).size() >= pings + 3, kWait);
    const int settled = hellos;
    pings = fake.ofType(QStringLiteral("ping")).size();
    QTRY_VERIFY_WITH_TIMEOUT(fake.ofType(QStringLiteral("ping")).size() >= pings + 5, kWait);
    QCOMPARE(hellos, settled);
    QCOMPARE(client->connection().state(), S::Connected);
}

void TestClient::unansweredCommandIsResentWithSameId()
{
    FakeHub fake;
    QVERIFY(fake.listen());
    int claims = 0;
    fake.script = [&](QWebSocket *s, const QJsonObject &f) {
        if (is(f, "ping"))
            return ackPing(s, f);
        if (is(f, "hello"))
            return welcomeEmpty(s, f);
        if (is(f, "claim") && ++claims == 1) {
            s->abort(); // applied, perhaps, but the ack is lost with the connection
            return;
        }
        FakeHub::send(s, {{QStringLiteral("type"), QStringLiteral("ack")},
                          {QStringLiteral("id"), f.value(QStringLiteral("id"))},
                          {QStringLiteral("duplicate"), true}});
    };

    auto client = makeClient();
    client->resume(fake.url(), QStringLiteral("fake-token"));
    QTRY_VERIFY_WITH_TIMEOUT(isState(*client, S::Connected), kWait);
    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    QSignalSpy failed(&client->connection(), &HubConnection::commandFailed);
    const QString id = client->claim(42);
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, id), kWait);
    const QList<QJsonObject> sent = fake.ofType(QStringLiteral("claim"));
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(0).value(QStringLiteral("id")).toString(), id);
    QCOMPARE(sent.at(1).value(QStringLiteral("id")).toString(), id);
    QCOMPARE(ok.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!client->connection().isPending(id));
}
