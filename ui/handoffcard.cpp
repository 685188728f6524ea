#include "handoffcard.h"

#include "assisttext.h"
#include "domain.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace tandem {

HandoffCard::HandoffCard(QWidget *parent)
    : QFrame(parent)
    , m_reason(new QLabel(this))
    , m_question(new QLabel(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("HandoffCard"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::AlternateBase));
    setPalette(p);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(2);
    QFont bold = m_reason->font();
    bold.setBold(true);
    m_reason->setFont(bold);
    for (QLabel *label : {m_reason, m_question, m_details}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    m_details->setWordWrap(true);
    hide();
}

void HandoffCard::setHandoff(const AssistHandoff &handoff)
{
    m_handoff = handoff;
    refresh();
}

QString HandoffCard::text() const
{
    return QStringList{m_reason->text(), m_question->text(), m_details->text()}.join(
        QLatin1Char('\n'));
}

void HandoffCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QFrame::changeEvent(event);
}

void HandoffCard::refresh()
{
    setVisible(!m_handoff.isEmpty());
    if (m_handoff.isEmpty())
        return;
    m_reason->setText(tr("Handed over: %1").arg(assisttext::routingReason(m_handoff.reason)));
    // One line, however long the customer wrote; the whole question is in the tooltip.
    m_question->setText(tr("“%1”").arg(previewOf(m_handoff.question, 90)));
    m_question->setToolTip(m_handoff.question);
    QStringList lines;
    if (!m_handoff.intent.isEmpty())
        lines << tr("Intent: %1 (%2)")
                     .arg(m_handoff.intent, assisttext::percent(m_handoff.confidence));
    if (m_handoff.sentiment || !m_handoff.sentimentTrend.isEmpty())
        lines << tr("Mood: %1, %2")
                     .arg(QLocale().toString(m_handoff.sentiment.value_or(0), 'f', 2),
                          assisttext::trend(m_handoff.sentimentTrend));
    if (m_handoff.botAnswers.isEmpty())
        lines << tr("The bot had not answered yet.");
    else
        lines << tr("The bot already answered: %1")
                     .arg(previewOf(m_handoff.botAnswers.join(QStringLiteral(" / ")), 120));
    if (!m_handoff.articles.isEmpty())
        lines << tr("Articles used: %1").arg(m_handoff.articles.join(QStringLiteral(", ")));
    m_details->setText(lines.join(QLatin1Char('\n')));
}

} // namespace tandem
