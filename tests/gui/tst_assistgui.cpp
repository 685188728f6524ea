// Sentiment tags by key and canned responses in the composer: the real main window against a
// real hub, driven from the keyboard, offscreen.
#include "cannedcompleter.h"
#include "canneddialog.h"
#include "client.h"
#include "composer.h"
#include "conversationpanel.h"
#include "desktopfixture.h"
#include "hubfixture.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queuepanel.h"
#include "roles.h"
#include "variableprompt.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>

using namespace tandem;
using namespace tandem::test;

namespace {
/// Types ASCII as keys and everything else as input-method commits (as pinyin or zhuyin do).
void type(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            QTest::keyClicks(widget, QString(c));
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(QString(c));
            QApplication::sendEvent(widget, &commit);
        }
    }
}
} // namespace

class TestAssistGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void sentimentTagByKeyKeepsTheModelsLabel();
    void cannedResponseFillsAndPrompts();
    void cannedDialogOwnAndShared();

private:
    /// A customer writes, the agent claims with Ctrl+N; returns the conversation id.
    qint64 claimOne(const QString &key, const QString &name, const QString &text);

    std::unique_ptr<HubFixture> m_fx;
    QTemporaryDir m_dir;
    User m_me;
    std::unique_ptr<Client> m_client;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<WsClient> m_customer;
};

void TestAssistGui::init()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(m_fx->start());
    m_me = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    // Shared responses exist before the desktop signs in (it fetches them then).
    CannedResponse order;
    order.shortcut = QStringLiteral("order-check");
    order.title = QStringLiteral("查询订单");
    order.language = QStringLiteral("zh-CN");
    order.text =
        QStringLiteral("{{customer.name}}您好，我是{{agent.name}}，正在查询订单 {{order.id}}。");
    QVERIFY(m_fx->hub().store().saveCannedResponse(order, QStringLiteral("test"), 1).ok());
    CannedResponse hello;
    hello.shortcut = QStringLiteral("hello");
    hello.title = QStringLiteral("Greeting");
    hello.language = QStringLiteral("en");
    hello.text = QStringLiteral("Hi {{customer.name}}!");
    QVERIFY(m_fx->hub().store().saveCannedResponse(hello, QStringLiteral("test"), 1).ok());

    QVERIFY(openDesktop(*m_fx, m_me, m_dir, m_client, m_window));
    QTRY_COMPARE_WITH_TIMEOUT(m_client->cannedResponses().all().size(), 2, 20000);
}

void TestAssistGui::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_customer.reset();
    m_fx.reset();
}

qint64 TestAssistGui::claimOne(const QString &key, const QString &name, const QString &text)
{
    m_customer = m_fx->customer(key, name);
    if (!m_customer)
        return 0;
    const qint64 id = HubFixture::say(*m_customer, text);
    if (!QTest::qWaitFor([&] { return m_client->queue().contains(id); }, 20000))
        return 0;
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    if (!QTest::qWaitFor([&] { return m_client->actionsFor(id).reply; }, 20000))
        return 0;
    return id;
}

void TestAssistGui::sentimentTagByKeyKeepsTheModelsLabel()
{
    const qint64 id = claimOne(QStringLiteral("gui-assist-key-0001"), QStringLiteral("Lee"),
                               QStringLiteral("Thank you, that is great!"));
    QVERIFY(id);
    Store &store = m_fx->hub().store();

    // Ctrl+1: the agent hears sarcasm where the model read delight.
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(store.sentimentTags(id, false, 0, 10)->size() == 1, 20000);
    const SentimentTag tag = store.sentimentTags(id, false, 0, 10)->first();
    QCOMPARE(tag.agentLabel, Mood::Negative);
    QVERIFY(tag.modelLabel.has_value());
    QCOMPARE(*tag.modelLabel, Mood::Positive);
    QCOMPARE(tag.messageId, 0);
    QCOMPARE(tag.userId, m_me.id);
    auto *label =
        m_window->conversationPanel()->findChild<QLabel *>(QStringLiteral("SentimentTag"));
    QVERIFY(label);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("negative")), 20000);
    QVERIFY(label->text().contains(QStringLiteral("positive")));

    // With the customer's message selected, Ctrl+3 tags that message.
    QListView *view = m_window->conversationPanel()->transcriptView();
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 1, 20000);
    const QModelIndex first = view->model()->index(0, 0);
    QCOMPARE(first.data(roles::SenderKindRole).toString(), QStringLiteral("customer"));
    view->selectionModel()->select(first, QItemSelectionModel::ClearAndSelect);
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(store.sentimentTags(id, false, 0, 10)->size() == 2, 20000);
    const SentimentTag onMessage = store.sentimentTags(id, false, 0, 10)->first();
    QCOMPARE(onMessage.messageId, first.data(roles::MessageIdRole).toLongLong());
    QCOMPARE(onMessage.agentLabel, Mood::Positive);
    QVERIFY(!onMessage.disagrees());
    QVERIFY(view->selectionModel()->selectedIndexes().isEmpty());
    // The conversation's tag still stands in the header.
    QVERIFY(label->text().contains(QStringLiteral("negative")));
}

void TestAssistGui::cannedResponseFillsAndPrompts()
{
    const qint64 id = claimOne(QStringLiteral("gui-assist-key-0002"), QStringLiteral("王小明"),
                               QStringLiteral("我的订单到哪了"));
    QVERIFY(id);
    ConversationPanel *panel = m_window->conversationPanel();
    Composer *composer = panel->composer();
    QTRY_VERIFY_WITH_TIMEOUT(composer->hasFocus(), 20000);
    CannedCompleter *completer = panel->cannedCompleter();

    // Traditional characters find the Simplified title; Enter takes the first match.
    type(composer, QStringLiteral("/訂單"));
    QTRY_VERIFY_WITH_TIMEOUT(completer->isPopupVisible(), 20000);
    QCOMPARE(completer->completer()->popup()->model()->rowCount(), 1);
    QTest::keyClick(completer->completer()->popup(), Qt::Key_Return);
    // The name and the agent are known; the order number is asked for.
    VariablePrompt *prompt = panel->variablePrompt();
    QTRY_VERIFY_WITH_TIMEOUT(prompt->isVisible(), 20000);
    QLineEdit *orderField = prompt->field(QStringLiteral("order.id"));
    QVERIFY(orderField);
    QVERIFY(!prompt->field(QStringLiteral("customer.name")));
    QTRY_VERIFY_WITH_TIMEOUT(orderField->hasFocus(), 20000);
    QTest::keyClicks(orderField, QStringLiteral("A-1017"));
    QTest::keyClick(orderField, Qt::Key_Return);
    QVERIFY(!prompt->isVisible());
    QCOMPARE(composer->toPlainText(),
             QStringLiteral("王小明您好，我是Alice，正在查询订单 A-1017。"));
    QVERIFY(composer->hasFocus());

    // Tab inserts too; with every variable known there is no prompt.
    composer->clear();
    QTest::keyClicks(composer, QStringLiteral("Thanks. /hel"));
    QTRY_VERIFY_WITH_TIMEOUT(completer->isPopupVisible(), 20000);
    QTest::keyClick(completer->completer()->popup(), Qt::Key_Tab);
    QCOMPARE(composer->toPlainText(), QStringLiteral("Thanks. Hi 王小明!"));
    QVERIFY(!prompt->isVisible());
    QVERIFY(composer->hasFocus());

    // A slash inside a word is not a command, and Esc closes the popup without inserting.
    composer->clear();
    QTest::keyClicks(composer, QStringLiteral("and/or"));
    QVERIFY(!completer->isPopupVisible());
    QTest::keyClicks(composer, QStringLiteral(" /hel"));
    QTRY_VERIFY_WITH_TIMEOUT(completer->isPopupVisible(), 20000);
    QTest::keyClick(completer->completer()->popup(), Qt::Key_Escape);
    QVERIFY(!completer->isPopupVisible());
    QCOMPARE(composer->toPlainText(), QStringLiteral("and/or /hel"));

    // Enter after the popup is gone sends the reply as usual.
    composer->clear();
    QTest::keyClicks(composer, QStringLiteral("/hello"));
    QTRY_VERIFY_WITH_TIMEOUT(completer->isPopupVisible(), 20000);
    QTest::keyClick(completer->completer()->popup(), Qt::Key_Return);
    QCOMPARE(composer->toPlainText(), QStringLiteral("Hi 王小明!"));
    QTest::keyClick(composer, Qt::Key_Return);
    const QJsonObject received = m_customer->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")) ==
               QStringLiteral("Hi 王小明!");
    });
    QVERIFY2(!received.isEmpty(), qPrintable(composer->toPlainText()));
}

void TestAssistGui::cannedDialogOwnAndShared()
{
    m_window->showCannedResponses();
    CannedDialog *dialog = m_window->cannedDialog();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->count(), 2, 20000);
    // An agent may not share, nor edit the shared ones.
    QVERIFY(!dialog->sharedBox()->isEnabled());
    dialog->list()->setCurrentRow(0);
    QVERIFY(!dialog->shortcutEdit()->isEnabled());

    dialog->startNew();
    QVERIFY(dialog->shortcutEdit()->isEnabled());
    QTest::keyClicks(dialog->shortcutEdit(), QStringLiteral("ship-late"));
    QTest::keyClicks(dialog->titleEdit(), QStringLiteral("Late parcel"));
    dialog->languageBox()->setCurrentIndex(dialog->languageBox()->findData(QStringLiteral("en")));
    QTest::keyClicks(dialog->textEdit(), QStringLiteral("Sorry {{customer.name}}, it is late."));
    dialog->save();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->count(), 3, 20000);
    auto mine = m_fx->hub().store().cannedResponses(m_me.id);
    QVERIFY(mine.ok());
    bool own = false;
    for (const CannedResponse &r : mine.value())
        own |= r.shortcut == QLatin1String("ship-late") && r.ownerId == m_me.id;
    QVERIFY(own);

    // An unknown variable is refused before it reaches the hub.
    dialog->startNew();
    QTest::keyClicks(dialog->shortcutEdit(), QStringLiteral("bad"));
    QTest::keyClicks(dialog->titleEdit(), QStringLiteral("Bad"));
    QTest::keyClicks(dialog->textEdit(), QStringLiteral("{{customer.phone}}"));
    dialog->save();
    QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("customer.phone")));

    // Delete the own one.
    for (int row = 0; row < dialog->list()->count(); ++row) {
        if (dialog->list()->item(row)->text().startsWith(QStringLiteral("/ship-late")))
            dialog->list()->setCurrentRow(row);
    }
    QCOMPARE(dialog->shortcutEdit()->text(), QStringLiteral("ship-late"));
    dialog->remove();
    QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->count(), 2, 20000);
}

QTEST_MAIN(TestAssistGui)
#include "tst_assistgui.moc"
