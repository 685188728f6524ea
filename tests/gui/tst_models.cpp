#include "client.h"
#include "durationformat.h"
#include "hubconnection.h"
#include "hubfixture.h"
#include "messagedelegate.h"
#include "queuemodel.h"
#include "queuestate.h"
#include "roles.h"
#include "transcriptmodel.h"
#include "transcriptstate.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QJsonArray>
#include <QListView>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QToolTip>
#include <QWebSocketServer>

#include <limits>
#include <memory>

using namespace tandem;
using namespace tandem::test;

namespace {

constexpr int kWait = 20000;
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// A waiting web conversation that has waited `id` minutes, unless changed.
Conversation conversation(qint64 id, const QString &name,
                          ConversationState state = ConversationState::Waiting)
{
    Conversation c;
    c.id = id;
    c.customerName = name;
    c.channel = QStringLiteral("web");
    c.state = state;
    c.createdAtMs = now() - 24 * 3600 * 1000;
    c.waitingSinceMs = state == ConversationState::Waiting ? now() - id * 60000 : 0;
    c.lastMessagePreview = QStringLiteral("hello");
    return c;
}

Conversation assigned(Conversation c, qint64 userId, const QString &name)
{
    c.state = ConversationState::Assigned;
    c.waitingSinceMs = 0;
    c.assigneeId = userId;
    c.assigneeName = name;
    return c;
}

/// A queue fed by hand: the hub connection's signals emitted directly, no socket.
struct Queue
{
    HubConnection connection;
    QueueState state{connection};
    qint64 seq = 1;

    void snapshot(const QList<Conversation> &list)
    {
        emit connection.snapshotReceived(++seq, list);
    }
    void update(const Conversation &c)
    {
        Event e;
        e.seq = ++seq;
        e.kind = QStringLiteral("conversation.updated");
        e.conversationId = c.id;
        e.payload = {{QStringLiteral("conversation"), c.toJson()}};
        emit connection.eventReceived(e);
    }
    void close(Conversation c)
    {
        c.state = ConversationState::Closed;
        update(c);
    }
};

/// What QueueModel should show, worked out independently (ASCII filter words only).
struct Expected
{
    QStringList words;
    QSet<ConversationState> states;
    qint64 mine = 0;

    bool shows(const Conversation &c) const
    {
        if (!states.isEmpty() && !states.contains(c.state))
            return false;
        if (mine && c.assigneeId != mine)
            return false;
        const QString name =
            c.customerName.isEmpty() ? QStringLiteral("Customer %1").arg(c.id) : c.customerName;
        const QString label = c.channel == QLatin1String("web")   ? QStringLiteral("Web")
                              : c.channel == QLatin1String("api") ? QStringLiteral("API")
                                                                  : c.channel;
        const QString hay =
            QStringList{name, c.lastMessagePreview, c.assigneeName, c.channel, label}
                .join(QLatin1Char('\n'))
                .toCaseFolded();
        return std::all_of(words.cbegin(), words.cend(),
                           [&](const QString &w) { return hay.contains(w.toCaseFolded()); });
    }
};

int compareVariants(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::QString)
        return a.toString().compare(b.toString());
    const qint64 x = a.toLongLong();
    const qint64 y = b.toLongLong();
    return x < y ? -1 : (y < x ? 1 : 0);
}

/// A row's place in the promised order, read from the outside. Waiting and State's tie-break use
/// WaitingSinceRole, which (unlike the ms waited) does not move while the check runs; State's
/// also the priority, as QueueOrder does.
struct RowKey
{
    QVariant primary;
    qint64 secondary = 0;
    qint64 id = 0;
};

RowKey keyOf(const QueueModel &model, int row)
{
    const int column = model.sortColumn();
    const QModelIndex index = model.index(row, column);
    const qint64 since = index.data(roles::WaitingSinceRole).toLongLong();
    RowKey k;
    k.id = index.data(roles::ConversationIdRole).toLongLong();
    if (column == QueueModel::Waiting) {
        k.primary = since ? -since : std::numeric_limits<qint64>::min();
    } else {
        k.primary = index.data(roles::SortRole);
        // State's tie-break is the queue order: the wait moved earlier by the priority bonus.
        const int priority = model.index(row, QueueModel::Priority).data(roles::SortRole).toInt();
        if (column == QueueModel::State)
            k.secondary =
                since ? QueueOrder().key(since, priority) : std::numeric_limits<qint64>::max();
    }
    return k;
}

bool inOrder(const RowKey &a, const RowKey &b, Qt::SortOrder order)
{
    int c = compareVariants(a.primary, b.primary);
    if (c == 0)
        c = a.secondary < b.secondary ? -1 : (b.secondary < a.secondary ? 1 : 0);
    if (c != 0)
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    return a.id < b.id;
}

/// Rows are exactly the conversations `expected` shows, in the promised order, and the
/// helpers agree with them.
bool consistent(const QueueModel &model, const QueueState &state, const Expected &expected)
{
    QList<qint64> want;
    int waiting = 0;
    for (qint64 id : state.ids()) {
        const Conversation c = state.conversation(id);
        waiting += c.state == ConversationState::Waiting;
        if (expected.shows(c))
            want.append(id);
    }
    QList<qint64> shown;
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 id = model.conversationId(row);
        shown.append(id);
        if (model.rowOf(id) != row) {
            qWarning() << "rowOf" << id << "is" << model.rowOf(id) << "not" << row;
            return false;
        }
        if (row > 0 && !inOrder(keyOf(model, row - 1), keyOf(model, row), model.sortOrder())) {
            qWarning() << "rows" << row - 1 << row << "out of order, column" << model.sortColumn()
                       << model.sortOrder();
            return false;
        }
    }
    std::sort(shown.begin(), shown.end());
    if (shown != want) {
        qWarning() << "shown" << shown << "\nwanted" << want;
        return false;
    }
    if (model.waitingCount() != waiting) {
        qWarning() << "waitingCount" << model.waitingCount() << "not" << waiting;
        return false;
    }
    return true;
}

QList<qint64> idsInRows(const QueueModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.conversationId(row));
    return ids;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

Message message(qint64 id, qint64 conversationId, SenderKind kind, const QString &text)
{
    Message m;
    m.id = id;
    m.conversationId = conversationId;
    m.senderKind = kind;
    m.senderName =
        kind == SenderKind::Customer ? QStringLiteral("陳小姐") : QStringLiteral("Alice");
    m.text = text;
    m.createdAtMs = now() - (100000 - id) * 1000;
    return m;
}

Event messageEvent(const Message &m)
{
    static qint64 seq = 1000;
    Event e;
    e.seq = ++seq;
    e.kind = QStringLiteral("message.created");
    e.conversationId = m.conversationId;
    e.payload = {{QStringLiteral("message"), m.toJson()}};
    return e;
}

SenderKind kindFor(qint64 id)
{
    static const SenderKind kinds[] = {SenderKind::Customer, SenderKind::Bot,  SenderKind::Agent,
                                       SenderKind::Customer, SenderKind::Note, SenderKind::System};
    return kinds[id % 6];
}

/// A stand-in hub that signs anyone in and answers `history` from hand-made transcripts, so the
/// transcript tests control every page. Everything else gets an empty ack.
class HistoryServer : public QObject
{
public:
    HistoryServer()
        : m_server(QStringLiteral("history"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QWebSocket::textMessageReceived, this, [this, s](const QString &text) {
                    answer(s, QJsonDocument::fromJson(text.toUtf8()).object());
                });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/agent").arg(m_server.serverPort()));
    }

    QHash<qint64, QList<Message>> transcripts; // ascending ids

private:
    static void send(QWebSocket *socket, QJsonObject frame)
    {
        frame.insert(QStringLiteral("v"), 1);
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    void answer(QWebSocket *socket, const QJsonObject &frame)
    {
        const QString type = frame.value(QStringLiteral("type")).toString();
        QJsonObject ack{{QStringLiteral("type"), QStringLiteral("ack")},
                        {QStringLiteral("id"), frame.value(QStringLiteral("id"))}};
        if (type == QLatin1String("hello")) {
            send(socket, {{QStringLiteral("type"), QStringLiteral("snapshot")},
                          {QStringLiteral("seq"), 0},
                          {QStringLiteral("conversations"), QJsonArray()}});
            ack.insert(QStringLiteral("user"),
                       QJsonObject{{QStringLiteral("id"), 7},
                                   {QStringLiteral("username"), QStringLiteral("dora")},
                                   {QStringLiteral("role"), QStringLiteral("agent")}});
            ack.insert(QStringLiteral("seq"), 0);
            ack.insert(QStringLiteral("resumed"), false);
            ack.insert(QStringLiteral("agentCapacity"), 5);
        } else if (type == QLatin1String("history")) {
            const QList<Message> all =
                transcripts.value(frame.value(QStringLiteral("conversationId")).toInteger());
            const qint64 before = frame.value(QStringLiteral("beforeId")).toInteger();
            const int limit = frame.value(QStringLiteral("limit")).toInt();
            QList<Message> page;
            for (const Message &m : all) {
                if (m.id < before)
                    page.append(m);
            }
            page = page.mid(std::max<qsizetype>(0, page.size() - limit));
            QJsonArray list;
            for (const Message &m : std::as_const(page))
                list.append(m.toJson());
            ack.insert(QStringLiteral("messages"), list);
            ack.insert(QStringLiteral("complete"), page.size() < limit);
        }
        send(socket, ack);
    }

    QWebSocketServer m_server;
};

/// TranscriptState over a HistoryServer, signed in and ready.
struct Transcripts
{
    HistoryServer server;
    HubConnection connection;
    TranscriptState state{connection};

    bool start()
    {
        if (!server.listen())
            return false;
        connection.resume(server.url(), QStringLiteral("token"));
        return QTest::qWaitFor(
            [&] { return connection.state() == HubConnection::State::Connected; }, kWait);
    }
};

/// Rows show exactly TranscriptState's messages, in order.
bool rowsMatch(const TranscriptModel &model, const TranscriptState &state)
{
    const QList<Message> messages = state.messages(model.conversation());
    if (model.rowCount() != messages.size()) {
        qWarning() << "rows" << model.rowCount() << "messages" << messages.size();
        return false;
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(roles::MessageIdRole).toLongLong() != messages.at(row).id ||
            index.data().toString() != messages.at(row).text ||
            model.rowOf(messages.at(row).id) != row) {
            qWarning() << "row" << row << "shows" << index.data(roles::MessageIdRole);
            return false;
        }
    }
    return true;
}

QStandardItem *messageItem(qint64 id, SenderKind kind, const QString &text,
                           const QDateTime &time = QDateTime::currentDateTime())
{
    auto *item = new QStandardItem(text);
    item->setData(id, roles::MessageIdRole);
    item->setData(senderKindName(kind), roles::SenderKindRole);
    item->setData(kind == SenderKind::Customer ? QStringLiteral("王先生") : QStringLiteral("Alice"),
                  roles::SenderNameRole);
    item->setData(text, roles::TextRole);
    item->setData(time, roles::TimeRole);
    item->setData(QLocale().toString(time, QLocale::LongFormat), Qt::ToolTipRole);
    item->setEditable(false);
    return item;
}

QString longChinese(int sentences)
{
    QString text;
    for (int i = 0; i < sentences; ++i)
        text += QStringLiteral(
            "您好，我的訂單已經一個星期了還沒有收到，物流信息也沒有更新，請幫我查一下。");
    return text;
}

int countPixels(const QImage &image, QRgb color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            n += (line[x] & 0xffffff) == (color & 0xffffff);
    }
    return n;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void durations_data();
    void durations();
    void clockIsDigitsInEveryLanguage();

    void queueShowsConversations();
    void queueDefaultOrderIsLongestWaitingFirst();
    void queueRowsMoveUnderEverySortColumn_data();
    void queueRowsMoveUnderEverySortColumn();
    void queueOrderFlipKeepsIdsAscending();
    void queuePersistentIndexFollowsItsConversation();
    void queueFilterMatchesTraditionalAndSimplified();
    void queueFiltersInsertAndRemoveRows();
    void queueFilterFollowsChanges();
    void queueRandomOperations();
    void queueTicksOnceForTheWholeColumn();
    void queueOnRealHub();
    void queueShowsMood();
    void queuePriorityChangeMovesRow();

    void transcriptFollowsState();
    void transcriptTenThousandMessages();
    void transcriptShowsCustomerSentimentOnly();

    void delegateSizeHint();
    void delegatePaintsEveryKind();
    void delegateShowsTimestampTooltip();
    void delegatePaintsSentiment();
};

void TestModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestModels::durations_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<bool>("fine");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative") << qint64(-5000) << false << QStringLiteral("0 s");
    QTest::newRow("45 s") << qint64(45999) << false << QStringLiteral("45 s");
    QTest::newRow("3 min") << qint64(200000) << false << QStringLiteral("3 min");
    QTest::newRow("3 min 20 s") << qint64(200000) << true << QStringLiteral("3 min 20 s");
    QTest::newRow("3 min fine") << qint64(180000) << true << QStringLiteral("3 min");
    QTest::newRow("1 h 05 min") << qint64(3900000) << false << QStringLiteral("1 h 05 min");
    QTest::newRow("1 d 2 h") << qint64(26 * 3600000 + 59000) << false << QStringLiteral("1 d 2 h");
}

void TestModels::durations()
{
    QFETCH(qint64, ms);
    QFETCH(bool, fine);
    QFETCH(QString, text);
    QCOMPARE(DurationFormat::format(ms, fine ? DurationFormat::Precision::Fine
                                             : DurationFormat::Precision::Coarse),
             text);
}

void TestModels::clockIsDigitsInEveryLanguage()
{
    const QDateTime today(QDate::currentDate(), QTime(13, 5));
    const QLocale saved;
    for (const char *name : {"en_US", "zh_CN", "zh_TW"}) {
        QLocale::setDefault(QLocale(QString::fromLatin1(name)));
        QCOMPARE(DurationFormat::clock(today), QStringLiteral("13:05"));
        const QString earlier = DurationFormat::clock(today.addDays(-3));
        QVERIFY2(earlier.endsWith(QStringLiteral(" 13:05")), qPrintable(earlier));
        QVERIFY2(!earlier.contains(u'B'), qPrintable(earlier));
    }
    QLocale::setDefault(saved);
    QVERIFY(DurationFormat::clock(QDateTime()).isEmpty());
}

void TestModels::queueShowsConversations()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);

    Conversation anonymous = conversation(4, QString());
    anonymous.waitingSinceMs = now() - 200000;
    anonymous.lastMessagePreview = QStringLiteral("订单还没到");
    Conversation fresh = conversation(5, QStringLiteral("Lee"));
    fresh.waitingSinceMs = now() - 45400; // "45 s" for the next 0.6 s
    fresh.channel = QStringLiteral("api");
    fresh.priority = 1; // counts like 1 min more waiting: still after 3 min 20 s
    Conversation mine =
        assigned(conversation(6, QStringLiteral("王先生")), 7, QStringLiteral("Alice"));
    Conversation bot = conversation(9, QStringLiteral("Zoë"), ConversationState::Bot);
    bot.channel = QStringLiteral("sms");
    queue.snapshot({anonymous, fresh, mine, bot});

    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
    QCOMPARE(model.headerData(QueueModel::Waiting, Qt::Horizontal).toString(),
             QStringLiteral("Wait time"));
    QCOMPARE(idsInRows(model), (QList<qint64>{4, 5, 6, 9}));
    QCOMPARE(cell(model, 0, QueueModel::Customer), QStringLiteral("Customer 4"));
    QCOMPARE(cell(model, 0, QueueModel::Channel), QStringLiteral("Web"));
    QCOMPARE(cell(model, 0, QueueModel::State), QStringLiteral("Waiting"));
    QCOMPARE(cell(model, 0, QueueModel::Preview), QStringLiteral("订单还没到"));
    QCOMPARE(cell(model, 0, QueueModel::Preview, Qt::ToolTipRole), QStringLiteral("订单还没到"));
    QCOMPARE(cell(model, 0, QueueModel::Waiting), QStringLiteral("3 min"));
    QVERIFY(cell(model, 0, QueueModel::Waiting, Qt::ToolTipRole)
                .contains(QStringLiteral("3 min 20 s")));
    QVERIFY(model.index(0, QueueModel::Waiting).data(roles::OverdueRole).toBool());
    QVERIFY(model.index(0, QueueModel::Waiting).data(Qt::ForegroundRole).canConvert<QColor>());
    QCOMPARE(cell(model, 1, QueueModel::Channel), QStringLiteral("API"));
    QCOMPARE(cell(model, 1, QueueModel::Waiting), QStringLiteral("45 s"));
    QCOMPARE(model.index(1, QueueModel::Priority).data().toInt(), 1);
    QVERIFY(!model.index(1, QueueModel::Waiting).data(roles::OverdueRole).toBool());
    QVERIFY(!model.index(1, QueueModel::Waiting).data(Qt::ForegroundRole).isValid());
    QCOMPARE(cell(model, 2, QueueModel::Customer), QStringLiteral("王先生"));
    QCOMPARE(cell(model, 2, QueueModel::State), QStringLiteral("Assigned"));
    QCOMPARE(cell(model, 2, QueueModel::Assignee), QStringLiteral("Alice"));
    QCOMPARE(cell(model, 2, QueueModel::Waiting), QString());
    QCOMPARE(model.index(2, 0).data(roles::AssigneeIdRole).toLongLong(), 7);
    QCOMPARE(cell(model, 2, 0, roles::StateRole), QStringLiteral("assigned"));
    QCOMPARE(cell(model, 3, QueueModel::State), QStringLiteral("Bot"));
    QCOMPARE(cell(model, 3, QueueModel::Channel), QStringLiteral("sms"));
    QCOMPARE(cell(model, 3, 0, roles::ChannelRole), QStringLiteral("sms"));
    QCOMPARE(model.index(3, 0).data(roles::ConversationIdRole).toLongLong(), 9);
    QCOMPARE(model.index(0, 0).data(roles::WaitingSinceRole).toLongLong(),
             anonymous.waitingSinceMs);
    QCOMPARE(model.index(2, 0).data(roles::WaitingSinceRole).toLongLong(), 0);
    QCOMPARE(model.waitingCount(), 2);
    QCOMPARE(model.rowOf(6), 2);
    QCOMPARE(model.rowOf(12345), -1);
    QCOMPARE(model.conversationId(99), 0);
    QVERIFY(consistent(model, queue.state, {}));
}

void TestModels::queueDefaultOrderIsLongestWaitingFirst()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    const qint64 t = now();
    Conversation a = conversation(1, QStringLiteral("a"));
    a.waitingSinceMs = t - 10000;
    Conversation b = conversation(2, QStringLiteral("b"));
    b.waitingSinceMs = t - 90000;
    Conversation c = conversation(3, QStringLiteral("c"));
    c.waitingSinceMs = t - 90000; // ties with b: the lower id first
    Conversation d = assigned(conversation(4, QStringLiteral("d")), 1, QStringLiteral("Alice"));
    Conversation e = conversation(5, QStringLiteral("e"), ConversationState::Bot);
    queue.snapshot({e, d, c, b, a});
    QCOMPARE(model.sortColumn(), int(QueueModel::State));
    QCOMPARE(idsInRows(model), (QList<qint64>{2, 3, 1, 4, 5}));

    QSignalSpy waiting(&model, &QueueModel::waitingCountChanged);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    queue.update(assigned(b, 1, QStringLiteral("Alice"))); // leaves the waiting group
    QCOMPARE(idsInRows(model), (QList<qint64>{3, 1, 2, 4, 5}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(waiting.count(), 1);
    QCOMPARE(waiting.at(0).at(0).toInt(), 2);
    QCOMPARE(changed.count(), 1);

    // A change that keeps its place is one dataChanged for its row, nothing else.
    moved.clear();
    changed.clear();
    a.lastMessagePreview = QStringLiteral("still here");
    queue.update(a);
    QCOMPARE(moved.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(1, QueueModel::ColumnCount - 1));
    QCOMPARE(cell(model, 1, QueueModel::Preview), QStringLiteral("still here"));

    model.sort(-1); // sorting turned off: the default order
    QCOMPARE(model.sortColumn(), int(QueueModel::State));
    QVERIFY(consistent(model, queue.state, {}));
}

void TestModels::queueRowsMoveUnderEverySortColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    const QMetaEnum columns = QMetaEnum::fromType<QueueModel::Column>();
    for (int column = 0; column < QueueModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QTest::addRow("%s %s", columns.valueToKey(column),
                          order == Qt::AscendingOrder ? "ascending" : "descending")
                << column << order;
        }
    }
}

void TestModels::queueRowsMoveUnderEverySortColumn()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    const QStringList names = {QStringLiteral("delta"),   QStringLiteral("Alpha"),
                               QStringLiteral("charlie"), QStringLiteral("Bravo"),
                               QStringLiteral("echo"),    QString()};
    QList<Conversation> list;
    for (int i = 0; i < 12; ++i) {
        Conversation c = conversation(i + 1, names.at(i % names.size()));
        c.priority = i % 3;
        c.channel = i % 4 ? QStringLiteral("web") : QStringLiteral("api");
        c.lastMessagePreview = names.at((i + 2) % names.size()) + QStringLiteral(" says hi");
        if (i % 3 == 1)
            c = assigned(c, 1 + i % 2, i % 2 ? QStringLiteral("Zed") : QStringLiteral("amy"));
        list.append(c);
    }
    queue.snapshot(list);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    model.sort(column, order);
    QCOMPARE(layout.count(), column == QueueModel::State && order == Qt::AscendingOrder ? 0 : 1);
    QVERIFY(consistent(model, queue.state, {}));

    // Each change below moves its row under at least one column.
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    Conversation c = list.at(0);
    c.customerName = QStringLiteral("aaron");
    c.priority = 9;
    c.channel = QStringLiteral("api");
    c.lastMessagePreview = QStringLiteral("zzz");
    c.waitingSinceMs = now() - 3600000;
    queue.update(c);
    QVERIFY(consistent(model, queue.state, {}));
    c = assigned(c, 2, QStringLiteral("Bob"));
    queue.update(c);
    QVERIFY(consistent(model, queue.state, {}));
    c = list.at(5);
    c.customerName = QStringLiteral("Zulu");
    c.state = ConversationState::Bot;
    c.waitingSinceMs = 0;
    c.priority = -1;
    c.lastMessagePreview = QStringLiteral("AAA");
    queue.update(c);
    QVERIFY(consistent(model, queue.state, {}));
    if (column != QueueModel::Channel)
        QVERIFY(moved.count() > 0);

    // Adds land in their place; removals leave no gap.
    Conversation added = conversation(100, QStringLiteral("middle"));
    added.waitingSinceMs = now() - 5 * 60000 - 1;
    added.priority = 1;
    queue.update(added);
    QVERIFY(consistent(model, queue.state, {}));
    queue.close(list.at(3));
    queue.close(added);
    QVERIFY(consistent(model, queue.state, {}));
    QCOMPARE(model.rowCount(), 11);
}

void TestModels::queueOrderFlipKeepsIdsAscending()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QList<Conversation> list;
    for (int i = 1; i <= 9; ++i) {
        Conversation c = conversation(i, QStringLiteral("name%1").arg(i % 3));
        c.priority = i % 3;
        list.append(c);
    }
    queue.snapshot(list);
    model.sort(QueueModel::Priority, Qt::AscendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{3, 6, 9, 1, 4, 7, 2, 5, 8}));
    model.sort(QueueModel::Priority, Qt::DescendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{2, 5, 8, 1, 4, 7, 3, 6, 9}));
    model.sort(QueueModel::Customer, Qt::DescendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{2, 5, 8, 1, 4, 7, 3, 6, 9}));
    model.sort(QueueModel::Customer, Qt::AscendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{3, 6, 9, 1, 4, 7, 2, 5, 8}));
    // Waiting: conversation i has waited i minutes.
    model.sort(QueueModel::Waiting, Qt::DescendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{9, 8, 7, 6, 5, 4, 3, 2, 1}));
    QVERIFY(model.index(0, QueueModel::Waiting).data(roles::SortRole).toLongLong() >
            model.index(1, QueueModel::Waiting).data(roles::SortRole).toLongLong());
    model.sort(QueueModel::Waiting, Qt::AscendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

void TestModels::queuePersistentIndexFollowsItsConversation()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QList<Conversation> list;
    for (int i = 1; i <= 20; ++i)
        list.append(conversation(i, QStringLiteral("c%1").arg(i, 2, 10, QLatin1Char('0'))));
    queue.snapshot(list);
    const QPersistentModelIndex seven(model.index(model.rowOf(7), QueueModel::Preview));
    model.sort(QueueModel::Customer, Qt::DescendingOrder);
    QCOMPARE(seven.row(), model.rowOf(7));
    QCOMPARE(seven.column(), int(QueueModel::Preview));
    Conversation c = list.at(6);
    c.customerName = QStringLiteral("a first");
    queue.update(c);
    QCOMPARE(seven.row(), model.rowOf(7));
    QCOMPARE(seven.row(), model.rowCount() - 1);
    queue.close(list.at(0));
    QCOMPARE(seven.row(), model.rowOf(7));
    model.setFilterText(QStringLiteral("a first"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(seven.row(), 0);
    queue.close(c);
    QVERIFY(!seven.isValid());
}

void TestModels::queueFilterMatchesTraditionalAndSimplified()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    Conversation late = conversation(1, QStringLiteral("李女士"));
    late.lastMessagePreview = QStringLiteral("订单还没到");
    Conversation refund = conversation(2, QStringLiteral("陳小姐"));
    refund.lastMessagePreview = QStringLiteral("我的退款什麼時候到賬？");
    Conversation english =
        assigned(conversation(3, QStringLiteral("Lee")), 7, QStringLiteral("Ａlice"));
    english.lastMessagePreview = QStringLiteral("Where is my ORDER?");
    english.channel = QStringLiteral("api");
    queue.snapshot({late, refund, english});

    const auto shown = [&](const QString &filter) {
        model.setFilterText(filter);
        QList<qint64> ids = idsInRows(model);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    QCOMPARE(shown(QStringLiteral("訂單")), QList<qint64>{1});      // Traditional finds Simplified
    QCOMPARE(shown(QStringLiteral("退款 什么")), QList<qint64>{2}); // and the other way round
    QCOMPARE(shown(QStringLiteral("陈")), QList<qint64>{2});
    QCOMPARE(shown(QStringLiteral("order")), QList<qint64>{3});
    QCOMPARE(shown(QStringLiteral("ＷＨＥＲＥ")), QList<qint64>{3}); // NFKC: full-width letters
    QCOMPARE(shown(QStringLiteral("alice")), QList<qint64>{3});      // assignee, folded both ways
    QCOMPARE(shown(QStringLiteral("API")), QList<qint64>{3});
    QCOMPARE(shown(QStringLiteral("web")), (QList<qint64>{1, 2}));
    QCOMPARE(shown(QStringLiteral("  ")), (QList<qint64>{1, 2, 3}));
    QCOMPARE(shown(QStringLiteral("lee nothing")), QList<qint64>{});
    QCOMPARE(model.filterText(), QStringLiteral("lee nothing"));
}

void TestModels::queueFiltersInsertAndRemoveRows()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QList<Conversation> list;
    for (int i = 1; i <= 200; ++i) {
        const QString name = i % 10 == 0 ? QStringLiteral("tenth %1")
                             : i % 2     ? QStringLiteral("odd %1")
                                         : QStringLiteral("even %1");
        Conversation c = conversation(i, name.arg(i));
        if (i % 4 == 1) {
            c = assigned(c, i % 8 == 1 ? 1 : 2,
                         i % 8 == 1 ? QStringLiteral("Ann") : QStringLiteral("Ben"));
        } else if (i % 4 == 2) {
            c.state = ConversationState::Bot;
            c.waitingSinceMs = 0;
        }
        list.append(c);
    }
    queue.snapshot(list);
    Expected expected;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // Rows leave and enter in a few runs: removals and inserts, so selections survive.
    model.sort(QueueModel::Customer, Qt::AscendingOrder);
    model.setFilterText(QStringLiteral("odd"));
    expected.words = {QStringLiteral("odd")};
    QVERIFY(consistent(model, queue.state, expected));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 2); // "even …" above, "tenth …" below
    model.setFilterText(QStringLiteral("odd 1"));
    expected.words = {QStringLiteral("odd"), QStringLiteral("1")};
    QVERIFY(consistent(model, queue.state, expected));
    model.setFilterText(QString());
    expected.words.clear();
    QVERIFY(consistent(model, queue.state, expected));
    QVERIFY(inserted.count() > 0);
    QCOMPARE(reset.count(), 0);

    // Rows scattered all over change: one reset is cheaper for the views.
    model.sort(QueueModel::State, Qt::AscendingOrder);
    model.setFilterText(QStringLiteral("even"));
    expected.words = {QStringLiteral("even")};
    QVERIFY(consistent(model, queue.state, expected));
    QCOMPARE(reset.count(), 1);

    model.setStateFilter({ConversationState::Assigned, ConversationState::Bot});
    expected.states = {ConversationState::Assigned, ConversationState::Bot};
    QVERIFY(consistent(model, queue.state, expected));
    model.setOnlyMine(1);
    expected.mine = 1;
    QVERIFY(consistent(model, queue.state, expected));
    model.setFilterText(QString());
    expected.words.clear();
    QVERIFY(consistent(model, queue.state, expected));
    QCOMPARE(model.rowCount(), 25);
    model.setStateFilter({ConversationState::Waiting});
    expected.states = {ConversationState::Waiting};
    QVERIFY(consistent(model, queue.state, expected));
    QCOMPARE(model.rowCount(), 0);
    model.setStateFilter({});
    model.setOnlyMine(0);
    QVERIFY(consistent(model, queue.state, {}));
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.stateFilter(), QSet<ConversationState>());
    QCOMPARE(model.onlyMine(), 0);
}

void TestModels::queueFilterFollowsChanges()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    Conversation a = conversation(1, QStringLiteral("Ann"));
    Conversation b = conversation(2, QStringLiteral("Bob"));
    queue.snapshot({a, b});
    model.setOnlyMine(5);
    QCOMPARE(model.rowCount(), 0);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    queue.update(assigned(a, 5, QStringLiteral("Me"))); // enters the filter
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(idsInRows(model), QList<qint64>{1});
    queue.update(assigned(b, 6, QStringLiteral("You"))); // stays out
    QCOMPARE(inserted.count(), 1);
    queue.update(assigned(b, 5, QStringLiteral("Me")));
    QCOMPARE(idsInRows(model), (QList<qint64>{1, 2}));
    queue.update(a); // released: leaves the filter
    QCOMPARE(removed.count(), 1);
    QCOMPARE(idsInRows(model), QList<qint64>{2});
    Conversation c = assigned(conversation(3, QStringLiteral("Cy")), 5, QStringLiteral("Me"));
    queue.update(c); // a new one of mine
    QCOMPARE(idsInRows(model), (QList<qint64>{2, 3}));
    queue.close(b);
    QCOMPARE(idsInRows(model), QList<qint64>{3});
    queue.snapshot({a, c});
    QCOMPARE(idsInRows(model), QList<qint64>{3});
    QVERIFY(consistent(model, queue.state, {{}, {}, 5}));
}

void TestModels::queueRandomOperations()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QRandomGenerator random(20240601);
    const QStringList names = {QStringLiteral("alice"), QStringLiteral("Bob"),
                               QStringLiteral("carol"), QStringLiteral("Dave"),
                               QStringLiteral("ALI"),   QString()};
    const QStringList previews = {QStringLiteral("hello"), QStringLiteral("where is my order"),
                                  QStringLiteral("refund please"), QStringLiteral("Bonjour"),
                                  QString()};
    const QStringList words = {QString(),
                               QStringLiteral("a"),
                               QStringLiteral("al"),
                               QStringLiteral("ali"),
                               QStringLiteral("bo"),
                               QStringLiteral("web"),
                               QStringLiteral("api"),
                               QStringLiteral("zz"),
                               QStringLiteral("e r"),
                               QStringLiteral("customer 1")};
    const auto randomConversation = [&](qint64 id) {
        Conversation c = conversation(id, names.at(random.bounded(int(names.size()))));
        c.lastMessagePreview = previews.at(random.bounded(int(previews.size())));
        c.channel = random.bounded(2) ? QStringLiteral("web") : QStringLiteral("api");
        c.priority = random.bounded(3);
        c.waitingSinceMs = now() - random.bounded(20) * 60000;
        switch (random.bounded(3)) {
        case 0:
            break;
        case 1:
            c = assigned(c, 1 + random.bounded(2),
                         random.bounded(2) ? QStringLiteral("Ann") : QStringLiteral("ben"));
            break;
        default:
            c.state = ConversationState::Bot;
            c.waitingSinceMs = 0;
        }
        return c;
    };
    QList<Conversation> start;
    for (int id = 1; id <= 120; ++id)
        start.append(randomConversation(id));
    queue.snapshot(start);
    qint64 nextId = 121;
    Expected expected;
    for (int step = 0; step < 1500; ++step) {
        const QList<qint64> ids = queue.state.ids();
        const int op = random.bounded(100);
        if (op < 15 || ids.isEmpty()) {
            queue.update(randomConversation(nextId++));
        } else if (op < 65) {
            const qint64 id = ids.at(random.bounded(int(ids.size())));
            Conversation c = randomConversation(id);
            if (random.bounded(2)) { // a small change: one field
                c = queue.state.conversation(id);
                c.priority = random.bounded(3);
            }
            queue.update(c);
        } else if (op < 78) {
            queue.close(queue.state.conversation(ids.at(random.bounded(int(ids.size())))));
        } else if (op < 85) {
            const QString w = words.at(random.bounded(int(words.size())));
            model.setFilterText(w);
            expected.words = w.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else if (op < 90) {
            QSet<ConversationState> states;
            for (ConversationState s : {ConversationState::Waiting, ConversationState::Assigned,
                                        ConversationState::Bot}) {
                if (random.bounded(2))
                    states.insert(s);
            }
            model.setStateFilter(states);
            expected.states = states;
        } else if (op < 93) {
            const qint64 mine = random.bounded(3);
            model.setOnlyMine(mine);
            expected.mine = mine;
        } else if (op < 99) {
            model.sort(random.bounded(int(QueueModel::ColumnCount)),
                       random.bounded(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
        } else {
            QList<Conversation> snapshot;
            for (qint64 id : ids) {
                if (random.bounded(4))
                    snapshot.append(random.bounded(2) ? queue.state.conversation(id)
                                                      : randomConversation(id));
            }
            queue.snapshot(snapshot);
        }
        if (!consistent(model, queue.state, expected))
            QFAIL(qPrintable(
                QStringLiteral("inconsistent after step %1 (operation %2)").arg(step).arg(op)));
    }
}

void TestModels::queueTicksOnceForTheWholeColumn()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QList<Conversation> list;
    for (int i = 1; i <= 50; ++i)
        list.append(conversation(i, QStringLiteral("c%1").arg(i)));
    queue.snapshot(list);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 3000);
    for (const QList<QVariant> &args : std::as_const(changed)) {
        QCOMPARE(args.at(0).toModelIndex(), model.index(0, QueueModel::Waiting));
        QCOMPARE(args.at(1).toModelIndex(), model.index(49, QueueModel::Waiting));
    }

    // Nobody waiting: no ticks.
    QList<Conversation> bots;
    for (Conversation c : list) {
        c.state = ConversationState::Bot;
        c.waitingSinceMs = 0;
        bots.append(c);
    }
    queue.snapshot(bots);
    QCOMPARE(model.waitingCount(), 0);
    changed.clear();
    QTest::qWait(1300);
    QCOMPARE(changed.count(), 0);
}

void TestModels::queueOnRealHub()
{
    HubFixture fx;
    QVERIFY(fx.start());
    const User alice = fx.addUser(QStringLiteral("alice"), Role::Agent);
    auto chen =
        fx.customer(QStringLiteral("models-customer-key-chen-01"), QStringLiteral("陳小姐"));
    QVERIFY(chen);
    const qint64 first = HubFixture::say(*chen, QStringLiteral("我的訂單還沒到"));
    QVERIFY(first > 0);

    QTemporaryDir dir;
    ConnectionOptions options;
    options.backoffInitialMs = 50;
    auto created = Client::create(dir.filePath(QStringLiteral("outbox.db")), options);
    QVERIFY2(created.ok(), qPrintable(created.error().message));
    Client &client = *created.value();
    QueueModel queue(client.queue());
    QAbstractItemModelTester queueTester(&queue, kFatal);
    TranscriptModel transcript(client.transcripts());
    QAbstractItemModelTester transcriptTester(&transcript, kFatal);
    client.resume(fx.hub().baseUrl(), fx.tokenFor(alice));
    QTRY_COMPARE_WITH_TIMEOUT(queue.rowCount(), 1, kWait);

    auto wang =
        fx.customer(QStringLiteral("models-customer-key-wang-01"), QStringLiteral("王先生"));
    QVERIFY(wang);
    const qint64 second = HubFixture::say(*wang, QStringLiteral("退款什么时候到账？"));
    QTRY_COMPARE_WITH_TIMEOUT(queue.rowCount(), 2, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        cell(queue, queue.rowOf(second), QueueModel::Preview).contains(QStringLiteral("退款")),
        kWait);

    for (qint64 id : {first, second}) {
        const Conversation c = client.queue().conversation(id);
        const int row = queue.rowOf(id);
        QVERIFY(row >= 0);
        QCOMPARE(cell(queue, row, QueueModel::Customer), c.customerName);
        QCOMPARE(cell(queue, row, QueueModel::Channel),
                 c.channel == QLatin1String("web") ? QStringLiteral("Web") : c.channel);
        QCOMPARE(cell(queue, row, QueueModel::Preview), c.lastMessagePreview);
        QCOMPARE(cell(queue, row, 0, roles::StateRole), stateName(c.state));
        QCOMPARE(cell(queue, row, QueueModel::Waiting).isEmpty(),
                 c.state != ConversationState::Waiting);
    }
    QCOMPARE(cell(queue, queue.rowOf(first), QueueModel::Customer), QStringLiteral("陳小姐"));
    QCOMPARE(cell(queue, queue.rowOf(first), QueueModel::Preview),
             QStringLiteral("我的訂單還沒到"));
    QVERIFY(consistent(queue, client.queue(), {}));

    queue.setFilterText(QStringLiteral("订单")); // Simplified finds Traditional
    QCOMPARE(idsInRows(queue), QList<qint64>{first});
    queue.setFilterText(QStringLiteral("退款"));
    QCOMPARE(idsInRows(queue), QList<qint64>{second});
    queue.setFilterText(QString());

    // Claimed: the row shows its agent, and "only mine" finds it.
    QSignalSpy ok(&client.connection(), &HubConnection::commandSucceeded);
    const QString claim = client.claim(first);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(ok.cbegin(), ok.cend(),
                    [&](const QList<QVariant> &a) { return a.at(0).toString() == claim; }),
        kWait);
    QTRY_COMPARE_WITH_TIMEOUT(cell(queue, queue.rowOf(first), QueueModel::Assignee),
                              QStringLiteral("Alice"), kWait);
    QCOMPARE(cell(queue, queue.rowOf(first), QueueModel::State), QStringLiteral("Assigned"));
    QVERIFY(consistent(queue, client.queue(), {}));
    queue.setOnlyMine(alice.id);
    QCOMPARE(idsInRows(queue), QList<qint64>{first});

    // Its transcript, and a reply appended live.
    transcript.setConversation(first);
    QTRY_VERIFY_WITH_TIMEOUT(client.transcripts().isLoaded(first), kWait);
    QVERIFY(rowsMatch(transcript, client.transcripts()));
    QVERIFY(transcript.rowCount() >= 1);
    const int said = [&] {
        for (int row = 0; row < transcript.rowCount(); ++row) {
            if (cell(transcript, row, 0) == QStringLiteral("我的訂單還沒到"))
                return row;
        }
        return -1;
    }();
    QVERIFY(said >= 0);
    QCOMPARE(cell(transcript, said, 0, roles::SenderKindRole), QStringLiteral("customer"));
    const int before = transcript.rowCount();
    QVERIFY(client.sendReply(first, QStringLiteral("您好，马上为您查询。")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(transcript.rowCount(), before + 1, kWait);
    QCOMPARE(cell(transcript, before, 0), QStringLiteral("您好，马上为您查询。"));
    QCOMPARE(cell(transcript, before, 0, roles::SenderKindRole), QStringLiteral("agent"));
    QVERIFY(rowsMatch(transcript, client.transcripts()));

    client.close(first);
    QTRY_COMPARE_WITH_TIMEOUT(queue.rowCount(), 0, kWait); // only mine, and it is closed
    queue.setOnlyMine(0);
    QCOMPARE(idsInRows(queue), QList<qint64>{second});
    QVERIFY(consistent(queue, client.queue(), {}));
}

void TestModels::queueShowsMood()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    Conversation angry = conversation(1, QStringLiteral("angry"));
    angry.sentiment = -0.8;
    angry.sentimentTrend = QStringLiteral("falling");
    angry.escalation = true;
    angry.priority = 3;
    Conversation sinking = conversation(2, QStringLiteral("sinking"));
    sinking.sentiment = -0.4;
    sinking.sentimentTrend = QStringLiteral("falling");
    sinking.priority = 2;
    Conversation unhappy = conversation(3, QStringLiteral("unhappy"));
    unhappy.sentiment = -0.15; // the threshold itself is negative, as in the hub
    unhappy.sentimentTrend = QStringLiteral("steady");
    unhappy.priority = 1;
    Conversation cooling = conversation(4, QStringLiteral("cooling"));
    cooling.sentiment = 0.5;
    cooling.sentimentTrend = QStringLiteral("falling");
    cooling.priority = 1;
    Conversation happy = conversation(5, QStringLiteral("happy"));
    happy.sentiment = 0.7;
    happy.sentimentTrend = QStringLiteral("rising");
    Conversation quiet = conversation(6, QStringLiteral("quiet"));
    quiet.lastMessagePreview.clear();
    // Waits of 1 … 6 min from one instant; each priority level counts like 1 min more waiting
    // (QueueOrder's default), so the upset customers tie with those who waited longer.
    const qint64 t = now();
    for (Conversation *c : {&angry, &sinking, &unhappy, &cooling, &happy, &quiet})
        c->waitingSinceMs = t - c->id * 60000;
    queue.snapshot({angry, sinking, unhappy, cooling, happy, quiet});
    QCOMPARE(idsInRows(model), (QList<qint64>{6, 4, 5, 1, 2, 3}));
    const auto at = [&](qint64 id, int column) { return model.index(model.rowOf(id), column); };

    QCOMPARE(at(1, 0).data(roles::SentimentRole).toDouble(), -0.8);
    QCOMPARE(at(1, 0).data(roles::TrendRole).toString(), QStringLiteral("falling"));
    QVERIFY(at(1, 0).data(roles::EscalationRole).toBool());
    QVERIFY(!at(2, 0).data(roles::EscalationRole).toBool());
    QCOMPARE(at(5, 0).data(roles::TrendRole).toString(), QStringLiteral("rising"));
    QVERIFY(!at(6, 0).data(roles::SentimentRole).isValid());
    QCOMPARE(at(6, 0).data(roles::TrendRole).toString(), QString());

    // The Priority tooltip says why, then (second line on) how the queue order weighs it.
    const auto firstLine = [](const QVariant &tip) {
        return tip.toString().section(QLatin1Char('\n'), 0, 0);
    };
    const QString escalated =
        QStringLiteral("Priority 3: threatened to escalate (cancel, regulator or abuse)");
    QCOMPARE(firstLine(at(1, QueueModel::Priority).data(Qt::ToolTipRole)), escalated);
    QCOMPARE(at(1, QueueModel::Customer).data(Qt::ToolTipRole).toString(),
             escalated + QStringLiteral("\nhello"));
    QCOMPARE(firstLine(at(2, QueueModel::Priority).data(Qt::ToolTipRole)),
             QStringLiteral("Priority 2: unhappy and getting worse"));
    QCOMPARE(firstLine(at(3, QueueModel::Priority).data(Qt::ToolTipRole)),
             QStringLiteral("Priority 1: unhappy"));
    QCOMPARE(firstLine(at(4, QueueModel::Priority).data(Qt::ToolTipRole)),
             QStringLiteral("Priority 1: mood getting worse"));
    QCOMPARE(firstLine(at(5, QueueModel::Priority).data(Qt::ToolTipRole)),
             QStringLiteral("Priority 0"));
    QCOMPARE(at(6, QueueModel::Customer).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Priority 0")); // no preview: the priority alone
    QCOMPARE(at(6, QueueModel::Preview).data(Qt::ToolTipRole), QVariant());

    // The mark: in the Customer column only, one size for all (names line up), the dot's colour
    // from the score, and nothing painted before any score.
    QVERIFY(!at(1, QueueModel::Channel).data(Qt::DecorationRole).isValid());
    const auto mark = [&](qint64 id) {
        const QVariant v = at(id, QueueModel::Customer).data(Qt::DecorationRole);
        return v.canConvert<QPixmap>() ? v.value<QPixmap>().toImage() : QImage();
    };
    const QImage angryMark = mark(1);
    QVERIFY(!angryMark.isNull());
    QCOMPARE(mark(6).size(), angryMark.size());
    const QImage argb = angryMark.convertToFormat(QImage::Format_ARGB32);
    QVERIFY(countPixels(argb, qRgb(0xdc, 0x26, 0x26)) > 10); // red dot
    QVERIFY(countPixels(argb, qRgb(0xf5, 0x9e, 0x0b)) > 10); // warning
    QVERIFY(countPixels(mark(5).convertToFormat(QImage::Format_ARGB32), qRgb(0x16, 0xa3, 0x4a)) >
            10); // green
    QCOMPARE(countPixels(mark(5).convertToFormat(QImage::Format_ARGB32), qRgb(0xdc, 0x26, 0x26)),
             0);
    QVERIFY(mark(5) != mark(4)); // rising and falling arrows differ
    const QImage blank = mark(6).convertToFormat(QImage::Format_ARGB32);
    bool transparent = true;
    for (int y = 0; y < blank.height(); ++y) {
        for (int x = 0; x < blank.width(); ++x)
            transparent = transparent && qAlpha(blank.pixel(x, y)) == 0;
    }
    QVERIFY(transparent);

    // A change of mood is a change of the row: the mark and roles follow it.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    happy.sentiment = -0.5;
    happy.sentimentTrend = QStringLiteral("falling");
    happy.priority = 2;
    queue.update(happy);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(at(5, 0).data(roles::SentimentRole).toDouble(), -0.5);
    QVERIFY(countPixels(mark(5).convertToFormat(QImage::Format_ARGB32), qRgb(0xdc, 0x26, 0x26)) >
            10);
    QCOMPARE(firstLine(at(5, QueueModel::Priority).data(Qt::ToolTipRole)),
             QStringLiteral("Priority 2: unhappy and getting worse"));
    QCOMPARE(model.roleNames().value(roles::SentimentRole), QByteArray("sentiment"));
    QVERIFY(consistent(model, queue.state, {}));
}

void TestModels::queuePriorityChangeMovesRow()
{
    Queue queue;
    QueueModel model(queue.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QList<Conversation> list;
    for (int i = 1; i <= 8; ++i) {
        Conversation c = conversation(i, QStringLiteral("c%1").arg(i));
        c.priority = i % 2;
        if (c.priority) {
            c.sentiment = -0.3;
            c.sentimentTrend = QStringLiteral("steady");
        }
        list.append(c);
    }
    queue.snapshot(list);
    model.sort(QueueModel::Priority, Qt::DescendingOrder);
    QCOMPARE(idsInRows(model), (QList<qint64>{1, 3, 5, 7, 2, 4, 6, 8}));
    const QPersistentModelIndex six(model.index(model.rowOf(6), QueueModel::Customer));

    // The customer threatens to cancel: priority 3, straight to the top, as one move.
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    Conversation c = list.at(5);
    c.sentiment = -0.9;
    c.sentimentTrend = QStringLiteral("falling");
    c.escalation = true;
    c.priority = 3;
    queue.update(c);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(idsInRows(model), (QList<qint64>{6, 1, 3, 5, 7, 2, 4, 8}));
    QCOMPARE(six.row(), 0);
    QVERIFY(model.index(0, 0).data(roles::EscalationRole).toBool());
    QVERIFY(consistent(model, queue.state, {}));

    // Calmer again: back among the priority 1 rows, by id.
    c.sentiment = -0.2;
    c.sentimentTrend = QStringLiteral("rising");
    c.escalation = false;
    c.priority = 1;
    queue.update(c);
    QCOMPARE(moved.count(), 2);
    QCOMPARE(idsInRows(model), (QList<qint64>{1, 3, 5, 6, 7, 2, 4, 8}));
    QCOMPARE(six.row(), 3);
    QVERIFY(model.index(3, QueueModel::Priority)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Priority 1: unhappy\nQueue order: ")));
    QVERIFY(consistent(model, queue.state, {}));

    // Ascending too.
    model.sort(QueueModel::Priority, Qt::AscendingOrder);
    c.priority = 0;
    c.sentiment = 0.4;
    queue.update(c);
    QCOMPARE(idsInRows(model), (QList<qint64>{2, 4, 6, 8, 1, 3, 5, 7}));
    QVERIFY(consistent(model, queue.state, {}));
}

void TestModels::transcriptFollowsState()
{
    Transcripts t;
    QList<Message> first;
    for (qint64 id = 1; id <= 250; ++id) {
        if (id != 240) // a hole a late message fills
            first.append(message(id, 11, kindFor(id), QStringLiteral("message %1").arg(id)));
    }
    t.server.transcripts.insert(11, first);
    t.server.transcripts.insert(22,
                                {message(1001, 22, SenderKind::Customer, QStringLiteral("你好")),
                                 message(1002, 22, SenderKind::Bot, QStringLiteral("您好！")),
                                 message(1003, 22, SenderKind::Agent, QStringLiteral("Hi"))});
    QVERIFY(t.start());
    t.state.setPageSize(100);
    TranscriptModel model(t.state);
    // The tester calls fetchMore() after every change, as a stock view does whenever the last
    // row shows; like a chat view, this one pages back only when it means to.
    model.setFetchMoreEnabled(false);
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy finished(&t.state, &TranscriptState::loadFinished);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setConversation(11);
    QCOMPARE(model.conversation(), qint64(11));
    QVERIFY(finished.wait(kWait));
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(rowsMatch(model, t.state));
    QCOMPARE(model.index(99).data(roles::MessageIdRole).toLongLong(), 250);
    const Message last = first.last();
    QCOMPARE(model.index(99).data(roles::TextRole).toString(), last.text);
    QCOMPARE(model.index(99).data(roles::SenderKindRole).toString(),
             senderKindName(last.senderKind));
    QCOMPARE(model.index(99).data(roles::SenderNameRole).toString(), last.senderName);
    QCOMPARE(model.index(99).data(roles::TimeRole).toDateTime(),
             QDateTime::fromMSecsSinceEpoch(last.createdAtMs));
    QCOMPARE(model.index(99).data(roles::TimeRole).toDateTime().timeSpec(), Qt::LocalTime);
    QVERIFY(!model.index(99).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model.message(99).id, 250);

    // Live: appended at the bottom.
    inserted.clear();
    emit t.connection.eventReceived(
        messageEvent(message(251, 11, SenderKind::Customer, QStringLiteral("还在吗？"))));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 100);
    QCOMPARE(model.rowCount(), 101);
    emit t.connection.eventReceived(
        messageEvent(message(5000, 22, SenderKind::Customer, QStringLiteral("x"))));
    QCOMPARE(model.rowCount(), 101); // another conversation

    // Older pages: inserted at the top.
    QVERIFY(!model.canFetchMore({}));
    QVERIFY(t.state.hasOlder(11));
    model.setFetchMoreEnabled(true);
    QVERIFY(model.canFetchMore({}));
    inserted.clear();
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page at a time
    model.setFetchMoreEnabled(false);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(model.rowCount(), 201);
    QVERIFY(rowsMatch(model, t.state));
    model.setFetchMoreEnabled(true);
    model.fetchMore({});
    QVERIFY(finished.wait(kWait));
    QCOMPARE(model.rowCount(), 250);
    QVERIFY(!model.canFetchMore({})); // the oldest is loaded
    QCOMPARE(model.index(0).data(roles::MessageIdRole).toLongLong(), 1);
    QVERIFY(rowsMatch(model, t.state));

    // A late message inside the loaded range resets rather than appends.
    reset.clear();
    emit t.connection.eventReceived(
        messageEvent(message(240, 11, SenderKind::Agent, QStringLiteral("late"))));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 251);
    QCOMPARE(model.rowOf(240), 239);
    QVERIFY(rowsMatch(model, t.state));

    // Switching conversations, and back to one that is still loaded.
    reset.clear();
    model.setConversation(22);
    QCOMPARE(reset.count(), 1);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(rowsMatch(model, t.state));
    model.setConversation(11);
    QCOMPARE(model.rowCount(), 251);
    QVERIFY(rowsMatch(model, t.state));

    // A snapshot means events were missed: the state fetches again and the rows follow.
    t.server.transcripts[11].append(
        message(252, 11, SenderKind::Customer, QStringLiteral("missed")));
    reset.clear();
    emit t.connection.snapshotReceived(99, {});
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(252) >= 0, kWait);
    QVERIFY(reset.count() >= 1);
    QVERIFY(rowsMatch(model, t.state));

    model.setConversation(0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowOf(1), -1);
}

void TestModels::transcriptTenThousandMessages()
{
    Transcripts t;
    QList<Message> all;
    for (qint64 id = 1; id <= 10000; ++id) {
        const QString text = id % 3
                                 ? QStringLiteral("第%1条：").arg(id) + longChinese(1 + id % 4)
                                 : QStringLiteral("Message %1 with a few words to wrap.").arg(id);
        all.append(message(id, 33, kindFor(id), text));
    }
    t.server.transcripts.insert(33, all);
    QVERIFY(t.start());
    t.state.setPageSize(1000);
    TranscriptModel model(t.state);
    QAbstractItemModelTester tester(&model, kFatal);
    QListView view;
    auto *delegate = new MessageDelegate(&view);
    view.setItemDelegate(delegate);
    view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view.setUniformItemSizes(false);
    view.setResizeMode(QListView::Adjust);
    view.setModel(&model);
    view.resize(520, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // What a chat view does: page back only on request, not whenever the last row shows.
    model.setFetchMoreEnabled(false);
    QSignalSpy finished(&t.state, &TranscriptState::loadFinished);
    model.setConversation(33);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(model.rowCount(), 1000);
    while (t.state.hasOlder(33)) {
        model.setFetchMoreEnabled(true);
        model.fetchMore({});
        model.setFetchMoreEnabled(false);
        QVERIFY(finished.wait(kWait));
    }
    QCOMPARE(model.rowCount(), 10000);
    QVERIFY(rowsMatch(model, t.state));

    QElapsedTimer timer;
    delegate->clearCache();
    timer.start();
    view.doItemsLayout();
    view.scrollToBottom();
    QApplication::processEvents();
    const qint64 firstLayout = timer.restart();
    view.scrollToTop();
    QApplication::processEvents();
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    QApplication::processEvents();
    timer.restart();
    view.doItemsLayout(); // cached heights now
    QApplication::processEvents();
    const qint64 secondLayout = timer.restart();
    QVERIFY(view.horizontalScrollBar()->maximum() == 0);
    const QImage shot = view.grab().toImage();
    qInfo("10,000 messages: first layout %lld ms, again from the cache %lld ms", firstLayout,
          secondLayout);
    QVERIFY(view.verticalScrollBar()->maximum() > 10000 * 30);
    QVERIFY(countPixels(shot, qRgb(0x0f, 0x76, 0x6e)) > 0); // some agent bubble in view
}

void TestModels::transcriptShowsCustomerSentimentOnly()
{
    Transcripts t;
    Message sad = message(1, 33, SenderKind::Customer, QStringLiteral("太慢了"));
    sad.sentiment = -0.62;
    Message plain = message(2, 33, SenderKind::Customer, QStringLiteral("ok"));
    Message agent = message(3, 33, SenderKind::Agent, QStringLiteral("Sorry!"));
    agent.sentiment = 0.5; // not the customer's mood: never shown
    Message glad = message(4, 33, SenderKind::Customer, QStringLiteral("thanks"));
    glad.sentiment = 0.05;
    t.server.transcripts.insert(33, {sad, plain, agent, glad});
    QVERIFY(t.start());
    TranscriptModel model(t.state);
    model.setFetchMoreEnabled(false);
    QAbstractItemModelTester tester(&model, kFatal);
    QSignalSpy finished(&t.state, &TranscriptState::loadFinished);
    model.setConversation(33);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(model.rowCount(), 4);

    QCOMPARE(model.index(0).data(roles::SentimentRole).toDouble(), -0.62);
    QVERIFY(!model.index(1).data(roles::SentimentRole).isValid());
    QVERIFY(!model.index(2).data(roles::SentimentRole).isValid());
    QCOMPARE(model.index(3).data(roles::SentimentRole).toDouble(), 0.05);
    const QString time =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(sad.createdAtMs), QLocale::LongFormat);
    QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(),
             time + QStringLiteral("\nMood: negative (-0.62)"));
    QVERIFY(model.index(3)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral("\nMood: neutral (0.05)")));
    QVERIFY(!model.index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Mood")));
    QVERIFY(!model.index(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Mood")));
    QCOMPARE(model.roleNames().value(roles::SentimentRole), QByteArray("sentiment"));

    // Live messages carry theirs too.
    Message happy = message(5, 33, SenderKind::Customer, QStringLiteral("great, thank you"));
    happy.sentiment = 0.8;
    emit t.connection.eventReceived(messageEvent(happy));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(4).data(roles::SentimentRole).toDouble(), 0.8);
    QVERIFY(model.index(4)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral("Mood: positive (0.80)")));
}

void TestModels::delegateSizeHint()
{
    QStandardItemModel model;
    const QString shortText = QStringLiteral("好的");
    model.appendRow(messageItem(1, SenderKind::Customer, shortText));
    model.appendRow(messageItem(2, SenderKind::Customer, longChinese(3)));
    model.appendRow(messageItem(3, SenderKind::Customer, longChinese(12)));
    model.appendRow(messageItem(0, SenderKind::Customer, longChinese(12))); // no id: not cached
    model.appendRow(messageItem(4, SenderKind::Customer, QStringLiteral("line\nline\nline")));
    model.appendRow(messageItem(5, SenderKind::System, QStringLiteral("Alice joined")));
    model.appendRow(messageItem(6, SenderKind::Note, longChinese(3)));
    model.appendRow(messageItem(7, SenderKind::Agent, longChinese(3)));
    MessageDelegate delegate;
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.rect = QRect(0, 0, 400, 40);
    const auto height = [&](int row) {
        return delegate.sizeHint(option, model.index(row, 0)).height();
    };

    QVERIFY(height(0) > 0);
    QVERIFY(height(1) > height(0));
    QVERIFY(height(2) > height(1));
    QVERIFY(height(4) > height(0)); // three lines
    QVERIFY(height(5) < height(0)); // system: small text, no header
    QVERIFY(height(6) < height(1)); // a note is wider than a bubble: fewer lines
    QCOMPARE(height(7), height(1)); // the same text on the other side
    QVERIFY(delegate.sizeHint(option, model.index(2, 0)).width() <= 400); // rows take the view's

    // Stable for the same width, cached or not, and the same from a fresh delegate.
    QCOMPARE(height(2), height(2));
    QCOMPARE(height(3), height(2));
    MessageDelegate fresh;
    QCOMPARE(fresh.sizeHint(option, model.index(2, 0)).height(), height(2));

    // A new width invalidates the cache: narrower is taller, and back again is the same.
    const int wide = height(2);
    option.rect.setWidth(250);
    const int narrow = height(2);
    QVERIFY(narrow > wide);
    QCOMPARE(height(3), narrow);
    option.rect.setWidth(400);
    QCOMPARE(height(2), wide);

    // Exact: what paint() draws ends right above the bottom margin of the size it asked for.
    for (int row : {0, 2, 5, 6, 7}) {
        const int h = height(row);
        QImage image(400, h + 40, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem paintOption = option;
        paintOption.rect = QRect(0, 0, 400, h);
        paintOption.palette.setColor(QPalette::Base, Qt::white);
        delegate.paint(&painter, paintOption, model.index(row, 0));
        painter.end();
        int lowest = -1;
        for (int y = 0; y < image.height(); ++y) {
            const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x) {
                if ((line[x] & 0xffffff) != 0xffffff)
                    lowest = y;
            }
        }
        QVERIFY2(
            lowest < h && lowest >= h - 12,
            qPrintable(
                QStringLiteral("row %1: painted to y=%2, height %3").arg(row).arg(lowest).arg(h)));
    }
}

void TestModels::delegatePaintsEveryKind()
{
    QStandardItemModel model;
    const QDateTime yesterday = QDateTime::currentDateTime().addDays(-1);
    model.appendRow(messageItem(1, SenderKind::Customer, longChinese(4)));
    model.appendRow(messageItem(2, SenderKind::Bot, longChinese(3), yesterday));
    model.appendRow(messageItem(
        3, SenderKind::Agent,
        longChinese(2) +
            QStringLiteral(" https://example.com/a/very/long/url/that/has/no/spaces/at/all")));
    model.appendRow(messageItem(4, SenderKind::System, QStringLiteral("会话已转接给 Alice")));
    model.appendRow(messageItem(5, SenderKind::Note, longChinese(2)));
    model.appendRow(messageItem(6, SenderKind::Customer, QString()));
    QListView view;
    view.setItemDelegate(new MessageDelegate(&view));
    view.setModel(&model);
    view.setResizeMode(QListView::Adjust);
    view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view.resize(460, 1400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.selectionModel()->select(model.index(0, 0), QItemSelectionModel::Select);

    QPalette light = view.palette();
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    view.setPalette(light);
    QImage shot = view.grab().toImage();
    QVERIFY(countPixels(shot, qRgb(0x0f, 0x76, 0x6e)) > 500); // agent
    QVERIFY(countPixels(shot, qRgb(0xe0, 0xf2, 0xfe)) > 500); // bot
    QVERIFY(countPixels(shot, qRgb(0xfe, 0xf9, 0xc3)) > 500); // note

    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Window, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    view.setPalette(dark);
    shot = view.grab().toImage();
    QVERIFY(countPixels(shot, qRgb(0x0f, 0x76, 0x6e)) > 500);
    QVERIFY(countPixels(shot, qRgb(0x4a, 0x41, 0x18)) > 500); // the note, darkened
    QCOMPARE(countPixels(shot, qRgb(0xfe, 0xf9, 0xc3)), 0);

    view.resize(180, 1400); // narrow: everything still paints
    QApplication::processEvents();
    QVERIFY(!view.grab().isNull());
}

void TestModels::delegateShowsTimestampTooltip()
{
    QStandardItemModel model;
    model.appendRow(messageItem(1, SenderKind::Agent, QStringLiteral("Short")));
    QListView view;
    view.setItemDelegate(new MessageDelegate(&view));
    view.setModel(&model);
    view.resize(400, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect row = view.visualRect(model.index(0, 0));
    // An agent's bubble sits on the right: a point near the right edge is on it.
    const QPoint onBubble(row.right() - 20, row.bottom() - 10);
    QHelpEvent help(QEvent::ToolTip, onBubble, view.viewport()->mapToGlobal(onBubble));
    QApplication::sendEvent(view.viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), model.index(0, 0).data(Qt::ToolTipRole).toString());
}

void TestModels::delegatePaintsSentiment()
{
    QStandardItemModel model;
    const QList<std::pair<SenderKind, double>> rows = {{SenderKind::Customer, -0.62},
                                                       {SenderKind::Customer, 0.7},
                                                       {SenderKind::Customer, 0.0},
                                                       {SenderKind::Agent, -0.9}};
    for (int i = 0; i < int(rows.size()); ++i) {
        QStandardItem *item =
            messageItem(i + 1, rows.at(i).first, longChinese(1 + i % 2) + QStringLiteral("?"));
        item->setData(rows.at(i).second, roles::SentimentRole);
        model.appendRow(item);
    }
    model.appendRow(messageItem(9, SenderKind::Customer, longChinese(1) + QStringLiteral("?")));
    MessageDelegate delegate;
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.rect = QRect(0, 0, 400, 40);
    // The dot sits in the header line: a row is exactly as tall with or without it.
    QCOMPARE(delegate.sizeHint(option, model.index(0, 0)).height(),
             delegate.sizeHint(option, model.index(4, 0)).height());

    const auto paint = [&](int row) {
        const int h = delegate.sizeHint(option, model.index(row, 0)).height();
        QImage image(400, h, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QStyleOptionViewItem paintOption = option;
        paintOption.rect = QRect(0, 0, 400, h);
        paintOption.palette.setColor(QPalette::Base, Qt::white);
        delegate.paint(&painter, paintOption, model.index(row, 0));
        painter.end();
        return image;
    };
    const QRgb red = qRgb(0xdc, 0x26, 0x26);
    const QRgb green = qRgb(0x16, 0xa3, 0x4a);
    const QRgb grey = qRgb(0x9c, 0xa3, 0xaf);
    QVERIFY(countPixels(paint(0), red) > 4);
    QCOMPARE(countPixels(paint(0), green), 0);
    QVERIFY(countPixels(paint(1), green) > 4);
    QVERIFY(countPixels(paint(2), grey) > 4);
    QCOMPARE(countPixels(paint(3), red), 0); // an agent's message shows no mood
    QCOMPARE(
        countPixels(paint(4), red) + countPixels(paint(4), green) + countPixels(paint(4), grey), 0);

    // In a view, light and dark, narrow and wide: it paints.
    QListView view;
    view.setItemDelegate(new MessageDelegate(&view));
    view.setModel(&model);
    view.setResizeMode(QListView::Adjust);
    view.resize(460, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(countPixels(view.grab().toImage(), red) > 4);
    view.resize(60, 600);
    QApplication::processEvents();
    QVERIFY(!view.grab().isNull());
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
