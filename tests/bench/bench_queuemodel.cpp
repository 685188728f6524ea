// Prints how long QueueModel takes at 100k conversations next to the obvious alternative: a
// QSortFilterProxyModel over a plain table model of the same QueueState.

#include "hubconnection.h"
#include "queuemodel.h"
#include "queuestate.h"
#include "roles.h"
#include "textanalysis.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <cstdio>
#include <functional>
#include <memory>

using namespace tandem;

namespace {

constexpr int kConversations = 100000;
constexpr int kChanges = 1000;
constexpr qint64 kNow = 1'700'000'000'000;

QString pick(QRandomGenerator &random, const QStringList &list)
{
    return list.at(random.bounded(int(list.size())));
}

QList<Conversation> makeQueue()
{
    const QStringList surnames = {QStringLiteral("张"),   QStringLiteral("王"),
                                  QStringLiteral("李"),   QStringLiteral("陳"),
                                  QStringLiteral("劉"),   QStringLiteral("Smith "),
                                  QStringLiteral("Lee "), QStringLiteral("García ")};
    const QStringList given = {QStringLiteral("伟"),  QStringLiteral("芳"),
                               QStringLiteral("娜"),  QStringLiteral("Alice"),
                               QStringLiteral("Bob"), QStringLiteral("Chen"),
                               QStringLiteral("Dana")};
    const QStringList previews = {QStringLiteral("订单还没到，单号 A%1"),
                                  QStringLiteral("請問我的訂單 %1 什麼時候發貨？"),
                                  QStringLiteral("Where is my refund for order %1?"),
                                  QStringLiteral("优惠券 %1 用不了"),
                                  QStringLiteral("The package %1 arrived damaged"),
                                  QStringLiteral("我要退货，编号 %1")};
    const QStringList agents = {QStringLiteral("Alice"), QStringLiteral("Bo"),
                                QStringLiteral("王小明"), QStringLiteral("Zoë")};
    QRandomGenerator random(42);
    QList<Conversation> list;
    list.reserve(kConversations);
    for (int i = 1; i <= kConversations; ++i) {
        Conversation c;
        c.id = i;
        c.customerName = pick(random, surnames) + pick(random, given);
        c.channel = random.bounded(10) < 7 ? QStringLiteral("web") : QStringLiteral("api");
        const int state = random.bounded(10);
        c.state = state < 5 ? ConversationState::Waiting
                            : (state < 8 ? ConversationState::Assigned : ConversationState::Bot);
        if (c.state == ConversationState::Assigned) {
            c.assigneeId = 1 + random.bounded(int(agents.size()));
            c.assigneeName = agents.at(c.assigneeId - 1);
        }
        c.priority = random.bounded(4);
        c.createdAtMs = kNow - random.bounded(4 * 3600 * 1000);
        c.waitingSinceMs = c.state == ConversationState::Waiting ? c.createdAtMs : 0;
        c.lastMessagePreview = pick(random, previews).arg(random.bounded(100000));
        c.messageCount = 1 + random.bounded(20);
        list.append(c);
    }
    return list;
}

/// The baseline: rows in QueueState order, a raw sort value per column and a pre-folded search
/// text, for a QSortFilterProxyModel to sort and filter.
class PlainModel : public QAbstractTableModel
{
public:
    static constexpr int HaystackRole = roles::SortRole + 1000;

    explicit PlainModel(QueueState &queue)
        : m_queue(queue)
    {
        connect(&queue, &QueueState::reset, this, [this] {
            beginResetModel();
            m_haystacks.clear();
            for (qint64 id : m_queue.ids())
                m_haystacks.insert(id, haystack(m_queue.conversation(id)));
            endResetModel();
        });
        connect(&queue, &QueueState::conversationChanged, this, [this](qint64 id) {
            const QList<qint64> &ids = m_queue.ids();
            const int row = int(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
            m_haystacks.insert(id, haystack(m_queue.conversation(id)));
            emit dataChanged(index(row, 0), index(row, QueueModel::ColumnCount - 1));
        });
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_queue.count();
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : QueueModel::ColumnCount;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const qint64 id = m_queue.ids().at(index.row());
        if (role == HaystackRole)
            return m_haystacks.value(id);
        const Conversation c = m_queue.conversation(id);
        const bool sort = role == roles::SortRole;
        if (!sort && role != Qt::DisplayRole)
            return {};
        switch (index.column()) {
        case QueueModel::Customer:
            return sort ? c.customerName.toCaseFolded() : c.customerName;
        case QueueModel::Channel:
            return c.channel;
        case QueueModel::State:
            return sort ? QVariant(int(c.state)) : QVariant(stateName(c.state));
        case QueueModel::Preview:
            return sort ? c.lastMessagePreview.toCaseFolded() : c.lastMessagePreview;
        case QueueModel::Waiting:
            return c.waitingSinceMs;
        case QueueModel::Assignee:
            return sort ? c.assigneeName.toCaseFolded() : c.assigneeName;
        case QueueModel::Priority:
            return c.priority;
        }
        return {};
    }

private:
    static QString haystack(const Conversation &c)
    {
        const QChar sep = QLatin1Char('\n');
        return TextAnalyzer::instance().foldToSimplified(QString(c.customerName + sep +
                                                                 c.lastMessagePreview + sep +
                                                                 c.assigneeName + sep + c.channel)
                                                             .toCaseFolded());
    }

    QueueState &m_queue;
    QHash<qint64, QString> m_haystacks;
};

/// One contender: its own connection and queue, so the two never share signal handlers.
struct Contender
{
    HubConnection connection;
    QueueState queue{connection};
};

double timeMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

void row(const char *what, double ours, double proxy)
{
    std::printf("%-34s %12.1f %12.1f %8.1fx\n", what, ours, proxy, ours > 0 ? proxy / ours : 0.0);
}

/// `count` updates that move rows under most sort columns: state, wait, preview, priority.
QList<Event> makeChanges(const QList<Conversation> &queue, int count, qint64 firstSeq = 2)
{
    QRandomGenerator random{quint32(firstSeq)};
    QList<Event> events;
    for (int i = 0; i < count; ++i) {
        Conversation c = queue.at(random.bounded(int(queue.size())));
        const bool waiting = c.state != ConversationState::Waiting;
        c.state = waiting ? ConversationState::Waiting : ConversationState::Assigned;
        c.waitingSinceMs = waiting ? kNow - random.bounded(3600 * 1000) : 0;
        c.assigneeId = waiting ? 0 : 2;
        c.assigneeName = waiting ? QString() : QStringLiteral("Bo");
        c.priority = random.bounded(4);
        c.lastMessagePreview = QStringLiteral("更新 %1: 訂單到了嗎").arg(i);
        Event e;
        e.seq = firstSeq + i;
        e.kind = QStringLiteral("conversation.updated");
        e.conversationId = c.id;
        e.payload = {{QStringLiteral("conversation"), c.toJson()}};
        events.append(e);
    }
    return events;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QList<Conversation> conversations = makeQueue();
    const QList<Event> changes = makeChanges(conversations, kChanges);
    TextAnalyzer::instance(); // built once, outside the timings

    Contender ours;
    QueueModel model(ours.queue);
    Contender theirs;
    PlainModel plain(theirs.queue);
    QSortFilterProxyModel proxy;
    proxy.setSortRole(roles::SortRole);
    proxy.setFilterRole(PlainModel::HaystackRole);
    proxy.setFilterKeyColumn(0);
    proxy.setSourceModel(&plain);

    std::printf("QueueModel vs QSortFilterProxyModel, %d conversations (ms)\n", kConversations);
    std::printf("%-34s %12s %12s %9s\n", "", "QueueModel", "proxy", "speed-up");
    row("snapshot (load + default sort)",
        timeMs([&] { emit ours.connection.snapshotReceived(1, conversations); }), timeMs([&] {
            emit theirs.connection.snapshotReceived(1, conversations);
            proxy.sort(QueueModel::State);
        }));

    for (int column = 0; column < QueueModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            const QByteArray what =
                QByteArray("sort ") +
                QueueModel::staticMetaObject
                    .enumerator(QueueModel::staticMetaObject.indexOfEnumerator("Column"))
                    .valueToKey(column) +
                (order == Qt::AscendingOrder ? " ascending" : " descending");
            row(what.constData(), timeMs([&] { model.sort(column, order); }),
                timeMs([&] { proxy.sort(column, order); }));
        }
    }
    model.sort(QueueModel::Waiting);
    proxy.sort(QueueModel::Waiting);

    // The proxy gets the needle folded already; QueueModel folds its own.
    const QString folded = TextAnalyzer::instance().foldToSimplified(QStringLiteral("訂單"));
    row("filter \"訂單\" (first: builds index)",
        timeMs([&] { model.setFilterText(QStringLiteral("訂單")); }),
        timeMs([&] { proxy.setFilterFixedString(folded); }));
    row("filter \"訂單 a1\" (narrowing)",
        timeMs([&] { model.setFilterText(QStringLiteral("訂單 a1")); }), timeMs([&] {
            // Both words, in any order, as QueueModel matches them.
            proxy.setFilterRegularExpression(
                QRegularExpression(QStringLiteral("(?=.*%1)(?=.*a1)").arg(folded),
                                   QRegularExpression::CaseInsensitiveOption |
                                       QRegularExpression::DotMatchesEverythingOption));
        }));
    row("filter cleared", timeMs([&] { model.setFilterText(QString()); }),
        timeMs([&] { proxy.setFilterFixedString(QString()); }));
    row("filter \"alice\"", timeMs([&] { model.setFilterText(QStringLiteral("alice")); }),
        timeMs([&] { proxy.setFilterFixedString(QStringLiteral("alice")); }));
    row("filter cleared again", timeMs([&] { model.setFilterText(QString()); }),
        timeMs([&] { proxy.setFilterFixedString(QString()); }));

    Contender alone; // the same events with no model attached: the QueueState's own share
    emit alone.connection.snapshotReceived(1, conversations);
    const double stateOnly = timeMs([&] {
        for (const Event &e : changes)
            emit alone.connection.eventReceived(e);
    });
    row("1,000 changes, sorted by Waiting", timeMs([&] {
            for (const Event &e : changes)
                emit ours.connection.eventReceived(e);
        }),
        timeMs([&] {
            for (const Event &e : changes)
                emit theirs.connection.eventReceived(e);
        }));
    std::printf("%-34s %12.1f  (included in both figures above)\n", "  of which QueueState alone",
                stateOnly);

    // The same again with a table view on each, as in the desktop: what the views do with the
    // row signals counts too.
    QTableView ourView;
    ourView.setModel(&model);
    QTableView theirView;
    theirView.setModel(&proxy);
    for (QTableView *view : {&ourView, &theirView}) {
        view->resize(1000, 700);
        view->show();
    }
    QApplication::processEvents();
    const QList<Event> more = makeChanges(conversations, kChanges, 1000 + kChanges);
    // Events arrive faster than frames: the views repaint once for all of them.
    row("with views: 1,000 changes", timeMs([&] {
            for (const Event &e : more)
                emit ours.connection.eventReceived(e);
            QApplication::processEvents();
        }),
        timeMs([&] {
            for (const Event &e : more)
                emit theirs.connection.eventReceived(e);
            QApplication::processEvents();
        }));
    const QList<Event> paced = makeChanges(conversations, 100, 5000);
    row("with views: 100 changes, 1 frame each", timeMs([&] {
            for (const Event &e : paced) {
                emit ours.connection.eventReceived(e);
                QApplication::processEvents();
            }
        }),
        timeMs([&] {
            for (const Event &e : paced) {
                emit theirs.connection.eventReceived(e);
                QApplication::processEvents();
            }
        }));
    row("with views: filter \"alice\"", timeMs([&] {
            model.setFilterText(QStringLiteral("alice"));
            QApplication::processEvents();
        }),
        timeMs([&] {
            proxy.setFilterFixedString(QStringLiteral("alice"));
            QApplication::processEvents();
        }));
    row("with views: sort by Customer", timeMs([&] {
            model.sort(QueueModel::Customer);
            QApplication::processEvents();
        }),
        timeMs([&] {
            proxy.sort(QueueModel::Customer);
            QApplication::processEvents();
        }));
    std::printf("rows shown: %d and %d\n", model.rowCount(), proxy.rowCount());
    return 0;
}
