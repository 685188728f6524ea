#include "suggestioncard.h"

#include "assisttext.h"
#include "roles.h"

#include <QApplication>
#include <QDate>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace tandem {

SuggestionCard::SuggestionCard(QWidget *parent)
    : QFrame(parent)
    , m_rank(new QLabel(this))
    , m_key(new QLabel(this))
    , m_confidence(new QProgressBar(this))
    , m_intent(new QLabel(this))
    , m_answer(new QLabel(this))
    , m_meta(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(3);
    auto *header = new QHBoxLayout;
    QFont bold = m_rank->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_rank->setFont(bold);
    m_key->setTextFormat(Qt::PlainText);
    m_confidence->setRange(0, 100);
    m_confidence->setTextVisible(true);
    m_confidence->setMaximumHeight(m_confidence->fontMetrics().height() + 4);
    m_confidence->setMaximumWidth(110);
    m_intent->setTextFormat(Qt::PlainText);
    header->addWidget(m_rank);
    header->addWidget(m_key);
    header->addWidget(m_confidence);
    header->addWidget(m_intent, 1);
    layout->addLayout(header);
    for (QLabel *label : {m_answer, m_meta}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = m_meta->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_meta->setFont(small);
    hide();
}

void SuggestionCard::setIndex(const QModelIndex &index)
{
    setVisible(index.isValid());
    if (!index.isValid())
        return;
    const int rank = index.data(roles::RankRole).toInt();
    const double confidence = index.data(roles::ConfidenceRole).toDouble();
    m_weak = index.data(roles::WeakRole).toBool();
    m_rank->setText(QLocale().toString(rank));
    m_key->setText(
        QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + rank)).toString(QKeySequence::NativeText));
    m_confidence->setValue(qRound(confidence * 100));
    m_confidence->setFormat(assisttext::percent(confidence));
    m_confidence->setAccessibleName(tr("Confidence"));
    m_intent->setText(index.data(roles::IntentRole).toString());
    m_answer->setText(index.data(Qt::DisplayRole).toString());
    setToolTip(index.data(Qt::ToolTipRole).toString());
    QStringList meta{tr("%1 · v%2")
                         .arg(index.data(roles::ArticleTitleRole).toString())
                         .arg(index.data(roles::ArticleVersionRole).toInt())};
    if (const QDate reviewed = index.data(roles::LastReviewedRole).toDate(); reviewed.isValid())
        meta << tr("reviewed %1").arg(QLocale().toString(reviewed, QLocale::ShortFormat));
    if (m_weak)
        meta << tr("below the bot's threshold");
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    setAccessibleName(tr("Suggestion %1").arg(rank));
    // Weak ones stay readable and usable, only quieter: grey text, grey bar.
    QPalette p = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    if (m_weak) {
        // Halfway between text and background: clearly quieter, still easy to read.
        const QColor text = p.color(QPalette::WindowText);
        const QColor base = p.color(QPalette::Window);
        const QColor grey((text.red() + base.red()) / 2, (text.green() + base.green()) / 2,
                          (text.blue() + base.blue()) / 2);
        p.setColor(QPalette::WindowText, grey);
        p.setColor(QPalette::Text, grey);
        p.setColor(QPalette::Highlight, p.color(QPalette::Mid));
    }
    setPalette(p);
}

QString SuggestionCard::answerText() const
{
    return m_answer->text();
}

QString SuggestionCard::metaText() const
{
    return m_meta->text();
}

int SuggestionCard::confidencePercent() const
{
    return m_confidence->value();
}

} // namespace tandem
