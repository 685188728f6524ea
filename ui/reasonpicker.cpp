#include "reasonpicker.h"

#include "assistdata.h"
#include "assisttext.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

ReasonPicker::ReasonPicker(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_skip(new QPushButton(this))
{
    setObjectName(QStringLiteral("ReasonPicker"));
    setFrameShape(QFrame::StyledPanel);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    setPalette(p);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_title);
    auto *grid = new QGridLayout;
    grid->setSpacing(2);
    const int count = int(suggestionReasons().size());
    for (int i = 0; i < count; ++i) {
        auto *b = new QPushButton(this);
        b->setFlat(true);
        b->setFocusPolicy(Qt::NoFocus); // the keys stay with the picker
        b->setStyleSheet(QStringLiteral("text-align: left; padding: 1px 4px;"));
        connect(b, &QPushButton::clicked, this, [this, i] { choose(i); });
        grid->addWidget(b, i / 2, i % 2);
        m_buttons.append(b);
    }
    m_skip->setFlat(true);
    m_skip->setFocusPolicy(Qt::NoFocus);
    m_skip->setStyleSheet(QStringLiteral("text-align: left; padding: 1px 4px;"));
    connect(m_skip, &QPushButton::clicked, this, &ReasonPicker::dismiss);
    grid->addWidget(m_skip, count / 2, count % 2);
    layout->addLayout(grid);
    retranslate();
    hide();
}

void ReasonPicker::ask(const QString &clientId, const QString &action)
{
    m_clientId = clientId;
    m_action = action;
    retranslate();
    show();
    setFocus();
}

void ReasonPicker::choose(int index)
{
    const QString id = m_clientId;
    m_clientId.clear();
    hide();
    if (m_target)
        m_target->setFocus();
    emit chosen(id, suggestionReasons().at(index));
}

void ReasonPicker::dismiss()
{
    const QString id = m_clientId;
    m_clientId.clear();
    hide();
    if (m_target)
        m_target->setFocus();
    emit dismissed(id);
}

void ReasonPicker::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const int count = int(suggestionReasons().size());
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier) {
        if (key >= Qt::Key_1 && key < Qt::Key_1 + count)
            return choose(key - Qt::Key_1);
        if (key == Qt::Key_Escape)
            return dismiss();
    }
    // Anything else is the agent moving on: the picker steps aside and the key goes where the
    // agent was typing.
    dismiss();
    if (m_target && !event->text().isEmpty()) {
        QKeyEvent copy(event->type(), key, event->modifiers(), event->text());
        QApplication::sendEvent(m_target, &copy);
    }
}

void ReasonPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void ReasonPicker::retranslate()
{
    m_title->setText(m_action == QLatin1String(outcome::kEdited)
                         ? tr("Why did you change the suggestion? Press a number.")
                         : tr("Why not a suggestion? Press a number."));
    for (qsizetype i = 0; i < m_buttons.size(); ++i)
        m_buttons.at(i)->setText(QStringLiteral("%1  %2").arg(i + 1).arg(
            assisttext::suggestionReason(suggestionReasons().at(i))));
    m_skip->setText(tr("Esc  Skip"));
    setAccessibleName(tr("Reason for not using the suggestion"));
}

} // namespace tandem
