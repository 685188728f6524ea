#include "linearmodel.h"
#include "shopkb.h"
#include "textanalysis.h"

#include <QDataStream>
#include <QIODevice>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>
#include <vector>

using namespace tandem;

/// The TF-IDF linear classifier the suggester fuses beside fastText: its n-gram features, what it
/// learns from a small knowledge base in three scripts, calibration, determinism, persistence,
/// errors and concurrent scoring.
class TestLinearModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void characterNgramsArePaddedPerWord();
    void wordNgrams();
    void scriptsShareFeatures_data();
    void scriptsShareFeatures();
    void heldOutParaphrases_data();
    void heldOutParaphrases();
    void rankIsOrderedAndComplete();
    void calibratedProbabilities();
    void modelDoesNotDependOnThreadsOrOrder();
    void bytesRoundTrip();
    void damagedBytesAreRefused_data();
    void damagedBytesAreRefused();
    void trainingErrors();
    void concurrentScoringMatchesSequential();

private:
    std::shared_ptr<const LinearTextModel> m_model;
};

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

/// The shop knowledge base as labelled questions (label = article id).
QList<TrainingExample> shopExamples()
{
    QList<TrainingExample> examples;
    for (const SuggestionSource &source : testkb::sources())
        examples.append({source.text, source.articleId});
    return examples;
}

int count(const std::vector<std::pair<std::uint64_t, int>> &features)
{
    return std::accumulate(features.begin(), features.end(), 0,
                           [](int sum, const auto &f) { return sum + f.second; });
}

} // namespace

void TestLinearModel::initTestCase()
{
    auto model = LinearTextModel::train(shopExamples());
    QVERIFY2(model, qPrintable(model ? QString() : model.error().message));
    m_model = *model;
    QCOMPARE(m_model->labels().size(), qsizetype(testkb::knowledgeBase().size()));
    QVERIFY(m_model->featureCount() > 100);
    QVERIFY(!m_model->isCalibrated());
}

void TestLinearModel::characterNgramsArePaddedPerWord()
{
    LinearOptions options;
    options.wordNgramMax = 0;
    options.charNgramMin = 2;
    options.charNgramMax = 3;
    // " ab " gives " a", "ab", "b " and " ab", "ab "; " cd " the same again: 10 n-grams, all
    // different, none across the space between the words.
    const TextFeatureCounts two =
        linearFeatureCounts(TextAnalyzer::instance().analyze(QStringLiteral("ab cd")), options);
    QVERIFY(two.words.empty());
    QCOMPARE(count(two.chars), 10);
    QCOMPARE(two.chars.size(), std::size_t(10));
    // A repeated word counts its n-grams twice.
    const TextFeatureCounts repeated =
        linearFeatureCounts(TextAnalyzer::instance().analyze(QStringLiteral("ab ab")), options);
    QCOMPARE(repeated.chars.size(), std::size_t(5));
    QCOMPARE(count(repeated.chars), 10);
    // Case and width are folded before counting.
    QCOMPARE(linearFeatureCounts(TextAnalyzer::instance().analyze(s("ＡＢ cd")), options).chars,
             two.chars);
}

void TestLinearModel::wordNgrams()
{
    LinearOptions options;
    options.charNgramMin = 0;
    options.charNgramMax = 0;
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(s("refund my order today"));
    const qsizetype tokens = analyzed.allTokens.size();
    QVERIFY(tokens >= 3);
    options.wordNgramMax = 1;
    QCOMPARE(qsizetype(count(linearFeatureCounts(analyzed, options).words)), tokens);
    options.wordNgramMax = 2;
    QCOMPARE(qsizetype(count(linearFeatureCounts(analyzed, options).words)), 2 * tokens - 1);
    QVERIFY(linearFeatureCounts(analyzed, options).chars.empty());
}

void TestLinearModel::scriptsShareFeatures_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::newRow("traditional = simplified") << s("退款什麼時候到賬") << s("退款什么时候到账");
    QTest::newRow("full-width = ascii") << s("ｉＰｈｏｎｅ 15 退款") << s("iphone 15 退款");
    QTest::newRow("english case") << s("Cancel My ORDER") << s("cancel my order");
}

void TestLinearModel::scriptsShareFeatures()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    const LinearOptions options;
    const TextFeatureCounts a =
        linearFeatureCounts(TextAnalyzer::instance().analyze(first), options);
    const TextFeatureCounts b =
        linearFeatureCounts(TextAnalyzer::instance().analyze(second), options);
    QVERIFY(!a.chars.empty());
    QCOMPARE(a.words, b.words);
    QCOMPARE(a.chars, b.chars);
    QCOMPARE(m_model->decisions(first), m_model->decisions(second));
}

void TestLinearModel::heldOutParaphrases_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("article");
    for (const auto &[text, article] : testkb::paraphrases())
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromLatin1(article);
    QTest::newRow("en misspelled") << "wher is my pakage"
                                   << "kb-delivery";
}

void TestLinearModel::heldOutParaphrases()
{
    QFETCH(QString, text);
    QFETCH(QString, article);
    const QList<IntentPrediction> ranked = m_model->rank(TextAnalyzer::instance().analyze(text), 3);
    QCOMPARE(ranked.size(), 3);
    QCOMPARE(ranked.first().intent, article);
    QVERIFY2(ranked.first().probability > ranked[1].probability,
             "the right article must win outright");
}

void TestLinearModel::rankIsOrderedAndComplete()
{
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(s("怎么开发票"));
    const QList<IntentPrediction> all = m_model->rank(analyzed, 0);
    QCOMPARE(all.size(), m_model->labels().size());
    QVERIFY(std::is_sorted(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.probability > b.probability;
    }));
    const std::vector<double> decisions = m_model->decisions(analyzed);
    for (const IntentPrediction &p : all)
        QCOMPARE(p.probability, decisions[std::size_t(m_model->labels().indexOf(p.intent))]);
    // Text the model has never seen a feature of gets the biases alone: no crash, a full list.
    QCOMPARE(m_model->rank(TextAnalyzer::instance().analyze(s("😀😀")), 2).size(), 2);
}

void TestLinearModel::calibratedProbabilities()
{
    LinearOptions options;
    options.calibrationFolds = 3;
    auto model = LinearTextModel::train(shopExamples(), options);
    QVERIFY(model);
    QVERIFY((*model)->isCalibrated());
    for (const char *text : {"退款什么时候到账", "can I pay with credit card", "今天天气不错"}) {
        const std::vector<double> p =
            (*model)->probabilities(TextAnalyzer::instance().analyze(s(text)));
        QCOMPARE(p.size(), std::size_t((*model)->labels().size()));
        QVERIFY(std::abs(std::accumulate(p.begin(), p.end(), 0.0) - 1.0) < 1e-9);
        QVERIFY(std::all_of(p.begin(), p.end(), [](double v) { return v >= 0 && v <= 1; }));
    }
    // A question from the training set is confidently its article; an unrelated one is not.
    const std::vector<double> known =
        (*model)->probabilities(TextAnalyzer::instance().analyze(s("退款多久能到账")));
    const int refund = int((*model)->labels().indexOf(QStringLiteral("kb-refund")));
    QVERIFY2(known[std::size_t(refund)] > 0.5,
             qPrintable(QString::number(known[std::size_t(refund)])));
    const std::vector<double> unrelated =
        (*model)->probabilities(TextAnalyzer::instance().analyze(s("今天天气不错")));
    QVERIFY(*std::max_element(unrelated.begin(), unrelated.end()) < known[std::size_t(refund)]);
    // The calibration survives the bytes.
    auto copy = LinearTextModel::fromBytes((*model)->toBytes(), QStringLiteral("test"));
    QVERIFY(copy);
    QVERIFY((*copy)->isCalibrated());
    QCOMPARE((*copy)->probabilities(TextAnalyzer::instance().analyze(s("退款多久能到账"))), known);
}

void TestLinearModel::modelDoesNotDependOnThreadsOrOrder()
{
    LinearOptions one;
    one.threads = 1;
    LinearOptions four;
    four.threads = 4;
    QList<TrainingExample> reversed = shopExamples();
    std::reverse(reversed.begin(), reversed.end());
    auto a = LinearTextModel::train(shopExamples(), one);
    auto b = LinearTextModel::train(shopExamples(), four);
    QVERIFY(a && b);
    QCOMPARE((*a)->toBytes(), (*b)->toBytes());
    QCOMPARE((*a)->toBytes(), m_model->toBytes());
    // Another order of the same examples: the same vocabulary and labels, and (the coordinate
    // descent visits examples in another order) the same answers.
    auto c = LinearTextModel::train(reversed, one);
    QVERIFY(c);
    QCOMPARE((*c)->labels(), (*a)->labels());
    QCOMPARE((*c)->featureCount(), (*a)->featureCount());
    for (const char *text : {"我想取消订单", "where is my parcel", "發票怎麼開"}) {
        const AnalyzedText analyzed = TextAnalyzer::instance().analyze(s(text));
        QCOMPARE((*c)->rank(analyzed, 1).first().intent, (*a)->rank(analyzed, 1).first().intent);
    }
}

void TestLinearModel::bytesRoundTrip()
{
    const QByteArray bytes = m_model->toBytes();
    auto copy = LinearTextModel::fromBytes(bytes, QStringLiteral("test"));
    QVERIFY2(copy, qPrintable(copy ? QString() : copy.error().message));
    QCOMPARE((*copy)->labels(), m_model->labels());
    QCOMPARE((*copy)->featureCount(), m_model->featureCount());
    QCOMPARE((*copy)->toBytes(), bytes);
    for (const char *text : {"我想取消订单", "where is my parcel", "發票怎麼開", "iPhone 15"})
        QCOMPARE((*copy)->decisions(s(text)), m_model->decisions(s(text)));
}

void TestLinearModel::damagedBytesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray good = m_model->toBytes();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("not a model at all, just some text");
    QTest::newRow("truncated header") << good.left(6);
    QTest::newRow("truncated weights") << good.left(good.size() / 2);
    QTest::newRow("one byte short") << good.chopped(1);
    QTest::newRow("trailing byte") << good + '\0';
    QByteArray format = good;
    format[7] = char(99); // the format number's last byte
    QTest::newRow("unknown format") << format;
    // The feature count (after magic, format, three n-gram sizes and the labels) made huge: must
    // be refused before anything is allocated for it.
    QTest::newRow("huge feature count") << [&] {
        QByteArray b = good;
        QDataStream in(good);
        in.setVersion(QDataStream::Qt_6_4);
        quint32 magic;
        qint32 f, w, cmin, cmax;
        QStringList labels;
        in >> magic >> f >> w >> cmin >> cmax >> labels;
        const qsizetype pos = qsizetype(in.device()->pos());
        for (int i = 0; i < 8; ++i)
            b[pos + i] = char(0x7f);
        return b;
    }();
}

void TestLinearModel::damagedBytesAreRefused()
{
    QFETCH(QByteArray, bytes);
    auto model = LinearTextModel::fromBytes(bytes, QStringLiteral("stored model 7"));
    QVERIFY(!model);
    QCOMPARE(model.error().code, QStringLiteral("linear.bad-model"));
    QVERIFY2(model.error().message.contains(QStringLiteral("stored model 7")),
             qPrintable(model.error().message));
}

void TestLinearModel::trainingErrors()
{
    auto none = LinearTextModel::train({});
    QVERIFY(!none);
    QCOMPARE(none.error().code, QStringLiteral("linear.too-few-labels"));
    auto oneLabel = LinearTextModel::train({{QStringLiteral("hello"), QStringLiteral("a")},
                                            {QStringLiteral("hi there"), QStringLiteral("a")}});
    QVERIFY(!oneLabel);
    QCOMPARE(oneLabel.error().code, QStringLiteral("linear.too-few-labels"));
    auto noFeatures = LinearTextModel::train(
        {{QString(), QStringLiteral("a")}, {QStringLiteral("   "), QStringLiteral("b")}});
    QVERIFY(!noFeatures);
    QCOMPARE(noFeatures.error().code, QStringLiteral("linear.no-features"));
    auto mismatched = LinearTextModel::train(shopExamples(), QList<AnalyzedText>{});
    QVERIFY(!mismatched);
    QCOMPARE(mismatched.error().code, QStringLiteral("linear.bad-input"));
}

void TestLinearModel::concurrentScoringMatchesSequential()
{
    QStringList texts;
    for (const SuggestionSource &source : testkb::sources())
        texts.append(source.text + QStringLiteral(" ?"));
    std::vector<std::vector<double>> expected;
    for (const QString &text : std::as_const(texts))
        expected.push_back(m_model->decisions(text));
    std::vector<int> mismatches(4, 0);
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 3; ++round) {
                    for (qsizetype i = 0; i < texts.size(); ++i)
                        mismatches[std::size_t(t)] +=
                            m_model->decisions(texts[i]) != expected[std::size_t(i)];
                }
            });
        }
    }
    QCOMPARE(std::accumulate(mismatches.begin(), mismatches.end(), 0), 0);
}

QTEST_GUILESS_MAIN(TestLinearModel)
#include "tst_linearmodel.moc"
