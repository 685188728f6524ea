#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace tandem {

class CannedCompleter;
class Client;
class Composer;
class TranscriptModel;
class VariablePrompt;
struct CannedResponse;

/// The open conversation: who and in what state, its transcript, and the reply composer (with
/// the draft kept in the outbox, so a crash loses nothing typed).
class ConversationPanel : public QWidget
{
    Q_OBJECT
public:
    ConversationPanel(Client &client, QWidget *parent = nullptr);

    qint64 conversation() const { return m_conversation; }
    void setConversation(qint64 id);
    Composer *composer() const { return m_composer; }
    QListView *transcriptView() const { return m_view; }
    /// Sends what is in the composer (if the conversation is ours).
    void send();
    /// Puts the cursor in the composer as soon as the conversation is ours (a claim is on its way).
    void focusComposerWhenReady();
    /// The customer message selected in the transcript (what a sentiment key tags), or 0.
    qint64 selectedCustomerMessage() const;
    void clearMessageSelection();
    CannedCompleter *cannedCompleter() const { return m_canned; }
    VariablePrompt *variablePrompt() const { return m_prompt; }
    /// Inserts a canned response at the cursor, its known variables filled and the agent asked
    /// for the others first.
    void insertCanned(const CannedResponse &response);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshHeader();
    void refreshTag();
    void saveDraft();
    void retranslate();

    Client &m_client;
    qint64 m_conversation = 0;
    TranscriptModel *m_model;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_tag;
    QListView *m_view;
    Composer *m_composer;
    QPushButton *m_send;
    QLabel *m_hint;
    CannedCompleter *m_canned;
    VariablePrompt *m_prompt;
    QString m_pendingText; // a canned response waiting for its variables
    QTimer m_draftTimer;
    bool m_focusWhenMine = false;
};

} // namespace tandem
