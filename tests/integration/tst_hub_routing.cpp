#include "hubfixture.h"
#include "kbfile.h"
#include "suggester.h"

#include <QJsonArray>

using namespace tandem;
using namespace tandem::test;

namespace {

constexpr int kTrainingWait = 240 * 1000; // the demo knowledge base, on a loaded 2-core machine

QJsonObject cmd(const char *type, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("type"), QLatin1String(type));
    return fields;
}

bool isEventOf(const QJsonObject &f, const char *kind)
{
    return f.value(QStringLiteral("type")).toString() == QLatin1String("event") &&
           f.value(QStringLiteral("kind")).toString() == QLatin1String(kind);
}

QJsonObject data(const QJsonObject &frame)
{
    return frame.value(QStringLiteral("data")).toObject();
}

/// Starts a hub on the demo knowledge base and waits until its suggestion model is in use.
bool startWithDemoKb(HubFixture &fx, HubSettings settings = {})
{
    HubConfig config;
    config.retrainDelayMs = 100; // retrain soon after a reply taught the bot a question
    if (!fx.start(settings, config))
        return false;
    auto imported = kbfile::importFile(fx.hub().store(), QStringLiteral(":/tandem/kb/demo-kb.json"),
                                       kbfile::Format::Json, HubFixture::now());
    if (!imported.ok()) {
        qWarning() << imported.error().message;
        return false;
    }
    fx.hub().retrainSuggestions();
    return QTest::qWaitFor([&] { return fx.hub().engine().suggestions() != nullptr; },
                           kTrainingWait);
}

} // namespace

/// The bot in the live loop, over a real hub trained on the demo knowledge base and real
/// WebSockets: it answers what it knows and is cleared for, hands everything else over with a
/// reason and a card, and records what agents do with its suggestions.
class TestHubRouting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_fx.reset(); }

    void confidentClearedQuestionIsAnsweredByTheBot();
    void handsOverWithReasonAndCard_data();
    void handsOverWithReasonAndCard();
    void greetingIsAnsweredWithAQuestion();
    void failingTwiceHandsOver();
    void handBackToTheBotAndTakeOver();
    void outcomesAreRecordedAndReadBack();
    void autoAnswerOnlyBySupervisors();
    void peakLoadSendsAnHonestHoldingMessage();

private:
    Conversation conversation(qint64 id)
    {
        auto c = m_fx->hub().store().conversation(id);
        return c.ok() ? c.value() : Conversation{};
    }
    QString lastRoutingReason(qint64 id)
    {
        const QJsonArray routing =
            conversation(id).assist.value(QStringLiteral("routing")).toArray();
        return routing.isEmpty()
                   ? QString()
                   : routing.last().toObject().value(QStringLiteral("reason")).toString();
    }
    int m_customers = 0;
    std::unique_ptr<WsClient> newCustomer(const QString &name = QStringLiteral("Lee"))
    {
        return m_fx->customer(QStringLiteral("routing-customer-key-%1").arg(++m_customers), name);
    }

    /// A new user per test: command ids are deduplicated per user, and every WsClient numbers
    /// its commands from 1.
    User freshUser(Role role)
    {
        return m_fx->addUser(QStringLiteral("user%1").arg(++m_users), role);
    }

    std::unique_ptr<HubFixture> m_fx;
    int m_users = 0;
};

void TestHubRouting::initTestCase()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(startWithDemoKb(*m_fx));
}

void TestHubRouting::confidentClearedQuestionIsAnsweredByTheBot()
{
    auto agent = m_fx->agent(freshUser(Role::Agent));
    QVERIFY(agent);
    auto customer = newCustomer();
    QVERIFY(customer);
    const qint64 id =
        HubFixture::say(*customer, QStringLiteral("What payment methods do you accept?"));
    QVERIFY(id > 0);

    // The customer gets the article's English answer from the bot, with no person involved.
    const QJsonObject answer = customer->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("type")) == QStringLiteral("message") &&
               f.value(QStringLiteral("message")).toObject().value(QStringLiteral("sender")) ==
                   QStringLiteral("bot");
    });
    QVERIFY2(!answer.isEmpty(), qPrintable(lastRoutingReason(id)));
    const QString text =
        answer.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")).toString();
    auto article = m_fx->hub().store().article(QStringLiteral("payment-methods"));
    QVERIFY(article.ok());
    QCOMPARE(text.left(30), article->content.value(QStringLiteral("en")).answer.left(30));

    const Conversation c = conversation(id);
    QCOMPARE(c.state, ConversationState::Bot);
    QCOMPARE(c.assigneeId, 0);
    const QJsonObject routed =
        agent->waitFor([&](const QJsonObject &f) { return isEventOf(f, "routing.decided"); });
    QCOMPARE(data(routed).value(QStringLiteral("decision")).toString(), QStringLiteral("bot"));
    QCOMPARE(data(routed).value(QStringLiteral("reason")).toString(),
             QStringLiteral("bot_answered"));
    const QJsonObject inputs = data(routed).value(QStringLiteral("inputs")).toObject();
    QCOMPARE(inputs.value(QStringLiteral("intent")).toString(), QStringLiteral("payment.methods"));
    QVERIFY(inputs.value(QStringLiteral("confidence")).toDouble() >=
            inputs.value(QStringLiteral("threshold")).toDouble());
    QVERIFY(!inputs.value(QStringLiteral("modelVersion")).toString().isEmpty());
    QVERIFY(inputs.value(QStringLiteral("autoAnswerCleared")).toBool());
    // Customers never see the bot's workings.
    for (const QJsonObject &f : std::as_const(customer->frames))
        QVERIFY2(!QJsonDocument(f).toJson(QJsonDocument::Compact).contains("\"assist\":"),
                 QJsonDocument(f).toJson().constData());
}

void TestHubRouting::handsOverWithReasonAndCard_data()
{
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("reason");
    QTest::newRow("unknown question")
        << QStringLiteral("Can you recommend a good restaurant in Paris for tonight?")
        << QStringLiteral("unknown_question");
    QTest::newRow("negative")
        << QStringLiteral("This is absolutely terrible, I am furious and disgusted with you")
        << QStringLiteral("negative_sentiment");
    QTest::newRow("asks for a person, zh-CN")
        << QStringLiteral("我的快递到哪了？转人工") << QStringLiteral("human_requested");
    QTest::newRow("asks for a person, zh-TW")
        << QStringLiteral("我要轉人工客服") << QStringLiteral("human_requested");
    QTest::newRow("asks for a person, en")
        << QStringLiteral("can I talk to a human please") << QStringLiteral("human_requested");
    QTest::newRow("money stays with people")
        << QStringLiteral("Where is my refund?") << QStringLiteral("not_cleared");
}

void TestHubRouting::handsOverWithReasonAndCard()
{
    QFETCH(QString, question);
    QFETCH(QString, reason);
    auto customer = newCustomer(QStringLiteral("王小明"));
    QVERIFY(customer);
    const qint64 id = HubFixture::say(*customer, question);
    QVERIFY(id > 0);

    const Conversation c = conversation(id);
    QCOMPARE(c.state, ConversationState::Waiting);
    QCOMPARE(lastRoutingReason(id), reason);
    const QJsonObject card = c.assist.value(QStringLiteral("handoff")).toObject();
    QCOMPARE(card.value(QStringLiteral("reason")).toString(), reason);
    QCOMPARE(card.value(QStringLiteral("question")).toString(), question);
    QVERIFY(card.contains(QStringLiteral("sentimentTrend")));
    QVERIFY(card.contains(QStringLiteral("botAnswers")));
    QVERIFY(card.contains(QStringLiteral("articles")));
    // The agent gets the bot's best answers beside it, in the customer's language.
    const QJsonObject suggestions = c.assist.value(QStringLiteral("suggestions")).toObject();
    const QJsonArray items = suggestions.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 3);
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        QVERIFY(!item.value(QStringLiteral("answer")).toString().isEmpty());
        QVERIFY(!item.value(QStringLiteral("answer")).toString().contains(u"{{customer.name}}"));
        QVERIFY(item.value(QStringLiteral("articleVersion")).toInt() >= 1);
        const double confidence = item.value(QStringLiteral("confidence")).toDouble();
        QVERIFY(confidence >= 0 && confidence <= 1);
    }
    const QString expectedLanguage = question.contains(u"轉")   ? QStringLiteral("zh-TW")
                                     : question.contains(u"转") ? QStringLiteral("zh-CN")
                                                                : QStringLiteral("en");
    QCOMPARE(suggestions.value(QStringLiteral("language")).toString(), expectedLanguage);
    if (reason == QLatin1String("not_cleared")) {
        QCOMPARE(card.value(QStringLiteral("intent")).toString(), QStringLiteral("refund.status"));
        QVERIFY(!items.first().toObject().value(QStringLiteral("weak")).toBool());
    }
}

void TestHubRouting::greetingIsAnsweredWithAQuestion()
{
    auto customer = newCustomer(QStringLiteral("王女士"));
    QVERIFY(customer);
    const qint64 id = HubFixture::say(*customer, QStringLiteral("在吗？？"));
    QVERIFY(id > 0);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("greeting"));
    QCOMPARE(conversation(id).state, ConversationState::Bot);
    const QJsonObject reply = customer->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("message")).toObject().value(QStringLiteral("sender")) ==
               QStringLiteral("bot");
    });
    QVERIFY(reply.value(QStringLiteral("message"))
                .toObject()
                .value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("有什么可以帮您")));
    // Then the real question is routed as usual.
    QCOMPARE(HubFixture::say(*customer, QStringLiteral("怎么重置密码")), id);
    QVERIFY(lastRoutingReason(id) != QLatin1String("greeting"));
}

void TestHubRouting::failingTwiceHandsOver()
{
    auto customer = newCustomer();
    QVERIFY(customer);
    const QString question = QStringLiteral("What are your opening hours?");
    const qint64 id = HubFixture::say(*customer, question);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("bot_answered"));
    // Asking the same thing again means the answer did not help: once is forgiven …
    QCOMPARE(HubFixture::say(*customer, QStringLiteral("What are your opening hours??")), id);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("bot_answered"));
    QCOMPARE(conversation(id).state, ConversationState::Bot);
    // … twice is not.
    QCOMPARE(HubFixture::say(*customer, QStringLiteral("opening hours")), id);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("bot_failed_twice"));
    const Conversation c = conversation(id);
    QCOMPARE(c.state, ConversationState::Waiting);
    const QJsonObject card = c.assist.value(QStringLiteral("handoff")).toObject();
    QCOMPARE(card.value(QStringLiteral("botAnswers")).toArray().size(), 2);
    QCOMPARE(card.value(QStringLiteral("articles"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("articleId")),
             QStringLiteral("support-hours"));
}

void TestHubRouting::handBackToTheBotAndTakeOver()
{
    auto agent = m_fx->agent(freshUser(Role::Agent));
    QVERIFY(agent);
    auto customer = newCustomer();
    const qint64 id = HubFixture::say(*customer, QStringLiteral("agent please"));
    QCOMPARE(conversation(id).state, ConversationState::Waiting);
    QVERIFY(
        isAck(agent->reply(agent->send(cmd("claim", {{QStringLiteral("conversationId"), id}})))));

    const QJsonObject back =
        agent->reply(agent->send(cmd("bot.handBack", {{QStringLiteral("conversationId"), id}})));
    QVERIFY2(isAck(back), QJsonDocument(back).toJson().constData());
    QCOMPARE(conversation(id).state, ConversationState::Bot);
    QCOMPARE(conversation(id).assigneeId, 0);
    QVERIFY(!conversation(id).assist.contains(QStringLiteral("handoff")));

    // The bot answers again …
    QCOMPARE(HubFixture::say(*customer, QStringLiteral("Do you offer cash on delivery?")), id);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("bot_answered"));
    // … and the agent can take it over at any time.
    QVERIFY(
        isAck(agent->reply(agent->send(cmd("claim", {{QStringLiteral("conversationId"), id}})))));
    QCOMPARE(conversation(id).state, ConversationState::Assigned);
    QCOMPARE(HubFixture::say(*customer, QStringLiteral("thanks, and how long is the warranty?")),
             id);
    QCOMPARE(lastRoutingReason(id), QStringLiteral("with_human")); // suggestions only
    QCOMPARE(conversation(id).state, ConversationState::Assigned);
    QCOMPARE(conversation(id)
                 .assist.value(QStringLiteral("suggestions"))
                 .toObject()
                 .value(QStringLiteral("items"))
                 .toArray()
                 .size(),
             3);
}

void TestHubRouting::outcomesAreRecordedAndReadBack()
{
    auto agent = m_fx->agent(freshUser(Role::Agent));
    auto supervisor = m_fx->agent(freshUser(Role::Supervisor));
    QVERIFY(agent && supervisor);
    auto customer = newCustomer();
    const qint64 id = HubFixture::say(*customer, QStringLiteral("I was charged twice"));
    QCOMPARE(conversation(id).state, ConversationState::Waiting);
    QVERIFY(
        isAck(agent->reply(agent->send(cmd("claim", {{QStringLiteral("conversationId"), id}})))));
    const QJsonObject shown =
        conversation(id).assist.value(QStringLiteral("suggestions")).toObject();
    const qint64 messageId = shown.value(QStringLiteral("messageId")).toInteger();
    const QJsonArray items = shown.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 3);

    auto sendWith = [&](const QString &text, QJsonObject assist) {
        assist.insert(QStringLiteral("messageId"), messageId);
        return agent->reply(agent->send(cmd("send", {{QStringLiteral("conversationId"), id},
                                                     {QStringLiteral("text"), text},
                                                     {QStringLiteral("assist"), assist}})));
    };
    // Accepted as is: distance 0, and the question becomes a training example.
    const QString first = items.at(0).toObject().value(QStringLiteral("answer")).toString();
    const QJsonObject accepted =
        sendWith(first, {{QStringLiteral("action"), QStringLiteral("accepted")},
                         {QStringLiteral("rank"), 1},
                         {QStringLiteral("displayMs"), 2500}});
    QVERIFY2(isAck(accepted) && accepted.contains(QStringLiteral("outcome")),
             QJsonDocument(accepted).toJson().constData());
    const QJsonObject acceptedOutcome = accepted.value(QStringLiteral("outcome")).toObject();
    QCOMPARE(acceptedOutcome.value(QStringLiteral("action")).toString(),
             QStringLiteral("accepted"));
    QCOMPARE(acceptedOutcome.value(QStringLiteral("editDistance")).toDouble(), 0.0);
    QVERIFY(acceptedOutcome.value(QStringLiteral("learned")).toBool());
    QCOMPARE(acceptedOutcome.value(QStringLiteral("articleId")),
             items.at(0).toObject().value(QStringLiteral("articleId")));
    QCOMPARE(acceptedOutcome.value(QStringLiteral("shown")).toArray().size(), 3);
    QCOMPARE(acceptedOutcome.value(QStringLiteral("displayMs")).toInteger(), 2500);

    // Edited from the second: distance between 0 and 1; the reason comes after sending.
    const QString second = items.at(1).toObject().value(QStringLiteral("answer")).toString();
    const QString edited = second + QStringLiteral(" Sorry for the trouble.");
    const QJsonObject editAck =
        sendWith(edited, {{QStringLiteral("action"), QStringLiteral("edited")},
                          {QStringLiteral("rank"), 2}});
    QVERIFY(isAck(editAck));
    const QJsonObject editOutcome = editAck.value(QStringLiteral("outcome")).toObject();
    const double distance = editOutcome.value(QStringLiteral("editDistance")).toDouble();
    QVERIFY2(distance > 0 && distance < 1, qPrintable(QString::number(distance)));
    QCOMPARE(distance, suggestion::normalizedEditDistance(second, edited));
    QVERIFY(isAck(agent->reply(
        agent->send(cmd("suggestion.reason",
                        {{QStringLiteral("outcomeId"), editOutcome.value(QStringLiteral("id"))},
                         {QStringLiteral("reason"), QStringLiteral("tone")}})))));

    // Overridden with the agent's own words.
    const QJsonObject overrideAck =
        sendWith(QStringLiteral("I have refunded the second charge; it shows in 3 days."),
                 {{QStringLiteral("action"), QStringLiteral("overridden")}});
    QVERIFY(isAck(overrideAck));
    const qint64 overrideId = overrideAck.value(QStringLiteral("outcome"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    QVERIFY(!overrideAck.value(QStringLiteral("outcome"))
                 .toObject()
                 .value(QStringLiteral("learned"))
                 .toBool());
    QVERIFY(isAck(agent->reply(agent->send(
        cmd("suggestion.reason", {{QStringLiteral("outcomeId"), overrideId},
                                  {QStringLiteral("reason"), QStringLiteral("missing_data")}})))));
    // Bad input is refused clearly and changes nothing.
    QCOMPARE(errorCode(agent->reply(agent->send(cmd(
                 "suggestion.reason", {{QStringLiteral("outcomeId"), overrideId},
                                       {QStringLiteral("reason"), QStringLiteral("because")}})))),
             QStringLiteral("invalid_field"));
    QCOMPARE(errorCode(sendWith(QStringLiteral("x"),
                                {{QStringLiteral("action"), QStringLiteral("accepted")},
                                 {QStringLiteral("rank"), 7}})),
             QStringLiteral("invalid_field"));

    // Agents may not read the record; supervisors read it with a summary.
    QCOMPARE(errorCode(agent->reply(agent->send(cmd("suggestion.outcomes")))),
             QStringLiteral("forbidden"));
    const QJsonObject read = supervisor->reply(
        supervisor->send(cmd("suggestion.outcomes", {{QStringLiteral("conversationId"), id}})));
    QVERIFY2(isAck(read), QJsonDocument(read).toJson().constData());
    const QJsonArray outcomes = read.value(QStringLiteral("outcomes")).toArray();
    QCOMPARE(outcomes.size(), 3);
    QCOMPARE(outcomes.at(0).toObject().value(QStringLiteral("action")).toString(),
             QStringLiteral("overridden"));
    QCOMPARE(outcomes.at(0).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("missing_data"));
    QCOMPARE(outcomes.at(1).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("tone"));
    QCOMPARE(outcomes.at(2).toObject().value(QStringLiteral("action")).toString(),
             QStringLiteral("accepted"));
    const QJsonObject summary = read.value(QStringLiteral("summary")).toObject();
    QVERIFY(summary.value(QStringLiteral("actions"))
                .toObject()
                .value(QStringLiteral("accepted"))
                .toInt() >= 1);
    QVERIFY(summary.value(QStringLiteral("routing"))
                    .toObject()
                    .value(QStringLiteral("not_cleared"))
                    .toInt() +
                summary.value(QStringLiteral("routing"))
                    .toObject()
                    .value(QStringLiteral("negative_sentiment"))
                    .toInt() >=
            1);

    // The accepted reply taught the bot the question; a retraining picks it up.
    auto learned = m_fx->hub().store().learnedExamples(100);
    QVERIFY(learned.ok());
    QVERIFY(learned->contains(
        qMakePair(QStringLiteral("I was charged twice"),
                  acceptedOutcome.value(QStringLiteral("articleId")).toString())));
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->hub().engine().suggestions()->report().examples > 2091,
                             kTrainingWait);
}

void TestHubRouting::autoAnswerOnlyBySupervisors()
{
    auto trainerDesk = m_fx->agent(freshUser(Role::Trainer));
    auto agent = m_fx->agent(freshUser(Role::Agent));
    auto supervisor = m_fx->agent(freshUser(Role::Supervisor));
    QVERIFY(trainerDesk && agent && supervisor);
    const QString id = QStringLiteral("refund-status");
    auto before = m_fx->hub().store().article(id);
    QVERIFY(before.ok());
    QVERIFY(!before->autoAnswer);

    // A trainer edits the article but may not clear it for automatic answers.
    KbArticle changed = before.value();
    changed.autoAnswer = true;
    QCOMPARE(errorCode(trainerDesk->reply(trainerDesk->send(
                 cmd("kb.save", {{QStringLiteral("article"), changed.toJson()}})))),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(agent->reply(
                 agent->send(cmd("kb.autoAnswer", {{QStringLiteral("articleId"), id},
                                                   {QStringLiteral("autoAnswer"), true}})))),
             QStringLiteral("forbidden"));
    QVERIFY(!m_fx->hub().store().article(id)->autoAnswer);

    const QJsonObject ack = supervisor->reply(
        supervisor->send(cmd("kb.autoAnswer", {{QStringLiteral("articleId"), id},
                                               {QStringLiteral("autoAnswer"), true}})));
    QVERIFY2(isAck(ack), QJsonDocument(ack).toJson().constData());
    QVERIFY(m_fx->hub().store().article(id)->autoAnswer);
    auto audit = m_fx->hub().store().auditEntries(20);
    QVERIFY(audit.ok());
    bool audited = false;
    for (const QJsonObject &entry : std::as_const(audit.value()))
        audited = audited || QJsonDocument(entry).toJson().contains("kb.autoAnswer");
    QVERIFY(audited);
    // And back, so the other tests keep the demo's clearance.
    QVERIFY(isAck(supervisor->reply(
        supervisor->send(cmd("kb.autoAnswer", {{QStringLiteral("articleId"), id},
                                               {QStringLiteral("autoAnswer"), false}})))));
}

void TestHubRouting::peakLoadSendsAnHonestHoldingMessage()
{
    HubFixture busy;
    HubSettings settings;
    settings.peakWaitMs = 1; // any wait at all counts as a peak
    QVERIFY(startWithDemoKb(busy, settings));
    auto first = busy.customer(QStringLiteral("peak-customer-key-0001"), QStringLiteral("A"));
    const qint64 firstId = HubFixture::say(*first, QStringLiteral("agent please"));
    QVERIFY(firstId > 0);
    const qint64 since = busy.hub().store().conversation(firstId)->waitingSinceMs;
    QVERIFY(since > 0);
    // The second hand-over must come after the first customer started waiting.
    QTRY_VERIFY_WITH_TIMEOUT(HubFixture::now() > since + 1, 5000);
    auto second = busy.customer(QStringLiteral("peak-customer-key-0002"), QStringLiteral("B"));
    QVERIFY(HubFixture::say(*second, QStringLiteral("What's your return policy? agent please")) >
            0);
    const QJsonObject holding = second->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("type")) == QStringLiteral("message") &&
               f.value(QStringLiteral("message")).toObject().value(QStringLiteral("sender")) ==
                   QStringLiteral("bot");
    });
    QVERIFY(!holding.isEmpty());
    const QString text = holding.value(QStringLiteral("message"))
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString();
    QVERIFY2(text.contains(QStringLiteral("All our agents are busy")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[Automatic answer]")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestHubRouting)
#include "tst_hub_routing.moc"
