// The default queue order (QueueOrder): waiting time against the target plus priority, in the
// model the queue view shows and in "claim next" (Ctrl+N).
#include "client.h"
#include "queuemodel.h"
#include "queuestate.h"
#include "roles.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QtTest>

using namespace tandem;

namespace {

constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

Conversation waiting(qint64 id, qint64 waitingSinceMs, int priority)
{
    Conversation c;
    c.id = id;
    c.customerName = QStringLiteral("c%1").arg(id);
    c.channel = QStringLiteral("web");
    c.state = ConversationState::Waiting;
    c.createdAtMs = waitingSinceMs;
    c.waitingSinceMs = waitingSinceMs;
    c.priority = priority;
    c.escalation = priority == 3;
    return c;
}

QList<qint64> rows(const QueueModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.conversationId(row));
    return ids;
}

} // namespace

class TestQueueOrder : public QObject
{
    Q_OBJECT
private slots:
    void scoreAndKeyAgree();
    void escalatedJumpsAheadButNobodyStarves();
    void targetWaitChangesTheOrder();
};

void TestQueueOrder::scoreAndKeyAgree()
{
    const QueueOrder order;
    QCOMPARE(order.targetWaitMs, 120000);
    const qint64 t = 1'700'000'000'000;
    // score = waited / target + 0.5 × priority
    QCOMPARE(order.score(t - 60000, 0, t), 0.5);
    QCOMPARE(order.score(t - 10000, 3, t), 10.0 / 120 + 1.5);
    // A higher score is a smaller key, whatever the time.
    const qint64 a = order.key(t - 10000, 3), b = order.key(t - 30000, 0);
    QVERIFY(order.score(t - 10000, 3, t) > order.score(t - 30000, 0, t));
    QVERIFY(a < b);
    QVERIFY(order.score(t - 10000, 3, t + 500000) > order.score(t - 30000, 0, t + 500000));
}

void TestQueueOrder::escalatedJumpsAheadButNobodyStarves()
{
    HubConnection connection;
    QueueState state(connection);
    QueueModel model(state);
    QAbstractItemModelTester tester(&model, kFatal);
    const qint64 t = QDateTime::currentMSecsSinceEpoch();

    const Conversation calm = waiting(1, t - 30000, 0);
    const Conversation escalated = waiting(2, t - 10000, 3);
    emit connection.snapshotReceived(1, {calm, escalated});
    // An escalated customer waiting 10 s ranks above a calm one waiting 30 s…
    QCOMPARE(rows(model), (QList<qint64>{2, 1}));
    QCOMPARE(state.nextWaiting(), 2);

    // …but a calm one waiting far past the target is not starved by newer angry ones.
    const Conversation patient = waiting(3, t - 400000, 0);
    Event e;
    e.seq = 2;
    e.kind = QStringLiteral("conversation.created");
    e.conversationId = 3;
    e.payload = {{QStringLiteral("conversation"), patient.toJson()}};
    emit connection.eventReceived(e);
    QCOMPARE(rows(model), (QList<qint64>{3, 2, 1}));
    QCOMPARE(state.nextWaiting(), 3);

    // The tooltip explains the score.
    const QString tip = model.index(0, QueueModel::Priority).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("Queue order")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("2 min target")), qPrintable(tip));

    // Claim next takes the top of the same order.
    auto client = Client::create(QDir::temp().filePath(
        QStringLiteral("tst_queueorder-%1.db").arg(QCoreApplication::applicationPid())));
    QVERIFY(client.ok());
    emit client.value()->connection().snapshotReceived(1, {calm, escalated});
    QCOMPARE(client.value()->nextWaiting(), 2);
}

void TestQueueOrder::targetWaitChangesTheOrder()
{
    HubConnection connection;
    QueueState state(connection);
    QueueModel model(state);
    QAbstractItemModelTester tester(&model, kFatal);
    const qint64 t = QDateTime::currentMSecsSinceEpoch();
    // Priority 1 counts like 60 s at the default target: 100 s of waiting beats it.
    emit connection.snapshotReceived(1, {waiting(1, t - 100000, 0), waiting(2, t - 10000, 1)});
    QCOMPARE(rows(model), (QList<qint64>{1, 2}));
    // With a 10 min target, priority 1 counts like 5 min.
    QueueOrder longer;
    longer.targetWaitMs = 600000;
    state.setOrder(longer);
    QCOMPARE(rows(model), (QList<qint64>{2, 1}));
    QCOMPARE(state.nextWaiting(), 2);
}

QTEST_MAIN(TestQueueOrder)
#include "tst_queueorder.moc"
