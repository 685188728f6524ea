#include "messagebox.h"

namespace tandem {

std::optional<QMessageBox::StandardButton> MessageBox::s_answer;
QString MessageBox::s_lastText;

QMessageBox::StandardButton MessageBox::show(QMessageBox::Icon icon, QWidget *parent,
                                             const QString &title, const QString &text,
                                             QMessageBox::StandardButtons buttons)
{
    s_lastText = text;
    if (s_answer)
        return *s_answer;
    QMessageBox box(icon, title, text, buttons, parent);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}

QMessageBox::StandardButton MessageBox::warning(QWidget *parent, const QString &title,
                                                const QString &text)
{
    return show(QMessageBox::Warning, parent, title, text, QMessageBox::Ok);
}

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title,
                                                 const QString &text,
                                                 QMessageBox::StandardButtons buttons)
{
    return show(QMessageBox::Question, parent, title, text, buttons);
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    show(QMessageBox::Information, parent, title, text, QMessageBox::Ok);
}

void MessageBox::setNextAnswer(std::optional<QMessageBox::StandardButton> answer)
{
    s_answer = answer;
}
QString MessageBox::lastText()
{
    return s_lastText;
}

} // namespace tandem
