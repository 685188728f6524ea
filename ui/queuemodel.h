#pragma once

#include "domain.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QPixmap>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <optional>
#include <vector>

namespace tandem {

class QueueState;

/// Qt 6.4 has no qHash for scoped enums, and QSet<ConversationState> needs one.
inline size_t qHash(ConversationState state, size_t seed = 0) noexcept
{
    return ::qHash(int(state), seed);
}

/// The queue as a table: one row per open conversation that passes the filters, sorted and
/// filtered here rather than in a QSortFilterProxyModel, which takes seconds per re-sort at the
/// queue sizes Tandem must handle. Every QueueState signal becomes one row change: an insert at
/// its binary-searched place, a move, a removal or a dataChanged.
class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Customer,
        Channel,
        State,
        Preview,
        Waiting,
        Assignee,
        Priority,
        ColumnCount
    };
    Q_ENUM(Column)

    /// Waiting longer than this is overdue: the Waiting cell is coloured and OverdueRole is set.
    static constexpr qint64 kOverdueMs = 2 * 60 * 1000;

    explicit QueueModel(QueueState &queue, QObject *parent = nullptr);
    ~QueueModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Sorts by a column's SortRole value, ties broken by conversation id (always ascending, so
    /// equal rows keep their order whichever way the column is sorted). A column outside Column
    /// (-1 from a view that turned sorting off) restores the default: State ascending, which puts
    /// waiting conversations first, in the queue order (QueueOrder: time waited against the
    /// target plus priority; the order Ctrl+N takes them in). Waiting sorts by time waited, like
    /// the durations it shows: descending puts the longest wait on top, rows not waiting last.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// Words that must all occur (case-insensitive, NFKC, Traditional matching Simplified) in the
    /// customer name, preview, assignee or channel.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }
    /// Only conversations in these states; empty shows every state.
    void setStateFilter(const QSet<ConversationState> &states);
    QSet<ConversationState> stateFilter() const { return m_states; }
    /// Only conversations assigned to this user; 0 turns it off.
    void setOnlyMine(qint64 userId);
    qint64 onlyMine() const { return m_onlyMine; }

    /// 0 for a row out of range.
    qint64 conversationId(int row) const;
    /// -1 when the conversation is not shown (closed or filtered out). O(log n).
    int rowOf(qint64 id) const;
    /// Waiting conversations in the whole queue, whatever the filters show.
    int waitingCount() const { return m_waitingCount; }

signals:
    void waitingCountChanged(int count);

private:
    /// What sorting and filtering need of one conversation, kept next to each other so that a
    /// comparison never looks anything up.
    struct Entry
    {
        qint64 id = 0;
        qint64 assigneeId = 0;
        qint64 waitKey = 0;  // waitingSinceMs when waiting, else the largest qint64
        qint64 orderKey = 0; // QueueOrder::key() when waiting, else the largest qint64
        int priority = 0;
        ConversationState state = ConversationState::Waiting;
        bool visible = false;
        bool haystackReady = false;
        QString name; // case-folded sort keys
        QString channel;
        QString preview;
        QString assignee;
        QString haystack; // folded search text, built the first time a filter needs it
        // The mood, kept here so that painting the Customer column looks nothing up.
        std::optional<double> sentiment;
        QString trend;
        bool escalation = false;
    };

    void onReset();
    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);
    void onTick();

    Entry makeEntry(const Conversation &c) const;
    bool lessThan(int a, int b) const;
    int compareKeys(const Entry &a, const Entry &b) const;
    /// Where `slot` is (or belongs) in a vector sorted by lessThan.
    qsizetype positionIn(const std::vector<int> &sorted, int slot) const;
    bool accepts(int slot);
    void ensureHaystack(Entry &e);
    /// Applies a filter change as row removals and inserts, or as a reset when they would be many.
    /// `narrowing`: nothing hidden can become visible, so hidden rows are not looked at.
    void refilter(bool narrowing);
    void setWaitingCount(int count);
    QVariant sortValue(const Entry &e, int column) const;
    /// The Customer column's mood mark: a coloured dot, a trend arrow, a warning for escalation.
    QPixmap moodIcon(const Entry &e) const;

    QueueState &m_queue;
    std::vector<Entry> m_entries; // slots; freed ones are reused
    std::vector<int> m_freeSlots;
    QHash<qint64, int> m_slotOf;
    std::vector<int> m_all;  // every slot in use, in sort order
    std::vector<int> m_rows; // the visible subsequence of m_all: row → slot
    int m_sortColumn = State;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_filterText;
    QStringList m_terms; // folded words of m_filterText
    QSet<ConversationState> m_states;
    qint64 m_onlyMine = 0;
    int m_waitingCount = 0;
    QTimer m_tick;
    // Mood marks by kind: a few distinct pixmaps shared by every row, painted once each.
    mutable QHash<int, QPixmap> m_moodIcons;
    mutable QColor m_moodInk; // what m_moodIcons were painted for
    mutable qreal m_moodDpr = 0;
};

} // namespace tandem
