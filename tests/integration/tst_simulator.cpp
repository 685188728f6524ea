#include "hubfixture.h"
#include "simulator.h"

#include <QJsonArray>

using namespace tandem;
using namespace tandem::test;

/// Simulated customers are real customer connections: their scripted messages reach agents.
class TestSimulator : public QObject
{
    Q_OBJECT
private slots:
    void scriptValidation_data();
    void scriptValidation();
    void builtInScriptLoads();
    void simulatedCustomersFillTheQueue();
};

void TestSimulator::scriptValidation_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::newRow("good")
        << QByteArray(
               R"({"format":"tandem-simulation","customers":[{"id":"a","name":"Ann","locale":"en","mood":"calm","turns":[{"text":"hi","delayMs":0}]}]})")
        << true;
    QTest::newRow("not json") << QByteArray("{") << false;
    QTest::newRow("wrong format") << QByteArray(R"({"format":"other","customers":[]})") << false;
    QTest::newRow("no customers") << QByteArray(R"({"format":"tandem-simulation","customers":[]})")
                                  << false;
    QTest::newRow("empty turn")
        << QByteArray(
               R"({"format":"tandem-simulation","customers":[{"id":"a","turns":[{"text":" ","delayMs":0}]}]})")
        << false;
    QTest::newRow("negative delay")
        << QByteArray(
               R"({"format":"tandem-simulation","customers":[{"id":"a","turns":[{"text":"x","delayMs":-5}]}]})")
        << false;
}

void TestSimulator::scriptValidation()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    const auto script = SimulationScript::fromJson(json);
    QCOMPARE(script.ok(), valid);
    if (!valid)
        QVERIFY(!script.error().message.isEmpty());
}

void TestSimulator::builtInScriptLoads()
{
    const auto script = SimulationScript::builtIn();
    QVERIFY2(script.ok(), qPrintable(script.error().message));
    QSet<QString> locales;
    for (const SimulatedCustomer &c : script->customers)
        locales.insert(c.locale);
    QVERIFY(locales.contains(QStringLiteral("zh-CN")));
    QVERIFY(locales.contains(QStringLiteral("zh-TW")));
    QVERIFY(locales.contains(QStringLiteral("en")));
}

void TestSimulator::simulatedCustomersFillTheQueue()
{
    HubFixture fx;
    QVERIFY(fx.start());
    auto agent = fx.agent(fx.addUser(QStringLiteral("alice"), Role::Agent));
    QVERIFY(agent);

    const QByteArray json = R"({"format":"tandem-simulation","formatVersion":1,"customers":[
      {"id":"cn","name":"王女士","locale":"zh-CN","mood":"impatient","turns":[{"text":"我的快递怎么还没到？","delayMs":0},{"text":"还在吗？？","delayMs":100}]}
    ]})";
    auto script = SimulationScript::fromJson(json);
    QVERIFY(script.ok());
    CustomerSimulator simulator(fx.hub().baseUrl(), script.value());
    QSignalSpy finished(&simulator, &CustomerSimulator::finished);
    simulator.start(6000, 3, 0.01, 42);

    // Three customers, each with its own conversation, both turns in order.
    QTRY_COMPARE_WITH_TIMEOUT(simulator.stats().messagesAcknowledged, 6, 30000);
    auto open = fx.hub().store().openConversations();
    QVERIFY(open.ok());
    QCOMPARE(open->size(), 3);
    for (const Conversation &c : open.value()) {
        QCOMPARE(c.customerName, QStringLiteral("王女士"));
        QCOMPARE(c.locale, QStringLiteral("zh-CN"));
        const auto messages = fx.hub().store().messages(c.id, 0, 0, 10, false);
        QCOMPARE(messages->size(), 2);
        QCOMPARE(messages->at(0).text, QStringLiteral("我的快递怎么还没到？"));
        QCOMPARE(messages->at(1).text, QStringLiteral("还在吗？？"));
    }
    // The agent saw them arrive live, and a reply reaches the simulated customer.
    QVERIFY(!agent
                 ->waitFor([](const QJsonObject &f) {
                     return f.value(QStringLiteral("kind")).toString() ==
                            QLatin1String("conversation.created");
                 })
                 .isEmpty());
    const qint64 first = open->first().id;
    QVERIFY(isAck(agent->reply(agent->send({{QStringLiteral("type"), QStringLiteral("claim")},
                                            {QStringLiteral("conversationId"), first}}))));
    QVERIFY(isAck(agent->reply(
        agent->send({{QStringLiteral("type"), QStringLiteral("send")},
                     {QStringLiteral("conversationId"), first},
                     {QStringLiteral("text"), QStringLiteral("您好，马上帮您查。")}}))));
    QTRY_COMPARE_WITH_TIMEOUT(simulator.stats().repliesReceived, 1, 30000);
    QVERIFY(finished.wait(30000) || finished.count() == 1);
    QCOMPARE(simulator.stats().errors, 0);
}

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
