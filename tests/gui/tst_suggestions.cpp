// The suggestion model, the assist bookkeeping (which reply is accepted / edited / overridden,
// kept in the outbox across a restart) and the suggestion panel, fed with hand-written frames
// as the hub sends them (docs/protocol.md, "The bot: routing, handoff and suggestions").
#include "client.h"
#include "handoffcard.h"
#include "reasonpicker.h"
#include "roles.h"
#include "suggestioncard.h"
#include "suggestionlistmodel.h"
#include "suggestionpanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;

namespace {

QJsonObject item(int rank, const QString &answer, double confidence, bool weak)
{
    return {{QStringLiteral("rank"), rank},
            {QStringLiteral("articleId"), QStringLiteral("article-%1").arg(rank)},
            {QStringLiteral("articleVersion"), rank + 1},
            {QStringLiteral("intent"), QStringLiteral("delivery.tracking")},
            {QStringLiteral("confidence"), confidence},
            {QStringLiteral("title"), QStringLiteral("查询物流 %1").arg(rank)},
            {QStringLiteral("answer"), answer},
            {QStringLiteral("lastReviewed"), QStringLiteral("2026-10-02")},
            {QStringLiteral("matchedQuestion"), QStringLiteral("我的快递到哪了")},
            {QStringLiteral("weak"), weak}};
}

QJsonObject assistJson(qint64 messageId)
{
    const QJsonObject suggestions{
        {QStringLiteral("messageId"), messageId},
        {QStringLiteral("modelVersion"), QStringLiteral("9b7da880681c")},
        {QStringLiteral("threshold"), 0.48},
        {QStringLiteral("language"), QStringLiteral("zh-CN")},
        {QStringLiteral("items"),
         QJsonArray{item(2, QStringLiteral("second"), 0.55, false),
                    item(1, QStringLiteral("李先生您好，您的包裹已发出。"), 0.91, false),
                    item(3, QStringLiteral("third"), 0.2, true)}}};
    const QJsonObject handoff{
        {QStringLiteral("reason"), QStringLiteral("human_requested")},
        {QStringLiteral("question"), QStringLiteral("我的快递到哪了？转人工")},
        {QStringLiteral("intent"), QStringLiteral("delivery.tracking")},
        {QStringLiteral("confidence"), 0.91},
        {QStringLiteral("sentiment"), -0.2},
        {QStringLiteral("sentimentTrend"), QStringLiteral("falling")},
        {QStringLiteral("botAnswers"), QJsonArray{QStringLiteral("您的包裹在路上")}},
        {QStringLiteral("articles"),
         QJsonArray{QJsonObject{{QStringLiteral("articleId"), QStringLiteral("order-tracking")},
                                {QStringLiteral("version"), 2}}}}};
    const QJsonArray routing{
        QJsonObject{{QStringLiteral("decision"), QStringLiteral("bot")},
                    {QStringLiteral("reason"), QStringLiteral("bot_answered")},
                    {QStringLiteral("messageId"), messageId - 2},
                    {QStringLiteral("atMs"), qint64(1764018100000)},
                    {QStringLiteral("intent"), QStringLiteral("delivery.tracking")},
                    {QStringLiteral("confidence"), 0.93}},
        QJsonObject{{QStringLiteral("decision"), QStringLiteral("human")},
                    {QStringLiteral("reason"), QStringLiteral("human_requested")},
                    {QStringLiteral("messageId"), messageId},
                    {QStringLiteral("atMs"), qint64(1764018200000)}}};
    return {{QStringLiteral("suggestions"), suggestions},
            {QStringLiteral("handoff"), handoff},
            {QStringLiteral("routing"), routing}};
}

/// A conversation event as the hub sends it; assigned to user id 0, the not-signed-in client's
/// own id, so the client treats it as its own.
Event conversationEvent(qint64 seq, qint64 id, const QJsonObject &assist)
{
    Conversation c;
    c.id = id;
    c.customerName = QStringLiteral("李先生");
    c.state = ConversationState::Assigned;
    c.locale = QStringLiteral("zh-CN");
    QJsonObject json = c.toJson();
    json.insert(QStringLiteral("assist"), assist);
    Event e;
    e.seq = seq;
    e.kind = QStringLiteral("routing.decided");
    e.conversationId = id;
    e.payload = {{QStringLiteral("conversation"), json}};
    return e;
}

} // namespace

class TestSuggestions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void parsesTheAssistObject();
    void modelRowsAndRoles();
    void snapshotCarriesTheAssist();
    void outcomesFollowWhatTheAgentDid();
    void outboxKeepsTheAssistAcrossARestart();
    void outboxFromBeforeAssistStillOpens();
    void panelShowsCardsHandoffAndRouting();
    void reasonPickerTakesOneKey();

private:
    std::unique_ptr<Client> newClient(const QString &name)
    {
        auto client = Client::create(m_dir.filePath(name));
        if (!client.ok())
            qWarning() << client.error().message;
        return client.ok() ? std::move(client.value()) : nullptr;
    }

    QTemporaryDir m_dir;
};

void TestSuggestions::parsesTheAssistObject()
{
    const AssistInfo info = AssistInfo::fromJson(assistJson(80));
    QCOMPARE(info.suggestions.messageId, 80);
    QCOMPARE(info.suggestions.items.size(), 3);
    QCOMPARE(info.suggestions.items.first().rank, 1); // sorted by rank
    QCOMPARE(info.suggestions.byRank(3)->weak, true);
    QVERIFY(!info.suggestions.byRank(4));
    QCOMPARE(info.handoff.reason, QStringLiteral("human_requested"));
    QCOMPARE(info.handoff.articles, QStringList{QStringLiteral("order-tracking v2")});
    QCOMPARE(*info.handoff.sentiment, -0.2);
    QCOMPARE(info.routing.size(), 2);
    QCOMPARE(info.routing.last().decision, QStringLiteral("human"));
    QVERIFY(AssistInfo::fromJson({}).suggestions.isEmpty());
    QVERIFY(AssistInfo::fromJson({}).handoff.isEmpty());
}

void TestSuggestions::modelRowsAndRoles()
{
    SuggestionListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const AssistSuggestions set =
        AssistSuggestions::fromJson(assistJson(80).value(QStringLiteral("suggestions")).toObject());
    model.setSuggestions(set);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex first = model.index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("李先生您好，您的包裹已发出。"));
    QCOMPARE(first.data(roles::RankRole).toInt(), 1);
    QCOMPARE(first.data(roles::ConfidenceRole).toDouble(), 0.91);
    QCOMPARE(first.data(roles::IntentRole).toString(), QStringLiteral("delivery.tracking"));
    QCOMPARE(first.data(roles::ArticleTitleRole).toString(), QStringLiteral("查询物流 1"));
    QCOMPARE(first.data(roles::ArticleVersionRole).toInt(), 2);
    QCOMPARE(first.data(roles::LastReviewedRole).toDate(), QDate(2026, 10, 2));
    QVERIFY(!first.data(roles::WeakRole).toBool());
    QVERIFY(model.index(2, 0).data(roles::WeakRole).toBool());
    QVERIFY(model.index(2, 0).flags() & Qt::ItemIsEnabled); // greyed, still usable
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("我的快递到哪了")));

    model.setSuggestions(set); // the same suggestions again: nothing moves
    QCOMPARE(resets.size(), 1);
    AssistSuggestions next = set;
    next.messageId = 81;
    next.items.removeLast();
    model.setSuggestions(next);
    QCOMPARE(resets.size(), 2);
    QCOMPARE(model.rowCount(), 2);
    model.setSuggestions({});
    QCOMPARE(model.rowCount(), 0);
}

void TestSuggestions::snapshotCarriesTheAssist()
{
    auto client = newClient(QStringLiteral("snapshot.db"));
    QVERIFY(client);
    Conversation c = Conversation::fromJson(conversationEvent(1, 12, assistJson(80))
                                                .payload.value(QStringLiteral("conversation"))
                                                .toObject());
    QCOMPARE(c.assist, assistJson(80));
    QSignalSpy changed(&client->assist(), &AssistClient::assistChanged);
    emit client->connection().snapshotReceived(5, {c});
    QCOMPARE(client->assist().info(12).suggestions.messageId, 80);
    QVERIFY(changed.size() >= 1);
    // A later snapshot without it forgets it.
    emit client->connection().snapshotReceived(6, {});
    QVERIFY(client->assist().info(12).suggestions.isEmpty());
}

void TestSuggestions::outcomesFollowWhatTheAgentDid()
{
    auto client = newClient(QStringLiteral("outcomes.db"));
    QVERIFY(client);
    AssistClient &assist = client->assist();
    QSignalSpy changed(&assist, &AssistClient::assistChanged);
    emit client->connection().eventReceived(conversationEvent(1, 7, assistJson(80)));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(assist.info(7).suggestions.items.size(), 3);

    // Nothing shown yet: a reply is no outcome.
    QVERIFY(assist.replyAssist(7).isEmpty());
    assist.markShown(7);
    QCOMPARE(assist.shownMessage(7), 80);

    // Sent as is.
    QSignalSpy reasons(&assist, &AssistClient::reasonWanted);
    auto accepted = client->sendSuggestion(7, 2);
    QVERIFY(accepted.ok());
    QList<OutboxReply> replies = client->outbox().replies(7);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.last().text, QStringLiteral("second"));
    QCOMPARE(replies.last().assist.value(QStringLiteral("action")).toString(),
             QStringLiteral("accepted"));
    QCOMPARE(replies.last().assist.value(QStringLiteral("rank")).toInt(), 2);
    QCOMPARE(replies.last().assist.value(QStringLiteral("messageId")).toInteger(), 80);
    QVERIFY(replies.last().assist.value(QStringLiteral("displayMs")).toInteger() >= 0);
    QCOMPARE(reasons.size(), 0); // accepted needs no reason

    // Started from suggestion 1, then sent: edited, and a reason is asked.
    assist.markEditing(7, 1);
    QVERIFY(client->sendReply(7, QStringLiteral("李先生您好，包裹明天到。")).ok());
    replies = client->outbox().replies(7);
    QCOMPARE(replies.last().assist.value(QStringLiteral("action")).toString(),
             QStringLiteral("edited"));
    QCOMPARE(replies.last().assist.value(QStringLiteral("rank")).toInt(), 1);
    QCOMPARE(reasons.size(), 1);
    QCOMPARE(reasons.last().at(2).toString(), QStringLiteral("edited"));
    QCOMPARE(assist.editingRank(7), 0);

    // A new customer message brings new suggestions: the agent's own reply overrides them once.
    emit client->connection().eventReceived(conversationEvent(2, 7, assistJson(90)));
    QVERIFY(assist.replyAssist(7).isEmpty()); // not shown yet
    assist.markShown(7);
    QVERIFY(client->sendReply(7, QStringLiteral("请稍等")).ok());
    replies = client->outbox().replies(7);
    QCOMPARE(replies.last().assist.value(QStringLiteral("action")).toString(),
             QStringLiteral("overridden"));
    QCOMPARE(replies.last().assist.value(QStringLiteral("messageId")).toInteger(), 90);
    QVERIFY(!replies.last().assist.contains(QStringLiteral("rank")));
    QCOMPARE(reasons.size(), 2);
    const auto followUp = client->sendReply(7, QStringLiteral("还在吗？"));
    QVERIFY2(followUp.ok(), qPrintable(followUp.error().message));
    QVERIFY(client->outbox().replies(7).last().assist.isEmpty()); // already recorded
    QCOMPARE(reasons.size(), 2);

    // Closed: the bot's state for it is gone.
    Event closed = conversationEvent(3, 7, assistJson(90));
    QJsonObject json = closed.payload.value(QStringLiteral("conversation")).toObject();
    json.insert(QStringLiteral("state"), QStringLiteral("closed"));
    closed.payload.insert(QStringLiteral("conversation"), json);
    emit client->connection().eventReceived(closed);
    QVERIFY(assist.info(7).suggestions.isEmpty());
}

void TestSuggestions::outboxKeepsTheAssistAcrossARestart()
{
    {
        auto client = newClient(QStringLiteral("restart.db"));
        QVERIFY(client);
        emit client->connection().eventReceived(conversationEvent(1, 9, assistJson(80)));
        client->assist().markShown(9);
        QVERIFY(client->sendSuggestion(9, 1).ok());
    }
    auto again = newClient(QStringLiteral("restart.db"));
    QVERIFY(again);
    const QList<OutboxReply> replies = again->outbox().replies(9);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.first().assist.value(QStringLiteral("action")).toString(),
             QStringLiteral("accepted"));
    QCOMPARE(replies.first().assist.value(QStringLiteral("rank")).toInt(), 1);
}

void TestSuggestions::outboxFromBeforeAssistStillOpens()
{
    // An outbox written by the previous version (schema 1) with a reply still pending.
    const QString path = m_dir.filePath(QStringLiteral("v1.db"));
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const char *sql :
             {"CREATE TABLE schema_version (version INTEGER NOT NULL)",
              "CREATE TABLE replies (seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL"
              " UNIQUE, conversation_id INTEGER NOT NULL, text TEXT NOT NULL, created_at INTEGER"
              " NOT NULL, status TEXT NOT NULL DEFAULT 'pending', error_code TEXT NOT NULL"
              " DEFAULT '', error_message TEXT NOT NULL DEFAULT '')",
              "CREATE TABLE drafts (conversation_id INTEGER PRIMARY KEY, text TEXT NOT NULL,"
              " updated_at INTEGER NOT NULL)",
              "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
              "INSERT INTO schema_version (version) VALUES (1)",
              "INSERT INTO replies (client_id, conversation_id, text, created_at)"
              " VALUES ('old-reply', 4, 'old text', 1)"})
            QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    auto client = newClient(QStringLiteral("v1.db"));
    QVERIFY(client);
    const QList<OutboxReply> replies = client->outbox().replies(4);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.first().text, QStringLiteral("old text"));
    QVERIFY(replies.first().assist.isEmpty());
}

void TestSuggestions::panelShowsCardsHandoffAndRouting()
{
    auto client = newClient(QStringLiteral("panel.db"));
    QVERIFY(client);
    emit client->connection().eventReceived(conversationEvent(1, 5, assistJson(80)));
    SuggestionPanel panel(*client);
    QPlainTextEdit composer;
    panel.setComposer(&composer);
    panel.resize(380, 800);
    panel.show();
    QVERIFY(!panel.card(1)->isVisible());
    QVERIFY(!panel.handoffCard()->isVisible());

    panel.setConversation(5); // straight from the state the client holds: no request
    QCOMPARE(panel.model().rowCount(), 3);
    QVERIFY(panel.card(1)->isVisible() && panel.card(3)->isVisible());
    QCOMPARE(panel.card(1)->answerText(), QStringLiteral("李先生您好，您的包裹已发出。"));
    QCOMPARE(panel.card(1)->confidencePercent(), 91);
    QVERIFY(panel.card(1)->metaText().contains(QStringLiteral("查询物流 1 · v2")));
    QVERIFY(!panel.card(1)->isWeak());
    QVERIFY(panel.card(3)->isWeak());
    QVERIFY(panel.card(3)->metaText().contains(QStringLiteral("threshold")));
    QCOMPARE(client->assist().shownMessage(5), 80); // the display time started

    QVERIFY(panel.handoffCard()->isVisible());
    const QString card = panel.handoffCard()->text();
    QVERIFY2(card.contains(QStringLiteral("asked for a person")), qPrintable(card));
    QVERIFY(card.contains(QStringLiteral("我的快递到哪了？转人工")));
    QVERIFY(card.contains(QStringLiteral("delivery.tracking (91%)")));
    QVERIFY(card.contains(QStringLiteral("falling")));
    QVERIFY(card.contains(QStringLiteral("您的包裹在路上")));
    QVERIFY(card.contains(QStringLiteral("order-tracking v2")));

    const QString routing = panel.routingLabel()->text();
    QCOMPARE(routing.count(QLatin1Char('\n')), 1);
    QVERIFY2(routing.contains(QStringLiteral("Bot: The bot answered")), qPrintable(routing));
    QVERIFY(routing.contains(QStringLiteral("To people: The customer asked for a person")));

    // Nobody signed in may reply: loading one for editing is refused with a hint.
    panel.editSuggestion(2);
    QVERIFY(composer.toPlainText().isEmpty());
    QCOMPARE(client->assist().editingRank(5), 0);

    panel.setConversation(0);
    QCOMPARE(panel.model().rowCount(), 0);
    QVERIFY(!panel.handoffCard()->isVisible());
}

void TestSuggestions::reasonPickerTakesOneKey()
{
    QWidget window;
    auto *target = new QPlainTextEdit(&window);
    auto *picker = new ReasonPicker(&window);
    picker->setTypingTarget(target);
    window.resize(400, 300);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QSignalSpy chosen(picker, &ReasonPicker::chosen);
    QSignalSpy dismissed(picker, &ReasonPicker::dismissed);

    picker->ask(QStringLiteral("reply-1"), QStringLiteral("edited"));
    QVERIFY(picker->isVisible());
    QTRY_VERIFY(picker->hasFocus());
    QTest::keyClick(picker, Qt::Key_3);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().at(0).toString(), QStringLiteral("reply-1"));
    QCOMPARE(chosen.first().at(1).toString(), QStringLiteral("tone"));
    QVERIFY(!picker->isVisible());
    QTRY_VERIFY(target->hasFocus());

    picker->ask(QStringLiteral("reply-2"), QStringLiteral("overridden"));
    QTest::keyClick(picker, Qt::Key_Escape);
    QCOMPARE(dismissed.size(), 1);
    QVERIFY(!picker->isVisible());

    // Typing on goes to the reply box; no reason is recorded.
    picker->ask(QStringLiteral("reply-3"), QStringLiteral("overridden"));
    QTest::keyClick(picker, Qt::Key_A);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(dismissed.size(), 2);
    QCOMPARE(target->toPlainText(), QStringLiteral("a"));
}

QTEST_MAIN(TestSuggestions)
#include "tst_suggestions.moc"
