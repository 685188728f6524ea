#include "mainwindow.h"

#include "canneddialog.h"
#include "client.h"
#include "composer.h"
#include "connectionindicator.h"
#include "conversationpanel.h"
#include "language.h"
#include "messagebox.h"
#include "notifier.h"
#include "queuemodel.h"
#include "queuepanel.h"
#include "settings.h"
#include "simulatedialog.h"
#include "suggestionpanel.h"
#include "transferdialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

namespace tandem {

MainWindow::MainWindow(Client &client, const QUrl &hubUrl, const QUrl &chatUrl, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_hubUrl(hubUrl)
    , m_chatUrl(chatUrl)
    , m_queue(new QueuePanel(client, this))
    , m_conversation(new ConversationPanel(client, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_indicator(new ConnectionIndicator(this))
    , m_waiting(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    QueueOrder order;
    order.targetWaitMs = Settings::queueTargetWaitSeconds() * 1000LL;
    client.queue().setOrder(order);
    m_splitter->setObjectName(QStringLiteral("MainSplitter"));
    m_splitter->addWidget(m_queue);
    m_splitter->addWidget(m_conversation);
    m_assist = new SuggestionPanel(client, this);
    m_assist->setComposer(m_conversation->composer());
    m_splitter->addWidget(m_assist);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    statusBar()->addWidget(m_indicator);
    statusBar()->addWidget(m_waiting);
    if (m_chatUrl.isValid()) {
        m_chatLabel = new QLabel(this);
        m_chatLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_openChat = new QPushButton(this);
        m_openChat->setFlat(true);
        connect(m_openChat, &QPushButton::clicked, this,
                [this] { QDesktopServices::openUrl(m_chatUrl); });
        statusBar()->addPermanentWidget(m_chatLabel);
        statusBar()->addPermanentWidget(m_openChat);
    }
    m_notifier = new Notifier(this);

    createActions();
    createMenus();
    m_conversationMenu->addSeparator();
    m_conversationMenu->addActions(m_assist->keyActions());

    connect(m_queue, &QueuePanel::conversationSelected, this, &MainWindow::openConversation);
    connect(m_queue, &QueuePanel::conversationActivated, this, [this](qint64 id) {
        openConversation(id);
        m_conversation->focusComposerWhenReady();
    });
    connect(&client.connection(), &HubConnection::stateChanged, this,
            [this](HubConnection::State s) {
                m_indicator->setState(s);
                updateActions();
            });
    QueueState &queue = client.queue();
    connect(&queue, &QueueState::conversationAdded, this, [this](qint64 id) {
        updateWaitingCount();
        notifyWaiting(id);
    });
    connect(&queue, &QueueState::conversationChanged, this, [this] {
        updateWaitingCount();
        updateActions();
    });
    connect(&queue, &QueueState::conversationRemoved, this, [this] {
        updateWaitingCount();
        updateActions();
    });
    connect(&queue, &QueueState::reset, this, [this] {
        updateWaitingCount();
        updateActions();
    });
    connect(&client.connection(), &HubConnection::commandFailed, this,
            [this](const QString &, const Error &error) {
                statusBar()->showMessage(tr("The hub refused: %1").arg(error.message), 8000);
            });
    connect(&client.outbox(), &Outbox::replyFailed, this,
            [this](const QString &, qint64 conversation, const Error &error) {
                MessageBox::warning(this, tr("Reply not sent"),
                                    tr("Your reply in conversation %1 was not sent: %2")
                                        .arg(conversation)
                                        .arg(error.message));
            });

    m_indicator->setState(client.connection().state());
    restoreGeometry(Settings::windowGeometry());
    restoreState(Settings::windowState());
    if (!m_splitter->restoreState(Settings::splitterState()))
        m_splitter->setSizes({540, 430, 350});
    m_queue->restoreHeaderState(Settings::queueHeaderState());
    if (Settings::windowGeometry().isEmpty())
        resize(1320, 800);
    retranslate();
    updateWaitingCount();
    updateActions();
    // Keyboard users start in the queue: arrows pick a conversation, Enter opens it.
    m_queue->view()->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](const QKeySequence &keys, auto slot) {
        auto *a = new QAction(this);
        if (!keys.isEmpty())
            a->setShortcut(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_claim = make(QKeySequence(QStringLiteral("Ctrl+Shift+K")), &MainWindow::claimCurrent);
    m_next = make(QKeySequence(QStringLiteral("Ctrl+N")), &MainWindow::claimNext);
    m_release = make(QKeySequence(QStringLiteral("Ctrl+Shift+R")), &MainWindow::releaseCurrent);
    m_transfer = make(QKeySequence(QStringLiteral("Ctrl+Shift+T")), &MainWindow::transferCurrent);
    m_close = make(QKeySequence(QStringLiteral("Ctrl+Shift+W")), &MainWindow::closeCurrent);
    m_focus = make(QKeySequence(Qt::Key_F6), &MainWindow::cycleFocus);
    m_tagNegative =
        make(QKeySequence(QStringLiteral("Ctrl+1")), [this] { tagSentiment(Mood::Negative); });
    m_tagNeutral =
        make(QKeySequence(QStringLiteral("Ctrl+2")), [this] { tagSentiment(Mood::Neutral); });
    m_tagPositive =
        make(QKeySequence(QStringLiteral("Ctrl+3")), [this] { tagSentiment(Mood::Positive); });
    m_cannedAction = make(QKeySequence(), &MainWindow::showCannedResponses);
    m_simulateAction = make(QKeySequence(), &MainWindow::showSimulate);
    m_openChatAction = make(QKeySequence(), [this] { QDesktopServices::openUrl(m_chatUrl); });
    m_openChatAction->setVisible(m_chatUrl.isValid());
    m_signOut = make(QKeySequence(), [this] { emit signOutRequested(); });
    m_signOut->setVisible(!m_chatUrl.isValid());
    m_teamHub = make(QKeySequence(), [this] { emit connectToTeamHubRequested(); });
    m_quit = make(QKeySequence::Quit, [this] { close(); });
    m_notify = make(QKeySequence(), [](bool on) { Settings::setNotifyWaiting(on); });
    m_notify->setCheckable(true);
    m_notify->setChecked(Settings::notifyWaiting());
    m_shortcuts = make(QKeySequence(Qt::Key_F1), &MainWindow::showShortcuts);
    m_about = make(QKeySequence(), [this] {
        MessageBox::information(
            this, tr("About Tandem"),
            tr("Tandem %1 — a bot and human agents answering customers together.")
                .arg(QStringLiteral(TANDEM_VERSION)));
    });
    m_languages = new QActionGroup(this);
    for (const QString &code : QStringList{QStringLiteral("system")} + Language::available()) {
        auto *a = new QAction(m_languages);
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(Settings::language() == code);
        connect(a, &QAction::triggered, this, [this, code] { emit languageChosen(code); });
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_teamHub);
    m_fileMenu->addAction(m_signOut);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_conversationMenu = menuBar()->addMenu(QString());
    for (QAction *a : {m_next, m_claim, m_release, m_transfer, m_close})
        m_conversationMenu->addAction(a);
    m_conversationMenu->addSeparator();
    for (QAction *a : {m_tagNegative, m_tagNeutral, m_tagPositive})
        m_conversationMenu->addAction(a);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_focus);
    m_viewMenu->addAction(m_notify);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languages->actions());
    m_toolsMenu = menuBar()->addMenu(QString());
    m_toolsMenu->addAction(m_cannedAction);
    m_toolsMenu->addAction(m_simulateAction);
    m_toolsMenu->addAction(m_openChatAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcuts);
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate()
{
    // Qt appends the application name ("… — Tandem").
    setWindowTitle(m_chatUrl.isValid() ? tr("On this computer") : m_hubUrl.host());
    m_fileMenu->setTitle(tr("&File"));
    m_conversationMenu->setTitle(tr("&Conversation"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_helpMenu->setTitle(tr("&Help"));
    m_next->setText(tr("&Next waiting customer"));
    m_claim->setText(tr("&Claim"));
    m_release->setText(tr("&Release to the queue"));
    m_transfer->setText(tr("&Transfer…"));
    m_close->setText(tr("Cl&ose conversation"));
    m_focus->setText(tr("&Switch between queue and reply"));
    m_tagNegative->setText(tr("Tag mood ne&gative"));
    m_tagNeutral->setText(tr("Tag mood ne&utral"));
    m_tagPositive->setText(tr("Tag mood &positive"));
    m_cannedAction->setText(tr("Ca&nned responses…"));
    m_notify->setText(tr("&Notify me when a customer is waiting"));
    m_simulateAction->setText(tr("&Simulate customers…"));
    m_openChatAction->setText(tr("Open the &customer chat page"));
    m_signOut->setText(tr("Sign &out"));
    m_teamHub->setText(tr("Connect to a &team hub…"));
    m_quit->setText(tr("&Quit"));
    m_shortcuts->setText(tr("&Keyboard shortcuts"));
    m_about->setText(tr("&About Tandem"));
    for (QAction *a : m_languages->actions()) {
        const QString code = a->data().toString();
        a->setText(code == QLatin1String("system") ? tr("System language")
                                                   : Language::nativeName(code));
    }
    for (QAction *a : {m_next, m_claim, m_release, m_transfer, m_close, m_focus, m_tagNegative,
                       m_tagNeutral, m_tagPositive})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(
            a->text().remove(QLatin1Char('&')), a->shortcut().toString(QKeySequence::NativeText)));
    if (m_chatLabel) {
        m_chatLabel->setText(tr("Customer chat: %1").arg(m_chatUrl.toString()));
        m_openChat->setText(tr("Open in browser"));
        m_openChat->setAccessibleName(tr("Open the customer chat page in the browser"));
    }
    updateWaitingCount();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Settings::saveWindow(saveGeometry(), saveState(), m_splitter->saveState(),
                         m_queue->headerState());
    event->accept();
}

void MainWindow::openConversation(qint64 id)
{
    if (id == m_conversation->conversation())
        return;
    m_conversation->setConversation(id);
    m_assist->setConversation(id);
    m_queue->selectConversation(id);
    updateActions();
}

void MainWindow::claimCurrent()
{
    const qint64 id = m_conversation->conversation() ? m_conversation->conversation()
                                                     : m_queue->currentConversation();
    if (!id)
        return;
    openConversation(id);
    m_client.claim(id);
    m_conversation->focusComposerWhenReady();
}

void MainWindow::claimNext()
{
    const qint64 id = m_client.nextWaiting();
    if (!id) {
        statusBar()->showMessage(tr("Nobody is waiting."), 4000);
        return;
    }
    openConversation(id);
    m_client.claim(id);
    m_conversation->focusComposerWhenReady();
}

void MainWindow::releaseCurrent()
{
    if (const qint64 id = m_conversation->conversation())
        m_client.release(id);
}

void MainWindow::transferCurrent()
{
    const qint64 id = m_conversation->conversation();
    if (!id)
        return;
    TransferDialog dialog(m_client.connection(), this);
    if (dialog.exec() == QDialog::Accepted && !dialog.username().isEmpty())
        m_client.transfer(id, dialog.username(), dialog.note());
}

void MainWindow::closeCurrent()
{
    if (const qint64 id = m_conversation->conversation())
        m_client.close(id);
}

void MainWindow::tagSentiment(Mood mood)
{
    const qint64 id = m_conversation->conversation();
    if (!id || !m_client.actionsFor(id).tagSentiment)
        return;
    const qint64 message = m_conversation->selectedCustomerMessage();
    m_client.sentimentTags().tag(id, mood, message);
    if (message) {
        // The next key tags the conversation again unless another message is picked.
        m_conversation->clearMessageSelection();
        statusBar()->showMessage(tr("Message tagged: %1").arg(moodLabel(mood)), 4000);
    } else {
        statusBar()->showMessage(tr("Conversation tagged: %1").arg(moodLabel(mood)), 4000);
    }
}

QString MainWindow::moodLabel(Mood mood)
{
    switch (mood) {
    case Mood::Negative:
        return tr("negative");
    case Mood::Positive:
        return tr("positive");
    case Mood::Neutral:
        break;
    }
    return tr("neutral");
}

void MainWindow::showCannedResponses()
{
    if (!m_cannedDialog)
        m_cannedDialog = new CannedDialog(m_client, this);
    m_cannedDialog->show();
    m_cannedDialog->raise();
    m_cannedDialog->activateWindow();
}

void MainWindow::cycleFocus()
{
    if (m_queue->view()->hasFocus())
        m_conversation->composer()->setFocus();
    else
        m_queue->view()->setFocus();
}

void MainWindow::updateActions()
{
    const ConversationActions can = m_client.actionsFor(m_conversation->conversation());
    m_claim->setEnabled(can.claim);
    m_next->setEnabled(can.claimNext);
    m_release->setEnabled(can.release);
    m_transfer->setEnabled(can.transfer);
    m_close->setEnabled(can.close);
    for (QAction *a : {m_tagNegative, m_tagNeutral, m_tagPositive})
        a->setEnabled(can.tagSentiment);
}

void MainWindow::updateWaitingCount()
{
    m_waiting->setText(tr("%n waiting", nullptr, m_queue->model().waitingCount()));
}

void MainWindow::notifyWaiting(qint64 id)
{
    const Conversation c = m_client.queue().conversation(id);
    if (c.state != ConversationState::Waiting || !Settings::notifyWaiting() || isActiveWindow())
        return;
    const QString who = c.customerName.isEmpty() ? tr("A customer") : c.customerName;
    m_notifier->notify(tr("%1 is waiting").arg(who), c.lastMessagePreview);
}

void MainWindow::showSimulate()
{
    if (!m_simulate)
        m_simulate = new SimulateDialog(m_hubUrl, this);
    m_simulate->show();
    m_simulate->raise();
    m_simulate->activateWindow();
}

void MainWindow::showShortcuts()
{
    QStringList lines;
    for (QAction *a : {m_next, m_claim, m_release, m_transfer, m_close, m_focus, m_tagNegative,
                       m_tagNeutral, m_tagPositive, m_shortcuts})
        lines << QStringLiteral("%1\t%2").arg(a->shortcut().toString(QKeySequence::NativeText),
                                              a->text().remove(QLatin1Char('&')));
    for (QAction *a : m_assist->keyActions())
        lines << QStringLiteral("%1\t%2").arg(a->shortcut().toString(QKeySequence::NativeText),
                                              a->text().remove(QLatin1Char('&')));
    lines << tr("Enter\tSend the reply") << tr("Shift+Enter\tNew line in the reply")
          << tr("Up/Down\tMove through the queue")
          << tr("1–7 / Esc\tAfter an edited or own reply: why the suggestion was not used / skip")
          << tr("/\tIn the reply: a canned response (Enter or Tab inserts it)")
          << tr("Ctrl+1/2/3\tWith a customer message selected: tag that message");
    MessageBox::information(this, tr("Keyboard shortcuts"), lines.join(QLatin1Char('\n')));
}

} // namespace tandem
