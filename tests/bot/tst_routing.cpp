#include "routing.h"

#include <QTest>

using namespace tandem;

/// The routing rules on their own: who answers, and the text checks they rely on.
class TestRouting : public QObject
{
    Q_OBJECT

private slots:
    void asksForHuman_data();
    void asksForHuman();
    void greetingOnly_data();
    void greetingOnly();
    void answerLanguage_data();
    void answerLanguage();
    void fillsKnownVariablesOnly();
    void decision_data();
    void decision();
    void failuresCountRepeats();
};

void TestRouting::asksForHuman_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("human");
    QTest::newRow("zh-CN 转人工") << QStringLiteral("我的快递到哪了？转人工") << true;
    QTest::newRow("zh-CN 人工客服") << QStringLiteral("人工客服！！") << true;
    QTest::newRow("zh-TW 轉人工") << QStringLiteral("請幫我轉人工") << true;
    QTest::newRow("zh-TW 真人") << QStringLiteral("可以找真人嗎") << true;
    QTest::newRow("en agent please") << QStringLiteral("agent please") << true;
    QTest::newRow("en AGENT, please") << QStringLiteral("AGENT, please!!") << true;
    QTest::newRow("en talk to a human") << QStringLiteral("can I talk to a human?") << true;
    QTest::newRow("en real person") << QStringLiteral("I want a real person") << true;
    QTest::newRow("en connect me") << QStringLiteral("connect me to a representative") << true;
    QTest::newRow("zh question") << QStringLiteral("我的快递到哪了") << false;
    QTest::newRow("zh AI question") << QStringLiteral("你们用人工智能吗") << false;
    QTest::newRow("en question") << QStringLiteral("Where is my parcel?") << false;
    QTest::newRow("en agents word") << QStringLiteral("Which courier agents do you use?") << false;
}

void TestRouting::asksForHuman()
{
    QFETCH(QString, text);
    QFETCH(bool, human);
    QCOMPARE(tandem::asksForHuman(text), human);
}

void TestRouting::greetingOnly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("greeting");
    QTest::newRow("在吗") << QStringLiteral("在吗") << true;
    QTest::newRow("在吗？？") << QStringLiteral("在吗？？") << true;
    QTest::newRow("你好 在吗") << QStringLiteral("你好，在吗") << true;
    QTest::newRow("zh-TW 哈囉") << QStringLiteral("哈囉～") << true;
    QTest::newRow("zh-TW 請問有人在嗎") << QStringLiteral("請問有人在嗎") << true;
    QTest::newRow("hello?") << QStringLiteral("Hello?") << true;
    QTest::newRow("hi there? no") << QStringLiteral("hi, where is my order") << false;
    QTest::newRow("question") << QStringLiteral("在吗 我的退款呢") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestRouting::greetingOnly()
{
    QFETCH(QString, text);
    QFETCH(bool, greeting);
    QCOMPARE(isGreetingOnly(text), greeting);
}

void TestRouting::answerLanguage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("language");
    QTest::newRow("simplified") << QStringLiteral("退款还没到账") << QString()
                                << QStringLiteral("zh-CN");
    QTest::newRow("traditional") << QStringLiteral("退款還沒到帳") << QString()
                                 << QStringLiteral("zh-TW");
    QTest::newRow("ambiguous han, tw locale")
        << QStringLiteral("你好") << QStringLiteral("zh-TW") << QStringLiteral("zh-TW");
    QTest::newRow("english") << QStringLiteral("Where is my refund?") << QStringLiteral("zh-CN")
                             << QStringLiteral("en");
    QTest::newRow("mixed") << QStringLiteral("我的 iPhone 15 退款还没到账") << QString()
                           << QStringLiteral("zh-CN");
}

void TestRouting::answerLanguage()
{
    QFETCH(QString, text);
    QFETCH(QString, locale);
    QFETCH(QString, language);
    QCOMPARE(tandem::answerLanguage(text, locale), language);
}

void TestRouting::fillsKnownVariablesOnly()
{
    const QHash<QString, QString> values{
        {QStringLiteral("customer.name"), QStringLiteral("王小明")}};
    QCOMPARE(fillAnswerVariables(
                 QStringLiteral("{{customer.name}}您好，订单 {{ order.id }} 已发货"), values),
             QStringLiteral("王小明您好，订单 {{ order.id }} 已发货"));
    QCOMPARE(fillAnswerVariables(QStringLiteral("no variables"), values),
             QStringLiteral("no variables"));
}

void TestRouting::decision_data()
{
    QTest::addColumn<bool>("modelReady");
    QTest::addColumn<double>("confidence");
    QTest::addColumn<bool>("cleared");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("trend");
    QTest::addColumn<bool>("human");
    QTest::addColumn<bool>("greeting");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("reason");
    const QString ok = QStringLiteral("neutral");
    const QString steady = QStringLiteral("steady");
    QTest::newRow("answers") << true << 0.9 << true << ok << steady << false << false << true
                             << QStringLiteral("bot_answered");
    QTest::newRow("no model") << false << 0.9 << true << ok << steady << false << false << true
                              << QStringLiteral("bot_unavailable");
    QTest::newRow("human first") << true << 0.9 << true << QStringLiteral("negative") << steady
                                 << true << false << true << QStringLiteral("human_requested");
    QTest::newRow("negative") << true << 0.9 << true << QStringLiteral("negative") << steady
                              << false << false << true << QStringLiteral("negative_sentiment");
    QTest::newRow("falling") << true << 0.9 << true << ok << QStringLiteral("falling") << false
                             << false << true << QStringLiteral("negative_sentiment");
    QTest::newRow("greeting") << true << 0.1 << false << ok << steady << false << true << true
                              << QStringLiteral("greeting");
    QTest::newRow("unsure") << true << 0.3 << true << ok << steady << false << false << true
                            << QStringLiteral("unknown_question");
    QTest::newRow("not cleared") << true << 0.9 << false << ok << steady << false << false << true
                                 << QStringLiteral("not_cleared");
    QTest::newRow("needs details") << true << 0.9 << true << ok << steady << false << false << false
                                   << QStringLiteral("needs_details");
}

void TestRouting::decision()
{
    QFETCH(bool, modelReady);
    QFETCH(double, confidence);
    QFETCH(bool, cleared);
    QFETCH(QString, label);
    QFETCH(QString, trend);
    QFETCH(bool, human);
    QFETCH(bool, greeting);
    QFETCH(bool, complete);
    QFETCH(QString, reason);
    RoutingInputs in;
    in.modelReady = modelReady;
    in.suggestions.threshold = 0.5;
    Suggestion top;
    top.articleId = QStringLiteral("a");
    top.intent = QStringLiteral("x.y");
    top.confidence = confidence;
    in.suggestions.suggestions = {top};
    in.suggestions.outOfScope = confidence < 0.5;
    in.autoAnswerCleared = cleared;
    in.sentiment.label =
        label == QLatin1String("negative") ? SentimentLabel::Negative : SentimentLabel::Neutral;
    in.sentimentTrend = trend;
    in.humanRequested = human;
    in.greetingOnly = greeting;
    in.answerComplete = complete;
    const RoutingDecision d = decideRouting(in);
    QCOMPARE(routingReasonName(d.reason), reason);
    QCOMPARE(d.botAnswers,
             reason == QLatin1String("bot_answered") || reason == QLatin1String("greeting"));
    // The recorded inputs say why.
    const QJsonObject json = d.toJson(in);
    QCOMPARE(json.value(QStringLiteral("reason")).toString(), reason);
    QCOMPARE(json.value(QStringLiteral("inputs"))
                 .toObject()
                 .value(QStringLiteral("humanRequested"))
                 .toBool(),
             human);
}

void TestRouting::failuresCountRepeats()
{
    RoutingInputs in;
    in.modelReady = true;
    in.suggestions.threshold = 0.5;
    Suggestion top;
    top.confidence = 0.9;
    in.suggestions.suggestions = {top};
    in.suggestions.outOfScope = false;
    in.autoAnswerCleared = true;
    in.repeatsAnsweredIntent = true;
    in.botFailures = 0;
    RoutingDecision d = decideRouting(in);
    QVERIFY(d.botAnswers);
    QCOMPARE(d.botFailures, 1);
    in.botFailures = 1;
    d = decideRouting(in);
    QVERIFY(!d.botAnswers);
    QCOMPARE(routingReasonName(d.reason), QStringLiteral("bot_failed_twice"));
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
