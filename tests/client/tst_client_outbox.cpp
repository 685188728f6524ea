#include "tst_client.h"

using namespace tandem;
using namespace tandem::test;

namespace {
using S = HubConnection::State;

int countText(const QList<Message> &messages, const QString &text)
{
    return int(std::count_if(messages.cbegin(), messages.cend(),
                             [&](const Message &m) { return m.text == text; }));
}

/// How often a customer reconnecting from scratch sees `text` in its conversation.
int customerSees(HubFixture &fx, const QString &key, const QString &text)
{
    auto customer = fx.customer(key);
    if (!customer)
        return -1;
    const QList<QJsonObject> acks = customer->ofType(QStringLiteral("ack"));
    if (acks.isEmpty())
        return -1;
    int n = 0;
    const QJsonArray messages = acks.first().value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &m : messages)
        n += m.toObject().value(QStringLiteral("text")).toString() == text;
    return n;
}
} // namespace

void TestClient::replyQueuedWhileHubIsDownIsDeliveredOnce()
{
    const QString key = QStringLiteral("customer-key-outage-0001");
    auto customer = m_fx->customer(key, QStringLiteral("Olga"));
    QVERIFY(customer);
    const qint64 c = HubFixture::say(*customer, QStringLiteral("Where is my refund?"));
    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    const QString claim = client->claim(c);
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, claim), kWait);

    const quint16 port = m_fx->hub().port();
    customer.reset();
    m_fx->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Reconnecting, kWait);

    const QString text = QStringLiteral("Sorry for the wait: the refund left today.");
    QSignalSpy sent(&client->outbox(), &Outbox::replySent);
    const Result<QString> queued = client->sendReply(c, text);
    QVERIFY(queued.ok());
    QCOMPARE(client->outbox().replies().size(), 1);
    QCOMPARE(client->outbox().replies().first().state, OutboxReply::State::Pending);

    QVERIFY(m_fx->start({}, {}, port));
    QVERIFY(sent.wait(kWait));
    QCOMPARE(sent.at(0).at(0).toString(), queued.value());
    QCOMPARE(sent.at(0).at(1).toLongLong(), c);
    QVERIFY(client->outbox().replies().isEmpty());
    QCOMPARE(countText(storedMessages(c), text), 1);
    QCOMPARE(customerSees(*m_fx, key, text), 1);
}

void TestClient::draftAndPendingReplySurviveRestart()
{
    auto customer = m_fx->customer(QStringLiteral("customer-key-restart-01"));
    const qint64 c = HubFixture::say(*customer, QStringLiteral("Hello?"));
    auto desk = m_fx->agent(m_alice);
    QVERIFY(isAck(desk->reply(desk->send(command("claim", c)))));
    const QString text = QStringLiteral("Queued before the desktop quit.");
    const QString typing = QStringLiteral("half-typed follow-up");
    {
        auto client = makeClient(QStringLiteral("restart.db")); // never signed in
        QVERIFY(client->outbox().setDraft(c, QStringLiteral("first words")).ok());
        QCOMPARE(client->outbox().draft(c), QStringLiteral("first words"));
        QVERIFY(client->sendReply(c, text).ok());
        QCOMPARE(client->outbox().draft(c), QString()); // queueing clears the draft
        QVERIFY(client->outbox().setDraft(c, typing).ok());
    }
    auto again = makeClient(QStringLiteral("restart.db"));
    QCOMPARE(again->outbox().draft(c), typing);
    QCOMPARE(again->outbox().replies().size(), 1);
    QSignalSpy sent(&again->outbox(), &Outbox::replySent);
    QVERIFY(connectAs(*again, m_alice));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(countText(storedMessages(c), text), 1);
    QVERIFY(again->outbox().replies().isEmpty());
    QCOMPARE(again->outbox().draft(c), typing);

    // Nothing is sent twice by a later start either.
    again.reset();
    auto third = makeClient(QStringLiteral("restart.db"));
    QVERIFY(third->outbox().replies().isEmpty());
    QVERIFY(third->outbox().setDraft(c, QString()).ok());
    QCOMPARE(third->outbox().draft(c), QString());
}

void TestClient::resentReplyAfterCrashIsAppliedOnce()
{
    auto customer = m_fx->customer(QStringLiteral("customer-key-crash-0001"));
    const qint64 c = HubFixture::say(*customer, QStringLiteral("Hello?"));
    auto desk = m_fx->agent(m_alice);
    QVERIFY(isAck(desk->reply(desk->send(command("claim", c)))));
    const QString text = QStringLiteral("Sent just before the crash.");
    QString clientId;
    {
        auto client = makeClient(QStringLiteral("crash.db"));
        clientId = client->sendReply(c, text).value();
    }
    // The first attempt reached the hub and was committed; the desktop died before the ack.
    QVERIFY(isAck(desk->reply(desk->send(
        command("send", c, {{QStringLiteral("id"), clientId}, {QStringLiteral("text"), text}})))));
    QCOMPARE(countText(storedMessages(c), text), 1);

    auto again = makeClient(QStringLiteral("crash.db"));
    QSignalSpy ok(&again->connection(), &HubConnection::commandSucceeded);
    QSignalSpy sent(&again->outbox(), &Outbox::replySent);
    QVERIFY(connectAs(*again, m_alice));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, kWait);
    QCOMPARE(ok.count(), 1);
    QCOMPARE(ok.at(0).at(0).toString(), clientId);
    QVERIFY(ok.at(0).at(1).toJsonObject().value(QStringLiteral("duplicate")).toBool());
    QCOMPARE(countText(storedMessages(c), text), 1);
    QVERIFY(again->outbox().replies().isEmpty());
}

void TestClient::permanentFailureIsReportedNotRetried()
{
    auto customer = m_fx->customer(QStringLiteral("customer-key-forbidden1"));
    const qint64 c = HubFixture::say(*customer, QStringLiteral("Hello?"));
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    auto bobDesk = m_fx->agent(bob);
    QVERIFY(isAck(bobDesk->reply(bobDesk->send(command("claim", c)))));

    auto client = makeClient();
    QVERIFY(connectAs(*client, m_alice));
    QSignalSpy replyFailed(&client->outbox(), &Outbox::replyFailed);
    QSignalSpy commandFailed(&client->connection(), &HubConnection::commandFailed);
    const QString text = QStringLiteral("Not my conversation.");
    const QString id = client->sendReply(c, text).value();
    QVERIFY(replyFailed.wait(kWait));
    QCOMPARE(replyFailed.at(0).at(0).toString(), id);
    QCOMPARE(replyFailed.at(0).at(1).toLongLong(), c);
    QCOMPARE(replyFailed.at(0).at(2).value<Error>().code, QStringLiteral("forbidden"));
    const QList<OutboxReply> kept = client->outbox().replies(c);
    QCOMPARE(kept.size(), 1); // shown to the user, not dropped
    QCOMPARE(kept.first().state, OutboxReply::State::Failed);
    QCOMPARE(kept.first().error.code, QStringLiteral("forbidden"));

    // A reconnect does not send it again. The probe is a command that goes through the hub's
    // engine, which answers in order: a re-sent reply would be answered before it.
    auto other = m_fx->customer(QStringLiteral("customer-key-forbidden2"));
    const qint64 c2 = HubFixture::say(*other, QStringLiteral("Me too"));
    client->connection().abortConnection();
    QTRY_COMPARE_WITH_TIMEOUT(client->connection().state(), S::Connected, kWait);
    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    const QString probe = client->claim(c2);
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, probe), kWait);
    QCOMPARE(commandFailed.count(), 1);
    QCOMPARE(replyFailed.count(), 1);
    QCOMPARE(countText(storedMessages(c), text), 0);

    // The user may try again (same refusal) or give up.
    QVERIFY(client->outbox().retryReply(id).ok());
    QVERIFY(replyFailed.wait(kWait));
    QCOMPARE(replyFailed.count(), 2);
    QVERIFY(client->outbox().discardReply(id).ok());
    QVERIFY(client->outbox().replies().isEmpty());
}

void TestClient::outboxSendsOnlyAsItsOwner()
{
    auto customer = m_fx->customer(QStringLiteral("customer-key-owner-0001"));
    const qint64 c = HubFixture::say(*customer, QStringLiteral("Hello?"));
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Supervisor);
    {
        auto client = makeClient(QStringLiteral("alice.db"));
        QVERIFY(connectAs(*client, m_alice)); // the file is alice's from now on
    }
    const QString text = QStringLiteral("Written by alice.");
    auto client = makeClient(QStringLiteral("alice.db"));
    QVERIFY(client->sendReply(c, text).ok());
    QVERIFY(connectAs(*client, bob)); // a supervisor could send it: only the owner check stops it
    QSignalSpy ok(&client->connection(), &HubConnection::commandSucceeded);
    const QString probe = client->claim(c); // answered in order after any send before it
    QTRY_VERIFY_WITH_TIMEOUT(spyHas(ok, probe), kWait);
    QCOMPARE(ok.count(), 1);
    QCOMPARE(client->outbox().replies().size(), 1);
    QCOMPARE(countText(storedMessages(c), text), 0);
}
