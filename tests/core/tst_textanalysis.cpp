#include "textanalysis.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>
#include <vector>

using namespace tandem;

/// Every pipeline step on Simplified, Traditional and English input, edge cases, determinism
/// across threads.
class TestTextAnalysis : public QObject
{
    Q_OBJECT
private slots:
    void normalization_data();
    void normalization();
    void foldToSimplified_data();
    void foldToSimplified();
    void segmentation_data();
    void segmentation();
    void traditionalMatchesSimplified_data();
    void traditionalMatchesSimplified();
    void regionalVocabulary_data();
    void regionalVocabulary();
    void tentIsNotAnAccount_data();
    void tentIsNotAnAccount();
    void stemming_data();
    void stemming();
    void stopWords_data();
    void stopWords();
    void negationsKept_data();
    void negationsKept();
    void script_data();
    void script();
    void mixedText();
    void edgeCases_data();
    void edgeCases();
    void veryLongInput();
    void ngrams_data();
    void ngrams();
    void concurrentResultsMatchSingleThreaded();
};

namespace {

AnalyzedText analyze(const QString &text)
{
    return TextAnalyzer::instance().analyze(text);
}

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList list(const char *spaceSeparatedUtf8)
{
    return QString::fromUtf8(spaceSeparatedUtf8).split(u' ', Qt::SkipEmptyParts);
}

} // namespace

void TestTextAnalysis::normalization_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("full-width latin") << s("ＩＰＨＯＮＥ１５") << s("iphone15");
    QTest::newRow("case folding") << s("Refund PLEASE") << s("refund please");
    QTest::newRow("ideographic space") << s("ＡＢＣ　ｄｅｆ") << s("abc def");
    QTest::newRow("curly apostrophe") << s("I didn’t") << s("i didn't");
    QTest::newRow("simplified unchanged") << s("我的订单还没到") << s("我的订单还没到");
    QTest::newRow("full-width punctuation") << s("退款！？") << s("退款!?");
    QTest::newRow("traditional folded") << s("這間酒店") << s("这间酒店");
    QTest::newRow("mixed") << s("我的ｉＰｈｏｎｅ１５，訂單") << s("我的iphone15,订单");
}

void TestTextAnalysis::normalization()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    const QString original = input;
    QCOMPARE(analyze(input).normalized, normalized);
    QCOMPARE(input, original);
}

void TestTextAnalysis::foldToSimplified_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("simplified");
    QTest::newRow("traditional") << s("這間酒店退款還沒到賬") << s("这间酒店退款还没到账");
    QTest::newRow("simplified unchanged") << s("这间酒店退款还没到账") << s("这间酒店退款还没到账");
    QTest::newRow("english unchanged") << s("Where is my ORDER?") << s("Where is my ORDER?");
    QTest::newRow("mixed") << s("我的訂單 order #A1234 還沒到")
                           << s("我的订单 order #A1234 还没到");
    QTest::newRow("empty") << QString() << QString();
}

void TestTextAnalysis::foldToSimplified()
{
    QFETCH(QString, input);
    QFETCH(QString, simplified);
    QCOMPARE(TextAnalyzer::instance().foldToSimplified(input), simplified);
}

void TestTextAnalysis::segmentation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected"); // each must be among allTokens
    // Snowball stems "iphone" to "iphon"; queries are analysed the same way, so they still match.
    QTest::newRow("simplified") << s("我的iPhone 15退款还没到账，太慢了!!!")
                                << list("退款 iphon 15 太慢 没");
    QTest::newRow("traditional") << s("我的訂單 order #A1234 還沒到")
                                 << list("订单 order a1234 没");
    QTest::newRow("english") << s("Where is my order #A1234? It's 3 days late.")
                             << list("where order a1234 3 day late");
    QTest::newRow("alphanumerics") << s("iPhone15 SKU-889 v2") << list("iphone15 sku 889 v2");
}

void TestTextAnalysis::segmentation()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    const AnalyzedText a = analyze(input);
    for (const QString &token : expected)
        QVERIFY2(a.allTokens.contains(token),
                 qPrintable(token + QStringLiteral(" not in ") + a.allTokens.join(u'|')));
    for (const QString &token : a.allTokens) {
        const bool hasWordCharacter =
            std::any_of(token.begin(), token.end(), [](QChar c) { return c.isLetterOrNumber(); });
        QVERIFY2(hasWordCharacter, qPrintable(QStringLiteral("punctuation token: ") + token));
        QVERIFY(!token.contains(u' '));
    }
}

void TestTextAnalysis::traditionalMatchesSimplified_data()
{
    QTest::addColumn<QString>("traditional");
    QTest::addColumn<QString>("simplified");
    QTest::newRow("refund") << s("這間酒店退款還沒到賬") << s("这间酒店退款还没到账");
    QTest::newRow("return") << s("這個商品可以退貨嗎？我不要了")
                            << s("这个商品可以退货吗？我不要了");
    QTest::newRow("mixed") << s("我的訂單 order #A1234 還沒到")
                           << s("我的订单 order #A1234 还没到");
    QTest::newRow("logistics") << s("請問物流資訊什麼時候更新") << s("请问物流资讯什么时候更新");
}

void TestTextAnalysis::traditionalMatchesSimplified()
{
    QFETCH(QString, traditional);
    QFETCH(QString, simplified);
    const AnalyzedText t = analyze(traditional);
    const AnalyzedText v = analyze(simplified);
    QVERIFY(!v.tokens.isEmpty());
    QCOMPARE(t.allTokens, v.allTokens);
    QCOMPARE(t.tokens, v.tokens);
    QCOMPARE(t.charNgrams(2), v.charNgrams(2));
}

void TestTextAnalysis::regionalVocabulary_data()
{
    QTest::addColumn<QString>("taiwan");
    QTest::addColumn<QString>("mainland");
    QTest::newRow("points") << s("請問點數什麼時候會入帳？") << s("请问积分什么时候会入账？");
    QTest::newRow("text message") << s("刷卡成功但沒收到簡訊") << s("刷卡成功但没收到短信");
    QTest::newRow("shipping") << s("什麼時候會出貨") << s("什么时候会发货");
    QTest::newRow("coupon") << s("折價券要怎麼用") << s("优惠券要怎么用");
    QTest::newRow("account login") << s("帳號登入不了") << s("账号登录不了");
    QTest::newRow("delivery choice")
        << s("宅配還是超商取貨比較快") << s("快递还是便利店取货比较快");
    QTest::newRow("warranty") << s("保固多久") << s("保修多久");
    QTest::newRow("mixed script") << s("我的 iPhone 15 帳單和簡訊")
                                  << s("我的 iPhone 15 账单和短信");
}

// Taiwan and Mainland customers name the same things differently; both must analyse alike.
void TestTextAnalysis::regionalVocabulary()
{
    QFETCH(QString, taiwan);
    QFETCH(QString, mainland);
    const AnalyzedText t = analyze(taiwan);
    const AnalyzedText m = analyze(mainland);
    QCOMPARE(t.normalized, m.normalized);
    QCOMPARE(t.tokens, m.tokens);
    QCOMPARE(t.charNgrams(2), m.charNgrams(2));
}

void TestTextAnalysis::tentIsNotAnAccount_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("tent") << s("帳篷可以退嗎") << s("帐篷可以退吗");
    QTest::newRow("mosquito net") << s("蚊帳破了") << s("蚊帐破了");
    QTest::newRow("tent and account") << s("帳號裡的帳篷訂單") << s("账号里的帐篷订单");
    QTest::newRow("english untouched") << s("Points and SMS") << s("points and sms");
}

void TestTextAnalysis::tentIsNotAnAccount()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QCOMPARE(analyze(input).normalized, normalized);
}

void TestTextAnalysis::stemming_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QString>("stem");
    QTest::newRow("refund") << list("refund refunds refunded refunding Refunded") << s("refund");
    QTest::newRow("deliver") << list("delivery deliveries delivered delivering delivers")
                             << s("deliv");
    QTest::newRow("cancel") << list("cancel cancelled canceled cancellation") << s("cancel");
    QTest::newRow("ship") << list("ship shipped shipping") << s("ship");
    QTest::newRow("order number kept") << list("a1234 A1234 Ａ1234 #A1234") << s("a1234");
    QTest::newRow("digits kept") << list("15 １５") << s("15");
    QTest::newRow("model kept") << list("iphone15 iPhone15") << s("iphone15");
}

void TestTextAnalysis::stemming()
{
    QFETCH(QStringList, words);
    QFETCH(QString, stem);
    for (const QString &word : words)
        QCOMPARE(analyze(word).tokens, QStringList{stem});
}

void TestTextAnalysis::stopWords_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("removed"); // in allTokens, not in tokens
    QTest::addColumn<QStringList>("kept");    // in both
    QTest::newRow("english") << s("Please check the status of my order") << list("pleas the of my")
                             << list("check status order");
    QTest::newRow("simplified") << s("请问我的订单到了吗") << list("请问 我的 吗") << list("订单");
    QTest::newRow("traditional") << s("請問我的訂單到了嗎") << list("请问 我的 吗") << list("订单");
    QTest::newRow("mixed") << s("您好，请帮我查一下 order A1234 的物流")
                           << list("您好 请 我 一下 的") << list("帮 查 order a1234 物流");
    QTest::newRow("negations") << s("It is not my order, I did not get a refund")
                               << list("it is my i did a") << list("not order get refund");
}

void TestTextAnalysis::stopWords()
{
    QFETCH(QString, input);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, kept);
    const AnalyzedText a = analyze(input);
    for (const QString &word : removed) {
        QVERIFY2(a.allTokens.contains(word), qPrintable(word));
        QVERIFY2(!a.tokens.contains(word), qPrintable(word));
    }
    for (const QString &word : kept) {
        QVERIFY2(a.allTokens.contains(word), qPrintable(word));
        QVERIFY2(a.tokens.contains(word), qPrintable(word));
    }
    // tokens are allTokens in order, minus stop words
    qsizetype i = 0;
    for (const QString &token : a.tokens) {
        while (i < a.allTokens.size() && a.allTokens[i] != token)
            ++i;
        QVERIFY(i < a.allTokens.size());
        ++i;
    }
}

void TestTextAnalysis::negationsKept_data()
{
    QTest::addColumn<QString>("word");
    for (const char *word : {"not", "no", "never", "nor", "cannot", "don't", "didn't", "won't",
                             "isn't", "without", "不", "没", "没有", "别", "未", "无", "不要"})
        QTest::newRow(word) << s(word);
}

void TestTextAnalysis::negationsKept()
{
    QFETCH(QString, word);
    const AnalyzedText a = analyze(word);
    QCOMPARE(a.tokens, QStringList{word});
    QCOMPARE(a.allTokens, QStringList{word});
}

void TestTextAnalysis::script_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Script>("script");
    QTest::newRow("latin") << s("hello") << Script::Latin;
    QTest::newRow("full-width latin") << s("ＡＢＣ") << Script::Latin;
    QTest::newRow("simplified") << s("你好") << Script::Han;
    QTest::newRow("traditional") << s("這個") << Script::Han;
    QTest::newRow("mixed") << s("我的 iPhone 15") << Script::Mixed;
    QTest::newRow("digits") << s("12345") << Script::Unknown;
    QTest::newRow("emoji") << s("😀") << Script::Unknown;
    QTest::newRow("cyrillic") << s("привет") << Script::Unknown;
    QTest::newRow("empty") << QString() << Script::Unknown;
}

void TestTextAnalysis::script()
{
    QFETCH(QString, input);
    QFETCH(Script, script);
    QCOMPARE(analyze(input).script, script);
}

void TestTextAnalysis::mixedText()
{
    const AnalyzedText a = analyze(s("我的訂單 order #A1234 還沒到"));
    QCOMPARE(a.normalized, s("我的订单 order #a1234 还没到"));
    QCOMPARE(a.allTokens, list("我的 订单 order a1234 还 没 到"));
    QCOMPARE(a.tokens, list("订单 order a1234 还 没 到"));
    QCOMPARE(a.ftsText(), s("订单 order a1234 还 没 到"));
    QCOMPARE(a.script, Script::Mixed);
}

void TestTextAnalysis::edgeCases_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("allTokens");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("whitespace") << s("  \t\n　 \r\n") << QStringList();
    QTest::newRow("emoji") << s("😀👍🏻🎉❤️🇨🇳") << QStringList();
    QTest::newRow("punctuation") << s("!!!，。？…——“”") << QStringList();
    // OpenCC stops at NUL, so controls become spaces before it runs.
    static constexpr char16_t controls[] = u"ab\u0001cd\u0000還沒";
    QTest::newRow("controls") << QStringView(controls, std::size(controls) - 1).toString()
                              << list("ab cd 还 没");
    QString loneSurrogate = s("退款");
    loneSurrogate.append(QChar(0xD800));
    loneSurrogate.append(s("到账"));
    QTest::newRow("lone surrogate") << loneSurrogate << list("退款 到 账");
    QTest::newRow("supplementary han") << s("𠀀𠀁") << list("𠀀 𠀁");
}

void TestTextAnalysis::edgeCases()
{
    QFETCH(QString, input);
    QFETCH(QStringList, allTokens);
    const AnalyzedText a = analyze(input);
    QCOMPARE(a.allTokens, allTokens);
    if (allTokens.isEmpty()) {
        QVERIFY(a.tokens.isEmpty());
        QCOMPARE(a.ftsText(), QString());
        QVERIFY(a.charNgrams(2).isEmpty());
        QCOMPARE(a.script, Script::Unknown);
    }
}

void TestTextAnalysis::veryLongInput()
{
    // Units separated by spaces segment independently, so tokens repeat exactly.
    const QString unit = s("我的訂單 A1234 還沒到，please refund! ");
    const AnalyzedText one = analyze(unit);
    QString text;
    qsizetype repeats = 0;
    for (; text.size() < 100'000; ++repeats)
        text += unit;
    const AnalyzedText many = analyze(text);
    QCOMPARE(many.allTokens.size(), one.allTokens.size() * repeats);
    QCOMPARE(many.tokens.size(), one.tokens.size() * repeats);
    QCOMPARE(many.tokens.mid(0, one.tokens.size()), one.tokens);
    QCOMPARE(many.script, Script::Mixed);

    // One 100k-character Han run: every character ends up in exactly one token.
    const QString han = s("退款还没到账").repeated(100'000 / 6);
    const AnalyzedText h = analyze(han);
    QCOMPARE(h.allTokens.join(QString()), han);
    QCOMPARE(h.charNgrams(2).size(), han.size() - 1);

    // One 100k-letter word.
    QCOMPARE(analyze(QString(100'000, u'a')).tokens.size(), 1);
}

void TestTextAnalysis::ngrams_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("n");
    QTest::addColumn<QStringList>("ngrams");
    QTest::newRow("bigrams") << s("退款还没到账") << 2 << list("退款 款还 还没 没到 到账");
    QTest::newRow("han runs only") << s("我的 iPhone 15退款!") << 2 << list("我的 退款");
    QTest::newRow("traditional") << s("退貨") << 2 << list("退货");
    QTest::newRow("unigrams") << s("退款 ok") << 1 << list("退 款");
    QTest::newRow("trigrams") << s("退款还没") << 3 << list("退款还 款还没");
    QTest::newRow("short run whole") << s("退款，好") << 3 << list("退款 好");
    QTest::newRow("supplementary") << s("𠀀𠀁𠀂") << 2 << list("𠀀𠀁 𠀁𠀂");
    QTest::newRow("english") << s("where is my refund") << 2 << QStringList();
    QTest::newRow("zero") << s("退款") << 0 << QStringList();
    QTest::newRow("negative") << s("退款") << -1 << QStringList();
}

void TestTextAnalysis::ngrams()
{
    QFETCH(QString, input);
    QFETCH(int, n);
    QFETCH(QStringList, ngrams);
    QCOMPARE(analyze(input).charNgrams(n), ngrams);
}

void TestTextAnalysis::concurrentResultsMatchSingleThreaded()
{
    const QStringList inputs{
        s("我的iPhone 15退款还没到账，太慢了!!!"),
        s("我的訂單 order #A1234 還沒到"),
        s("這間酒店退款還沒到賬"),
        s("Please check the status of my order, I didn’t get a refund"),
        s("ＩＰＨＯＮＥ１５ refunds refunded refunding"),
        s("请问有没有优惠券?我不想要了,别发货"),
        s("😀👍🏻🎉"),
        QString(),
        s("您好，请帮我查一下物流信息，谢谢！").repeated(20),
    };
    QList<AnalyzedText> expected;
    for (const QString &input : inputs)
        expected.append(analyze(input));

    constexpr int kThreads = 8;
    constexpr int kRounds = 500;
    std::atomic<int> mismatches = 0;
    std::atomic<int> analyses = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < kRounds; ++round) {
                for (qsizetype i = 0; i < inputs.size(); ++i) {
                    // Threads start at different inputs so different texts overlap in time.
                    const qsizetype k = (i + t) % inputs.size();
                    const AnalyzedText a = TextAnalyzer::instance().analyze(inputs[k]);
                    if (a != expected[k] || a.charNgrams(2) != expected[k].charNgrams(2) ||
                        a.ftsText() != expected[k].ftsText())
                        ++mismatches;
                    ++analyses;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(analyses.load(), kThreads * kRounds * int(inputs.size()));
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestTextAnalysis)
#include "tst_textanalysis.moc"
