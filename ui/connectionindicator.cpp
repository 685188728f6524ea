#include "connectionindicator.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace tandem {

ConnectionIndicator::ConnectionIndicator(QWidget *parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_label(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    m_dot->setFixedSize(10, 10);
    refresh();
}

void ConnectionIndicator::setState(HubConnection::State state)
{
    m_state = state;
    refresh();
}

QString ConnectionIndicator::text() const
{
    return m_label->text();
}

void ConnectionIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void ConnectionIndicator::refresh()
{
    using S = HubConnection::State;
    QString text;
    QString color;
    switch (m_state) {
    case S::Connected:
        text = tr("Connected");
        color = QStringLiteral("#16a34a");
        break;
    case S::Connecting:
        text = tr("Connecting…");
        color = QStringLiteral("#f59e0b");
        break;
    case S::SigningIn:
        text = tr("Signing in…");
        color = QStringLiteral("#f59e0b");
        break;
    case S::Synchronising:
        text = tr("Synchronising…");
        color = QStringLiteral("#f59e0b");
        break;
    case S::Reconnecting:
        text = tr("Connection lost, reconnecting…");
        color = QStringLiteral("#dc2626");
        break;
    case S::SignedOut:
        text = tr("Signed out");
        color = QStringLiteral("#6b7280");
        break;
    }
    m_label->setText(text);
    m_dot->setStyleSheet(QStringLiteral("background:%1;border-radius:5px;").arg(color));
    setAccessibleName(tr("Connection: %1").arg(text));
    setToolTip(text);
}

} // namespace tandem
