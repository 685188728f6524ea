#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace tandem {

class HubConnection;

/// Picks a colleague to hand a conversation to, with a note for them (never shown to the
/// customer). The list comes from the hub: who is online and how busy they are.
class TransferDialog : public QDialog
{
    Q_OBJECT
public:
    TransferDialog(HubConnection &connection, QWidget *parent = nullptr);
    QString username() const;
    QString note() const;

private:
    void load();
    HubConnection &m_connection;
    QListWidget *m_people;
    QLineEdit *m_note;
    QLabel *m_status;
    QString m_request;
};

} // namespace tandem
