#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace tandem {

class Client;

/// Tools → Canned responses: the user's own and the team's shared responses, to add, edit and
/// delete. Shared ones are editable by supervisors and admins only (the hub decides; the dialog
/// only does not offer what it would refuse).
class CannedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CannedDialog(Client &client, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QLineEdit *shortcutEdit() const { return m_shortcut; }
    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QComboBox *languageBox() const { return m_language; }
    QCheckBox *sharedBox() const { return m_shared; }
    QLabel *statusLabel() const { return m_status; }
    void startNew();
    void save();
    void remove();

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showSelected();
    void updateEditable();
    void retranslate();

    Client &m_client;
    QListWidget *m_list;
    QLineEdit *m_shortcut;
    QLineEdit *m_title;
    QComboBox *m_language;
    QPlainTextEdit *m_text;
    QCheckBox *m_shared;
    QLabel *m_variables;
    QLabel *m_status;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_delete;
    QPushButton *m_close;
    QLabel *m_shortcutLabel, *m_titleLabel, *m_languageLabel, *m_textLabel;
    qint64 m_editing = 0; // 0: a new one
    QString m_pending;    // the save/delete command in flight
};

} // namespace tandem
