#pragma once

#include "hubconnection.h"

#include <QWidget>

class QLabel;

namespace tandem {

/// The connection's state at a glance: a coloured dot and a word, in the status bar.
class ConnectionIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionIndicator(QWidget *parent = nullptr);
    void setState(HubConnection::State state);
    HubConnection::State state() const { return m_state; }
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    HubConnection::State m_state = HubConnection::State::SignedOut;
    QLabel *m_dot;
    QLabel *m_label;
};

} // namespace tandem
