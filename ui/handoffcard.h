#pragma once

#include "assistdata.h"

#include <QFrame>

class QLabel;

namespace tandem {

/// Why the bot handed the conversation to people, at a glance: the reason in words, the
/// question in one line, the intent and confidence, what the bot already answered, the
/// articles it used and the mood.
class HandoffCard : public QFrame
{
    Q_OBJECT
public:
    explicit HandoffCard(QWidget *parent = nullptr);

    /// Shows the card, or hides it when `handoff` is empty.
    void setHandoff(const AssistHandoff &handoff);
    /// The card's text, one fact per line (what tests and screen readers read).
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    AssistHandoff m_handoff;
    QLabel *m_reason;
    QLabel *m_question;
    QLabel *m_details;
};

} // namespace tandem
