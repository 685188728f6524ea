#include "sentimentmodel.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <vector>

using namespace tandem;

/// Training, held-out labels, the fusion of fastText and the linear model, score and confidence,
/// determinism, persistence (including models stored before the ensemble and damaged bytes) and
/// the hybrid's escalation rule of the trained sentiment model, on a small set of customer
/// messages written here in Simplified Chinese, Traditional Chinese and English (ten per class
/// and language).
class TestSentimentModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void heldOutMessages_data();
    void heldOutMessages();
    void fusesBothModels();
    void bytesRoundTrip();
    void loadsFastTextOnlyModels();
    void refusesDamagedBytes_data();
    void refusesDamagedBytes();
    void refusesBadOptions();
    void scoreAndConfidence_data();
    void scoreAndConfidence();
    void trainingIsDeterministic();
    void saveLoadRoundTrip();
    void loadRejectsIntentModels();
    void binaryModelNeverSaysNeutral();
    void hybridWithoutModelIsLexicon();
    void hybridUsesModelLabel();
    void hybridKeepsEscalationCues_data();
    void hybridKeepsEscalationCues();

private:
    std::shared_ptr<const SentimentModel> m_model;
};

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

struct ClassTexts
{
    SentimentLabel label;
    // Simplified, Traditional and English messages, "|"-separated to keep the table short.
    const char *simplified;
    const char *traditional;
    const char *english;
};

const std::vector<ClassTexts> &corpus()
{
    static const std::vector<ClassTexts> texts = {
        {SentimentLabel::Negative,
         "送餐太慢了，等了两个小时|饭菜都凉了，很难吃|客服态度很差|东西坏了，非常失望|"
         "包装破了，汤洒了一地|太差了，再也不会买了|质量很差，用一天就坏|等了很久也没人理|"
         "收到的货是错的，很生气|退款一直不处理，太糟糕了",
         "送餐太慢了，等了兩個小時|飯菜都涼了，很難吃|客服態度很差|東西壞了，非常失望|"
         "包裝破了，湯灑了一地|太差了，再也不會買了|品質很差，用一天就壞|等了很久也沒人理|"
         "收到的貨是錯的，很生氣|退款一直不處理，太糟糕了",
         "the delivery was very late|the food was cold and terrible|support was rude and "
         "unhelpful|it broke after one day, very disappointed|the package arrived damaged|"
         "terrible quality, what a waste of money|I waited for hours and nobody answered|"
         "you sent me the wrong item, I am angry|my refund is still not processed, awful|"
         "this is bad, really bad service"},
        {SentimentLabel::Neutral,
         "请问几点开始营业|订单号是多少|我想修改收货地址|可以开发票吗|"
         "请问怎么申请退款|支持哪些付款方式|明天能送到吗|我要查一下订单|"
         "请问有优惠券吗|周末营业吗",
         "請問幾點開始營業|訂單號是多少|我想修改收貨地址|可以開發票嗎|"
         "請問怎麼申請退款|支援哪些付款方式|明天能送到嗎|我要查一下訂單|"
         "請問有優惠券嗎|週末營業嗎",
         "what time do you open|what is my order number|I want to change my delivery address|"
         "can I get an invoice|how do I request a refund|which payment methods do you accept|"
         "can it arrive tomorrow|I want to check my order|do you have any coupons|"
         "are you open on weekends"},
        {SentimentLabel::Positive,
         "送餐很快，味道很好|非常满意，谢谢|客服态度很好，很耐心|质量很好，推荐|"
         "包装很用心，好评|很好吃，下次还会再来|物美价廉，很喜欢|服务周到，非常感谢|"
         "东西很棒，超出预期|问题很快就解决了，谢谢你们",
         "送餐很快，味道很好|非常滿意，謝謝|客服態度很好，很耐心|品質很好，推薦|"
         "包裝很用心，好評|很好吃，下次還會再來|物美價廉，很喜歡|服務周到，非常感謝|"
         "東西很棒，超出預期|問題很快就解決了，謝謝你們",
         "fast delivery and the food was great|very happy, thank you|support was friendly and "
         "patient|great quality, highly recommend|lovely packaging, well done|delicious, I will "
         "order again|great value, I love it|excellent service, thanks a lot|the product is "
         "amazing, better than expected|my problem was solved quickly, thank you"},
    };
    return texts;
}

QList<SentimentExample> trainingSet()
{
    QList<SentimentExample> examples;
    for (const ClassTexts &cls : corpus()) {
        for (const char *texts : {cls.simplified, cls.traditional, cls.english}) {
            for (const QString &text : s(texts).split(u'|'))
                examples.append({text, cls.label});
        }
    }
    return examples;
}

// Messages that are not in the training set but share its customers' vocabulary.
const std::vector<std::pair<const char *, SentimentLabel>> &heldOut()
{
    static const std::vector<std::pair<const char *, SentimentLabel>> cases = {
        {"菜凉了，太难吃了", SentimentLabel::Negative},
        {"客服態度太差，很失望", SentimentLabel::Negative},
        {"the food arrived cold, terrible", SentimentLabel::Negative},
        {"very disappointed, it broke", SentimentLabel::Negative},
        {"请问可以修改地址吗", SentimentLabel::Neutral},
        {"請問週末幾點營業", SentimentLabel::Neutral},
        {"how do I change my address", SentimentLabel::Neutral},
        {"can I get a coupon", SentimentLabel::Neutral},
        {"味道很好，谢谢", SentimentLabel::Positive},
        {"服務很好，非常滿意", SentimentLabel::Positive},
        {"great food, thank you", SentimentLabel::Positive},
        {"friendly support, highly recommend", SentimentLabel::Positive},
    };
    return cases;
}

} // namespace

void TestSentimentModel::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    auto model = SentimentModel::train(trainingSet());
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    m_model = *model;
    QCOMPARE(m_model->exampleCount(), trainingSet().size());
    QCOMPARE(m_model->version().size(), 12);
    QVERIFY(!m_model->isBinary());
    QVERIFY(m_model->hasLinearModel());
    QCOMPARE(m_model->linearWeight(), SentimentModel::defaultOptions().linearWeight);
    qInfo("trained on %d examples in %lld ms, version %s", m_model->exampleCount(), timer.elapsed(),
          qPrintable(m_model->version()));
}

void TestSentimentModel::heldOutMessages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SentimentLabel>("expected");
    for (const auto &[text, label] : heldOut())
        QTest::newRow(text) << s(text) << label;
}

void TestSentimentModel::heldOutMessages()
{
    QFETCH(QString, text);
    QFETCH(SentimentLabel, expected);
    const SentimentResult result = m_model->predict(text);
    qInfo("%s → %s %.3f (score %.3f)", qUtf8Printable(text),
          qUtf8Printable(sentimentLabelName(result.label)), result.confidence, result.score);
    QCOMPARE(result.label, expected);
}

namespace {

QByteArray ensembleBytes(const QByteArray &fastText, const QByteArray &linear, double weight)
{
    const QJsonObject meta{{QStringLiteral("linearWeight"), weight},
                           {QStringLiteral("fastTextBytes"), double(fastText.size())},
                           {QStringLiteral("linearBytes"), double(linear.size())}};
    return "tandem-sentiment-model 1\n" + QJsonDocument(meta).toJson(QJsonDocument::Compact) +
           '\n' + fastText + linear;
}

} // namespace

void TestSentimentModel::fusesBothModels()
{
    // The same examples and options with all the weight on one model: fastText trains the same
    // way every time, so the ensemble's probabilities, and so its score p(pos) − p(neg), must be
    // the weighted mean of the two.
    SentimentOptions options = SentimentModel::defaultOptions();
    const double weight = options.linearWeight;
    QVERIFY(weight > 0 && weight < 1);
    options.linearWeight = 0;
    auto fastTextOnly = SentimentModel::train(trainingSet(), options);
    QVERIFY2(fastTextOnly.ok(), qPrintable(fastTextOnly.error().message));
    QVERIFY(!(*fastTextOnly)->hasLinearModel());
    options.linearWeight = 1;
    auto linearOnly = SentimentModel::train(trainingSet(), options);
    QVERIFY2(linearOnly.ok(), qPrintable(linearOnly.error().message));
    QVERIFY((*linearOnly)->hasLinearModel());
    QVERIFY((*linearOnly)->version() != m_model->version());
    QVERIFY((*fastTextOnly)->version() != m_model->version());

    int differs = 0;
    for (const auto &[text, label] : heldOut()) {
        const SentimentResult f = (*fastTextOnly)->predict(s(text));
        const SentimentResult l = (*linearOnly)->predict(s(text));
        const SentimentResult e = m_model->predict(s(text));
        QVERIFY2(std::abs(e.score - ((1 - weight) * f.score + weight * l.score)) < 1e-9, text);
        differs += std::abs(e.score - f.score) > 1e-6;
    }
    QVERIFY(differs > 0); // the linear model does change the outcome
}

void TestSentimentModel::bytesRoundTrip()
{
    const Result<QByteArray> bytes = m_model->toBytes();
    QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));
    QVERIFY(bytes->startsWith("tandem-sentiment-model 1\n"));
    auto loaded = SentimentModel::fromBytes(*bytes, QStringLiteral("the test bytes"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE((*loaded)->version(), m_model->version());
    QCOMPARE((*loaded)->linearWeight(), m_model->linearWeight());
    QCOMPARE((*loaded)->exampleCount(), m_model->exampleCount());
    QCOMPARE((*loaded)->isBinary(), m_model->isBinary());
    for (const auto &[text, label] : heldOut())
        QCOMPARE((*loaded)->predict(s(text)), m_model->predict(s(text)));
    const Result<QByteArray> again = (*loaded)->toBytes();
    QVERIFY(again.ok());
    QVERIFY(*again == *bytes);
    // The version is the hash of these bytes.
    QCOMPARE(m_model->version(),
             QString::fromLatin1(
                 QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex().left(12)));
}

void TestSentimentModel::loadsFastTextOnlyModels()
{
    // What the code before the ensemble stored (and existing databases keep): the bytes of an
    // IntentModel trained on the sentiment label names.
    QList<TrainingExample> training;
    for (const SentimentExample &example : trainingSet())
        training.append({example.text, sentimentLabelName(example.label)});
    auto intent = IntentModel::train(training, SentimentModel::defaultOptions().fastText);
    QVERIFY2(intent.ok(), qPrintable(intent.error().message));
    const Result<QByteArray> oldBytes = (*intent)->toBytes();
    QVERIFY(oldBytes.ok());

    auto loaded = SentimentModel::fromBytes(*oldBytes, QStringLiteral("bot_models row 1"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QVERIFY(!(*loaded)->hasLinearModel());
    QCOMPARE((*loaded)->linearWeight(), 0.0);
    QCOMPARE((*loaded)->version(), (*intent)->version());
    QCOMPARE((*loaded)->exampleCount(), (*intent)->exampleCount());
    for (const auto &[text, label] : heldOut()) {
        const SentimentResult result = (*loaded)->predict(s(text));
        const QList<IntentPrediction> ranked = (*intent)->predict(s(text), 0);
        QCOMPARE(sentimentLabelName(result.label), ranked.first().intent);
        QCOMPARE(result.confidence, ranked.first().probability);
    }
    // Written back in the same format, byte for byte, and through a file as well.
    const Result<QByteArray> written = (*loaded)->toBytes();
    QVERIFY(written.ok());
    QVERIFY(*written == *oldBytes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("old.model"));
    QVERIFY((*intent)->save(path).ok());
    auto fromFile = SentimentModel::load(path);
    QVERIFY2(fromFile.ok(), qPrintable(fromFile.error().message));
    QCOMPARE((*fromFile)->version(), (*intent)->version());

    // A model trained with weight 0 is such a model too.
    SentimentOptions options = SentimentModel::defaultOptions();
    options.linearWeight = 0;
    auto fastTextOnly = SentimentModel::train(trainingSet(), options);
    QVERIFY(fastTextOnly.ok());
    QCOMPARE((*fastTextOnly)->version(), (*intent)->version());
    QVERIFY(*(*fastTextOnly)->toBytes() == *oldBytes);
}

void TestSentimentModel::refusesDamagedBytes_data()
{
    const Result<QByteArray> bytes = m_model->toBytes();
    QVERIFY(bytes.ok());
    const QByteArray good = *bytes;
    const qsizetype headerEnd = good.indexOf('\n', good.indexOf('\n') + 1) + 1;
    const QJsonObject meta =
        QJsonDocument::fromJson(good.sliced(25, headerEnd - 26)).object(); // after the magic line
    const qsizetype fastTextSize =
        qsizetype(meta.value(QStringLiteral("fastTextBytes")).toDouble());
    const qsizetype linearSize = qsizetype(meta.value(QStringLiteral("linearBytes")).toDouble());
    QVERIFY(fastTextSize > 1000 && linearSize > 1000);
    QCOMPARE(headerEnd + fastTextSize + linearSize, good.size());
    const QByteArray fastText = good.sliced(headerEnd, fastTextSize);
    const QByteArray linear = good.sliced(headerEnd + fastTextSize);
    // The same bytes rebuilt by the test's own encoder still load: the cases below differ from
    // a sound model only in the damage each names.
    const double weight = m_model->linearWeight();
    QVERIFY(ensembleBytes(fastText, linear, weight) == good);

    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x00\x01garbage bytes, not a model at all", 40);
    QTest::newRow("text file") << QByteArray("label,text\n1,great\n");
    QTest::newRow("magic line only") << QByteArray("tandem-sentiment-model 1\n");
    QTest::newRow("future format") << QByteArray("tandem-sentiment-model 2\n{}\n");
    QTest::newRow("header not JSON") << QByteArray("tandem-sentiment-model 1\nnot json\n");
    QTest::newRow("truncated to half") << good.first(good.size() / 2);
    QTest::newRow("last byte missing") << good.first(good.size() - 1);
    QTest::newRow("trailing byte") << good + 'x';
    QTest::newRow("weight above 1") << ensembleBytes(fastText, linear, 1.5);
    QTest::newRow("weight 0 with a linear part") << ensembleBytes(fastText, linear, 0);
    QTest::newRow("fastText part cut short, sizes consistent")
        << ensembleBytes(fastText.first(fastText.size() - 100), linear, weight);
    QTest::newRow("linear part cut short, sizes consistent")
        << ensembleBytes(fastText, linear.first(linear.size() - 100), weight);
    QTest::newRow("parts swapped") << ensembleBytes(linear, fastText, weight);
    QTest::newRow("old format truncated") << fastText.first(fastText.size() / 3);
}

void TestSentimentModel::refusesDamagedBytes()
{
    QFETCH(QByteArray, bytes);
    const auto loaded = SentimentModel::fromBytes(bytes, QStringLiteral("row 7"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().code.endsWith(QStringLiteral(".bad-model")),
             qPrintable(loaded.error().code));
    QVERIFY2(loaded.error().message.contains(QStringLiteral("row 7")),
             qPrintable(loaded.error().message));
    qInfo("%s", qUtf8Printable(loaded.error().message));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("damaged.model"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    const auto fromFile = SentimentModel::load(path);
    QVERIFY(!fromFile.ok());
    QVERIFY2(fromFile.error().message.contains(path), qPrintable(fromFile.error().message));
}

void TestSentimentModel::refusesBadOptions()
{
    SentimentOptions options = SentimentModel::defaultOptions();
    options.linearWeight = 1.5;
    QVERIFY(!SentimentModel::train(trainingSet(), options).ok());
    options.linearWeight = std::nan("");
    QVERIFY(!SentimentModel::train(trainingSet(), options).ok());
    // Uncalibrated decision values are not probabilities: they cannot be averaged.
    options.linearWeight = 0.5;
    options.linear.calibrationFolds = 0;
    QVERIFY(!SentimentModel::train(trainingSet(), options).ok());
}

void TestSentimentModel::scoreAndConfidence_data()
{
    QTest::addColumn<QString>("text");
    for (const auto &[text, label] : heldOut())
        QTest::newRow(text) << s(text);
    QTest::newRow("empty") << QString();
    QTest::newRow("punctuation") << QStringLiteral("!!!");
    QTest::newRow("unknown words") << QStringLiteral("zzzz qqqq");
}

void TestSentimentModel::scoreAndConfidence()
{
    QFETCH(QString, text);
    const SentimentResult result = m_model->predict(text);
    QVERIFY(std::isfinite(result.score));
    QVERIFY(result.score >= -1.0 && result.score <= 1.0);
    // Three labels: the winner has at least a third of the probability.
    QVERIFY(result.confidence >= 1.0 / 3 - 1e-6 && result.confidence <= 1.0);
    if (result.label == SentimentLabel::Positive)
        QVERIFY(result.score > 0);
    if (result.label == SentimentLabel::Negative)
        QVERIFY(result.score < 0);
    QVERIFY(result.cues.isEmpty());
    QVERIFY(!result.escalation);
}

void TestSentimentModel::trainingIsDeterministic()
{
    auto again = SentimentModel::train(trainingSet());
    QVERIFY2(again.ok(), qPrintable(again.error().message));
    QCOMPARE((*again)->version(), m_model->version());
    for (const auto &[text, label] : heldOut())
        QCOMPARE((*again)->predict(s(text)), m_model->predict(s(text)));
}

void TestSentimentModel::saveLoadRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sentiment.model"));
    const Status saved = m_model->save(path);
    QVERIFY2(saved.ok(), qPrintable(saved.error().message));
    auto loaded = SentimentModel::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE((*loaded)->version(), m_model->version());
    QCOMPARE((*loaded)->isBinary(), m_model->isBinary());
    for (const auto &[text, label] : heldOut())
        QCOMPARE((*loaded)->predict(s(text)), m_model->predict(s(text)));

    auto missing = SentimentModel::load(dir.filePath(QStringLiteral("absent.model")));
    QVERIFY(!missing.ok());
}

void TestSentimentModel::loadRejectsIntentModels()
{
    // An intent model is a valid IntentModel file but its labels mean nothing as sentiment.
    auto intents = IntentModel::train({{QStringLiteral("where is my parcel"), QStringLiteral("a")},
                                       {QStringLiteral("reset my password"), QStringLiteral("b")}});
    QVERIFY2(intents.ok(), qPrintable(intents.error().message));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("intent.model"));
    QVERIFY((*intents)->save(path).ok());
    auto loaded = SentimentModel::load(path);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("sentiment.bad-model"));

    auto oneLabel = SentimentModel::train({{QStringLiteral("great"), SentimentLabel::Positive},
                                           {QStringLiteral("lovely"), SentimentLabel::Positive}});
    QVERIFY(!oneLabel.ok());
    QVERIFY(!SentimentModel::train({}).ok());
}

void TestSentimentModel::binaryModelNeverSaysNeutral()
{
    QList<SentimentExample> binary;
    for (const SentimentExample &example : trainingSet()) {
        if (example.label != SentimentLabel::Neutral)
            binary.append(example);
    }
    auto model = SentimentModel::train(binary);
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    QVERIFY((*model)->isBinary());
    for (const auto &[text, label] : heldOut()) {
        const SentimentResult result = (*model)->predict(s(text));
        QVERIFY(result.label != SentimentLabel::Neutral);
        // Two labels: score = p(pos) − p(neg) = ±(2 × confidence − 1).
        QVERIFY(std::abs(std::abs(result.score) - (2 * result.confidence - 1)) < 1e-6);
    }
}

void TestSentimentModel::hybridWithoutModelIsLexicon()
{
    const HybridSentiment hybrid;
    QVERIFY(!hybrid.hasModel());
    for (const char *text : {"客服態度太差，我要投诉到消协", "great food, thank you", ""}) {
        QCOMPARE(hybrid.analyze(s(text)), LexiconSentiment::instance().analyze(s(text)));
    }
}

void TestSentimentModel::hybridUsesModelLabel()
{
    const HybridSentiment hybrid(m_model);
    QVERIFY(hybrid.hasModel());
    for (const auto &[text, label] : heldOut()) {
        const SentimentResult model = m_model->predict(s(text));
        const SentimentResult lexical = LexiconSentiment::instance().analyze(s(text));
        const SentimentResult result = hybrid.analyze(s(text));
        QCOMPARE(result.label, model.label);
        QCOMPARE(result.score, model.score);
        QCOMPARE(result.confidence, model.confidence);
        QCOMPARE(result.cues, lexical.cues);
        QCOMPARE(result.escalation, lexical.escalation);
    }
}

void TestSentimentModel::hybridKeepsEscalationCues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SentimentLabel>("modelLabel");
    QTest::newRow("zh-CN, model positive")
        << s("谢谢，不过我要投诉到消协") << SentimentLabel::Positive;
    QTest::newRow("zh-TW, model neutral") << s("請問消保官的電話是多少") << SentimentLabel::Neutral;
    QTest::newRow("en, model positive")
        << QStringLiteral("thanks a lot, I am going to cancel my subscription")
        << SentimentLabel::Positive;
    QTest::newRow("en, model neutral")
        << QStringLiteral("what is the number of the ombudsman") << SentimentLabel::Neutral;
}

void TestSentimentModel::hybridKeepsEscalationCues()
{
    QFETCH(QString, text);
    QFETCH(SentimentLabel, modelLabel);
    // A model taught that these very messages are not negative, as one trained on polite or
    // procedural wording may well conclude: the lexicon must still raise escalation.
    QList<SentimentExample> examples = trainingSet();
    for (int i = 0; i < 5; ++i)
        examples.append({text, modelLabel});
    auto model = SentimentModel::train(examples);
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    QCOMPARE((*model)->predict(text).label, modelLabel);

    const SentimentResult lexical = LexiconSentiment::instance().analyze(text);
    QVERIFY(lexical.escalation);
    const SentimentResult result = HybridSentiment(*model).analyze(text);
    QCOMPARE(result.label, modelLabel);
    QVERIFY(result.escalation);
    QCOMPARE(result.escalationCues, lexical.escalationCues);
    QVERIFY(!result.escalationCues.isEmpty());
}

QTEST_GUILESS_MAIN(TestSentimentModel)
#include "tst_sentimentmodel.moc"
