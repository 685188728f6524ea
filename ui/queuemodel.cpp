#include "queuemodel.h"

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

namespace {

// Past this many separate runs of rows entering or leaving, a filter change resets the model:
// each run costs the views O(rows), a reset costs them one re-layout.
constexpr int kMaxRuns = 32;

constexpr qint64 kNotWaiting = std::numeric_limits<qint64>::max();

int stateOrder(ConversationState state)
{
    switch (state) {
    case ConversationState::Waiting:
        return 0;
    case ConversationState::Assigned:
        return 1;
    case ConversationState::Bot:
        return 2;
    case ConversationState::Closed:
        return 3;
    }
    return 3;
}

template <typename T>
int compareValues(T a, T b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

/// Traditional to Simplified one character at a time, asking OpenCC once per distinct
/// character. Whole-text conversion costs ~10 µs per queue row (a second for 100k rows), and it
/// converts by phrase, so a word alone can fold differently than inside a sentence; for matching
/// a substring, both sides only need to fold the same way, character by character.
QString foldHan(QString text)
{
    static std::vector<char16_t> simplified(0x10000, 0); // 0: not asked yet
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u < 0x2e80 || c.isSurrogate()) // below the CJK blocks; astral Han stays as it is
            continue;
        char16_t &mapped = simplified[u];
        if (mapped == 0) {
            const QString folded = TextAnalyzer::instance().foldToSimplified(QString(c));
            mapped = folded.size() == 1 ? folded.at(0).unicode() : u;
        }
        c = QChar(mapped);
    }
    return text;
}

/// The form both the filter text and the searched text are brought to before matching.
QString fold(const QString &text)
{
    if (isAscii(text))
        return text.toCaseFolded(); // NFKC and OpenCC leave ASCII alone; skip their cost
    // NFKC first: full-width letters become ASCII and then fold with it.
    return foldHan(text.normalized(QString::NormalizationForm_KC).toCaseFolded());
}

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

/// When a waiting conversation entered the queue; the same rule as QueueState::nextWaiting().
qint64 waitingSince(const Conversation &c)
{
    return c.waitingSinceMs ? c.waitingSinceMs : c.createdAtMs;
}

bool darkPalette()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

QColor overdueColor()
{
    return darkPalette() ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
}

enum class Mood
{
    Unknown,
    Negative,
    Neutral,
    Positive
};

Mood moodOf(const std::optional<double> &score)
{
    if (!score)
        return Mood::Unknown;
    if (*score <= -roles::kMoodThreshold)
        return Mood::Negative;
    return *score >= roles::kMoodThreshold ? Mood::Positive : Mood::Neutral;
}

/// The same three colours as the transcript's mood dots (MessageDelegate), so a red mark means
/// one thing everywhere; mid-tones that read on light and dark bases alike.
QColor moodColor(Mood mood)
{
    switch (mood) {
    case Mood::Negative:
        return QColor(0xdc, 0x26, 0x26);
    case Mood::Positive:
        return QColor(0x16, 0xa3, 0x4a);
    case Mood::Neutral:
    case Mood::Unknown:
        break;
    }
    return QColor(0x9c, 0xa3, 0xaf);
}

enum Trend
{
    Steady,
    Falling,
    Rising
};

Trend trendOf(const QString &trend)
{
    if (trend == QLatin1String("falling"))
        return Falling;
    return trend == QLatin1String("rising") ? Rising : Steady;
}

} // namespace

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

static QString channelLabel(const QString &channel)
{
    if (channel == QLatin1String("web"))
        return QueueModel::tr("Web");
    if (channel == QLatin1String("api"))
        return QueueModel::tr("API");
    return channel;
}

static QString stateLabel(ConversationState state)
{
    switch (state) {
    case ConversationState::Waiting:
        return QueueModel::tr("Waiting");
    case ConversationState::Assigned:
        return QueueModel::tr("Assigned");
    case ConversationState::Bot:
        return QueueModel::tr("Bot");
    case ConversationState::Closed:
        return QueueModel::tr("Closed");
    }
    return {};
}

/// Why a conversation has its priority, in the hub's own terms (sentimentPriority(): escalation,
/// then negative and falling together, then either), so an agent can trust the order.
static QString priorityText(int priority, Mood mood, Trend trend, bool escalation)
{
    const bool negative = mood == Mood::Negative;
    const bool falling = trend == Falling;
    if (priority >= 3 && escalation)
        return QueueModel::tr("Priority %1: threatened to escalate (cancel, regulator or abuse)")
            .arg(priority);
    if (priority >= 2 && negative && falling)
        return QueueModel::tr("Priority %1: unhappy and getting worse").arg(priority);
    if (priority >= 1 && negative)
        return QueueModel::tr("Priority %1: unhappy").arg(priority);
    if (priority >= 1 && falling)
        return QueueModel::tr("Priority %1: mood getting worse").arg(priority);
    return QueueModel::tr("Priority %1").arg(priority);
}

static QString customerLabel(const Conversation &c)
{
    return c.customerName.isEmpty() ? QueueModel::tr("Customer %1").arg(c.id) : c.customerName;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[m_rows[size_t(index.row())]];
    const int column = index.column();
    const bool waiting = e.state == ConversationState::Waiting;
    const auto waitedMs = [&e] { return QDateTime::currentMSecsSinceEpoch() - e.waitKey; };
    switch (role) {
    case roles::ConversationIdRole:
        return e.id;
    case roles::SortRole:
        return sortValue(e, column);
    case roles::StateRole:
        return stateName(e.state);
    case roles::WaitingSinceRole:
        return waiting ? e.waitKey : qint64(0);
    case roles::OverdueRole:
        return waiting && waitedMs() > kOverdueMs;
    case roles::AssigneeIdRole:
        return e.assigneeId;
    case roles::SentimentRole:
        return e.sentiment ? QVariant(*e.sentiment) : QVariant();
    case roles::TrendRole:
        return e.trend;
    case roles::EscalationRole:
        return e.escalation;
    case Qt::DecorationRole:
        return column == Customer ? QVariant(moodIcon(e)) : QVariant();
    case Qt::ForegroundRole:
        if (column == Waiting && waiting && waitedMs() > kOverdueMs)
            return overdueColor();
        return {};
    case Qt::TextAlignmentRole:
        if (column == Waiting || column == Priority)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == Priority)
            return priorityText(e.priority, moodOf(e.sentiment), trendOf(e.trend), e.escalation);
        break;
    case Qt::DisplayRole:
    case roles::ChannelRole:
        break;
    default:
        return {};
    }

    const Conversation c = m_queue.conversation(e.id);
    if (role == roles::ChannelRole)
        return c.channel;
    if (role == Qt::ToolTipRole) {
        if (column == Customer) {
            // The mood mark sits in this cell: say what it means, then what was said.
            const QString why =
                priorityText(e.priority, moodOf(e.sentiment), trendOf(e.trend), e.escalation);
            return c.lastMessagePreview.isEmpty() ? why
                                                  : why + QLatin1Char('\n') + c.lastMessagePreview;
        }
        if (column == Preview)
            return c.lastMessagePreview.isEmpty() ? QVariant() : QVariant(c.lastMessagePreview);
        if (column == Waiting && waiting) {
            const QString since = QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(e.waitKey).time(), QLocale::ShortFormat);
            return tr("Waiting since %1 (%2)")
                .arg(since, DurationFormat::format(waitedMs(), DurationFormat::Precision::Fine));
        }
        return {};
    }
    switch (column) {
    case Customer:
        return customerLabel(c);
    case Channel:
        return channelLabel(c.channel);
    case State:
        return stateLabel(c.state);
    case Preview:
        return oneLine(c.lastMessagePreview);
    case Waiting:
        return waiting ? DurationFormat::format(waitedMs()) : QString();
    case Assignee:
        return c.assigneeName;
    case Priority:
        return c.priority;
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Customer:
        return tr("Customer");
    case Channel:
        return tr("Channel");
    case State:
        return tr("State");
    case Preview:
        return tr("Last message");
    case Waiting:
        return tr("Wait time");
    case Assignee:
        return tr("Assignee");
    case Priority:
        return tr("Priority");
    }
    return {};
}

Qt::ItemFlags QueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(roles::ConversationIdRole, "conversationId");
    names.insert(roles::SortRole, "sortValue");
    names.insert(roles::StateRole, "state");
    names.insert(roles::WaitingSinceRole, "waitingSince");
    names.insert(roles::OverdueRole, "overdue");
    names.insert(roles::AssigneeIdRole, "assigneeId");
    names.insert(roles::ChannelRole, "channel");
    names.insert(roles::SentimentRole, "sentiment");
    names.insert(roles::TrendRole, "trend");
    names.insert(roles::EscalationRole, "escalation");
    return names;
}

QVariant QueueModel::sortValue(const Entry &e, int column) const
{
    switch (column) {
    case Customer:
        return e.name;
    case Channel:
        return e.channel;
    case State:
        return stateOrder(e.state);
    case Preview:
        return e.preview;
    case Waiting:
        return e.waitKey == kNotWaiting ? qint64(-1)
                                        : QDateTime::currentMSecsSinceEpoch() - e.waitKey;
    case Assignee:
        return e.assignee;
    case Priority:
        return e.priority;
    }
    return {};
}

QPixmap QueueModel::moodIcon(const Entry &e) const
{
    const Mood mood = moodOf(e.sentiment);
    const Trend trend = trendOf(e.trend);
    const QColor ink = QGuiApplication::palette().color(QPalette::Text);
    const qreal dpr = qGuiApp->devicePixelRatio();
    const int key = int(mood) | int(trend) << 2 | int(e.escalation) << 4;
    // The arrow is drawn in the text colour: a palette or screen change paints them again.
    if (ink != m_moodInk || dpr != m_moodDpr) {
        m_moodIcons.clear();
        m_moodInk = ink;
        m_moodDpr = dpr;
    }
    const auto cached = m_moodIcons.constFind(key);
    if (cached != m_moodIcons.cend())
        return *cached;

    // One width for every row, blank or not, so the names after it line up: dot, arrow, warning.
    constexpr int kWidth = 32;
    constexpr int kHeight = 16;
    QPixmap pixmap(QSize(kWidth, kHeight) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    if (mood != Mood::Unknown) {
        p.setPen(Qt::NoPen);
        p.setBrush(moodColor(mood));
        p.drawEllipse(QRectF(1, 3, 10, 10));
    }
    if (trend != Steady) {
        p.setPen(QPen(ink, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        const qreal x = 16.5;
        const qreal tip = trend == Falling ? 13 : 3;
        const qreal back = trend == Falling ? 9 : 7;
        p.drawLine(QPointF(x, 3), QPointF(x, 13));
        p.drawPolyline(QPolygonF{QPointF(x - 3.5, back), QPointF(x, tip), QPointF(x + 3.5, back)});
    }
    if (e.escalation) {
        QPainterPath triangle;
        triangle.moveTo(26.5, 2);
        triangle.lineTo(31.5, 14);
        triangle.lineTo(21.5, 14);
        triangle.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xf5, 0x9e, 0x0b));
        p.drawPath(triangle);
        p.setPen(QPen(QColor(0x1f, 0x29, 0x37), 1.6, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(26.5, 6), QPointF(26.5, 10));
        p.drawPoint(QPointF(26.5, 12.2));
    }
    p.end();
    m_moodIcons.insert(key, pixmap);
    return pixmap;
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
        return compareValues(a.waitKey, b.waitKey);
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
