#include "queuemodel.h"

#include "mood.h"
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

// QueueModel's presentation: display texts, tooltips, roles and the mood mark.

namespace tandem {

using namespace queuemodel;

QString queuemodel::channelLabel(const QString &channel)
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
static std::optional<Mood> moodOfScore(const std::optional<double> &score)
{
    return score ? std::optional<Mood>(moodOf(*score)) : std::nullopt;
}

static QString priorityText(int priority, std::optional<Mood> mood, Trend trend, bool escalation)
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

/// How the queue order treats a waiting conversation: the score and its two parts.
static QString orderText(const QueueOrder &order, qint64 waitedMs, int priority)
{
    const double score =
        double(waitedMs) / double(order.targetWaitMs) + order.priorityWeight * priority;
    return QueueModel::tr("Queue order: waited %1 of the %2 target + priority %3 × %4 = %5.\n"
                          "The highest score is next (Ctrl+N). Priority counts like %6 more "
                          "waiting, so an upset customer moves ahead but nobody waits forever.")
        .arg(DurationFormat::format(waitedMs, DurationFormat::Precision::Fine),
             DurationFormat::format(order.targetWaitMs, DurationFormat::Precision::Fine))
        .arg(priority)
        .arg(QLocale().toString(order.priorityWeight, 'g', 3))
        .arg(QLocale().toString(score, 'f', 2))
        .arg(DurationFormat::format(order.priorityBonusMs(1), DurationFormat::Precision::Fine));
}

QString queuemodel::customerLabel(const Conversation &c)
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
        if (column == Priority) {
            const QString why =
                priorityText(e.priority, moodOfScore(e.sentiment), trendOf(e.trend), e.escalation);
            if (!waiting)
                return why;
            return QString(why + QLatin1Char('\n') +
                           orderText(m_queue.order(), waitedMs(), e.priority));
        }
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
                priorityText(e.priority, moodOfScore(e.sentiment), trendOf(e.trend), e.escalation);
            return c.lastMessagePreview.isEmpty() ? why
                                                  : why + QLatin1Char('\n') + c.lastMessagePreview;
        }
        if (column == Preview)
            return c.lastMessagePreview.isEmpty() ? QVariant() : QVariant(c.lastMessagePreview);
        if (column == Waiting && waiting) {
            const QString since = DurationFormat::clock(QDateTime::fromMSecsSinceEpoch(e.waitKey));
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
    const std::optional<Mood> mood = moodOfScore(e.sentiment);
    const Trend trend = trendOf(e.trend);
    const QColor ink = QGuiApplication::palette().color(QPalette::Text);
    const qreal dpr = qGuiApp->devicePixelRatio();
    const int key = (mood ? int(*mood) + 1 : 0) | int(trend) << 2 | int(e.escalation) << 4;
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
    if (mood) {
        p.setPen(Qt::NoPen);
        p.setBrush(moodColor(e.sentiment));
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

} // namespace tandem
