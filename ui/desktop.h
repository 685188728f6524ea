#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace tandem {

class Client;
class EmbeddedHub;
class MainWindow;

/// The desktop's top level: chooses between the embedded default and a team hub, signs in,
/// opens the main window, and switches when the agent asks to.
class Desktop : public QObject
{
    Q_OBJECT
public:
    explicit Desktop(QObject *parent = nullptr);
    ~Desktop() override;

    /// No hub configured: work on this computer. Otherwise: sign in to the configured hub.
    void start();
    void startEmbedded();
    void showSignIn(const QString &error = {});

    MainWindow *window() const { return m_window.get(); }
    Client *client() const { return m_client.get(); }
    EmbeddedHub *embedded() const { return m_embedded.get(); }

signals:
    /// The window is up and the client is signed in (or, embedded, signing in by itself).
    void ready();

private:
    void signInToTeam(const QUrl &hub, const QString &username, const QString &password,
                      bool remember);
    void openWindow(const QUrl &hub, const QUrl &chatUrl);
    void teardown();
    void changeLanguage(const QString &setting);

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<Client> m_client;
    std::unique_ptr<EmbeddedHub> m_embedded;
};

} // namespace tandem
