#include "desktop.h"

#include "client.h"
#include "embeddedhub.h"
#include "keychain.h"
#include "language.h"
#include "mainwindow.h"
#include "messagebox.h"
#include "settings.h"
#include "signindialog.h"

#include <QApplication>
namespace tandem {

Desktop::Desktop(QObject *parent)
    : QObject(parent)
{}

Desktop::~Desktop()
{
    teardown();
}

void Desktop::start()
{
    if (Settings::hubAddress().isValid() && !Settings::hubAddress().isEmpty())
        showSignIn();
    else
        startEmbedded();
}

void Desktop::teardown()
{
    if (m_window)
        m_window->close();
    m_window.reset();
    m_client.reset();
    m_embedded.reset();
}

void Desktop::startEmbedded()
{
    teardown();
    auto embedded = EmbeddedHub::start();
    if (!embedded.ok()) {
        MessageBox::warning(
            nullptr, tr("Tandem"),
            tr("Could not start Tandem on this computer: %1").arg(embedded.error().message));
        QApplication::exit(1);
        return;
    }
    m_embedded = std::move(embedded.value());
    Settings::setHubAddress({});
    auto client =
        Client::create(Client::defaultOutboxPath(m_embedded->username(), m_embedded->baseUrl()));
    if (!client.ok()) {
        MessageBox::warning(nullptr, tr("Tandem"), client.error().message);
        QApplication::exit(1);
        return;
    }
    m_client = std::move(client.value());
    m_client->resume(m_embedded->baseUrl(), m_embedded->token());
    openWindow(m_embedded->baseUrl(), m_embedded->chatUrl());
}

void Desktop::showSignIn(const QString &error)
{
    teardown();
    auto *dialog = new SignInDialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setError(error);
    if (error.isEmpty() && Settings::rememberPassword() && !Settings::username().isEmpty())
        Keychain::readPassword(
            Keychain::account(Settings::username(), Settings::hubAddress().toString()), dialog,
            [dialog](const QString &password, const QString &) {
                if (!password.isEmpty())
                    dialog->setPassword(password);
            });
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == SignInDialog::ThisComputer)
            startEmbedded();
        else if (result == QDialog::Accepted)
            signInToTeam(dialog->hubAddress(), dialog->username(), dialog->password(),
                         dialog->rememberPassword());
        else if (!m_window)
            QApplication::quit();
    });
    dialog->show();
}

void Desktop::signInToTeam(const QUrl &hub, const QString &username, const QString &password,
                           bool remember)
{
    teardown();
    auto client = Client::create(Client::defaultOutboxPath(username, hub));
    if (!client.ok())
        return showSignIn(client.error().message);
    m_client = std::move(client.value());
    connect(&m_client->connection(), &HubConnection::signedIn, this, [=, this] {
        Settings::setHubAddress(hub);
        Settings::setUsername(username);
        Settings::setRememberPassword(remember);
        const QString account = Keychain::account(username, hub.toString());
        if (remember)
            Keychain::writePassword(account, password);
        else
            Keychain::deletePassword(account);
        if (!m_window)
            openWindow(hub, {});
    });
    connect(&m_client->connection(), &HubConnection::signInFailed, this,
            [this](const Error &error) {
                // Deferred: the client that reports this is destroyed by showSignIn().
                QMetaObject::invokeMethod(
                    this, [this, error] { showSignIn(error.message); }, Qt::QueuedConnection);
            });
    m_client->signIn(hub, username, password);
}

void Desktop::openWindow(const QUrl &hub, const QUrl &chatUrl)
{
    m_window = std::make_unique<MainWindow>(*m_client, hub, chatUrl);
    connect(m_window.get(), &MainWindow::signOutRequested, this, [this] {
        if (m_client)
            m_client->signOut();
        QMetaObject::invokeMethod(
            this, [this] { showSignIn(); }, Qt::QueuedConnection);
    });
    connect(m_window.get(), &MainWindow::connectToTeamHubRequested, this, [this] {
        QMetaObject::invokeMethod(
            this, [this] { showSignIn(); }, Qt::QueuedConnection);
    });
    connect(m_window.get(), &MainWindow::languageChosen, this, &Desktop::changeLanguage);
    m_window->show(); // the embedded hub has logged "Customer chat: …" already
    emit ready();
}

void Desktop::changeLanguage(const QString &setting)
{
    Settings::setLanguage(setting);
    Language::apply(setting);
}

} // namespace tandem
