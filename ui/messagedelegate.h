#pragma once

#include <QFont>
#include <QHash>
#include <QStyledItemDelegate>

class QTextLayout;

namespace tandem {

/// Paints a TranscriptModel row as a chat bubble: customers and the bot on the left, agents on
/// the right, internal notes across the width, system messages as centred small text. Heights
/// are cached per message at the current width, so long transcripts lay out and scroll quickly.
/// Meant for a QListView with resizeMode Adjust (so a new width re-lays out the rows),
/// verticalScrollMode ScrollPerPixel, and one delegate per view (the cache holds one width).
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// Shows the full timestamp over a bubble or its header, nothing over the empty space.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    /// Forgets every cached height. A new width or font does this by itself.
    void clearCache();

private:
    struct Geometry;
    /// Lays out the text of `index` into `layout` and places everything relative to the row's
    /// top-left corner; the one computation paint(), sizeHint() and helpEvent() share.
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index,
                      QTextLayout &layout) const;

    mutable QHash<qint64, int> m_heights; // message id → row height at m_cacheWidth
    mutable int m_cacheWidth = -1;
    mutable QFont m_cacheFont;
};

} // namespace tandem
