#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace tandem {

/// Asks, after an edited or overridden reply has gone out, why the suggestion was not good
/// enough: one key (1–7) answers, Esc dismisses, any other key goes back to `typingTarget`
/// (the reply box), so the picker never stands in the agent's way.
class ReasonPicker : public QFrame
{
    Q_OBJECT
public:
    explicit ReasonPicker(QWidget *parent = nullptr);

    void setTypingTarget(QWidget *target) { m_target = target; }
    /// Shows the picker for one reply (replacing an unanswered one) and takes the focus.
    void ask(const QString &clientId, const QString &action);
    QString clientId() const { return m_clientId; }

signals:
    void chosen(const QString &clientId, const QString &reason);
    void dismissed(const QString &clientId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void choose(int index);
    void dismiss();
    void retranslate();

    QWidget *m_target = nullptr;
    QString m_clientId;
    QString m_action;
    QLabel *m_title;
    QList<QPushButton *> m_buttons;
    QPushButton *m_skip;
};

} // namespace tandem
