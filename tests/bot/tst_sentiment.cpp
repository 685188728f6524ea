#include "sentiment.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <thread>
#include <vector>

using namespace tandem;

/// Labels, ordering, escalation and trends of the lexicon sentiment analyzer on sentences written
/// for this test in Simplified Chinese, Traditional Chinese and English.
class TestSentiment : public QObject
{
    Q_OBJECT
private slots:
    void builtInLexicon();
    void labels_data();
    void labels();
    void ordering_data();
    void ordering();
    void escalation_data();
    void escalation();
    void cues();
    void trend_data();
    void trend();
    void edgeCases_data();
    void edgeCases();
    void veryLongInput();
    void deterministicAcrossThreads();
    void fromFiles();
    void fromFilesErrors();
};

namespace {

const LexiconSentiment &analyzer()
{
    return LexiconSentiment::instance();
}

bool sane(const SentimentResult &r)
{
    return std::isfinite(r.score) && r.score >= -1 && r.score <= 1 && r.confidence >= 0 &&
           r.confidence <= 1;
}

} // namespace

void TestSentiment::builtInLexicon()
{
    QVERIFY(analyzer().chineseEntryCount() >= 300);
    QVERIFY(analyzer().englishEntryCount() >= 300);
}

void TestSentiment::labels_data()
{
    // "expected" may list acceptable labels separated by "|" where a sentence is honestly
    // borderline ("並不差" is faint praise at best).
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *text, const char *expected) {
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(expected);
    };
    // Simplified Chinese
    row("不是很满意", "negative");
    row("没问题，谢谢", "positive");
    row("不错，物流很快", "positive");
    row("快递太慢了", "negative");
    row("一直没人回复", "negative");
    row("等了好久还没收到", "negative");
    row("谢谢你们，问题解决了", "positive");
    row("请问什么时候发货？", "neutral");
    row("订单号是多少？", "neutral");
    row("质量太差了，很失望", "negative");
    row("客服态度很好，非常耐心", "positive");
    row("东西收到了，很满意", "positive");
    row("包装破损，里面的杯子碎了", "negative");
    row("退款三天了还没到账", "negative");
    row("我想修改收货地址", "neutral");
    row("不太好用", "negative");
    row("物流不算慢", "positive|neutral");
    row("虽然快递很快，但是东西坏了", "negative");
    row("太好了，终于到了！", "positive");
    row("有点慢", "negative");
    row("你们的服务太差劲了", "negative");
    row("还可以吧", "neutral|positive");
    row("一点都不好", "negative");
    row("没有不满意的地方", "positive|neutral");
    row("这个 refund 太 slow 了", "negative");
    row("东西很好 but 物流 too slow", "negative");
    row("价格便宜，质量也不错", "positive");
    row("谢谢，不过还是有点失望", "negative");
    row("为什么还没发货？？？", "negative");
    // Traditional Chinese
    row("並不差", "positive|neutral");
    row("客服態度很好，謝謝", "positive");
    row("等了很久都沒人處理", "negative");
    row("東西壞了，很失望", "negative");
    row("出貨速度超快，讚", "positive");
    row("退款一直沒到帳，非常不滿意", "negative");
    row("謝謝你的耐心說明", "positive");
    row("請問可以開發票嗎？", "neutral");
    row("包裹到了，沒問題", "positive");
    row("品質很爛", "negative");
    row("真的很傻眼", "negative");
    row("處理速度很慢耶", "negative");
    // English
    row("not bad at all", "positive");
    row("I'm not happy", "negative");
    row("Thanks, that solved it", "positive");
    row("Great service, thank you so much!", "positive");
    row("The package still hasn't arrived", "negative");
    row("No one answered my emails for a week", "negative");
    row("Where is my order?", "neutral");
    row("Can I change the delivery address?", "neutral");
    row("The item arrived damaged", "negative");
    row("This is the worst service ever", "negative");
    row("I'm very disappointed with the quality", "negative");
    row("It works now, perfect", "positive");
    row("Not very helpful", "negative");
    row("Honestly not the best experience", "negative");
    row("The refund has not been received", "negative");
    row("Everything is fine, no worries", "positive");
    row("Delivery was fast but the box was crushed", "negative");
    row("I'd like to return this item", "neutral");
    row("The app keeps crashing, so frustrating!!!", "negative");
    row("Absolutely love it", "positive");
    row("It's okay I guess", "neutral|positive");
    row("You are useless idiots", "negative");
    row("What are your opening hours?", "neutral");
    row("I have been waiting for two weeks, this is ridiculous", "negative");
    row("Not great, not terrible", "neutral|negative");
    row("Is the blue one any good?", "neutral");
}

void TestSentiment::labels()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const SentimentResult r = analyzer().analyze(text);
    QVERIFY(sane(r));
    const QString got = sentimentLabelName(r.label);
    QVERIFY2(expected.split(u'|').contains(got),
             qPrintable(QStringLiteral("got %1 (%2), cues: %3")
                            .arg(got)
                            .arg(r.score, 0, 'f', 2)
                            .arg(r.cues.join(QStringLiteral(", ")))));
    if (r.label != SentimentLabel::Neutral)
        QVERIFY(!r.cues.isEmpty());
}

void TestSentiment::ordering_data()
{
    // score(lower) < score(higher): stronger complaints sit lower, stronger praise higher.
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    const auto row = [](const char *lower, const char *higher) {
        QTest::newRow(lower) << QString::fromUtf8(lower) << QString::fromUtf8(higher);
    };
    row("太慢了!!!", "有点慢");
    row("慢", "有点慢");
    row("太慢了", "慢");
    row("太慢了！！！", "太慢了");
    row("太慢了啊啊啊", "太慢了");
    row("不满意", "不是很满意");
    row("very slow", "slow");
    row("VERY SLOW!!!", "very slow");
    row("not good", "not very good");
    row("terrible", "bad");
    row("why is it late???", "why is it late?");
    row("好", "太好了！！！");
    row("thanks", "THANKS!!!");
    row("满意", "非常满意");
    row("有点慢", "没问题");
}

void TestSentiment::ordering()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    const double a = analyzer().analyze(lower).score;
    const double b = analyzer().analyze(higher).score;
    QVERIFY2(a < b, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
}

void TestSentiment::escalation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("escalation");
    const auto row = [](const char *text, bool escalation) {
        QTest::newRow(text) << QString::fromUtf8(text) << escalation;
    };
    row("再不退款我就去12315投诉", true);
    row("我要向消保官檢舉", true);
    row("I'll file a chargeback", true);
    row("you are useless idiots", true);
    row("I'm going to cancel my account", true);
    row("你们是骗子吧", true);
    row("我要找律师起诉你们", true);
    row("This is the worst service ever", true);
    row("我再也不买你们家的东西了", true);
    row("再這樣我就打1950", true);
    row("I'll wait, thanks", false);
    row("我不会去投诉的，放心", false);
    row("Please cancel my order", false);
    row("我想取消订单", false);
    row("快递太慢了", false);
    row("Can I speak to someone else?", false);
}

void TestSentiment::escalation()
{
    QFETCH(QString, text);
    QFETCH(bool, escalation);
    const SentimentResult r = analyzer().analyze(text);
    QCOMPARE(r.escalation, escalation);
    QCOMPARE(r.escalationCues.isEmpty(), !escalation);
    if (escalation)
        QCOMPARE(r.label, SentimentLabel::Negative);
}

void TestSentiment::cues()
{
    const SentimentResult r = analyzer().analyze(QStringLiteral("不是很满意"));
    QCOMPARE(r.cues, QStringList{QStringLiteral("不是很满意")});
    const SentimentResult english = analyzer().analyze(QStringLiteral("not bad at all"));
    QCOMPARE(english.cues, QStringList{QStringLiteral("not bad at all")});
    const SentimentResult twelve = analyzer().analyze(QStringLiteral("再不退款我就去12315投诉"));
    QCOMPARE(twelve.escalationCues, QStringList{QStringLiteral("12315")});
    // Praise in a complaint is not a reason for the complaint.
    const SentimentResult mixed = analyzer().analyze(QStringLiteral("谢谢，但是快递太慢了"));
    QCOMPARE(mixed.label, SentimentLabel::Negative);
    QVERIFY(!mixed.cues.contains(QStringLiteral("谢谢")));
    QVERIFY(mixed.confidence < analyzer().analyze(QStringLiteral("快递太慢了")).confidence);
}

void TestSentiment::trend_data()
{
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("current");
    QTest::newRow("falling") << QList<double>{0.5, 0.1, -0.4, -0.7} << int(SentimentTrend::Falling)
                             << -0.7;
    QTest::newRow("steady") << QList<double>{0.2, 0.25, 0.2, 0.22} << int(SentimentTrend::Steady)
                            << 0.22;
    QTest::newRow("rising") << QList<double>{-0.6, -0.2, 0.3, 0.6} << int(SentimentTrend::Rising)
                            << 0.6;
    QTest::newRow("only the last five count")
        << QList<double>{-1, -1, -1, 0.3, 0.3, 0.3, 0.3, 0.3} << int(SentimentTrend::Steady) << 0.3;
    QTest::newRow("empty") << QList<double>{} << int(SentimentTrend::Steady) << 0.0;
    QTest::newRow("one") << QList<double>{-0.5} << int(SentimentTrend::Steady) << -0.5;
    QTest::newRow("nan ignored") << QList<double>{0.5, std::nan(""), -0.5}
                                 << int(SentimentTrend::Falling) << -0.5;
}

void TestSentiment::trend()
{
    QFETCH(QList<double>, scores);
    QFETCH(int, direction);
    QFETCH(double, current);
    const SentimentTrend t = sentimentTrend(scores);
    QCOMPARE(int(t.direction), direction);
    QCOMPARE(t.current, current);
    QVERIFY(std::isfinite(t.slope));
}

void TestSentiment::edgeCases_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const QString &text, const char *expected) {
        QTest::newRow(name) << text << QString::fromUtf8(expected);
    };
    row("empty", QString(), "neutral");
    row("spaces", QStringLiteral("   \n\t "), "neutral");
    row("punctuation", QStringLiteral("!!!???。。。"), "neutral");
    row("digits", QStringLiteral("12345678"), "neutral");
    row("nul", QString(QChar(0)) + QStringLiteral("好"), "positive");
    row("thumbs up", QString::fromUtf8("👍👍"), "positive");
    row("angry face", QString::fromUtf8("😡"), "negative");
    row("unknown emoji", QString::fromUtf8("🦄"), "neutral");
    row("lone surrogate", QString(QChar(0xD800)), "neutral");
    row("decimal", QStringLiteral("3.5"), "neutral");
}

void TestSentiment::edgeCases()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const SentimentResult r = analyzer().analyze(text);
    QVERIFY(sane(r));
    QCOMPARE(sentimentLabelName(r.label), expected);
    if (r.label == SentimentLabel::Neutral && r.cues.isEmpty())
        QVERIFY(!r.escalation);
}

void TestSentiment::veryLongInput()
{
    QString text;
    for (int i = 0; i < 5000; ++i)
        text += QString::fromUtf8("快递太慢了，but thanks anyway. ");
    const SentimentResult r = analyzer().analyze(text);
    QVERIFY(sane(r));
    QVERIFY(r.cues.size() < 10); // cues are de-duplicated
    const SentimentResult one = analyzer().analyze(QString(100000, u'a'));
    QVERIFY(sane(one));
    QCOMPARE(one.label, SentimentLabel::Neutral);
}

void TestSentiment::deterministicAcrossThreads()
{
    const QStringList inputs = {
        QString::fromUtf8("不是很满意"),
        QString::fromUtf8("並不差"),
        QStringLiteral("not bad at all"),
        QString::fromUtf8("再不退款我就去12315投诉"),
        QString::fromUtf8("这个 refund 太 slow 了"),
        QStringLiteral("THANKS!!!"),
        QString::fromUtf8("太慢了啊啊啊👎"),
    };
    QList<SentimentResult> expected;
    for (const QString &input : inputs)
        expected.append(analyzer().analyze(input));
    std::atomic<int> mismatches = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 50; ++round) {
                for (qsizetype i = 0; i < inputs.size(); ++i) {
                    if (!(analyzer().analyze(inputs.at(i)) == expected.at(i)))
                        ++mismatches;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

namespace {

void writeFile(const QTemporaryDir &dir, const char *name, const char *content)
{
    QFile file(dir.filePath(QString::fromUtf8(name)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

void writeLexicon(const QTemporaryDir &dir, const char *positive)
{
    writeFile(dir, "positive.txt", positive);
    writeFile(dir, "negative.txt", "# custom\n糟 2\nmeh 1\n");
    writeFile(dir, "degree.txt", "很 1.5\n");
    writeFile(dir, "negation.txt", "不 0.8\nnot 0.8\n");
    writeFile(dir, "contrast.txt", "");
    writeFile(dir, "neutral.txt", "");
    writeFile(dir, "escalation.txt", "lawyer 3\n");
}

} // namespace

void TestSentiment::fromFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeLexicon(dir, "妙 2\nsplendid 2\n");
    const Result<LexiconSentiment> custom = LexiconSentiment::fromFiles(dir.path());
    QVERIFY2(custom.ok(), qPrintable(custom.error().message));
    QCOMPARE(custom->analyze(QString::fromUtf8("很妙")).label, SentimentLabel::Positive);
    QCOMPARE(custom->analyze(QString::fromUtf8("不妙")).label, SentimentLabel::Negative);
    QCOMPARE(custom->analyze(QStringLiteral("splendid")).label, SentimentLabel::Positive);
    // The built-in lexicon is not mixed in.
    QCOMPARE(custom->analyze(QStringLiteral("great")).label, SentimentLabel::Neutral);
    QVERIFY(custom->analyze(QStringLiteral("call my lawyer")).escalation);
}

void TestSentiment::fromFilesErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(LexiconSentiment::fromFiles(dir.path()).error().code, QStringLiteral("lexicon.open"));
    writeLexicon(dir, "妙\n");
    const Result<LexiconSentiment> syntax = LexiconSentiment::fromFiles(dir.path());
    QCOMPARE(syntax.error().code, QStringLiteral("lexicon.syntax"));
    QVERIFY(syntax.error().message.contains(QStringLiteral("positive.txt:1")));
    writeLexicon(dir, "meh 1\n");
    QCOMPARE(LexiconSentiment::fromFiles(dir.path()).error().code,
             QStringLiteral("lexicon.conflict"));
}

QTEST_GUILESS_MAIN(TestSentiment)
#include "tst_sentiment.moc"
