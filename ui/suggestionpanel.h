#pragma once

#include "knowledge.h"

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QScrollArea;

namespace tandem {

class Client;
class HandoffCard;
class KbSearchBox;
class ReasonPicker;
class SuggestionCard;
class SuggestionListModel;

/// Beside the transcript: the bot's handoff card, its top three suggestions for the latest
/// customer message (Alt+1–3 sends one, Ctrl+Alt+1–3 loads it to edit), its routing decisions,
/// and a knowledge-base search. After an edited or overridden reply a one-key reason picker
/// appears. Everything shown comes from the queue state, so switching is instant.
class SuggestionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SuggestionPanel(Client &client, QWidget *parent = nullptr);

    void setConversation(qint64 id);
    qint64 conversation() const { return m_conversation; }
    /// The reply box suggestions are loaded into for editing.
    void setComposer(QPlainTextEdit *composer);

    /// The panel's keyboard actions (window-wide shortcuts), for menus and the shortcut help.
    QList<QAction *> keyActions() const;
    QAction *handBackAction() const { return m_handBack; }

    SuggestionListModel &model() const { return *m_model; }
    SuggestionCard *card(int rank) const { return m_cards.value(rank - 1); }
    HandoffCard *handoffCard() const { return m_handoff; }
    ReasonPicker *reasonPicker() const { return m_picker; }
    KbSearchBox *knowledgeSearch() const { return m_search; }
    QLabel *routingLabel() const { return m_routing; }

    /// Sends suggestion `rank` as is.
    void sendSuggestion(int rank);
    /// Loads suggestion `rank` into the reply box for editing.
    void editSuggestion(int rank);
    void handBack();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void refreshActions();
    void loadIntoComposer(const QString &text, int rank);
    void loadArticle(const KbArticle &article);
    void showMessage(const QString &text);
    void retranslate();

    Client &m_client;
    qint64 m_conversation = 0;
    QPlainTextEdit *m_composer = nullptr;
    SuggestionListModel *m_model;
    ReasonPicker *m_picker;
    HandoffCard *m_handoff;
    QLabel *m_heading;
    QLabel *m_keysHint;
    QLabel *m_empty;
    QList<SuggestionCard *> m_cards;
    QLabel *m_routingHeading;
    QLabel *m_routing;
    QLabel *m_message;
    KbSearchBox *m_search;
    QScrollArea *m_scroll;
    QList<QAction *> m_send;
    QList<QAction *> m_edit;
    QAction *m_handBack;
    QAction *m_searchAction;
};

} // namespace tandem
