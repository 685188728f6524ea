#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tandem {

/// Sign in to a team hub (address, user, password — the password only ever goes to the system
/// keyring), or choose to work on this computer with the embedded hub.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice
    {
        TeamHub = QDialog::Accepted,
        ThisComputer = 2
    };

    explicit SignInDialog(QWidget *parent = nullptr);

    QUrl hubAddress() const;
    QString username() const;
    QString password() const;
    bool rememberPassword() const;
    void setError(const QString &error);
    void setPassword(const QString &password);

private:
    void validate();
    QLineEdit *m_address;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_error;
    QPushButton *m_signIn;
};

} // namespace tandem
