#include "domain.h"

#include <QTest>

using namespace tandem;

/// Domain names round-trip, permissions match the roles, JSON round-trips for the client.
class TestDomain : public QObject
{
    Q_OBJECT
private slots:
    void namesRoundTrip();
    void permissions_data();
    void permissions();
    void conversationJsonRoundTrip();
    void moodCut();
    void preview_data();
    void preview();
};

void TestDomain::namesRoundTrip()
{
    for (Role r : {Role::Agent, Role::Supervisor, Role::Trainer, Role::Admin})
        QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
    for (auto s : {ConversationState::Bot, ConversationState::Waiting, ConversationState::Assigned,
                   ConversationState::Closed})
        QCOMPARE(stateFromName(stateName(s)), std::optional<ConversationState>(s));
    QVERIFY(!roleFromName(QStringLiteral("root")));
    QVERIFY(!stateFromName(QStringLiteral("Waiting"))); // names are exact, lower case
}

void TestDomain::permissions_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("work");
    QTest::addColumn<bool>("manage");
    QTest::newRow("agent") << "agent" << true << false;
    QTest::newRow("supervisor") << "supervisor" << true << true;
    QTest::newRow("trainer") << "trainer" << false << false;
    QTest::newRow("admin") << "admin" << true << true;
}

void TestDomain::permissions()
{
    QFETCH(QString, role);
    QFETCH(bool, work);
    QFETCH(bool, manage);
    const Role r = *roleFromName(role);
    QCOMPARE(permissions::canWorkConversations(r), work);
    QCOMPARE(permissions::canManageOthers(r), manage);
}

void TestDomain::conversationJsonRoundTrip()
{
    Conversation c;
    c.id = 9;
    c.customerName = QStringLiteral("王小明");
    c.channel = QStringLiteral("web");
    c.locale = QStringLiteral("zh-TW");
    c.state = ConversationState::Assigned;
    c.assigneeId = 3;
    c.assigneeName = QStringLiteral("Alice");
    c.lastMessagePreview = QStringLiteral("退款還沒到賬");
    c.messageCount = 4;
    c.waitingSinceMs = 0;
    const Conversation back = Conversation::fromJson(c.toJson());
    QCOMPARE(back.id, c.id);
    QCOMPARE(back.customerName, c.customerName);
    QCOMPARE(back.state, c.state);
    QCOMPARE(back.assigneeName, c.assigneeName);
    QCOMPARE(back.lastMessagePreview, c.lastMessagePreview);
    QCOMPARE(back.messageCount, 4);
}

void TestDomain::moodCut()
{
    QCOMPARE(moodOf(-kMoodThreshold), Mood::Negative);
    QCOMPARE(moodOf(-kMoodThreshold + 0.01), Mood::Neutral);
    QCOMPARE(moodOf(0), Mood::Neutral);
    QCOMPARE(moodOf(kMoodThreshold), Mood::Positive);
    QCOMPARE(moodOf(-1), Mood::Negative);
}

void TestDomain::preview_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("expected");
    QTest::newRow("collapses whitespace")
        << "Where is\n\n my   order?" << 120 << "Where is my order?";
    QTest::newRow("short Chinese kept") << "我的订单还没到" << 120 << "我的订单还没到";
    QTest::newRow("long cut with ellipsis")
        << "退款退款退款退款" << 5 << QStringLiteral("退款退款…");
}

void TestDomain::preview()
{
    QFETCH(QString, text);
    QFETCH(int, max);
    QFETCH(QString, expected);
    QCOMPARE(previewOf(text, max), expected);
}

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
