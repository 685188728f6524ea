#include "wsclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

using namespace tandem::test;

/// Kill -9 of the hub while customers are sending loses nothing it acknowledged.
class TestHubDurability : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void acknowledgedMessagesSurviveSigkill();

private:
    bool startHub(QProcess &process, quint16 &port);
    QString m_hubBin;
    QTemporaryDir m_dir;
    QString m_database;
};

void TestHubDurability::initTestCase()
{
    m_hubBin = qEnvironmentVariable("TANDEM_HUB_BIN");
    QVERIFY2(QFile::exists(m_hubBin), "set TANDEM_HUB_BIN to the tandem-hub executable");
    QVERIFY(m_dir.isValid());
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("hub.db"));

    QProcess add;
    add.start(m_hubBin, {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice"),
                         QStringLiteral("--role"), QStringLiteral("agent"),
                         QStringLiteral("--database"), m_database});
    add.write("durable-password\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(60000));
    QCOMPARE(add.exitCode(), 0);
}

bool TestHubDurability::startHub(QProcess &process, quint16 &port)
{
    QByteArray log;
    QObject::connect(&process, &QProcess::readyReadStandardError, &process,
                     [&] { log += process.readAllStandardError(); });
    process.start(m_hubBin,
                  {QStringLiteral("serve"), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"), m_database});
    static const QRegularExpression listening(
        QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)"));
    QRegularExpressionMatch match;
    (void)QTest::qWaitFor(
        [&] {
            match = listening.match(QString::fromUtf8(log));
            return match.hasMatch() || process.state() == QProcess::NotRunning;
        },
        30000);
    QObject::disconnect(&process, &QProcess::readyReadStandardError, nullptr, nullptr);
    if (!match.hasMatch()) {
        qWarning() << "hub did not start:" << log;
        return false;
    }
    port = quint16(match.captured(1).toUInt());
    return true;
}

void TestHubDurability::acknowledgedMessagesSurviveSigkill()
{
    QProcess hub;
    quint16 port = 0;
    QVERIFY(startHub(hub, port));
    const QUrl customerUrl(QStringLiteral("ws://127.0.0.1:%1/ws/customer").arg(port));

    // Each customer sends its next message as soon as the previous one is acknowledged.
    constexpr int kCustomers = 100;
    constexpr int kMessagesEach = 12; // stays inside the per-connection burst allowance
    std::vector<std::unique_ptr<WsClient>> customers;
    QSet<QString> acknowledged;
    QHash<WsClient *, int> sent;
    auto sendNext = [&](WsClient *c, int index) {
        const int n = ++sent[c];
        c->send(
            {{QStringLiteral("type"), QStringLiteral("message")},
             {QStringLiteral("id"), QStringLiteral("m%1").arg(n)},
             {QStringLiteral("text"), QStringLiteral("客户 %1 的第 %2 条消息").arg(index).arg(n)}});
    };
    for (int i = 0; i < kCustomers; ++i) {
        auto c = std::make_unique<WsClient>();
        QVERIFY(c->open(customerUrl));
        QVERIFY(isAck(c->reply(c->send({{QStringLiteral("type"), QStringLiteral("hello")},
                                        {QStringLiteral("customerKey"),
                                         QStringLiteral("durable-customer-%1-xxxx").arg(i)}}))));
        WsClient *raw = c.get();
        const int index = i;
        connect(&raw->socket, &QWebSocket::textMessageReceived, raw,
                [&, raw, index](const QString &text) {
                    const QJsonObject f = QJsonDocument::fromJson(text.toUtf8()).object();
                    if (!isAck(f) || !f.contains(QStringLiteral("message")))
                        return;
                    acknowledged.insert(f.value(QStringLiteral("message"))
                                            .toObject()
                                            .value(QStringLiteral("text"))
                                            .toString());
                    if (hub.state() == QProcess::Running && sent[raw] < kMessagesEach)
                        sendNext(raw, index);
                });
        customers.push_back(std::move(c));
    }
    for (int i = 0; i < kCustomers; ++i)
        sendNext(customers[i].get(), i);
    // Killed while messages are still in flight.
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() >= 300, 120000);

    hub.kill(); // SIGKILL: no chance to flush anything
    QVERIFY(hub.waitForFinished(30000));
    for (auto &c : customers)
        QTRY_VERIFY_WITH_TIMEOUT(c->socket.state() == QAbstractSocket::UnconnectedState, 30000);
    const QSet<QString> mustExist = acknowledged;
    int attempted = 0;
    for (int n : std::as_const(sent))
        attempted += n;
    qInfo() << "acknowledged before SIGKILL:" << mustExist.size() << "of" << attempted << "sent";
    QVERIFY2(attempted < kCustomers * kMessagesEach,
             "the kill must come while customers are sending");

    QProcess restarted;
    QVERIFY(startHub(restarted, port));
    WsClient agent;
    QVERIFY(agent.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/agent").arg(port))));
    const QJsonObject login =
        agent.reply(agent.send({{QStringLiteral("type"), QStringLiteral("login")},
                                {QStringLiteral("username"), QStringLiteral("alice")},
                                {QStringLiteral("password"), QStringLiteral("durable-password")}}),
                    60000);
    QVERIFY(isAck(login));
    const QJsonArray conversations = agent.ofType(QStringLiteral("snapshot"))
                                         .value(0)
                                         .value(QStringLiteral("conversations"))
                                         .toArray();
    QVERIFY(conversations.size() <= kCustomers);
    QSet<QString> stored;
    int storedCount = 0;
    for (const QJsonValue &c : conversations) {
        const QJsonObject history = agent.reply(agent.send(
            {{QStringLiteral("type"), QStringLiteral("history")},
             {QStringLiteral("conversationId"), c.toObject().value(QStringLiteral("id"))},
             {QStringLiteral("limit"), 1000}}));
        QVERIFY(isAck(history));
        for (const QJsonValue &m : history.value(QStringLiteral("messages")).toArray()) {
            stored.insert(m.toObject().value(QStringLiteral("text")).toString());
            ++storedCount;
        }
    }
    QCOMPARE(storedCount, stored.size()); // no message stored twice
    for (const QString &text : mustExist)
        QVERIFY2(stored.contains(text),
                 qPrintable(QStringLiteral("acknowledged but lost: ") + text));
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(30000));
    QCOMPARE(restarted.exitStatus(), QProcess::NormalExit);
}

QTEST_GUILESS_MAIN(TestHubDurability)
#include "tst_hub_durability.moc"
