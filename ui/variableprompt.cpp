#include "variableprompt.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

VariablePrompt::VariablePrompt(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_form(new QFormLayout)
    , m_insert(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("VariablePrompt"));
    setFrameShape(QFrame::StyledPanel);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_insert);
    layout->addLayout(buttons);
    connect(m_insert, &QPushButton::clicked, this, &VariablePrompt::submit);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        hide();
        emit cancelled();
    });
    retranslate();
    hide();
}

QString VariablePrompt::label(const QString &name)
{
    if (name == QLatin1String("order.id"))
        return tr("Order number");
    if (name == QLatin1String("customer.name"))
        return tr("Customer's name");
    if (name == QLatin1String("agent.name"))
        return tr("Your name");
    if (name == QLatin1String("shop.name"))
        return tr("Shop name");
    return name;
}

void VariablePrompt::ask(const QString &title, const QStringList &names)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_names = names;
    m_responseTitle = title;
    for (qsizetype i = 0; i < names.size(); ++i) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("variable:") + names.at(i));
        edit->setAccessibleName(label(names.at(i)));
        m_form->addRow(label(names.at(i)), edit);
        m_fields.insert(names.at(i), edit);
        connect(edit, &QLineEdit::returnPressed, this, [this, i] {
            if (i + 1 < m_names.size())
                m_fields.value(m_names.at(i + 1))->setFocus();
            else
                submit();
        });
    }
    retranslate();
    show();
    if (!names.isEmpty())
        m_fields.value(names.first())->setFocus();
}

void VariablePrompt::submit()
{
    QMap<QString, QString> values;
    for (const QString &name : std::as_const(m_names)) {
        QLineEdit *edit = m_fields.value(name);
        if (edit->text().trimmed().isEmpty()) {
            edit->setFocus(); // every variable needs a value before the text goes in
            return;
        }
        values.insert(name, edit->text().trimmed());
    }
    hide();
    emit filled(values);
}

void VariablePrompt::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        emit cancelled();
        event->accept();
        return;
    }
    QFrame::keyPressEvent(event);
}

void VariablePrompt::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void VariablePrompt::retranslate()
{
    m_title->setText(
        tr("“%1” needs these before it goes in (Enter: next, Esc: cancel):").arg(m_responseTitle));
    m_insert->setText(tr("Insert"));
    m_cancel->setText(tr("Cancel"));
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(it.value())))
            l->setText(label(it.key()));
    }
}

} // namespace tandem
