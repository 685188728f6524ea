#include "conversationpanel.h"

#include "cannedcompleter.h"
#include "client.h"
#include "composer.h"
#include "messagedelegate.h"
#include "roles.h"
#include "transcriptmodel.h"
#include "variableprompt.h"

#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace tandem {

namespace {
QString stateText(ConversationState s)
{
    switch (s) {
    case ConversationState::Bot:
        return ConversationPanel::tr("With the bot");
    case ConversationState::Waiting:
        return ConversationPanel::tr("Waiting for an agent");
    case ConversationState::Assigned:
        return ConversationPanel::tr("Assigned");
    case ConversationState::Closed:
        return ConversationPanel::tr("Closed");
    }
    return {};
}

QString moodText(Mood mood)
{
    switch (mood) {
    case Mood::Negative:
        return ConversationPanel::tr("negative");
    case Mood::Positive:
        return ConversationPanel::tr("positive");
    case Mood::Neutral:
        break;
    }
    return ConversationPanel::tr("neutral");
}
} // namespace

ConversationPanel::ConversationPanel(Client &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new TranscriptModel(client.transcripts(), this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_tag(new QLabel(this))
    , m_view(new QListView(this))
    , m_composer(new Composer(this))
    , m_send(new QPushButton(this))
    , m_hint(new QLabel(this))
    , m_canned(new CannedCompleter(m_composer, client.cannedResponses(), this))
    , m_prompt(new VariablePrompt(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_title->setTextFormat(Qt::PlainText);
    layout->addWidget(m_title);
    m_tag->setObjectName(QStringLiteral("SentimentTag"));
    m_tag->setTextFormat(Qt::PlainText);
    auto *subtitle = new QHBoxLayout;
    subtitle->addWidget(m_subtitle, 1);
    subtitle->addWidget(m_tag);
    layout->addLayout(subtitle);
    layout->addWidget(m_view, 1);

    m_view->setModel(m_model);
    m_view->setItemDelegate(new MessageDelegate(m_view));
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // One message may be selected: the sentiment keys then tag that customer message.
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setResizeMode(QListView::Adjust);

    layout->addWidget(m_prompt);
    auto *compose = new QHBoxLayout;
    m_composer->setMaximumHeight(m_composer->fontMetrics().height() * 6);
    compose->addWidget(m_composer, 1);
    compose->addWidget(m_send, 0, Qt::AlignBottom);
    layout->addLayout(compose);
    m_hint->setWordWrap(true); // a narrow panel wraps the keys, it does not widen
    layout->addWidget(m_hint);

    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(400);
    connect(&m_draftTimer, &QTimer::timeout, this, &ConversationPanel::saveDraft);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] { m_draftTimer.start(); });
    connect(m_composer, &Composer::submitted, this, &ConversationPanel::send);
    connect(m_send, &QPushButton::clicked, this, &ConversationPanel::send);
    // Follow the newest message while the agent is at the bottom.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int, int last) {
                if (last == m_model->rowCount() - 1)
                    m_view->scrollToBottom();
            });
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QListView::scrollToBottom);
    // A chat view sees its last row almost always, so the view's own fetchMore() would page
    // through the whole history; older pages load only when the agent scrolls to the top.
    m_model->setFetchMoreEnabled(false);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value != m_view->verticalScrollBar()->minimum() || !m_conversation)
            return;
        m_model->setFetchMoreEnabled(true);
        if (m_model->canFetchMore({}))
            m_model->fetchMore({});
        m_model->setFetchMoreEnabled(false);
    });
    connect(&client.queue(), &QueueState::conversationChanged, this, [this](qint64 id) {
        if (id == m_conversation)
            refreshHeader();
    });
    connect(&client.connection(), &HubConnection::stateChanged, this,
            &ConversationPanel::refreshHeader);
    connect(&client.sentimentTags(), &SentimentTags::changed, this, [this](qint64 id) {
        if (id == m_conversation)
            refreshTag();
    });
    client.cannedResponses().setEnabled(true); // `/` in the composer offers them
    connect(m_canned, &CannedCompleter::chosen, this, &ConversationPanel::insertCanned);
    connect(m_prompt, &VariablePrompt::filled, this, [this](const QMap<QString, QString> &values) {
        m_composer->insertPlainText(canned::fill(m_pendingText, values));
        m_pendingText.clear();
        m_composer->setFocus();
    });
    connect(m_prompt, &VariablePrompt::cancelled, this, [this] {
        m_pendingText.clear();
        m_composer->setFocus();
    });
    retranslate();
    setConversation(0);
}

void ConversationPanel::setConversation(qint64 id)
{
    m_focusWhenMine = false;
    if (m_draftTimer.isActive())
        saveDraft();
    m_conversation = id;
    m_model->setConversation(id);
    m_canned->setLanguage(m_client.queue().conversation(id).locale);
    m_prompt->hide();
    m_pendingText.clear();
    {
        const QSignalBlocker block(m_composer);
        m_composer->setPlainText(id ? m_client.outbox().draft(id) : QString());
        m_composer->moveCursor(QTextCursor::End);
    }
    refreshHeader();
}

void ConversationPanel::send()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (!m_conversation || text.isEmpty() || !m_composer->isEnabled())
        return;
    auto queued = m_client.sendReply(m_conversation, text);
    if (!queued.ok()) {
        m_hint->setText(tr("Could not queue the reply: %1").arg(queued.error().message));
        return;
    }
    m_draftTimer.stop();
    const QSignalBlocker block(m_composer);
    m_composer->clear();
}

void ConversationPanel::focusComposerWhenReady()
{
    m_focusWhenMine = true;
    refreshHeader();
}

qint64 ConversationPanel::selectedCustomerMessage() const
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return 0;
    const QModelIndex index = selected.first();
    if (index.data(roles::SenderKindRole).toString() != senderKindName(SenderKind::Customer))
        return 0;
    return index.data(roles::MessageIdRole).toLongLong();
}

void ConversationPanel::clearMessageSelection()
{
    m_view->selectionModel()->clearSelection();
}

void ConversationPanel::insertCanned(const CannedResponse &response)
{
    const QString text = canned::fill(response.text, m_client.knownVariables(m_conversation));
    const QStringList missing = canned::variablesIn(text);
    if (missing.isEmpty()) {
        m_composer->insertPlainText(text);
        return;
    }
    m_pendingText = text;
    m_prompt->ask(response.title, missing);
}

void ConversationPanel::refreshTag()
{
    const auto tag = m_client.sentimentTags().forConversation(m_conversation);
    if (!tag) {
        m_tag->clear();
        m_tag->setToolTip(QString());
        return;
    }
    m_tag->setText(tag->modelLabel ? tr("Mood tag: %1 · model: %2")
                                         .arg(moodText(tag->agentLabel), moodText(*tag->modelLabel))
                                   : tr("Mood tag: %1").arg(moodText(tag->agentLabel)));
    m_tag->setToolTip(tag->modelLabel
                          ? tr("Tagged by %1; the model read it as %2 (%3).")
                                .arg(tag->username, moodText(*tag->modelLabel))
                                .arg(QLocale().toString(tag->modelScore.value_or(0), 'f', 2))
                          : tr("Tagged by %1.").arg(tag->username));
}

void ConversationPanel::saveDraft()
{
    m_draftTimer.stop();
    if (m_conversation)
        m_client.outbox().setDraft(m_conversation, m_composer->toPlainText());
}

void ConversationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConversationPanel::retranslate()
{
    m_send->setText(tr("Send"));
    m_send->setAccessibleName(tr("Send reply"));
    m_composer->setAccessibleName(tr("Reply"));
    m_view->setAccessibleName(tr("Transcript"));
    refreshHeader();
    refreshTag();
}

void ConversationPanel::refreshHeader()
{
    const Conversation c = m_client.queue().conversation(m_conversation);
    const User me = m_client.connection().user();
    const bool canReply = m_client.actionsFor(m_conversation).reply;
    if (!m_conversation) {
        m_title->setText(tr("No conversation open"));
        m_subtitle->setText(
            tr("Pick one from the queue, or press Ctrl+N for the next waiting customer."));
    } else if (!c.id) {
        m_title->setText(tr("Conversation %1").arg(m_conversation));
        m_subtitle->setText(tr("Closed"));
    } else {
        m_title->setText(c.customerName.isEmpty() ? tr("Customer %1").arg(c.id) : c.customerName);
        QString sub = stateText(c.state);
        if (c.state == ConversationState::Assigned)
            sub = tr("Assigned to %1").arg(c.assigneeId == me.id ? tr("you") : c.assigneeName);
        m_subtitle->setText(sub);
    }
    refreshTag();
    m_composer->setEnabled(canReply);
    m_send->setEnabled(canReply);
    if (canReply && m_focusWhenMine) {
        m_focusWhenMine = false;
        m_composer->setFocus();
    }
    if (canReply) {
        m_composer->setPlaceholderText(tr("Write a reply…"));
        m_hint->setText(tr("Enter sends · Shift+Enter adds a line · / inserts a canned response · "
                           "Ctrl+1/2/3 tags the mood"));
    } else if (c.id && c.state != ConversationState::Assigned) {
        m_composer->setPlaceholderText(tr("Claim this conversation to reply (Ctrl+Shift+K)"));
        m_hint->clear();
    } else {
        m_composer->setPlaceholderText(QString());
        m_hint->clear();
    }
}

} // namespace tandem
