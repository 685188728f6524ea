#include "sentimentmodel.h"
#include "store.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tandem;
using namespace tandem::test;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;
const QString kSentiment = QStringLiteral("sentiment");

/// A small but real model: the same bytes the CLI stores.
std::shared_ptr<const SentimentModel> tinyModel()
{
    QList<SentimentExample> examples;
    const auto add = [&examples](const char *text, SentimentLabel label) {
        examples.append({QString::fromUtf8(text), label});
    };
    for (int i = 0; i < 3; ++i) {
        add("great service, thank you", SentimentLabel::Positive);
        add("服务很好，谢谢", SentimentLabel::Positive);
        add("terrible, still no refund", SentimentLabel::Negative);
        add("太慢了，非常失望", SentimentLabel::Negative);
    }
    SentimentOptions options = SentimentModel::defaultOptions();
    options.fastText.bucket = 1000; // a few KB instead of tens of MB
    options.fastText.dim = 8;
    auto model = SentimentModel::train(examples, options);
    if (!model) {
        qWarning() << "training failed:" << model.error().message;
        return {};
    }
    return *model;
}

} // namespace

/// Trained bot models kept in the database: save, newest active wins, list, reset.
class TestBotModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void roundTrip_data() { addBackends(); }
    void roundTrip();
    void newestWinsAndReset_data() { addBackends(); }
    void newestWinsAndReset();
    void kindsAreSeparate_data() { addBackends(); }
    void kindsAreSeparate();
    void refusesEmpty();

private:
    void addBackends() { m_backends.addRows(); }
    std::unique_ptr<Store> openFresh()
    {
        return m_backends.openFresh(m_dir->path(), QStringLiteral("models"));
    }

    StoreBackends m_backends;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestBotModels::initTestCase()
{
    if (!m_backends.init())
        QFAIL("TANDEM_TEST_REQUIRE_PG=1 but TANDEM_TEST_PG_URL is not set");
}

void TestBotModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestBotModels::cleanup()
{
    m_dir.reset();
}

#define OPEN_FRESH(var)                                                                            \
    auto var = openFresh();                                                                        \
    QVERIFY(var)

void TestBotModels::roundTrip()
{
    OPEN_FRESH(db);
    const auto model = tinyModel();
    QVERIFY(model);
    const Result<QByteArray> bytes = model->toBytes();
    QVERIFY2(bytes.ok(), qPrintable(bytes.error().message));
    QVERIFY(bytes->contains('\0')); // a binary blob, not text

    const auto saved = db->saveBotModel(kSentiment, *bytes, model->version(), model->exampleCount(),
                                        QStringLiteral("tiny 小"), kNow);
    QVERIFY2(saved.ok(), qPrintable(describe(saved.error())));
    QVERIFY(saved->id > 0);

    const auto latest = db->latestBotModel(kSentiment);
    QVERIFY2(latest.ok(), qPrintable(describe(latest.error())));
    QVERIFY(latest->has_value());
    const auto &[info, stored] = **latest;
    QCOMPARE(stored, *bytes);
    QCOMPARE(info.id, saved->id);
    QCOMPARE(info.kind, kSentiment);
    QCOMPARE(info.version, model->version());
    QCOMPARE(info.exampleCount, 12);
    QCOMPARE(info.note, QStringLiteral("tiny 小"));
    QCOMPARE(info.createdAtMs, kNow);
    QVERIFY(info.active);

    // The bytes make the same model: same version, same predictions.
    const auto loaded = SentimentModel::fromBytes(stored, QStringLiteral("the database"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE((*loaded)->version(), model->version());
    for (const char *text : {"thank you, great", "太慢了", "still no refund"}) {
        const QString t = QString::fromUtf8(text);
        QCOMPARE((*loaded)->predict(t), model->predict(t));
    }
}

void TestBotModels::newestWinsAndReset()
{
    OPEN_FRESH(db);
    QVERIFY(!db->latestBotModel(kSentiment)->has_value());
    QVERIFY(db->botModels(kSentiment)->isEmpty());

    QVERIFY(
        db->saveBotModel(kSentiment, "first", QStringLiteral("aaaaaaaaaaaa"), 10, {}, kNow).ok());
    QVERIFY(db->saveBotModel(kSentiment, "second", QStringLiteral("bbbbbbbbbbbb"), 20, {}, kNow + 1)
                .ok());
    auto latest = db->latestBotModel(kSentiment);
    QVERIFY(latest.ok() && latest->has_value());
    QCOMPARE((*latest)->second, QByteArray("second"));

    auto listed = db->botModels(kSentiment);
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).version, QStringLiteral("bbbbbbbbbbbb"));
    QCOMPARE(listed->at(1).version, QStringLiteral("aaaaaaaaaaaa"));

    // Reset: nothing active, the history is kept.
    QCOMPARE(db->deactivateBotModels(kSentiment).value(), 2);
    QCOMPARE(db->deactivateBotModels(kSentiment).value(), 0);
    latest = db->latestBotModel(kSentiment);
    QVERIFY(latest.ok());
    QVERIFY(!latest->has_value());
    listed = db->botModels(kSentiment);
    QCOMPARE(listed->size(), 2);
    QVERIFY(!listed->at(0).active && !listed->at(1).active);

    // A model trained after a reset is active again.
    QVERIFY(db->saveBotModel(kSentiment, "third", QStringLiteral("cccccccccccc"), 30, {}, kNow + 2)
                .ok());
    latest = db->latestBotModel(kSentiment);
    QVERIFY(latest.ok() && latest->has_value());
    QCOMPARE((*latest)->first.version, QStringLiteral("cccccccccccc"));

    // Only the newest three keep their bytes: a fourth prunes the first (still listed).
    QCOMPARE(db->botModels(kSentiment)->constLast().byteSize, qint64(5)); // "first"
    QVERIFY(db->saveBotModel(kSentiment, "fourth", QStringLiteral("dddddddddddd"), 40, {}, kNow + 3)
                .ok());
    listed = db->botModels(kSentiment);
    QCOMPARE(listed->size(), 4);
    QCOMPARE(listed->at(0).byteSize, qint64(6)); // fourth
    QCOMPARE(listed->at(2).byteSize, qint64(6)); // second
    QCOMPARE(listed->at(3).byteSize, qint64(0)); // first, pruned
    latest = db->latestBotModel(kSentiment);
    QCOMPARE((*latest)->second, QByteArray("fourth"));
}

void TestBotModels::kindsAreSeparate()
{
    OPEN_FRESH(db);
    QVERIFY(db->saveBotModel(QStringLiteral("intent"), "intent", QStringLiteral("dddddddddddd"), 1,
                             {}, kNow)
                .ok());
    QVERIFY(!db->latestBotModel(kSentiment)->has_value());
    QCOMPARE(db->deactivateBotModels(kSentiment).value(), 0);
    QVERIFY(db->latestBotModel(QStringLiteral("intent"))->has_value());
}

void TestBotModels::refusesEmpty()
{
    OPEN_FRESH(db);
    QCOMPARE(db->saveBotModel(kSentiment, {}, QStringLiteral("x"), 0, {}, kNow).error().code,
             QStringLiteral("invalid_argument"));
    QCOMPARE(db->botModels(kSentiment)->size(), 0);
}

QTEST_GUILESS_MAIN(TestBotModels)
#include "tst_botmodels.moc"
