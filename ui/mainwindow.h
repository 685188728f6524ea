#pragma once

#include "domain.h"

#include <QMainWindow>
#include <QUrl>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;

namespace tandem {

class Client;
class ConnectionIndicator;
class ConversationPanel;
class Notifier;
class CannedDialog;
class QueuePanel;
class SimulateDialog;
class SuggestionPanel;

/// The agent's workplace: the live queue beside the open conversation, every action on the
/// keyboard, the connection state always visible.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `chatUrl` is set when working on this computer (the embedded hub): the customer page.
    MainWindow(Client &client, const QUrl &hubUrl, const QUrl &chatUrl = {},
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QueuePanel *queuePanel() const { return m_queue; }
    ConversationPanel *conversationPanel() const { return m_conversation; }
    SuggestionPanel *suggestionPanel() const { return m_assist; }
    ConnectionIndicator *connectionIndicator() const { return m_indicator; }
    SimulateDialog *simulateDialog() const { return m_simulate; }

    void openConversation(qint64 id);
    void claimCurrent();
    void claimNext();
    void releaseCurrent();
    void transferCurrent();
    void closeCurrent();
    /// Tags the customer's mood: the selected customer message, else the whole conversation.
    void tagSentiment(Mood mood);
    void showCannedResponses();
    CannedDialog *cannedDialog() const { return m_cannedDialog; }

signals:
    void signOutRequested();
    void connectToTeamHubRequested();
    void languageChosen(const QString &setting);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslate();
    void updateActions();
    void updateWaitingCount();
    void notifyWaiting(qint64 id);
    void cycleFocus();
    void showSimulate();
    void showShortcuts();
    static QString moodLabel(Mood mood);

    Client &m_client;
    QUrl m_hubUrl;
    QUrl m_chatUrl;
    QueuePanel *m_queue;
    ConversationPanel *m_conversation;
    SuggestionPanel *m_assist = nullptr;
    QSplitter *m_splitter;
    ConnectionIndicator *m_indicator;
    QLabel *m_waiting;
    QLabel *m_chatLabel = nullptr;
    QPushButton *m_openChat = nullptr;
    Notifier *m_notifier = nullptr;
    SimulateDialog *m_simulate = nullptr;
    CannedDialog *m_cannedDialog = nullptr;

    QMenu *m_fileMenu = nullptr, *m_conversationMenu = nullptr, *m_toolsMenu = nullptr,
          *m_viewMenu = nullptr, *m_languageMenu = nullptr, *m_helpMenu = nullptr;
    QAction *m_claim = nullptr, *m_next = nullptr, *m_release = nullptr, *m_transfer = nullptr,
            *m_close = nullptr, *m_focus = nullptr, *m_simulateAction = nullptr,
            *m_openChatAction = nullptr, *m_signOut = nullptr, *m_teamHub = nullptr,
            *m_quit = nullptr, *m_notify = nullptr, *m_shortcuts = nullptr, *m_about = nullptr,
            *m_tagNegative = nullptr, *m_tagNeutral = nullptr, *m_tagPositive = nullptr,
            *m_cannedAction = nullptr;
    QActionGroup *m_languages = nullptr;
};

} // namespace tandem
