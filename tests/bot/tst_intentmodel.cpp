#include "intentmodel.h"
#include "textanalysis.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <thread>
#include <utility>
#include <vector>

using namespace tandem;

/// Training, held-out accuracy, probabilities, determinism, persistence, errors and concurrent
/// prediction of the fastText intent model, on a small knowledge base written here.
class TestIntentModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void labelsAndCounts();
    void heldOutParaphrases();
    void probabilitiesFormADistribution_data();
    void probabilitiesFormADistribution();
    void inputTextIsSafeForFastText();
    void traditionalAndSimplifiedShareFeatures();
    void trainingIsDeterministic();
    void saveLoadRoundTrip();
    void hanNgramRange();
    void subwordNgrams();
    void loadRejectsDamagedFiles();
    void trainingErrors();
    void oddLabelsSurvive();
    void concurrentPredictionsMatchSingleThreaded();

private:
    std::shared_ptr<const IntentModel> m_model;
};

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

struct Intent
{
    const char *name;
    // Simplified, Traditional and English questions, "|"-separated to keep the table short.
    const char *simplified;
    const char *traditional;
    const char *english;
};

// A tiny knowledge base: eight questions per intent in each language.
const std::vector<Intent> &knowledgeBase()
{
    static const std::vector<Intent> kb = {
        {"delivery.tracking",
         "我的快递到哪里了|查一下物流信息|订单发货了吗|什么时候能收到货|"
         "快递单号是多少|物流怎么一直不更新|包裹显示在运输中|帮我查查快递",
         "我的快遞到哪裡了|查一下物流資訊|訂單出貨了嗎|什麼時候能收到貨|"
         "快遞單號是多少|物流怎麼一直沒更新|包裹顯示運送中|幫我查查貨到哪",
         "where is my parcel|track my order|has my order shipped yet|"
         "when will my delivery arrive|what is the tracking number|"
         "the shipment status has not updated|package says in transit|check where my package is"},
        {"refund.status",
         "退款多久能到账|我的退款还没收到|退款进度怎么查|钱什么时候退回来|"
         "退款处理到哪一步了|申请退款好几天了|退款显示成功但没到账|退回的钱去哪了",
         "退款要等幾天才到|我的退款還沒收到|退款進度怎麼查|錢什麼時候退回來|"
         "退款處理到哪一步了|申請退款好幾天了|退款顯示成功但沒入帳|退回的錢去哪了",
         "when will I get my refund|my refund has not arrived|check refund status|"
         "how long does the refund take|where is my money back|"
         "refund shows completed but no money|I requested a refund days ago|"
         "has my refund been processed"},
        {"payment.methods",
         "可以用支付宝付款吗|支持微信支付吗|能用信用卡吗|有哪些付款方式|"
         "可以货到付款吗|支持花呗分期吗|能用银行卡支付吗|付款方式有哪些",
         "可以用支付寶付款嗎|支援微信支付嗎|能用信用卡嗎|有哪些付款方式可以選|"
         "可以貨到付款嗎|支援分期付款嗎|能用銀行卡付款嗎|接受哪些支付方式",
         "can I pay with paypal|do you accept credit cards|what payment methods are available|"
         "can I pay cash on delivery|is apple pay supported|which cards do you take|"
         "can I pay in installments|payment options please"},
        {"account.password_reset",
         "忘记密码怎么办|怎么重置密码|密码登录不上|修改登录密码|"
         "收不到重置密码的邮件|密码错误被锁定了|找回密码|想换个新密码",
         "忘記密碼怎麼辦|怎麼重設密碼|密碼登入不了|修改登入密碼|"
         "收不到重設密碼的郵件|密碼錯誤被鎖住了|找回密碼|想換個新密碼",
         "I forgot my password|reset password|cannot log in wrong password|"
         "change my login password|password reset email never came|"
         "account locked after wrong password|recover my password|I need a new password"},
        {"order.cancel",
         "我想取消订单|订单能取消吗|不想要了怎么取消|怎么撤销订单|"
         "下错单了要取消|取消刚下的订单|还没发货可以取消吗|帮我把订单取消掉",
         "我想取消訂單|訂單能取消嗎|不想要了怎麼取消|怎麼撤銷訂單|"
         "下錯單了要取消|取消剛下的訂單|還沒出貨可以取消嗎|幫我把訂單取消",
         "I want to cancel my order|can I cancel the order|cancel order please|"
         "how to cancel a purchase|I ordered by mistake cancel it|cancel the order I just placed|"
         "stop my order before it ships|please cancel my purchase"},
        {"greeting", "你好|您好|在吗|有人吗|早上好|嗨|哈喽|晚上好",
         "你好呀|您好，請問在嗎|有人在嗎|早安|午安|哈囉|晚安你好|嗨你好",
         "hello|hi there|good morning|hey|anyone there|good evening|hi|hello is anyone there"},
    };
    return kb;
}

QList<TrainingExample> trainingSet()
{
    QList<TrainingExample> examples;
    for (const Intent &intent : knowledgeBase()) {
        for (const char *questions : {intent.simplified, intent.traditional, intent.english}) {
            for (const QString &question : s(questions).split(u'|'))
                examples.append({question, QString::fromLatin1(intent.name)});
        }
    }
    return examples;
}

// Paraphrases that are not in the training set.
const std::vector<std::pair<const char *, const char *>> &heldOut()
{
    static const std::vector<std::pair<const char *, const char *>> cases = {
        {"我的包裹到哪了", "delivery.tracking"},
        {"where's my package now", "delivery.tracking"},
        {"退款什麼時候到帳", "refund.status"},
        {"退款怎么还没到", "refund.status"},
        {"do you take wechat pay", "payment.methods"},
        {"可以刷信用卡付款吗", "payment.methods"},
        {"how do I reset my password", "account.password_reset"},
        {"密碼忘了怎麼辦", "account.password_reset"},
        {"請幫我取消這筆訂單", "order.cancel"},
        {"I'd like to cancel my order", "order.cancel"},
        {"你好，有人在吗", "greeting"},
        {"hello there", "greeting"},
    };
    return cases;
}

QStringList probeTexts()
{
    QStringList texts;
    for (const auto &[text, intent] : heldOut())
        texts.append(s(text));
    texts << QString() << QStringLiteral("!!!") << QStringLiteral("zzzz qqqq") << s("😀");
    return texts;
}

} // namespace

void TestIntentModel::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    auto model = IntentModel::train(trainingSet());
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    m_model = *model;
    qInfo("trained on %d examples in %lld ms, version %s", m_model->exampleCount(), timer.elapsed(),
          qPrintable(m_model->version()));
}

void TestIntentModel::labelsAndCounts()
{
    QStringList expected;
    for (const Intent &intent : knowledgeBase())
        expected.append(QString::fromLatin1(intent.name));
    expected.sort();
    QCOMPARE(m_model->labels(), expected);
    QCOMPARE(m_model->exampleCount(), trainingSet().size());
    QCOMPARE(m_model->version().size(), 12);
}

void TestIntentModel::heldOutParaphrases()
{
    QStringList misses;
    for (const auto &[text, intent] : heldOut()) {
        const QList<IntentPrediction> top = m_model->predict(s(text), 1);
        QCOMPARE(top.size(), 1);
        qInfo("%s → %s %.3f", text, qUtf8Printable(top.first().intent), top.first().probability);
        if (top.first().intent != QString::fromLatin1(intent)) {
            misses.append(QStringLiteral("%1 → %2 (%3), expected %4")
                              .arg(s(text), top.first().intent)
                              .arg(top.first().probability, 0, 'f', 3)
                              .arg(QString::fromLatin1(intent)));
        }
    }
    for (const QString &miss : std::as_const(misses))
        qInfo("held-out miss: %s", qUtf8Printable(miss));
    qInfo("held-out: %zu of %zu right", heldOut().size() - size_t(misses.size()), heldOut().size());
    QVERIFY2(misses.size() <= 1, qUtf8Printable(misses.join(QStringLiteral("; "))));
}

void TestIntentModel::probabilitiesFormADistribution_data()
{
    QTest::addColumn<QString>("text");
    for (const QString &text : probeTexts())
        QTest::newRow(text.isEmpty() ? "empty" : qUtf8Printable(text)) << text;
}

void TestIntentModel::probabilitiesFormADistribution()
{
    QFETCH(QString, text);
    const QList<IntentPrediction> all = m_model->predict(text, 0);
    QCOMPARE(all.size(), m_model->labels().size());
    double sum = 0;
    QStringList seen;
    for (qsizetype i = 0; i < all.size(); ++i) {
        QVERIFY(all[i].probability >= 0 && all[i].probability <= 1);
        if (i > 0)
            QVERIFY(all[i - 1].probability >= all[i].probability);
        sum += all[i].probability;
        seen.append(all[i].intent);
    }
    QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum, 'g', 10)));
    seen.sort();
    QCOMPARE(seen, m_model->labels());
    QCOMPARE(m_model->predict(text, 3), all.first(3));
    QCOMPARE(m_model->predict(text, 100), all);
}

void TestIntentModel::inputTextIsSafeForFastText()
{
    const QString line = intentInputText(
        QStringLiteral("__label__refund.status </s> hello\tworld __label__x"), true);
    for (const QString &token : line.split(u' ')) {
        QVERIFY2(!token.isEmpty(), qPrintable(line));
        QVERIFY2(!token.startsWith(QLatin1String("__label__")), qPrintable(line));
        QVERIFY2(token != QLatin1String("</s>"), qPrintable(line));
    }
    QVERIFY(intentInputText(QString(), true).isEmpty());
    // Han bigrams are added only when asked for.
    const QString withGrams = intentInputText(s("我的包裹到哪了"), true);
    const QString withoutGrams = intentInputText(s("我的包裹到哪了"), false);
    QVERIFY2(withGrams.split(u' ').size() > withoutGrams.split(u' ').size(),
             qUtf8Printable(withGrams + u" | " + withoutGrams));
}

void TestIntentModel::traditionalAndSimplifiedShareFeatures()
{
    // The analyser folds Traditional to Simplified, so both scripts train the same features.
    QCOMPARE(intentInputText(s("我的退款還沒收到"), true),
             intentInputText(s("我的退款还没收到"), true));
    // Greetings are all stop words; they must still reach fastText.
    QCOMPARE(intentInputText(QStringLiteral("hi there"), true), QStringLiteral("hi there"));
}

void TestIntentModel::trainingIsDeterministic()
{
    auto again = IntentModel::train(trainingSet());
    QVERIFY2(again.ok(), qPrintable(again.error().message));
    const IntentModel &other = **again;
    // Byte-identical model files, hence the same version.
    QCOMPARE(other.version(), m_model->version());
    for (const QString &text : probeTexts()) {
        const QList<IntentPrediction> a = m_model->predict(text, 3);
        const QList<IntentPrediction> b = other.predict(text, 3);
        QCOMPARE(b.size(), a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].intent, a[i].intent);
            QVERIFY(std::abs(b[i].probability - a[i].probability) < 1e-6);
        }
    }
    // A different seed is a different model.
    IntentOptions reseeded;
    reseeded.seed = 7;
    auto different = IntentModel::train(trainingSet(), reseeded);
    QVERIFY(different.ok());
    QVERIFY((*different)->version() != m_model->version());
}

void TestIntentModel::saveLoadRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(s("意图.model"));
    QElapsedTimer timer;
    timer.start();
    const Status saved = m_model->save(path);
    QVERIFY2(saved.ok(), qPrintable(saved.error().message));
    auto loaded = IntentModel::load(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    qInfo("save + load: %lld ms, %lld bytes", timer.elapsed(), QFileInfo(path).size());
    const IntentModel &copy = **loaded;
    QCOMPARE(copy.version(), m_model->version());
    QCOMPARE(copy.labels(), m_model->labels());
    QCOMPARE(copy.exampleCount(), m_model->exampleCount());
    for (const QString &text : probeTexts())
        QCOMPARE(copy.predict(text, 0), m_model->predict(text, 0));

    // Saving the loaded model reproduces the file byte for byte.
    const QString again = dir.filePath(QStringLiteral("again.model"));
    QVERIFY(copy.save(again).ok());
    QFile a(path), b(again);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.readAll() == b.readAll());
}

void TestIntentModel::hanNgramRange()
{
    const QStringList grams = intentInputText(s("包裹到哪"), 1, 3).split(u' ');
    for (const char *gram : {"包", "哪", "包裹", "到哪", "包裹到", "裹到哪"})
        QVERIFY2(grams.contains(s(gram)), qUtf8Printable(grams.join(u' ')));
    QCOMPARE(intentInputText(s("包裹到哪"), 2, 2), intentInputText(s("包裹到哪"), true));
    QCOMPARE(intentInputText(s("包裹到哪"), 0, 0), intentInputText(s("包裹到哪"), false));

    // The default range leaves the file format as it always was; another range is recorded in
    // the header and survives the round trip through bytes.
    const Result<QByteArray> plain = m_model->toBytes();
    QVERIFY(plain.ok());
    QVERIFY(!plain->first(plain->indexOf('\n', 22) + 1).contains("hanNgrams"));
    IntentOptions wide;
    wide.hanNgramMin = 1;
    wide.hanNgramMax = 3;
    auto model = IntentModel::train(trainingSet(), wide);
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    const Result<QByteArray> bytes = (*model)->toBytes();
    QVERIFY(bytes.ok());
    QVERIFY(bytes->first(200).contains("\"hanNgrams\":[1,3]"));
    auto loaded = IntentModel::fromBytes(*bytes, QStringLiteral("bytes"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE((*loaded)->version(), (*model)->version());
    for (const QString &text : probeTexts())
        QCOMPARE((*loaded)->predict(text, 0), (*model)->predict(text, 0));

    IntentOptions bad;
    bad.hanNgramMin = 3;
    bad.hanNgramMax = 2;
    QCOMPARE(IntentModel::train(trainingSet(), bad).error().code, QStringLiteral("intent.options"));
}

void TestIntentModel::subwordNgrams()
{
    // fastText keeps minn/maxn in its own file, so a model with subwords predicts the same after
    // the round trip through bytes; an analysed text predicts like the raw one.
    IntentOptions subwords;
    subwords.subwordMin = 3;
    subwords.subwordMax = 4;
    auto model = IntentModel::train(trainingSet(), subwords);
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    const Result<QByteArray> bytes = (*model)->toBytes();
    QVERIFY(bytes.ok());
    auto loaded = IntentModel::fromBytes(*bytes, QStringLiteral("bytes"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    for (const QString &text : probeTexts()) {
        QCOMPARE((*loaded)->predict(text, 0), (*model)->predict(text, 0));
        QCOMPARE((*model)->predict(TextAnalyzer::instance().analyze(text), 0),
                 (*model)->predict(text, 0));
    }

    for (const auto &[min, max] : {std::pair{0, 3}, std::pair{4, 3}, std::pair{-1, 0}}) {
        IntentOptions bad;
        bad.subwordMin = min;
        bad.subwordMax = max;
        QCOMPARE(IntentModel::train(trainingSet(), bad).error().code,
                 QStringLiteral("intent.options"));
    }
}

void TestIntentModel::loadRejectsDamagedFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString good = dir.filePath(QStringLiteral("good.model"));
    QVERIFY(m_model->save(good).ok());
    QFile file(good);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const qsizetype headerEnd = bytes.indexOf('\n', bytes.indexOf('\n') + 1) + 1;

    auto write = [&](const QString &name, const QByteArray &content) {
        QFile out(dir.filePath(name));
        if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size())
            return QString();
        return out.fileName();
    };
    const std::vector<std::pair<QString, QByteArray>> damaged = {
        {QStringLiteral("garbage"), QByteArray("not a model at all")},
        {QStringLiteral("plainfasttext"), bytes.sliced(headerEnd)},
        {QStringLiteral("badheader"),
         QByteArray("tandem-intent-model 1\n{oops\n") + bytes.sliced(headerEnd)},
        {QStringLiteral("nofasttext"), bytes.first(headerEnd) + QByteArray(64, 'x')},
        {QStringLiteral("truncated-dictionary"), bytes.first(headerEnd + 200)},
        {QStringLiteral("truncated-matrix"), bytes.first(bytes.size() / 2)},
        {QStringLiteral("trailing"), bytes + "extra"},
    };
    for (const auto &[name, content] : damaged) {
        const QString path = write(name, content);
        QVERIFY(!path.isEmpty());
        auto loaded = IntentModel::load(path);
        QVERIFY2(!loaded.ok(), qPrintable(name));
        QCOMPARE(loaded.error().code, QStringLiteral("intent.bad-model"));
    }
    auto missing = IntentModel::load(dir.filePath(QStringLiteral("missing.model")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("intent.io"));
}

void TestIntentModel::trainingErrors()
{
    auto empty = IntentModel::train({});
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, QStringLiteral("intent.no-examples"));

    const QList<TrainingExample> oneLabel = {{QStringLiteral("hello"), QStringLiteral("greeting")},
                                             {s("你好"), QStringLiteral("greeting")}};
    auto single = IntentModel::train(oneLabel);
    QVERIFY(!single.ok());
    QCOMPARE(single.error().code, QStringLiteral("intent.too-few-labels"));

    // A second label whose only example has no tokens does not count.
    auto tokenless = IntentModel::train(
        oneLabel + QList<TrainingExample>{{QStringLiteral("!!!"), QStringLiteral("other")}});
    QVERIFY(!tokenless.ok());
    QCOMPARE(tokenless.error().code, QStringLiteral("intent.too-few-labels"));

    auto noLabel = IntentModel::train(oneLabel + QList<TrainingExample>{{QStringLiteral("x"), {}}});
    QVERIFY(!noLabel.ok());
    QCOMPARE(noLabel.error().code, QStringLiteral("intent.no-label"));

    IntentOptions noEpochs;
    noEpochs.epochs = 0;
    IntentOptions noBuckets;
    noBuckets.bucket = 0;
    for (const IntentOptions &options : {noEpochs, noBuckets}) {
        auto bad = IntentModel::train(trainingSet(), options);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("intent.options"));
    }
}

void TestIntentModel::oddLabelsSurvive()
{
    // Labels with spaces, percent signs and Chinese must come back unchanged.
    const QString spaced = QStringLiteral("order cancel 100%");
    const QString chinese = s("退款.状态");
    const QList<TrainingExample> examples = {
        {QStringLiteral("cancel my order"), spaced},
        {QStringLiteral("cancel it now"), spaced},
        {QStringLiteral("where is my refund"), chinese},
        {s("退款到哪了"), chinese},
    };
    IntentOptions small;
    small.dim = 8;
    small.bucket = 1000;
    auto model = IntentModel::train(examples, small);
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    QCOMPARE((*model)->labels(), (QStringList{spaced, chinese}));
    QCOMPARE((*model)->predict(QStringLiteral("cancel my order please"), 1).first().intent, spaced);
    QCOMPARE((*model)->exampleCount(), 4);
}

void TestIntentModel::concurrentPredictionsMatchSingleThreaded()
{
    const QStringList texts = probeTexts();
    QList<QList<IntentPrediction>> expected;
    QElapsedTimer timer;
    timer.start();
    for (const QString &text : texts)
        expected.append(m_model->predict(text, 3));
    qInfo("single-threaded: %lld predictions in %lld ms", qint64(texts.size()), timer.elapsed());

    constexpr int kThreads = 4;
    constexpr int kPerThread = 200;
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    timer.restart();
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const qsizetype index = (t * 7 + i) % texts.size();
                if (m_model->predict(texts[index], 3) != expected[index])
                    ++mismatches;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    qInfo("%d threads x %d predictions in %lld ms", kThreads, kPerThread, timer.elapsed());
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestIntentModel)
#include "tst_intentmodel.moc"
