#include "desktop.h"
#include "embeddedhub.h"
#include "hubfixture.h"
#include "mainwindow.h"
#include "settings.h"
#include "signindialog.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>

using namespace tandem;
using namespace tandem::test;

namespace {
SignInDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<SignInDialog *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}

void fill(SignInDialog *dialog, const QString &user, const QString &password)
{
    const auto edits = dialog->findChildren<QLineEdit *>();
    for (QLineEdit *e : edits) {
        if (e->accessibleName() == SignInDialog::tr("User name"))
            e->setText(user);
        else if (e->accessibleName() == SignInDialog::tr("Password"))
            e->setText(password);
    }
}
} // namespace

/// Signing in to a team hub from the dialog, keyboard only; and "work on this computer".
class TestSignIn : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void wrongPasswordThenRight();
    void workOnThisComputer();
};

void TestSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).removeRecursively();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

void TestSignIn::wrongPasswordThenRight()
{
    HubFixture fx;
    QVERIFY(fx.start());
    QVERIFY(fx.hub()
                .store()
                .addUser(QStringLiteral("carol"), QStringLiteral("Carol"), Role::Agent,
                         auth::hashPassword(QStringLiteral("correct horse")), HubFixture::now())
                .ok());
    Settings::setHubAddress(fx.hub().baseUrl());
    Settings::setUsername(QString());

    Desktop desktop;
    desktop.start();
    SignInDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = openDialog()) != nullptr, 20000);
    QCOMPARE(dialog->hubAddress(), fx.hub().baseUrl());
    fill(dialog, QStringLiteral("carol"), QStringLiteral("wrong horse"));
    QTest::keyClick(dialog, Qt::Key_Return);

    // The dialog comes back with the hub's answer.
    SignInDialog *again = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((again = openDialog()) != nullptr && again != dialog, 30000);
    bool shown = false;
    for (QLabel *l : again->findChildren<QLabel *>())
        shown |= l->isVisible() && l->text().contains(QStringLiteral("wrong username or password"));
    QVERIFY(shown);
    QVERIFY(!desktop.window());

    fill(again, QStringLiteral("carol"), QStringLiteral("correct horse"));
    QTest::keyClick(again, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(desktop.window() != nullptr, 30000);
    QCOMPARE(Settings::username(), QStringLiteral("carol"));
    QCOMPARE(Settings::hubAddress(), fx.hub().baseUrl());
    QVERIFY(desktop.window()->windowTitle().contains(QStringLiteral("127.0.0.1")));
}

void TestSignIn::workOnThisComputer()
{
    Settings::setHubAddress(QUrl(QStringLiteral("http://127.0.0.1:9")));
    Desktop desktop;
    desktop.start();
    SignInDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = openDialog()) != nullptr, 20000);
    QPushButton *local = nullptr;
    for (QPushButton *b : dialog->findChildren<QPushButton *>()) {
        if (b->text() == SignInDialog::tr("Work on this &computer"))
            local = b;
    }
    QVERIFY(local);
    local->click();
    QTRY_VERIFY_WITH_TIMEOUT(desktop.window() != nullptr, 30000);
    QVERIFY(desktop.embedded());
    QVERIFY(
        desktop.embedded()->chatUrl().toString().startsWith(QStringLiteral("http://127.0.0.1:")));
    QVERIFY(Settings::hubAddress().isEmpty()); // next start goes straight to this computer
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
