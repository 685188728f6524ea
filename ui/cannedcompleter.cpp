#include "cannedcompleter.h"

#include "cannedresponses.h"
#include "composer.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextBlock>

namespace tandem {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

CannedCompleter::CannedCompleter(Composer *composer, CannedResponses &responses, QObject *parent)
    : QObject(parent)
    , m_composer(composer)
    , m_responses(responses)
    , m_completer(new QCompleter(this))
    , m_model(new QStandardItemModel(this))
{
    // The model holds exactly the matches: filtering is ours (folded, any script), not
    // QCompleter's.
    m_completer->setModel(m_model);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setWidget(composer);
    m_completer->setMaxVisibleItems(8);
    m_completer->popup()->setObjectName(QStringLiteral("CannedPopup"));
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) { pick(index.data(kIdRole).toLongLong()); });
    connect(composer, &QPlainTextEdit::textChanged, this, &CannedCompleter::update);
    connect(composer, &QPlainTextEdit::cursorPositionChanged, this, &CannedCompleter::update);
    composer->setCompletionPopup([this] { return isPopupVisible(); });
}

bool CannedCompleter::isPopupVisible() const
{
    return m_completer->popup()->isVisible();
}

void CannedCompleter::update()
{
    const QTextCursor cursor = m_composer->textCursor();
    const QString line = cursor.block().text().left(cursor.positionInBlock());
    // The word before the cursor, if it starts with a slash that starts a word.
    qsizetype start = line.size();
    while (start > 0 && !line.at(start - 1).isSpace())
        --start;
    const QString word = line.mid(start);
    if (!word.startsWith(QLatin1Char('/')) || cursor.hasSelection()) {
        m_slashAt = -1;
        m_completer->popup()->hide();
        return;
    }
    m_slashAt = int(cursor.block().position() + start);
    const QList<CannedResponse> found = m_responses.matching(word.mid(1), m_language);
    m_model->clear();
    for (const CannedResponse &r : found) {
        auto *item =
            new QStandardItem(QStringLiteral("/%1 — %2 (%3)").arg(r.shortcut, r.title, r.language));
        item->setData(r.id, kIdRole);
        item->setToolTip(r.text);
        m_model->appendRow(item);
    }
    if (found.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = m_composer->cursorRect();
    QAbstractItemView *popup = m_completer->popup();
    rect.setWidth(std::max(
        popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width(), 320));
    m_completer->complete(rect);
    popup->setCurrentIndex(m_model->index(0, 0)); // Enter takes the best match
}

void CannedCompleter::pick(qint64 id)
{
    const CannedResponse r = m_responses.byId(id);
    if (!r.id || m_slashAt < 0)
        return;
    QTextCursor cursor = m_composer->textCursor();
    cursor.setPosition(m_slashAt);
    cursor.setPosition(m_composer->textCursor().position(), QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    m_composer->setTextCursor(cursor);
    m_slashAt = -1;
    emit chosen(r);
}

} // namespace tandem
