// The trained sentiment model in a live hub: loaded from the store at start, its label shown to
// agents, escalation cues still from the lexicon, and swapped atomically at run time.
#include "hubfixture.h"

#include <QLoggingCategory>
#include <QThread>
#include <QtTest>

using namespace tandem;
using namespace tandem::test;

namespace {

// Colours carry no sentiment in the lexicon; in this shop's data they do, so what the agent
// sees tells which scorer ran.
const QString kBlue = QStringLiteral("我买了蓝色的杯子");
const QString kBlueEnglish = QStringLiteral("I got the blue mug");

std::shared_ptr<const SentimentModel> colourModel()
{
    QList<SentimentExample> examples;
    for (int i = 0; i < 4; ++i) {
        examples.append({QStringLiteral("蓝色的杯子"), Mood::Positive});
        examples.append({QStringLiteral("蓝色的盒子"), Mood::Positive});
        examples.append({QStringLiteral("the blue mug"), Mood::Positive});
        examples.append({QStringLiteral("a blue box"), Mood::Positive});
        examples.append({QStringLiteral("绿色的杯子"), Mood::Negative});
        examples.append({QStringLiteral("绿色的盒子"), Mood::Negative});
        examples.append({QStringLiteral("the green mug"), Mood::Negative});
        examples.append({QStringLiteral("a green box"), Mood::Negative});
    }
    SentimentOptions options = SentimentModel::defaultOptions();
    options.fastText.bucket = 1000; // small and quick; the same code path as the product's model
    options.fastText.dim = 16;
    auto model = SentimentModel::train(examples, options);
    if (!model) {
        qWarning() << "training failed:" << model.error().message;
        return {};
    }
    return *model;
}

/// The conversation and message an agent received for the customer's latest message.
struct Seen
{
    double messageSentiment = 0;
    double conversationSentiment = 0;
    bool escalation = false;
    bool found = false;
};

Seen seenByAgent(WsClient &agent, qint64 conversationId, const QString &text)
{
    const QJsonObject frame = agent.waitFor([&](const QJsonObject &f) {
        const QJsonObject data = f.value(QStringLiteral("data")).toObject();
        return f.value(QStringLiteral("kind")).toString() == QLatin1String("message.created") &&
               data.value(QStringLiteral("conversation"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toInteger() == conversationId &&
               data.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")) ==
                   text;
    });
    Seen seen;
    if (frame.isEmpty())
        return seen;
    const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
    seen.found = true;
    seen.messageSentiment = data.value(QStringLiteral("message"))
                                .toObject()
                                .value(QStringLiteral("sentiment"))
                                .toDouble();
    const QJsonObject conversation = data.value(QStringLiteral("conversation")).toObject();
    seen.conversationSentiment = conversation.value(QStringLiteral("sentiment")).toDouble();
    seen.escalation = conversation.value(QStringLiteral("escalation")).toBool();
    return seen;
}

/// What an agent is shown for a new customer's first message.
Seen firstMessageSeen(HubFixture &fx, WsClient &agent, const QString &customerKey,
                      const QString &text)
{
    auto customer = fx.customer(customerKey);
    if (!customer)
        return {};
    const qint64 id = HubFixture::say(*customer, text);
    return id > 0 ? seenByAgent(agent, id, text) : Seen{};
}

} // namespace

class TestHubSentiment : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_fx.reset(); }
    void storedModelScoresCustomerMessages();
    void swapIsAtomicAndThreadSafe();
    void modelStoredElsewhereIsTakenUpWhileRunning();

private:
    std::unique_ptr<HubFixture> m_fx;
};

void TestHubSentiment::init()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(m_fx->start());
}

void TestHubSentiment::storedModelScoresCustomerMessages()
{
    // No model stored: the lexicon scores, and colours are neutral.
    QVERIFY(!m_fx->hub().sentimentModel());
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    {
        auto agent = m_fx->agent(alice);
        QVERIFY(agent);
        const Seen seen =
            firstMessageSeen(*m_fx, *agent, QStringLiteral("sentiment-key-000001"), kBlue);
        QVERIFY(seen.found);
        QCOMPARE(moodOf(seen.messageSentiment), Mood::Neutral);
    }

    // A model trained elsewhere (tandem-hub sentiment train) is in the store: the next start
    // loads it.
    const auto model = colourModel();
    QVERIFY(model);
    const Result<QByteArray> bytes = model->toBytes();
    QVERIFY(bytes.ok());
    QVERIFY(m_fx->hub()
                .store()
                .saveBotModel(QStringLiteral("sentiment"), *bytes, model->version(),
                              model->exampleCount(), {}, HubFixture::now())
                .ok());
    const quint16 port = m_fx->hub().port();
    m_fx->stop();
    QVERIFY(m_fx->start({}, {}, port));
    QVERIFY(m_fx->hub().sentimentModel());
    QCOMPARE(m_fx->hub().sentimentModel()->version(), model->version());

    auto agent = m_fx->agent(alice);
    auto customer = m_fx->customer(QStringLiteral("sentiment-key-000002"));
    auto english = m_fx->customer(QStringLiteral("sentiment-key-000003"));
    QVERIFY(agent && customer && english);
    const qint64 id = HubFixture::say(*customer, kBlue);
    QVERIFY(id > 0);
    Seen seen = seenByAgent(*agent, id, kBlue);
    QVERIFY(seen.found);
    QCOMPARE(moodOf(seen.messageSentiment), Mood::Positive);
    QCOMPARE(moodOf(seen.conversationSentiment), Mood::Positive);
    QVERIFY(!seen.escalation);
    QCOMPARE(moodOf(*m_fx->hub().store().conversation(id)->sentiment), Mood::Positive);

    // Escalation cues come from the lexicon whatever the model says.
    const QString complaint = QStringLiteral("我要投诉到消协");
    QCOMPARE(HubFixture::say(*customer, complaint), id);
    seen = seenByAgent(*agent, id, complaint);
    QVERIFY(seen.found);
    QVERIFY(seen.escalation);
    QVERIFY(m_fx->hub().store().conversation(id)->escalation);

    const qint64 other = HubFixture::say(*english, kBlueEnglish);
    QVERIFY(other > 0);
    seen = seenByAgent(*agent, other, kBlueEnglish);
    QCOMPARE(moodOf(seen.messageSentiment), Mood::Positive);
    QVERIFY(!seen.escalation);
    const QString regulator = QStringLiteral("I will report you to the regulator");
    QCOMPARE(HubFixture::say(*english, regulator), other);
    seen = seenByAgent(*agent, other, regulator);
    QVERIFY(seen.found);
    QVERIFY(seen.escalation);
}

void TestHubSentiment::swapIsAtomicAndThreadSafe()
{
    const auto model = colourModel();
    QVERIFY(model);
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto agent = m_fx->agent(alice);
    auto customer = m_fx->customer(QStringLiteral("sentiment-key-000004"));
    QVERIFY(agent && customer);

    // Swapped from another thread, as a retraining worker will.
    std::unique_ptr<QThread> worker(
        QThread::create([this, model] { m_fx->hub().setSentimentModel(model); }));
    worker->start();
    QVERIFY(worker->wait(60000));
    QCOMPARE(m_fx->hub().sentimentModel(), model);
    const qint64 id = HubFixture::say(*customer, kBlue);
    QVERIFY(id > 0);
    QCOMPARE(moodOf(seenByAgent(*agent, id, kBlue).messageSentiment), Mood::Positive);

    // Many swaps racing with messages: every message is scored by one whole scorer. Each swap
    // logs which model is active; thousands of those lines would only bury the test's output.
    QLoggingCategory::setFilterRules(QStringLiteral("tandem.hub.info=false"));
    std::atomic<bool> stop = false;
    std::unique_ptr<QThread> swapper(QThread::create([this, model, &stop] {
        for (int i = 0; !stop; ++i)
            m_fx->hub().setSentimentModel(i % 2 ? model : nullptr);
    }));
    swapper->start();
    for (int i = 0; i < 10; ++i) {
        const QString text = kBlue + QString::number(i);
        QCOMPARE(HubFixture::say(*customer, text), id);
        const Seen seen = seenByAgent(*agent, id, text);
        QVERIFY(seen.found);
        const Mood mood = moodOf(seen.messageSentiment);
        QVERIFY(mood == Mood::Positive || mood == Mood::Neutral);
    }
    stop = true;
    QVERIFY(swapper->wait(60000));
    QLoggingCategory::setFilterRules({});

    // Back to the lexicon.
    m_fx->hub().setSentimentModel(nullptr);
    QVERIFY(!m_fx->hub().sentimentModel());
    const QString last = kBlue + QStringLiteral("!");
    QCOMPARE(HubFixture::say(*customer, last), id);
    QCOMPARE(moodOf(seenByAgent(*agent, id, last).messageSentiment), Mood::Neutral);
}

void TestHubSentiment::modelStoredElsewhereIsTakenUpWhileRunning()
{
    // A hub that looks for new models often, and another connection to its database standing in
    // for `tandem-hub sentiment train|reset` run while the hub serves.
    m_fx->stop();
    HubConfig config;
    config.modelCheckMs = 50;
    QVERIFY(m_fx->start({}, config));
    QVERIFY(!m_fx->hub().sentimentModel());
    auto other = Store::open(m_fx->hub().config().database, QStringLiteral("sentiment-cli"));
    QVERIFY2(other.ok(), qPrintable(other.ok() ? QString() : other.error().message));
    const auto model = colourModel();
    QVERIFY(model);
    const Result<QByteArray> bytes = model->toBytes();
    QVERIFY(bytes.ok());
    const auto saved =
        other.value()->saveBotModel(QStringLiteral("sentiment"), *bytes, model->version(),
                                    model->exampleCount(), {}, HubFixture::now());
    QVERIFY(saved.ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->hub().sentimentModel() &&
                                 m_fx->hub().sentimentModel()->version() == model->version(),
                             60000);
    QCOMPARE(m_fx->hub().sentimentModelId(), saved->id);

    // Customers are scored by it at once, without a restart.
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto agent = m_fx->agent(alice);
    QVERIFY(agent);
    const Seen seen =
        firstMessageSeen(*m_fx, *agent, QStringLiteral("sentiment-key-000010"), kBlue);
    QVERIFY(seen.found);
    QCOMPARE(moodOf(seen.messageSentiment), Mood::Positive);

    // A damaged model is refused with a warning; the one in use keeps scoring.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("keeping the sentiment "
                                                                         "model in use")));
    const auto damaged =
        other.value()->saveBotModel(QStringLiteral("sentiment"), QByteArray("not a model"),
                                    QStringLiteral("000000000000"), 1, {}, HubFixture::now());
    QVERIFY(damaged.ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->hub().sentimentModelId(), damaged->id, 60000);
    QVERIFY(m_fx->hub().sentimentModel());
    QCOMPARE(m_fx->hub().sentimentModel()->version(), model->version());

    // `sentiment reset` elsewhere: back to the lexicon.
    QVERIFY(other.value()->deactivateBotModels(QStringLiteral("sentiment")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!m_fx->hub().sentimentModel(), 60000);
    QCOMPARE(m_fx->hub().sentimentModelId(), 0);
}

QTEST_GUILESS_MAIN(TestHubSentiment)
#include "tst_hub_sentiment.moc"
