#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace tandem {

class Client;
class Composer;
class TranscriptModel;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshHeader();
    void saveDraft();
    void retranslate();

    Client &m_client;
    qint64 m_conversation = 0;
    TranscriptModel *m_model;
    QLabel *m_title;
    QLabel *m_subtitle;
    QListView *m_view;
    Composer *m_composer;
    QPushButton *m_send;
    QLabel *m_hint;
    QTimer m_draftTimer;
    bool m_focusWhenMine = false;
};

} // namespace tandem
