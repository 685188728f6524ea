#include "kbsearchbox.h"

#include "assistclient.h"

#include <QEvent>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int kArticleIdRole = Qt::UserRole + 1;

QString titleIn(const QJsonObject &titles, const QString &language)
{
    for (const QString &l :
         {language, QStringLiteral("zh-CN"), QStringLiteral("en"), QStringLiteral("zh-TW")}) {
        if (const QString t = titles.value(l).toString(); !t.isEmpty())
            return t;
    }
    return {};
}
} // namespace

KbSearchBox::KbSearchBox(AssistClient &assist, QWidget *parent)
    : QWidget(parent)
    , m_assist(assist)
    , m_query(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("KbSearch"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_query->setClearButtonEnabled(true);
    // Reached with Ctrl+F or a click, never by focus falling through: when the reply box is
    // disabled (a conversation closed), what the agent types next must not become a search.
    m_query->setFocusPolicy(Qt::ClickFocus);
    layout->addWidget(m_query);
    m_results->setObjectName(QStringLiteral("KbResults"));
    m_results->setFocusPolicy(Qt::ClickFocus); // Up/Down and Enter work from the search field
    m_results->setMaximumHeight(m_results->fontMetrics().height() * 7);
    m_results->setWordWrap(true);
    m_results->hide();
    layout->addWidget(m_results);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &KbSearchBox::search);
    connect(m_query, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        if (m_debounce.isActive() || m_results->count() == 0)
            return search(); // Enter before the results came: search now
        open();
    });
    connect(m_results, &QListWidget::itemActivated, this, &KbSearchBox::open);
    connect(&assist, &AssistClient::knowledgeFound, this, &KbSearchBox::showResults);
    connect(&assist, &AssistClient::articleReceived, this,
            [this](const QString &id, const KbArticle &article) {
                if (id != m_articleId)
                    return;
                m_articleId.clear();
                m_status->hide();
                m_results->hide(); // out of the way; typing in the field brings them back
                emit articleChosen(article);
            });
    connect(&assist, &AssistClient::requestFailed, this,
            [this](const QString &id, const Error &error) {
                if (id != m_searchId && id != m_articleId)
                    return;
                m_status->setText(tr("The knowledge base did not answer: %1").arg(error.message));
                m_status->show();
            });
    m_query->installEventFilter(this);
    m_results->installEventFilter(this);
    retranslate();
}

void KbSearchBox::activate()
{
    m_query->setFocus();
    m_query->selectAll();
}

void KbSearchBox::search()
{
    m_debounce.stop();
    const QString query = m_query->text().trimmed();
    if (query.isEmpty()) {
        m_searchId.clear();
        m_results->clear();
        m_results->hide();
        m_status->hide();
        return;
    }
    m_searchId = m_assist.searchKnowledge(query, 8);
}

void KbSearchBox::showResults(const QString &id, const QJsonArray &results)
{
    if (id != m_searchId)
        return; // an older search answering late
    m_results->clear();
    for (const QJsonValue &v : results) {
        const QJsonObject r = v.toObject();
        const QString title = titleIn(r.value(QStringLiteral("titles")).toObject(), m_language);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 · %2").arg(title, r.value(QStringLiteral("intent")).toString()),
            m_results);
        item->setData(kArticleIdRole, r.value(QStringLiteral("articleId")).toString());
    }
    m_results->setVisible(!results.isEmpty());
    m_status->setVisible(results.isEmpty());
    m_status->setText(tr("Nothing found."));
    if (!results.isEmpty())
        m_results->setCurrentRow(0);
}

void KbSearchBox::open()
{
    QListWidgetItem *item = m_results->currentItem();
    if (!item)
        return;
    m_articleId = m_assist.fetchArticle(item->data(kArticleIdRole).toString());
}

bool KbSearchBox::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() == Qt::Key_Escape && m_return) {
        m_return->setFocus();
        return true;
    }
    // Up/Down move through the results while the cursor stays in the search field.
    if (watched == m_query && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) &&
        m_results->count() > 0) {
        const int step = key->key() == Qt::Key_Down ? 1 : -1;
        m_results->setCurrentRow(
            std::clamp(m_results->currentRow() + step, 0, m_results->count() - 1));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void KbSearchBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KbSearchBox::retranslate()
{
    m_query->setPlaceholderText(tr("Search the knowledge base (Ctrl+F)"));
    m_query->setAccessibleName(tr("Search the knowledge base"));
    m_results->setAccessibleName(tr("Knowledge-base articles"));
}

} // namespace tandem
