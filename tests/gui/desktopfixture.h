#pragma once

// The desktop signed in to a test hub: the set-up the GUI suites share.

#include "client.h"
#include "hubfixture.h"
#include "mainwindow.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tandem::test {

/// Creates a client for `user` (its outbox in `dir`, one file per test function, reconnecting
/// quickly after a cut), signs it in to the fixture's hub and shows the main window, active.
/// False, with a warning, when any step fails.
inline bool openDesktop(HubFixture &fx, const User &user, const QTemporaryDir &dir,
                        std::unique_ptr<Client> &client, std::unique_ptr<MainWindow> &window)
{
    ConnectionOptions options;
    options.backoffInitialMs = 100;
    options.backoffMaxMs = 500;
    auto created = Client::create(
        dir.filePath(
            QStringLiteral("outbox-%1.db").arg(QString::fromLatin1(QTest::currentTestFunction()))),
        options);
    if (!created.ok()) {
        qWarning() << "client:" << created.error().message;
        return false;
    }
    client = std::move(created.value());
    client->resume(fx.hub().baseUrl(), fx.tokenFor(user));
    window = std::make_unique<MainWindow>(*client, fx.hub().baseUrl());
    window->show();
    QApplication::setActiveWindow(window.get());
    return QTest::qWaitForWindowActive(window.get());
}

} // namespace tandem::test
