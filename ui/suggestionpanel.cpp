#include "suggestionpanel.h"

#include "durationformat.h"

#include "assisttext.h"
#include "client.h"
#include "handoffcard.h"
#include "kbsearchbox.h"
#include "reasonpicker.h"
#include "suggestioncard.h"
#include "suggestionlistmodel.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int kRoutingShown = 6;

QString answerIn(const KbArticle &article, const QString &language)
{
    for (const QString &l :
         {language, QStringLiteral("zh-CN"), QStringLiteral("en"), QStringLiteral("zh-TW")}) {
        if (const auto it = article.content.constFind(l);
            it != article.content.cend() && !it->answer.isEmpty())
            return it->answer;
    }
    return {};
}
} // namespace

SuggestionPanel::SuggestionPanel(Client &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new SuggestionListModel(this))
    , m_picker(new ReasonPicker(this))
    , m_handoff(new HandoffCard(this))
    , m_heading(new QLabel(this))
    , m_keysHint(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_routingHeading(new QLabel(this))
    , m_routing(new QLabel(this))
    , m_message(new QLabel(this))
    , m_search(new KbSearchBox(client.assist(), this))
    , m_scroll(new QScrollArea(this))
{
    setObjectName(QStringLiteral("SuggestionPanel"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_picker);

    auto *content = new QWidget(m_scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_handoff);
    QFont bold = m_heading->font();
    bold.setBold(true);
    for (QLabel *heading : {m_heading, m_routingHeading})
        heading->setFont(bold);
    auto *heading = new QHBoxLayout;
    heading->addWidget(m_heading, 1);
    heading->addWidget(m_keysHint);
    layout->addLayout(heading);
    for (QLabel *label : {m_keysHint, m_empty, m_routing, m_message}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    m_keysHint->setWordWrap(false);
    QPalette quiet = m_keysHint->palette();
    quiet.setColor(QPalette::WindowText, quiet.color(QPalette::Disabled, QPalette::WindowText));
    m_keysHint->setPalette(quiet);
    m_empty->setPalette(quiet);
    layout->addWidget(m_empty);
    for (int i = 0; i < 3; ++i) {
        auto *card = new SuggestionCard(content);
        card->setObjectName(QStringLiteral("Suggestion%1").arg(i + 1));
        m_cards.append(card);
        layout->addWidget(card);
    }
    layout->addSpacing(6);
    layout->addWidget(m_routingHeading);
    m_routing->setObjectName(QStringLiteral("Routing"));
    layout->addWidget(m_routing);
    layout->addStretch(1);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(m_scroll, 1);
    m_message->hide();
    outer->addWidget(m_message);
    outer->addWidget(m_search);

    auto make = [this](const QKeySequence &keys, auto slot) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    for (int rank = 1; rank <= 3; ++rank) {
        const auto digit = Qt::Key(Qt::Key_0 + rank);
        m_send.append(make(QKeySequence(Qt::ALT | digit), [this, rank] { sendSuggestion(rank); }));
        m_edit.append(
            make(QKeySequence(Qt::CTRL | Qt::ALT | digit), [this, rank] { editSuggestion(rank); }));
    }
    m_handBack = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), [this] { handBack(); });
    m_searchAction = make(QKeySequence(Qt::CTRL | Qt::Key_F), [this] { m_search->activate(); });

    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        for (int i = 0; i < m_cards.size(); ++i)
            m_cards.at(i)->setIndex(m_model->index(i, 0));
    });
    AssistClient &assist = client.assist();
    connect(&assist, &AssistClient::assistChanged, this, [this](qint64 id) {
        if (id == m_conversation)
            refresh();
    });
    connect(&assist, &AssistClient::reasonWanted, this,
            [this](const QString &clientId, qint64, const QString &action) {
                m_picker->ask(clientId, action);
            });
    connect(m_picker, &ReasonPicker::chosen, &assist, &AssistClient::giveReason);
    connect(m_search, &KbSearchBox::articleChosen, this, &SuggestionPanel::loadArticle);
    connect(&client.queue(), &QueueState::conversationChanged, this, [this](qint64 id) {
        if (id == m_conversation)
            refreshActions();
    });
    connect(&client.connection(), &HubConnection::stateChanged, this,
            &SuggestionPanel::refreshActions);
    retranslate();
    setConversation(0);
}

void SuggestionPanel::setComposer(QPlainTextEdit *composer)
{
    m_composer = composer;
    m_picker->setTypingTarget(composer);
    m_search->setReturnTarget(composer);
    // A hint about blanks to fill belongs to the draft: once it is sent (or cleared), it goes.
    connect(composer, &QPlainTextEdit::textChanged, this, [this] {
        if (m_composer && m_composer->document()->isEmpty())
            m_message->hide();
    });
}

QList<QAction *> SuggestionPanel::keyActions() const
{
    return m_send + m_edit + QList<QAction *>{m_handBack, m_searchAction};
}

void SuggestionPanel::setConversation(qint64 id)
{
    m_conversation = id;
    m_message->hide();
    refresh();
}

void SuggestionPanel::refresh()
{
    const AssistInfo info = m_client.assist().info(m_conversation);
    m_model->setSuggestions(info.suggestions);
    m_handoff->setHandoff(info.handoff);
    m_empty->setVisible(m_model->rowCount() == 0);
    m_empty->setText(m_conversation ? tr("No suggestions for the latest message.")
                                    : tr("Open a conversation to see the bot's suggestions."));
    if (m_model->rowCount() > 0)
        m_client.assist().markShown(m_conversation);
    QStringList lines;
    const qsizetype first = std::max<qsizetype>(0, info.routing.size() - kRoutingShown);
    for (qsizetype i = first; i < info.routing.size(); ++i) {
        const AssistRouting &d = info.routing.at(i);
        const QString time = DurationFormat::clock(QDateTime::fromMSecsSinceEpoch(d.atMs));
        const QString why = assisttext::routingReason(d.reason);
        QString line = d.decision == QLatin1String("bot") ? tr("%1  Bot: %2").arg(time, why)
                                                          : tr("%1  To people: %2").arg(time, why);
        if (!d.intent.isEmpty())
            line += QStringLiteral(" (%1 %2)").arg(d.intent, assisttext::percent(d.confidence));
        lines << line;
    }
    m_routingHeading->setVisible(!lines.isEmpty());
    m_routing->setVisible(!lines.isEmpty());
    m_routing->setText(lines.join(QLatin1Char('\n')));
    m_search->setLanguage(info.suggestions.language.isEmpty()
                              ? m_client.queue().conversation(m_conversation).locale
                              : info.suggestions.language);
    refreshActions();
}

void SuggestionPanel::refreshActions()
{
    const ConversationActions can = m_client.actionsFor(m_conversation);
    for (int i = 0; i < 3; ++i) {
        const bool has = i < m_model->rowCount();
        m_send.at(i)->setEnabled(can.reply && has);
        m_edit.at(i)->setEnabled(can.reply && has);
    }
    m_handBack->setEnabled(can.handBack);
}

void SuggestionPanel::sendSuggestion(int rank)
{
    if (!m_client.actionsFor(m_conversation).reply)
        return showMessage(tr("Claim the conversation first (Ctrl+Shift+K)."));
    // An answer with a blank the hub could not fill ({{order.id}}) never goes out as is: it is
    // loaded for editing, with a hint.
    if (const auto s = m_model->suggestions().byRank(rank);
        s && !canned::variablesIn(canned::fill(s->answer, m_client.knownVariables(m_conversation)))
                  .isEmpty())
        return editSuggestion(rank);
    auto sent = m_client.sendSuggestion(m_conversation, rank);
    if (!sent.ok())
        return showMessage(sent.error().message);
    showMessage(tr("Sent suggestion %1.").arg(rank));
}

void SuggestionPanel::editSuggestion(int rank)
{
    const auto suggestion = m_model->suggestions().byRank(rank);
    if (!suggestion)
        return;
    // Fill what the desktop knows (the agent's name); the rest is left for the agent.
    loadIntoComposer(canned::fill(suggestion->answer, m_client.knownVariables(m_conversation)),
                     rank);
}

void SuggestionPanel::loadArticle(const KbArticle &article)
{
    // The bot's own suggestion of that article has its variables filled in already.
    for (const AssistSuggestion &s : m_model->suggestions().items) {
        if (s.articleId == article.id)
            return editSuggestion(s.rank);
    }
    const QString language = m_model->suggestions().language.isEmpty()
                                 ? m_client.queue().conversation(m_conversation).locale
                                 : m_model->suggestions().language;
    loadIntoComposer(
        canned::fill(answerIn(article, language), m_client.knownVariables(m_conversation)), 0);
}

void SuggestionPanel::loadIntoComposer(const QString &text, int rank)
{
    if (!m_composer || !m_client.actionsFor(m_conversation).reply)
        return showMessage(tr("Claim the conversation first (Ctrl+Shift+K)."));
    m_client.assist().markShown(m_conversation);
    m_composer->setPlainText(text);
    m_composer->moveCursor(QTextCursor::End);
    m_composer->setFocus();
    m_client.assist().markEditing(m_conversation, rank);
    QStringList blanks = canned::variablesIn(text);
    for (QString &b : blanks)
        b = QStringLiteral("{{%1}}").arg(b);
    if (blanks.isEmpty())
        m_message->hide();
    else
        showMessage(
            tr("Fill in %1 first, then press Enter.").arg(blanks.join(QStringLiteral(", "))));
}

void SuggestionPanel::handBack()
{
    if (!m_client.actionsFor(m_conversation).handBack)
        return;
    m_client.handBack(m_conversation);
    showMessage(tr("Handed back to the bot. Claim it (Ctrl+Shift+K) to take it over again."));
}

void SuggestionPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
}

void SuggestionPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SuggestionPanel::retranslate()
{
    m_heading->setText(tr("Suggestions"));
    m_keysHint->setText(tr("Alt+1–3 send · Ctrl+Alt+1–3 edit"));
    m_routingHeading->setText(tr("Routing"));
    for (int i = 0; i < 3; ++i) {
        m_send.at(i)->setText(tr("Send suggestion %1").arg(i + 1));
        m_edit.at(i)->setText(tr("Edit suggestion %1").arg(i + 1));
    }
    m_handBack->setText(tr("Hand &back to the bot"));
    m_searchAction->setText(tr("Search the &knowledge base"));
    setAccessibleName(tr("Suggestions"));
    refresh();
}

} // namespace tandem
