#pragma once

#include <QMessageBox>

#include <optional>

namespace tandem {

/// Every message box goes through here so tests can answer them in advance instead of blocking.
class MessageBox
{
public:
    static QMessageBox::StandardButton warning(QWidget *parent, const QString &title,
                                               const QString &text);
    static QMessageBox::StandardButton
    question(QWidget *parent, const QString &title, const QString &text,
             QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No);
    static void information(QWidget *parent, const QString &title, const QString &text);

    /// Tests: the next boxes return this answer at once (and are recorded, not shown).
    static void setNextAnswer(std::optional<QMessageBox::StandardButton> answer);
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QMessageBox::Icon icon, QWidget *parent,
                                            const QString &title, const QString &text,
                                            QMessageBox::StandardButtons buttons);
    static std::optional<QMessageBox::StandardButton> s_answer;
    static QString s_lastText;
};

} // namespace tandem
