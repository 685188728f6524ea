#include "composer.h"

#include <QKeyEvent>

namespace tandem {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
}

bool Composer::focusNextPrevChild(bool next)
{
    if (popupOpen())
        return false; // Tab picks the completion instead
    return QPlainTextEdit::focusNextPrevChild(next);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (popupOpen() && (enter || event->key() == Qt::Key_Tab || event->key() == Qt::Key_Backtab ||
                        event->key() == Qt::Key_Escape)) {
        event->ignore(); // the completer acts on it
        return;
    }
    // An input method still composing (pinyin, zhuyin) owns Enter; it never reaches here then.
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        emit submitted();
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace tandem
