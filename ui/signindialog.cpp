#include "signindialog.h"

#include "settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember the password in the system keyring"), this))
    , m_error(new QLabel(this))
    , m_signIn(new QPushButton(tr("&Sign in"), this))
{
    setWindowTitle(tr("Sign in to Tandem"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_address->setPlaceholderText(tr("e.g. https://help.example.com or 192.168.1.20:8080"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Hub address:"), m_address);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#b91c1c"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    auto *local = buttons->addButton(tr("Work on this &computer"), QDialogButtonBox::ActionRole);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_signIn->setDefault(true);
    layout->addWidget(buttons);

    m_address->setAccessibleName(tr("Hub address"));
    m_username->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));
    local->setToolTip(
        tr("Run a hub on this computer with a demo knowledge base; no account needed."));

    const QUrl saved = Settings::hubAddress();
    m_address->setText(saved.isValid() ? saved.toString() : QString());
    m_username->setText(Settings::username());
    m_remember->setChecked(Settings::rememberPassword());
    connect(m_address, &QLineEdit::textChanged, this, &SignInDialog::validate);
    connect(m_username, &QLineEdit::textChanged, this, &SignInDialog::validate);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(local, &QPushButton::clicked, this, [this] { done(ThisComputer); });
    (m_address->text().isEmpty()    ? m_address
     : m_username->text().isEmpty() ? m_username
                                    : m_password)
        ->setFocus();
    validate();
}

QUrl SignInDialog::hubAddress() const
{
    QString text = m_address->text().trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("http://"));
    return QUrl::fromUserInput(text);
}

QString SignInDialog::username() const
{
    return m_username->text().trimmed();
}
QString SignInDialog::password() const
{
    return m_password->text();
}
bool SignInDialog::rememberPassword() const
{
    return m_remember->isChecked();
}
void SignInDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void SignInDialog::setError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void SignInDialog::validate()
{
    const QUrl url = hubAddress();
    m_signIn->setEnabled(url.isValid() && !url.host().isEmpty() && !username().isEmpty() &&
                         !password().isEmpty());
}

} // namespace tandem
