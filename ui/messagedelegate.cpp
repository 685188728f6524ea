#include "messagedelegate.h"

#include "durationformat.h"

#include "mood.h"

#include "domain.h"
#include "roles.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>

#include <cmath>

namespace tandem {

namespace {

constexpr int kMarginH = 12; // row edge to bubble
constexpr int kMarginV = 4;  // between rows (twice this)
constexpr int kPadH = 10;    // bubble edge to text
constexpr int kPadV = 6;
constexpr int kHeaderGap = 2; // header line to bubble
constexpr qreal kRadius = 8;
constexpr int kPillPad = 4;
constexpr int kMaxCached = 100000; // heights; past that the cache starts again

/// The width rows are laid out in. QListView stretches each row to its viewport (less its
/// spacing), which sizeHint() cannot read from option.rect, so ask the view.
int availableWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget)) {
        const auto *list = qobject_cast<const QListView *>(view);
        return qMax(1, view->viewport()->width() - 2 * (list ? list->spacing() : 0));
    }
    return qMax(1, option.rect.width());
}

QFont smallFont(const QFont &font)
{
    QFont small(font);
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(8, int(font.pixelSize() * 0.85)));
    return small;
}

QString shownText(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\n'), QChar::LineSeparator); // QTextLayout breaks only on this
    return text;
}

/// Breaks `layout` into lines of at most `maxWidth`; returns the widest line and the height.
QSizeF layoutText(QTextLayout &layout, qreal maxWidth, Qt::Alignment alignment)
{
    // Anywhere as the fallback: a long URL or a run of Chinese without spaces still wraps.
    QTextOption option(alignment);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    qreal y = 0;
    qreal widest = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(maxWidth);
        line.setPosition(QPointF(0, y));
        y += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {widest, y};
}

QColor bubbleColor(SenderKind kind, bool dark)
{
    switch (kind) {
    case SenderKind::Agent:
        return QColor(0x0f, 0x76, 0x6e); // the accent, on light and dark alike
    case SenderKind::Bot:
        return dark ? QColor(0x17, 0x38, 0x4f) : QColor(0xe0, 0xf2, 0xfe);
    case SenderKind::Note:
        return dark ? QColor(0x4a, 0x41, 0x18) : QColor(0xfe, 0xf9, 0xc3);
    case SenderKind::Customer:
    case SenderKind::System:
        break;
    }
    return dark ? QColor(0x3a, 0x3f, 0x45) : QColor(0xec, 0xef, 0xf1);
}

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    const qreal k = 1 - amountOfB;
    return QColor::fromRgbF(float(a.redF() * k + b.redF() * amountOfB),
                            float(a.greenF() * k + b.greenF() * amountOfB),
                            float(a.blueF() * k + b.blueF() * amountOfB));
}

} // namespace

struct MessageDelegate::Geometry
{
    SenderKind kind = SenderKind::Customer;
    int height = 0;
    QRect header; // empty for system messages
    QRect bubble; // for system messages, the text's box
    QPointF text; // where the layout is drawn
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void MessageDelegate::clearCache()
{
    m_heights.clear();
}

MessageDelegate::Geometry MessageDelegate::geometry(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index,
                                                    QTextLayout &layout) const
{
    Geometry g;
    g.kind = senderKindFromName(index.data(roles::SenderKindRole).toString())
                 .value_or(SenderKind::Customer);
    const int width = availableWidth(option);
    const int inner = qMax(1, width - 2 * kMarginH);
    layout.setText(shownText(index.data(roles::TextRole).toString()));

    if (g.kind == SenderKind::System) {
        layout.setFont(smallFont(option.font));
        const QSizeF size = layoutText(layout, inner, Qt::AlignHCenter);
        g.bubble = QRect(kMarginH, kMarginV, inner, int(std::ceil(size.height())));
        g.text = g.bubble.topLeft();
        g.height = g.bubble.height() + 2 * kMarginV;
        return g;
    }

    layout.setFont(option.font);
    const bool fullWidth = g.kind == SenderKind::Note;
    const int bubbleMax = fullWidth ? inner : qMin(inner, qMax(4 * kPadH, width * 7 / 10));
    const int textMax = qMax(1, bubbleMax - 2 * kPadH);
    const QSizeF size = layoutText(layout, textMax, Qt::AlignLeft);
    const int textWidth = qMin(textMax, int(std::ceil(size.width())));
    const int bubbleWidth = fullWidth ? inner : textWidth + 2 * kPadH;
    const int headerHeight = QFontMetrics(smallFont(option.font)).height();
    const int top = kMarginV + headerHeight + kHeaderGap;
    const bool right = g.kind == SenderKind::Agent;
    const int x = right ? kMarginH + inner - bubbleWidth : kMarginH;

    g.header =
        QRect(right ? kMarginH + inner - bubbleMax : kMarginH, kMarginV, bubbleMax, headerHeight);
    g.bubble = QRect(x, top, bubbleWidth, int(std::ceil(size.height())) + 2 * kPadV);
    g.text = QPointF(x + kPadH, top + kPadV);
    g.height = top + g.bubble.height() + kMarginV;
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Only the height is the row's: QListView stretches every row to its viewport, and a width
    // that follows the viewport would flash a horizontal scroll bar whenever the vertical one
    // comes or goes, until the rows are laid out again.
    constexpr int kMinimumWidth = 2 * kMarginH + 4 * kPadH;
    const int width = availableWidth(option);
    if (width != m_cacheWidth || option.font != m_cacheFont || m_heights.size() > kMaxCached) {
        m_heights.clear();
        m_cacheWidth = width;
        m_cacheFont = option.font;
    }
    const qint64 id = index.data(roles::MessageIdRole).toLongLong();
    if (id > 0) {
        const auto cached = m_heights.constFind(id);
        if (cached != m_heights.cend())
            return {kMinimumWidth, *cached};
    }
    QTextLayout layout;
    const int height = geometry(option, index, layout).height;
    if (id > 0)
        m_heights.insert(id, height);
    return {kMinimumWidth, height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QTextLayout layout;
    const Geometry g = geometry(option, index, layout);
    const QPoint origin = option.rect.topLeft();
    const QPalette &palette = option.palette;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                               : QPalette::Inactive;
    const bool dark = palette.color(group, QPalette::Base).lightness() < 128;
    const QColor text = palette.color(group, QPalette::Text);
    const QColor muted = mix(text, palette.color(group, QPalette::Base), 0.4);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (option.state & QStyle::State_Selected) {
        // A wash rather than the solid highlight, so the bubble colours stay readable.
        QColor wash = palette.color(group, QPalette::Highlight);
        wash.setAlpha(dark ? 90 : 55);
        painter->fillRect(option.rect, wash);
    }

    if (g.kind == SenderKind::System) {
        painter->setPen(muted);
        layout.draw(painter, g.text + origin);
        painter->restore();
        return;
    }

    // Header: [label] name · time, on the bubble's side.
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    painter->setFont(small);
    QRect header = g.header.translated(origin);
    const bool right = g.kind == SenderKind::Agent;
    QString label;
    QColor labelColor;
    if (g.kind == SenderKind::Bot) {
        label = tr("Bot");
        labelColor = QColor(0x03, 0x69, 0xa1);
    } else if (g.kind == SenderKind::Note) {
        label = tr("Note");
        labelColor = QColor(0xa1, 0x62, 0x07);
    }
    if (!label.isEmpty()) {
        const QRect pill(header.left(), header.top(),
                         smallMetrics.horizontalAdvance(label) + 2 * kPillPad, header.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(labelColor);
        painter->drawRoundedRect(pill, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, label);
        header.setLeft(pill.right() + 1 + kPillPad);
    }
    const QVariant sentiment = index.data(roles::SentimentRole);
    if (g.kind == SenderKind::Customer && sentiment.isValid()) {
        // A dot in the header line rather than anything in the bubble: subtle, and it leaves
        // the row's height (and so the cached sizeHint) exactly as it was.
        const int diameter = qBound(6, header.height() / 2, 10);
        const QRectF dot(header.left(), header.top() + (header.height() - diameter) / 2.0, diameter,
                         diameter);
        painter->setPen(Qt::NoPen);
        painter->setBrush(moodColor(sentiment.toDouble()));
        painter->drawEllipse(dot);
        header.setLeft(header.left() + diameter + kPillPad);
    }
    QString name = index.data(roles::SenderNameRole).toString();
    if (g.kind == SenderKind::Bot && name == label)
        name.clear(); // the label already says it
    const QString time = DurationFormat::clock(index.data(roles::TimeRole).toDateTime());
    const QString separator = QStringLiteral(" · ");
    const int nameRoom = header.width() - smallMetrics.horizontalAdvance(time + separator);
    name = smallMetrics.elidedText(name, Qt::ElideRight, qMax(0, nameRoom));
    painter->setPen(muted);
    painter->drawText(header, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                      name.isEmpty() ? time : name + separator + time);

    painter->setPen(Qt::NoPen);
    painter->setBrush(bubbleColor(g.kind, dark));
    painter->drawRoundedRect(g.bubble.translated(origin), kRadius, kRadius);
    painter->setPen(g.kind == SenderKind::Agent ? QColor(Qt::white) : text);
    layout.draw(painter, g.text + origin);
    painter->restore();
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QTextLayout layout;
    const Geometry g = geometry(option, index, layout);
    const QRect hot = g.bubble.united(g.header).translated(option.rect.topLeft());
    const QString tip = index.data(Qt::ToolTipRole).toString();
    if (tip.isEmpty() || !hot.contains(event->pos())) {
        QToolTip::hideText();
        return true;
    }
    // The rectangle hides the tip as soon as the pointer leaves the bubble.
    QToolTip::showText(event->globalPos(), tip, view->viewport(), hot);
    return true;
}

} // namespace tandem
