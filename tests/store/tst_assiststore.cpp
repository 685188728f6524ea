// Sentiment tags and canned responses in the store, on SQLite and (with TANDEM_TEST_PG_URL) on
// PostgreSQL.
#include "store.h"
#include "storetesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tandem;
using namespace tandem::test;

namespace {
constexpr qint64 kNow = 1'700'000'000'000;
}

class TestAssistStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }
    void tagsKeepBothLabels_data() { addBackends(); }
    void tagsKeepBothLabels();
    void trainingExamples_data() { addBackends(); }
    void trainingExamples();
    void cannedOwnAndShared_data() { addBackends(); }
    void cannedOwnAndShared();
    void cannedValidation();
    void fillVariables();

private:
    void addBackends() { m_backends.addRows(); }
    std::unique_ptr<Store> openFresh()
    {
        return m_backends.openFresh(m_dir->path(), QStringLiteral("assist"));
    }

    StoreBackends m_backends;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAssistStore::initTestCase()
{
    if (!m_backends.init())
        QFAIL("TANDEM_TEST_REQUIRE_PG=1 but TANDEM_TEST_PG_URL is not set");
}

#define OPEN_FRESH(var)                                                                            \
    auto var = openFresh();                                                                        \
    QVERIFY(var)

namespace {

Message customerMessage(qint64 conversation, const QString &text, double score, qint64 at)
{
    Message m;
    m.conversationId = conversation;
    m.senderKind = SenderKind::Customer;
    m.senderName = QStringLiteral("Lee");
    m.text = text;
    m.sentiment = score;
    m.createdAtMs = at;
    return m;
}

} // namespace

void TestAssistStore::tagsKeepBothLabels()
{
    OPEN_FRESH(store);
    TAKE(alice, store->addUser(QStringLiteral("alice"), QStringLiteral("Alice"), Role::Agent,
                               {QByteArray("h"), QByteArray("s"), 1}, kNow));
    NewConversation n;
    n.customerName = QStringLiteral("Lee");
    n.channel = QStringLiteral("web");
    n.nowMs = kNow;
    TAKE(c, store->createConversation(n));
    TAKE(m, store->addMessage(customerMessage(c.id, QStringLiteral("fine thanks"), 0.4, kNow)));

    SentimentTag agree;
    agree.conversationId = c.id;
    agree.userId = alice;
    agree.agentLabel = Mood::Positive;
    agree.modelLabel = Mood::Positive;
    agree.modelScore = 0.4;
    agree.createdAtMs = kNow + 1;
    TAKE(first, store->addSentimentTag(agree));
    QVERIFY(first.id > 0);

    SentimentTag disagree = agree;
    disagree.messageId = m.id;
    disagree.agentLabel = Mood::Negative; // sarcasm the lexicon missed
    disagree.createdAtMs = kNow + 2;
    TAKE(second, store->addSentimentTag(disagree));

    TAKE(all, store->sentimentTags(0, false, 0, 100));
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.first().id, second.id); // newest first
    QCOMPARE(all.first().messageId, m.id);
    QCOMPARE(all.first().username, QStringLiteral("alice"));
    QCOMPARE(*all.first().modelLabel, Mood::Positive);
    QCOMPARE(*all.first().modelScore, 0.4);

    TAKE(disagreements, store->sentimentTags(0, true, 0, 100));
    QCOMPARE(disagreements.size(), 1);
    QCOMPARE(disagreements.first().agentLabel, Mood::Negative);
    QVERIFY(disagreements.first().disagrees());

    TAKE(older, store->sentimentTags(c.id, false, second.id, 100));
    QCOMPARE(older.size(), 1);
    QCOMPARE(older.first().id, first.id);

    // A re-tag replaces the standing conversation tag; the message tag stays.
    SentimentTag again = agree;
    again.agentLabel = Mood::Neutral;
    again.createdAtMs = kNow + 3;
    VERIFY_OK(store->addSentimentTag(again));
    TAKE(standing, store->currentSentimentTags(c.id));
    QCOMPARE(standing.size(), 2);
    QCOMPARE(standing.at(0).agentLabel, Mood::Neutral);
    QCOMPARE(standing.at(0).messageId, 0);
    QCOMPARE(standing.at(1).messageId, m.id);
}

void TestAssistStore::trainingExamples()
{
    OPEN_FRESH(store);
    TAKE(alice, store->addUser(QStringLiteral("alice"), QStringLiteral("Alice"), Role::Agent,
                               {QByteArray("h"), QByteArray("s"), 1}, kNow));
    NewConversation n;
    n.channel = QStringLiteral("web");
    n.nowMs = kNow;
    TAKE(c, store->createConversation(n));
    TAKE(m1,
         store->addMessage(customerMessage(c.id, QStringLiteral("我的退款还没到"), -0.3, kNow)));
    VERIFY_OK(store->addMessage(customerMessage(c.id, QStringLiteral("好吧谢谢"), 0.2, kNow + 5)));
    VERIFY_OK(store->addMessage(customerMessage(c.id, QStringLiteral("later"), 0.0, kNow + 50)));

    SentimentTag whole;
    whole.conversationId = c.id;
    whole.userId = alice;
    whole.agentLabel = Mood::Neutral;
    whole.createdAtMs = kNow + 10; // before "later": that message is not part of the example
    VERIFY_OK(store->addSentimentTag(whole));
    SentimentTag one = whole;
    one.messageId = m1.id;
    one.agentLabel = Mood::Positive;
    VERIFY_OK(store->addSentimentTag(one));
    one.agentLabel = Mood::Negative; // corrected: only the newest counts
    VERIFY_OK(store->addSentimentTag(one));

    TAKE(examples, store->sentimentExamples(100));
    QCOMPARE(examples.size(), 2);
    QCOMPARE(examples.at(0).text, QStringLiteral("我的退款还没到"));
    QCOMPARE(examples.at(0).label, Mood::Negative);
    QCOMPARE(examples.at(1).text, QStringLiteral("我的退款还没到\n好吧谢谢"));
    QCOMPARE(examples.at(1).label, Mood::Neutral);
}

void TestAssistStore::cannedOwnAndShared()
{
    OPEN_FRESH(store);
    TAKE(alice, store->addUser(QStringLiteral("alice"), QStringLiteral("Alice"), Role::Agent,
                               {QByteArray("h"), QByteArray("s"), 1}, kNow));
    TAKE(bob, store->addUser(QStringLiteral("bob"), QStringLiteral("Bob"), Role::Agent,
                             {QByteArray("h"), QByteArray("s"), 1}, kNow));
    CannedResponse shared;
    shared.shortcut = QStringLiteral("refund-ok");
    shared.title = QStringLiteral("退款已受理");
    shared.text = QStringLiteral("{{customer.name}}您好，退款已受理。");
    shared.language = QStringLiteral("zh-CN");
    TAKE(s, store->saveCannedResponse(shared, QStringLiteral("user:sam"), kNow));
    QVERIFY(s.isShared());

    CannedResponse mine = shared;
    mine.ownerId = alice;
    mine.title = QStringLiteral("My refund text");
    TAKE(a, store->saveCannedResponse(mine, QStringLiteral("user:alice"), kNow)); // own may reuse
    QCOMPARE(a.ownerId, alice);

    auto taken = store->saveCannedResponse(mine, QStringLiteral("user:alice"), kNow);
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().code, QStringLiteral("conflict"));

    TAKE(forAlice, store->cannedResponses(alice));
    QCOMPARE(forAlice.size(), 2);
    TAKE(forBob, store->cannedResponses(bob));
    QCOMPARE(forBob.size(), 1);
    QVERIFY(forBob.first().isShared());

    CannedResponse edit = a;
    edit.text = QStringLiteral("Edited {{agent.name}}");
    edit.ownerId = 0; // an update never moves a response between owners
    TAKE(edited, store->saveCannedResponse(edit, QStringLiteral("user:alice"), kNow + 1));
    QCOMPARE(edited.ownerId, alice);
    QCOMPARE(edited.text, QStringLiteral("Edited {{agent.name}}"));
    QCOMPARE(edited.updatedAtMs, kNow + 1);

    VERIFY_OK(store->deleteCannedResponse(a.id));
    QCOMPARE(store->deleteCannedResponse(a.id).error().code, QStringLiteral("not_found"));
    TAKE(after, store->cannedResponses(alice));
    QCOMPARE(after.size(), 1);
}

void TestAssistStore::cannedValidation()
{
    CannedResponse c;
    c.shortcut = QStringLiteral("退款-ok");
    c.title = QStringLiteral("t");
    c.text = QStringLiteral("Hi {{customer.name}}, order {{order.id}}");
    c.language = QStringLiteral("en");
    QVERIFY(c.validate().ok());
    c.shortcut = QStringLiteral("two words");
    QVERIFY(!c.validate().ok());
    c.shortcut = QStringLiteral("ok");
    c.text = QStringLiteral("{{customer.email}}");
    QVERIFY(c.validate().error().message.contains(QStringLiteral("customer.email")));
    c.text = QStringLiteral("x");
    c.language = QStringLiteral("fr");
    QVERIFY(!c.validate().ok());
}

void TestAssistStore::fillVariables()
{
    const QString text = QStringLiteral("Hi {{customer.name}}, {{ order.id }} ships. {{agent.name}}"
                                        " / {{customer.name}}");
    QCOMPARE(canned::variablesIn(text),
             (QStringList{QStringLiteral("customer.name"), QStringLiteral("order.id"),
                          QStringLiteral("agent.name")}));
    QCOMPARE(canned::fill(text, {{QStringLiteral("customer.name"), QStringLiteral("Lee")},
                                 {QStringLiteral("order.id"), QStringLiteral("A-17")}}),
             QStringLiteral("Hi Lee, A-17 ships. {{agent.name}} / Lee"));
}

QTEST_GUILESS_MAIN(TestAssistStore)
#include "tst_assiststore.moc"
