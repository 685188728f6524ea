#include "queuemodel.h"

#include "queuemodelsupport.h"

#include "durationformat.h"
#include "queuestate.h"
#include "roles.h"
#include "textanalysis.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <algorithm>
#include <limits>
#include <vector>

namespace tandem {

using namespace queuemodel;

QueueModel::QueueModel(QueueState &queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &QueueModel::onTick);
    connect(&queue, &QueueState::reset, this, &QueueModel::onReset);
    connect(&queue, &QueueState::conversationAdded, this, &QueueModel::onAdded);
    connect(&queue, &QueueState::conversationChanged, this, &QueueModel::onChanged);
    connect(&queue, &QueueState::conversationRemoved, this, &QueueModel::onRemoved);
    onReset();
}

QueueModel::~QueueModel() = default;

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

// ---- sorting -------------------------------------------------------------------------------

int QueueModel::compareKeys(const Entry &a, const Entry &b) const
{
    switch (m_sortColumn) {
    case Customer:
        return a.name.compare(b.name);
    case Channel:
        return a.channel.compare(b.channel);
    case State:
        if (const int c = compareValues(stateOrder(a.state), stateOrder(b.state)))
            return c;
        return compareValues(a.orderKey, b.orderKey);
    case Preview:
        return a.preview.compare(b.preview);
    case Waiting:
        // By time waited, like the durations shown: the later it started, the shorter the wait,
        // and a conversation that is not waiting (kNotWaiting) has waited least of all.
        return compareValues(b.waitKey, a.waitKey);
    case Assignee:
        return a.assignee.compare(b.assignee);
    case Priority:
        return compareValues(a.priority, b.priority);
    }
    return 0;
}

bool QueueModel::lessThan(int a, int b) const
{
    const Entry &x = m_entries[size_t(a)];
    const Entry &y = m_entries[size_t(b)];
    if (const int c = compareKeys(x, y))
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    return x.id < y.id;
}

qsizetype QueueModel::positionIn(const std::vector<int> &sorted, int slot) const
{
    return std::lower_bound(sorted.begin(), sorted.end(), slot,
                            [this](int a, int b) { return lessThan(a, b); }) -
           sorted.begin();
}

namespace {

/// Where the element at `from` (whose keys changed) belongs once taken out of `sorted`: both
/// halves around it are still sorted, so two binary searches find it without moving anything.
template <typename Less>
qsizetype placeAfterRemoval(const std::vector<int> &sorted, qsizetype from, Less less)
{
    const auto begin = sorted.begin();
    const int slot = sorted[size_t(from)];
    const auto before = std::lower_bound(begin, begin + from, slot, less);
    if (before != begin + from)
        return before - begin;
    return std::lower_bound(begin + from + 1, sorted.end(), slot, less) - begin - 1;
}

void moveWithin(std::vector<int> &v, qsizetype from, qsizetype to)
{
    const auto b = v.begin();
    if (to > from)
        std::rotate(b + from, b + from + 1, b + to + 1);
    else if (to < from)
        std::rotate(b + to, b + from, b + from + 1);
}

} // namespace

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        column = State;
        order = Qt::AscendingOrder;
    }
    if (column == m_sortColumn && order == m_sortOrder)
        return;

    emit layoutAboutToBeChanged({}, VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<std::pair<qint64, int>> kept;
    kept.reserve(before.size());
    for (const QModelIndex &i : before)
        kept.append({conversationId(i.row()), i.column()});

    const bool flip = column == m_sortColumn;
    m_sortColumn = column;
    m_sortOrder = order;
    if (flip) {
        // The reverse order, except that equal keys keep ascending ids: O(n), no comparisons
        // beyond neighbours.
        std::reverse(m_all.begin(), m_all.end());
        for (auto run = m_all.begin(); run != m_all.end();) {
            auto end = run + 1;
            while (end != m_all.end() &&
                   compareKeys(m_entries[size_t(*run)], m_entries[size_t(*end)]) == 0)
                ++end;
            std::reverse(run, end);
            run = end;
        }
    } else {
        std::sort(m_all.begin(), m_all.end(), [this](int a, int b) { return lessThan(a, b); });
    }
    m_rows.clear();
    for (int slot : m_all) {
        if (m_entries[size_t(slot)].visible)
            m_rows.push_back(slot);
    }

    QModelIndexList after;
    after.reserve(kept.size());
    for (const auto &[id, col] : std::as_const(kept)) {
        const int row = rowOf(id);
        after.append(row < 0 ? QModelIndex() : index(row, col));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, VerticalSortHint);
}

// ---- filtering -----------------------------------------------------------------------------

void QueueModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    const QStringList terms = fold(text).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_filterText = text;
    if (terms == m_terms)
        return;
    // Typing more of a word only hides rows: then only the visible ones need a look.
    const bool narrowing = std::all_of(m_terms.cbegin(), m_terms.cend(), [&](const QString &old) {
        return std::any_of(terms.cbegin(), terms.cend(),
                           [&](const QString &t) { return t.contains(old); });
    });
    m_terms = terms;
    refilter(narrowing);
}

void QueueModel::setStateFilter(const QSet<ConversationState> &states)
{
    if (states == m_states)
        return;
    const bool narrowing = !states.isEmpty() && (m_states.isEmpty() || m_states.contains(states));
    m_states = states;
    refilter(narrowing);
}

void QueueModel::setOnlyMine(qint64 userId)
{
    if (userId == m_onlyMine)
        return;
    const bool narrowing = m_onlyMine == 0;
    m_onlyMine = userId;
    refilter(narrowing);
}

void QueueModel::ensureHaystack(Entry &e)
{
    if (e.haystackReady)
        return;
    // Newlines keep a word from matching across two fields (words never contain one).
    const QChar sep = QLatin1Char('\n');
    e.haystack = fold(e.name + sep + e.preview + sep + e.assignee + sep + e.channel + sep +
                      channelLabel(e.channel));
    e.haystackReady = true;
}

bool QueueModel::accepts(int slot)
{
    Entry &e = m_entries[size_t(slot)];
    if (!m_states.isEmpty() && !m_states.contains(e.state))
        return false;
    if (m_onlyMine != 0 && e.assigneeId != m_onlyMine)
        return false;
    if (m_terms.isEmpty())
        return true;
    ensureHaystack(e);
    return std::all_of(m_terms.cbegin(), m_terms.cend(),
                       [&e](const QString &term) { return e.haystack.contains(term); });
}

void QueueModel::refilter(bool narrowing)
{
    // Each slot of m_all is kept (shown before and after), removed, inserted or left hidden.
    enum Change : char
    {
        Hidden,
        Kept,
        Removed,
        Inserted
    };
    std::vector<Change> changes(m_all.size(), Hidden);
    int runs = 0;
    Change last = Hidden;
    for (size_t i = 0; i < m_all.size(); ++i) {
        const bool was = m_entries[size_t(m_all[i])].visible;
        const bool now = (narrowing && !was) ? false : accepts(m_all[i]);
        const Change c = was ? (now ? Kept : Removed) : (now ? Inserted : Hidden);
        changes[i] = c;
        if (c == Hidden)
            continue;
        if (c != Kept && c != last)
            ++runs;
        last = c;
    }
    if (runs == 0)
        return;

    if (runs > kMaxRuns) {
        beginResetModel();
        m_rows.clear();
        for (size_t i = 0; i < m_all.size(); ++i) {
            const bool show = changes[i] == Kept || changes[i] == Inserted;
            m_entries[size_t(m_all[i])].visible = show;
            if (show)
                m_rows.push_back(m_all[i]);
        }
        endResetModel();
        return;
    }

    // Apply the runs top to bottom, so every signal describes the rows as they are right then.
    int row = 0;
    std::vector<int> pending;
    Change pendingChange = Hidden;
    const auto flush = [&] {
        const int n = int(pending.size());
        if (n == 0)
            return;
        const auto at = m_rows.begin() + row;
        if (pendingChange == Removed) {
            beginRemoveRows({}, row, row + n - 1);
            m_rows.erase(at, at + n);
            for (int slot : pending)
                m_entries[size_t(slot)].visible = false;
            endRemoveRows();
        } else {
            beginInsertRows({}, row, row + n - 1);
            m_rows.insert(at, pending.begin(), pending.end());
            for (int slot : pending)
                m_entries[size_t(slot)].visible = true;
            endInsertRows();
            row += n;
        }
        pending.clear();
    };
    for (size_t i = 0; i < m_all.size(); ++i) {
        const Change c = changes[i];
        if (c == Hidden)
            continue;
        if (c != pendingChange) {
            flush();
            pendingChange = c;
        }
        if (c == Kept)
            ++row;
        else
            pending.push_back(m_all[i]);
    }
    flush();
}

// ---- following the queue -------------------------------------------------------------------

QueueModel::Entry QueueModel::makeEntry(const Conversation &c) const
{
    Entry e;
    e.id = c.id;
    e.assigneeId = c.assigneeId;
    e.waitKey = c.state == ConversationState::Waiting ? waitingSince(c) : kNotWaiting;
    e.orderKey = c.state == ConversationState::Waiting ? m_queue.order().key(e.waitKey, c.priority)
                                                       : kNotWaiting;
    e.priority = c.priority;
    e.state = c.state;
    e.name = customerLabel(c).toCaseFolded();
    e.channel = c.channel.toCaseFolded();
    e.preview = oneLine(c.lastMessagePreview).toCaseFolded();
    e.assignee = c.assigneeName.toCaseFolded();
    e.sentiment = c.sentiment;
    e.trend = c.sentimentTrend;
    e.escalation = c.escalation;
    return e;
}

void QueueModel::onReset()
{
    beginResetModel();
    m_entries.clear();
    m_freeSlots.clear();
    m_slotOf.clear();
    m_all.clear();
    m_rows.clear();
    const QList<qint64> &ids = m_queue.ids();
    m_entries.reserve(size_t(ids.size()));
    m_slotOf.reserve(ids.size());
    m_all.reserve(size_t(ids.size()));
    int waiting = 0;
    for (qint64 id : ids) {
        const int slot = int(m_entries.size());
        m_entries.push_back(makeEntry(m_queue.conversation(id)));
        waiting += m_entries.back().state == ConversationState::Waiting;
        m_slotOf.insert(id, slot);
        m_all.push_back(slot);
    }
    std::sort(m_all.begin(), m_all.end(), [this](int a, int b) { return lessThan(a, b); });
    for (int slot : m_all) {
        m_entries[size_t(slot)].visible = accepts(slot);
        if (m_entries[size_t(slot)].visible)
            m_rows.push_back(slot);
    }
    endResetModel();
    setWaitingCount(waiting);
}

void QueueModel::onAdded(qint64 id)
{
    if (m_slotOf.contains(id))
        return onChanged(id);
    const Conversation c = m_queue.conversation(id);
    if (c.id != id)
        return; // gone again before this signal arrived
    int slot;
    if (m_freeSlots.empty()) {
        slot = int(m_entries.size());
        m_entries.push_back(makeEntry(c));
    } else {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
        m_entries[size_t(slot)] = makeEntry(c);
    }
    m_slotOf.insert(id, slot);
    m_all.insert(m_all.begin() + positionIn(m_all, slot), slot);
    if (c.state == ConversationState::Waiting)
        setWaitingCount(m_waitingCount + 1);
    if (!accepts(slot))
        return;
    const int row = int(positionIn(m_rows, slot));
    beginInsertRows({}, row, row);
    m_rows.insert(m_rows.begin() + row, slot);
    m_entries[size_t(slot)].visible = true;
    endInsertRows();
}

void QueueModel::onChanged(qint64 id)
{
    const auto found = m_slotOf.constFind(id);
    if (found == m_slotOf.cend())
        return onAdded(id);
    const int slot = *found;
    const Conversation c = m_queue.conversation(id);
    if (c.id != id)
        return onRemoved(id);
    const auto less = [this](int a, int b) { return lessThan(a, b); };

    // Find it with the keys it was sorted by, then give it the new ones.
    Entry &e = m_entries[size_t(slot)];
    const qsizetype allPos = positionIn(m_all, slot);
    const int oldRow = e.visible ? int(positionIn(m_rows, slot)) : -1;
    const bool wasWaiting = e.state == ConversationState::Waiting;
    const bool wasVisible = e.visible;
    e = makeEntry(c);
    e.visible = wasVisible;
    moveWithin(m_all, allPos, placeAfterRemoval(m_all, allPos, less));
    const bool isWaiting = e.state == ConversationState::Waiting;
    if (wasWaiting != isWaiting)
        setWaitingCount(m_waitingCount + (isWaiting ? 1 : -1));

    const bool show = accepts(slot);
    if (oldRow < 0) {
        if (!show)
            return;
        const int row = int(positionIn(m_rows, slot));
        beginInsertRows({}, row, row);
        m_rows.insert(m_rows.begin() + row, slot);
        m_entries[size_t(slot)].visible = true;
        endInsertRows();
        return;
    }
    if (!show) {
        beginRemoveRows({}, oldRow, oldRow);
        m_rows.erase(m_rows.begin() + oldRow);
        m_entries[size_t(slot)].visible = false;
        endRemoveRows();
        return;
    }
    const int newRow = int(placeAfterRemoval(m_rows, oldRow, less));
    if (newRow != oldRow) {
        // beginMoveRows counts the destination before the row is taken out.
        beginMoveRows({}, oldRow, oldRow, {}, newRow > oldRow ? newRow + 1 : newRow);
        moveWithin(m_rows, oldRow, newRow);
        endMoveRows();
    }
    emit dataChanged(index(newRow, 0), index(newRow, ColumnCount - 1));
}

void QueueModel::onRemoved(qint64 id)
{
    const auto found = m_slotOf.constFind(id);
    if (found == m_slotOf.cend())
        return;
    const int slot = *found;
    Entry &e = m_entries[size_t(slot)];
    m_all.erase(m_all.begin() + positionIn(m_all, slot));
    if (e.visible) {
        const int row = int(positionIn(m_rows, slot));
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
    const bool wasWaiting = e.state == ConversationState::Waiting;
    m_slotOf.erase(found);
    m_entries[size_t(slot)] = Entry(); // frees its strings
    m_freeSlots.push_back(slot);
    if (wasWaiting)
        setWaitingCount(m_waitingCount - 1);
}

void QueueModel::setWaitingCount(int count)
{
    if (count > 0 && !m_tick.isActive())
        m_tick.start();
    else if (count == 0)
        m_tick.stop();
    if (count == m_waitingCount)
        return;
    m_waitingCount = count;
    emit waitingCountChanged(count);
}

void QueueModel::onTick()
{
    // One range for the whole column: views repaint what is visible, whatever the row count.
    if (m_rows.empty())
        return;
    emit dataChanged(index(0, Waiting), index(int(m_rows.size()) - 1, Waiting),
                     {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, roles::OverdueRole});
}

qint64 QueueModel::conversationId(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size())
        return 0;
    return m_entries[size_t(m_rows[size_t(row)])].id;
}

int QueueModel::rowOf(qint64 id) const
{
    const auto found = m_slotOf.constFind(id);
    if (found == m_slotOf.cend() || !m_entries[size_t(*found)].visible)
        return -1;
    const qsizetype row = positionIn(m_rows, *found);
    return size_t(row) < m_rows.size() && m_rows[size_t(row)] == *found ? int(row) : -1;
}

} // namespace tandem
