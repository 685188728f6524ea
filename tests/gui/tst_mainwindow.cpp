#include "client.h"
#include "composer.h"
#include "connectionindicator.h"
#include "conversationpanel.h"
#include "desktopfixture.h"
#include "hubfixture.h"
#include "language.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queuepanel.h"

#include <QApplication>
#include <QInputMethodEvent>
#include <QListView>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTableView>

using namespace tandem;
using namespace tandem::test;

/// The main window against a real hub, driven from the keyboard only.
class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void showsNewConversationLive();
    void claimAndReplyWithTheKeyboardOnly();
    void indicatorShowsCutAndRecovery();
    void languageSwitchesAtRunTime();

private:
    std::unique_ptr<HubFixture> m_fx;
    QTemporaryDir m_dir;
    User m_me;
    std::unique_ptr<Client> m_client;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(m_fx->start());
    m_me = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    QVERIFY(openDesktop(*m_fx, m_me, m_dir, m_client, m_window));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionIndicator()->state(),
                              HubConnection::State::Connected, 20000);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_fx.reset();
}

void TestMainWindow::showsNewConversationLive()
{
    auto customer =
        m_fx->customer(QStringLiteral("gui-customer-key-0001"), QStringLiteral("陳小姐"));
    QVERIFY(HubFixture::say(*customer, QStringLiteral("我的訂單還沒到")) > 0);
    QueueModel &model = m_window->queuePanel()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 20000);
    QCOMPARE(model.index(0, QueueModel::Customer).data().toString(), QStringLiteral("陳小姐"));
    QVERIFY(model.index(0, QueueModel::Preview).data().toString().contains(QStringLiteral("訂單")));
}

void TestMainWindow::claimAndReplyWithTheKeyboardOnly()
{
    auto customer = m_fx->customer(QStringLiteral("gui-customer-key-0002"), QStringLiteral("Lee"));
    const qint64 id = HubFixture::say(*customer, QStringLiteral("Where is my parcel?"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->queuePanel()->model().rowCount(), 1, 20000);

    // The client offers exactly what the hub allows: claim first, then reply.
    QVERIFY(m_client->actionsFor(id).claim);
    QVERIFY(!m_client->actionsFor(id).reply);
    QVERIFY(!m_client->actionsFor(id).close);

    // Ctrl+N: the next waiting customer is claimed and opened, focus in the reply box.
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_client->queue().conversation(id).assigneeId, m_me.id, 20000);
    QCOMPARE(m_window->conversationPanel()->conversation(), id);
    Composer *composer = m_window->conversationPanel()->composer();
    QTRY_VERIFY_WITH_TIMEOUT(composer->isEnabled(), 20000);
    const ConversationActions mine = m_client->actionsFor(id);
    QVERIFY(mine.reply && mine.release && mine.transfer && mine.close && !mine.claim);
    QTRY_VERIFY_WITH_TIMEOUT(composer->hasFocus(), 20000);

    QTest::keyClicks(composer, QStringLiteral("Hi Lee, it left our warehouse today."));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
    // Chinese arrives from the input method as committed text, as pinyin or zhuyin input does.
    QInputMethodEvent commit;
    commit.setCommitString(QStringLiteral("您好！"));
    QApplication::sendEvent(composer, &commit);
    QTest::keyClick(composer, Qt::Key_Return);
    const QString expected = QStringLiteral("Hi Lee, it left our warehouse today.\n您好！");
    const QJsonObject received = customer->waitFor([&](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("message") &&
               f.value(QStringLiteral("message"))
                       .toObject()
                       .value(QStringLiteral("text"))
                       .toString() == expected;
    });
    QVERIFY(!received.isEmpty());
    QVERIFY(composer->toPlainText().isEmpty());
    // The transcript shows both sides.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->conversationPanel()->transcriptView()->model()->rowCount(),
                              2, 20000);

    // Ctrl+Shift+W closes it; the queue empties.
    QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->queuePanel()->model().rowCount(), 0, 20000);
}

void TestMainWindow::indicatorShowsCutAndRecovery()
{
    const quint16 port = m_fx->hub().port();
    QCOMPARE(m_window->connectionIndicator()->state(), HubConnection::State::Connected);
    m_fx->stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionIndicator()->state(),
                              HubConnection::State::Reconnecting, 20000);
    QVERIFY(m_fx->start({}, {}, port));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionIndicator()->state(),
                              HubConnection::State::Connected, 30000);
}

void TestMainWindow::languageSwitchesAtRunTime()
{
    auto menuTitles = [this] {
        QStringList titles;
        for (QAction *a : m_window->menuBar()->actions())
            titles << a->text();
        return titles;
    };
    QVERIFY(menuTitles().contains(QStringLiteral("&File")));
    QCOMPARE(Language::apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QTRY_VERIFY(menuTitles().contains(QStringLiteral("文件(&F)")));
    QCOMPARE(m_window->connectionIndicator()->text(), QStringLiteral("已连接"));
    QCOMPARE(
        m_window->queuePanel()->model().headerData(QueueModel::Customer, Qt::Horizontal).toString(),
        QStringLiteral("客户"));
    QCOMPARE(Language::apply(QStringLiteral("zh_TW")), QStringLiteral("zh_TW"));
    QTRY_VERIFY(menuTitles().contains(QStringLiteral("檔案(&F)")));
    QCOMPARE(m_window->connectionIndicator()->text(), QStringLiteral("已連線"));
    // Qt's own strings come along (a standard dialog button).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    Language::apply(QStringLiteral("en"));
    QTRY_VERIFY(menuTitles().contains(QStringLiteral("&File")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
