#include "hubfixture.h"
#include "knowledge.h"

#include <QJsonArray>
#include <QSet>

using namespace tandem;
using namespace tandem::test;

namespace {
QJsonObject cmd(const char *type, qint64 conversationId, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("type"), QLatin1String(type));
    extra.insert(QStringLiteral("conversationId"), conversationId);
    return extra;
}

bool isEventOf(const QJsonObject &f, const char *kind)
{
    return f.value(QStringLiteral("type")).toString() == QLatin1String("event") &&
           f.value(QStringLiteral("kind")).toString() == QLatin1String(kind);
}

QString eventText(const QJsonObject &f)
{
    return f.value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}
} // namespace

/// The live loop over a real hub and real WebSockets: customer → hub → agent → customer, claims,
/// resume, idempotent commands, roles and capacity.
class TestHubLive : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_fx = std::make_unique<HubFixture>();
        QVERIFY(m_fx->start());
    }
    void cleanup() { m_fx.reset(); }

    void messageTravelsBothWays();
    void twentyAgentsRaceForOneClaim();
    void resumeAfterCutHasNoGapAndNoDuplicate();
    void resumeTooFarBehindGetsSnapshot();
    void retriedCommandIsAppliedOnce();
    void customerReconnectContinuesConversation();
    void rolesAreEnforcedByTheHub();
    void capacityLimitIsEnforced();
    void releaseTransferAndClose();
    void passwordSignIn();
    void usersListAndLocalSession();
    void sentimentIsRecordedPerMessageAndConversation();
    void knowledgeBaseSearchAndEditWithRoles();

private:
    std::unique_ptr<HubFixture> m_fx;
};

void TestHubLive::messageTravelsBothWays()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto agent = m_fx->agent(alice);
    QVERIFY(agent);
    auto customer =
        m_fx->customer(QStringLiteral("browser-key-0001-aaaa"), QStringLiteral("王小明"));
    QVERIFY(customer);

    const QString question = QStringLiteral("我的 iPhone 15 退款还没到账");
    const qint64 conversation = HubFixture::say(*customer, question);
    QVERIFY(conversation > 0);

    const QJsonObject created =
        agent->waitFor([](const QJsonObject &f) { return isEventOf(f, "conversation.created"); });
    QCOMPARE(created.value(QStringLiteral("conversationId")).toInteger(), conversation);
    QCOMPARE(created.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("bot"));
    const QJsonObject message = agent->waitFor([&](const QJsonObject &f) {
        return isEventOf(f, "message.created") && eventText(f) == question;
    });
    QVERIFY(!message.isEmpty());
    // This hub has no knowledge base, so the bot hands over at once and says why.
    const QJsonObject routed =
        agent->waitFor([](const QJsonObject &f) { return isEventOf(f, "routing.decided"); });
    QCOMPARE(routed.value(QStringLiteral("data")).toObject().value(QStringLiteral("reason")),
             QStringLiteral("bot_unavailable"));
    const QJsonObject handedOver = agent->waitFor([](const QJsonObject &f) {
        return isEventOf(f, "conversation.updated") &&
               f.value(QStringLiteral("data")).toObject().value(QStringLiteral("change")) ==
                   QStringLiteral("handed_over");
    });
    QCOMPARE(handedOver.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("waiting"));

    QVERIFY(isAck(agent->reply(agent->send(cmd("claim", conversation)))));
    const QString answer = QStringLiteral("您好王先生，我马上为您查询退款进度。");
    const QJsonObject sent =
        agent->reply(agent->send(cmd("send", conversation, {{QStringLiteral("text"), answer}})));
    QVERIFY2(isAck(sent), QJsonDocument(sent).toJson().constData());

    const QJsonObject received = customer->waitFor([&](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("message") &&
               f.value(QStringLiteral("message"))
                       .toObject()
                       .value(QStringLiteral("text"))
                       .toString() == answer;
    });
    QVERIFY(!received.isEmpty());
    QCOMPARE(received.value(QStringLiteral("message"))
                 .toObject()
                 .value(QStringLiteral("sender"))
                 .toString(),
             QStringLiteral("agent"));
    QCOMPARE(received.value(QStringLiteral("message"))
                 .toObject()
                 .value(QStringLiteral("senderName"))
                 .toString(),
             QStringLiteral("Alice"));
    const QJsonObject state = customer->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("state");
    });
    QCOMPARE(state.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("assigned"));
    QCOMPARE(state.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("assigneeName"))
                 .toString(),
             QStringLiteral("Alice"));
    // Customers never see internal ids.
    QVERIFY(!state.value(QStringLiteral("conversation"))
                 .toObject()
                 .contains(QStringLiteral("assigneeId")));
}

void TestHubLive::twentyAgentsRaceForOneClaim()
{
    auto customer = m_fx->customer(QStringLiteral("browser-key-race-0001"));
    const qint64 conversation = HubFixture::say(*customer, QStringLiteral("Where is my parcel?"));
    QVERIFY(conversation > 0);

    std::vector<std::unique_ptr<WsClient>> agents;
    for (int i = 0; i < 20; ++i) {
        agents.push_back(m_fx->agent(m_fx->addUser(QStringLiteral("agent%1").arg(i), Role::Agent)));
        QVERIFY(agents.back());
    }
    QStringList ids;
    for (auto &a : agents)
        ids << a->send(cmd("claim", conversation));
    int won = 0, lost = 0;
    for (int i = 0; i < 20; ++i) {
        const QJsonObject r = agents[i]->reply(ids[i]);
        if (isAck(r))
            ++won;
        else if (errorCode(r) == QLatin1String("conflict"))
            ++lost;
    }
    QCOMPARE(won, 1);
    QCOMPARE(lost, 19);
    auto c = m_fx->hub().store().conversation(conversation);
    QCOMPARE(c->state, ConversationState::Assigned);
}

void TestHubLive::resumeAfterCutHasNoGapAndNoDuplicate()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    const QString token = m_fx->tokenFor(alice);
    auto agent = m_fx->agentWithToken(token);
    QVERIFY(agent);
    auto customer = m_fx->customer(QStringLiteral("browser-key-resume-01"));
    for (int i = 0; i < 3; ++i)
        QVERIFY(HubFixture::say(*customer, QStringLiteral("before cut %1").arg(i)) > 0);
    agent->waitFor([](const QJsonObject &f) {
        return isEventOf(f, "message.created") && eventText(f) == QLatin1String("before cut 2");
    });
    qint64 lastSeq = 0;
    for (const QJsonObject &e : agent->ofType(QStringLiteral("event")))
        lastSeq = std::max(lastSeq, e.value(QStringLiteral("seq")).toInteger());
    QVERIFY(lastSeq > 0);

    agent->socket.abort(); // the network goes away mid-stream
    for (int i = 0; i < 5; ++i)
        QVERIFY(HubFixture::say(*customer, QStringLiteral("during cut %1").arg(i)) > 0);

    auto resumed = m_fx->agentWithToken(token, lastSeq);
    QVERIFY(resumed);
    QCOMPARE(resumed->ofType(QStringLiteral("snapshot")).size(), 0);
    const QList<QJsonObject> events = resumed->ofType(QStringLiteral("event"));
    QVERIFY(!events.isEmpty());
    qint64 expected = lastSeq + 1;
    QStringList texts;
    for (const QJsonObject &e : events) {
        QCOMPARE(e.value(QStringLiteral("seq")).toInteger(),
                 expected++); // consecutive: no gap, no duplicate
        if (isEventOf(e, "message.created"))
            texts << eventText(e);
    }
    QCOMPARE(expected - 1, m_fx->hub().lastSeq());
    QCOMPARE(texts, (QStringList{QStringLiteral("during cut 0"), QStringLiteral("during cut 1"),
                                 QStringLiteral("during cut 2"), QStringLiteral("during cut 3"),
                                 QStringLiteral("during cut 4")}));

    // Live events continue after the replay.
    QVERIFY(HubFixture::say(*customer, QStringLiteral("after resume")) > 0);
    QVERIFY(!resumed
                 ->waitFor([](const QJsonObject &f) {
                     return isEventOf(f, "message.created") &&
                            eventText(f) == QLatin1String("after resume");
                 })
                 .isEmpty());
}

void TestHubLive::resumeTooFarBehindGetsSnapshot()
{
    m_fx = std::make_unique<HubFixture>();
    HubSettings settings;
    settings.replayLimit = 3;
    QVERIFY(m_fx->start(settings));
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto customer = m_fx->customer(QStringLiteral("browser-key-snapshot-1"));
    for (int i = 0; i < 4; ++i)
        QVERIFY(HubFixture::say(*customer, QStringLiteral("message %1").arg(i)) > 0);
    auto agent = m_fx->agent(alice, 0);
    QVERIFY(agent);
    const auto snapshots = agent->ofType(QStringLiteral("snapshot"));
    QCOMPARE(snapshots.size(), 1);
    QCOMPARE(snapshots.first().value(QStringLiteral("conversations")).toArray().size(), 1);
    QCOMPARE(snapshots.first().value(QStringLiteral("seq")).toInteger(), m_fx->hub().lastSeq());
    QCOMPARE(agent->ofType(QStringLiteral("event")).size(), 0);
}

void TestHubLive::retriedCommandIsAppliedOnce()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    auto agent = m_fx->agent(alice);
    auto customer = m_fx->customer(QStringLiteral("browser-key-retry-001"));
    const qint64 conversation = HubFixture::say(*customer, QStringLiteral("hello"));
    QVERIFY(isAck(agent->reply(agent->send(cmd("claim", conversation)))));

    // Sent twice back to back (as a client does when it is unsure the first arrived) and again
    // later.
    QJsonObject reply = cmd("send", conversation,
                            {{QStringLiteral("text"), QStringLiteral("once only")},
                             {QStringLiteral("id"), QStringLiteral("reply-1")}});
    agent->send(reply);
    agent->send(reply);
    QTRY_COMPARE_WITH_TIMEOUT(agent->ofType(QStringLiteral("ack")).size(), 4,
                              20000); // hello, claim, 2× send
    agent->send(reply);
    QTRY_COMPARE_WITH_TIMEOUT(agent->ofType(QStringLiteral("ack")).size(), 5, 20000);
    QSet<qint64> messageIds;
    for (const QJsonObject &a : agent->ofType(QStringLiteral("ack")))
        if (a.value(QStringLiteral("id")).toString() == QLatin1String("reply-1"))
            messageIds.insert(a.value(QStringLiteral("message"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger());
    QCOMPARE(messageIds.size(), 1);

    // The same for a customer message.
    QJsonObject again{{QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("id"), QStringLiteral("m-1")},
                      {QStringLiteral("text"), QStringLiteral("are you there?")}};
    customer->send(again);
    customer->send(again);
    QVERIFY(isAck(customer->reply(QStringLiteral("m-1"))));
    QTRY_COMPARE_WITH_TIMEOUT(customer->ofType(QStringLiteral("ack")).size(), 4,
                              20000); // hello, first message, 2× m-1

    auto messages = m_fx->hub().store().messages(conversation, 0, 0, 100, true);
    QStringList texts;
    for (const Message &m : messages.value())
        texts << m.text;
    QCOMPARE(texts, (QStringList{QStringLiteral("hello"), QStringLiteral("once only"),
                                 QStringLiteral("are you there?")}));
}

void TestHubLive::customerReconnectContinuesConversation()
{
    const QString key = QStringLiteral("browser-key-reload-01");
    qint64 conversation = 0;
    {
        auto first = m_fx->customer(key, QStringLiteral("Lee"));
        conversation = HubFixture::say(*first, QStringLiteral("第一句"));
        QVERIFY(conversation > 0);
    }
    auto again = std::make_unique<WsClient>();
    QVERIFY(again->open(m_fx->wsUrl(QStringLiteral("/ws/customer"))));
    const QJsonObject ack = again->reply(again->send(
        {{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("customerKey"), key}}));
    QVERIFY(isAck(ack));
    QCOMPARE(ack.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toInteger(),
             conversation);
    QCOMPARE(ack.value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(HubFixture::say(*again, QStringLiteral("第二句")), conversation);

    // Another browser gets its own conversation.
    auto other = m_fx->customer(QStringLiteral("browser-key-other-001"));
    const qint64 otherConversation = HubFixture::say(*other, QStringLiteral("hi"));
    QVERIFY(otherConversation != conversation);
}

void TestHubLive::rolesAreEnforcedByTheHub()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    const User tina = m_fx->addUser(QStringLiteral("tina"), Role::Trainer);
    const User sam = m_fx->addUser(QStringLiteral("sam"), Role::Supervisor);
    auto a = m_fx->agent(alice), b = m_fx->agent(bob), t = m_fx->agent(tina), s = m_fx->agent(sam);
    auto customer = m_fx->customer(QStringLiteral("browser-key-roles-001"));
    const qint64 conversation = HubFixture::say(*customer, QStringLiteral("help"));

    QCOMPARE(errorCode(t->reply(t->send(cmd("claim", conversation)))), QStringLiteral("forbidden"));
    QVERIFY(isAck(a->reply(a->send(cmd("claim", conversation)))));
    QCOMPARE(errorCode(b->reply(b->send(
                 cmd("send", conversation, {{QStringLiteral("text"), QStringLiteral("hijack")}})))),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(b->reply(b->send(cmd("close", conversation)))), QStringLiteral("forbidden"));
    QCOMPARE(errorCode(b->reply(b->send(
                 cmd("transfer", conversation, {{QStringLiteral("to"), QStringLiteral("bob")}})))),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(t->reply(t->send(
                 cmd("send", conversation, {{QStringLiteral("text"), QStringLiteral("x")}})))),
             QStringLiteral("forbidden"));
    // Nothing the refused commands tried was written.
    QCOMPARE(m_fx->hub().store().messages(conversation, 0, 0, 100, true)->size(), 1);

    // A supervisor may move someone else's conversation; a trainer cannot receive one.
    QCOMPARE(errorCode(s->reply(s->send(
                 cmd("transfer", conversation, {{QStringLiteral("to"), QStringLiteral("tina")}})))),
             QStringLiteral("invalid_field"));
    QVERIFY(
        isAck(s->reply(s->send(cmd("transfer", conversation,
                                   {{QStringLiteral("to"), QStringLiteral("bob")},
                                    {QStringLiteral("note"), QStringLiteral("VIP customer")}})))));
    QCOMPARE(m_fx->hub().store().conversation(conversation)->assigneeId, bob.id);
    // Trainers still see the queue and transcripts (notes included).
    const QJsonObject history = t->reply(t->send(cmd("history", conversation)));
    QVERIFY(isAck(history));
    QCOMPARE(history.value(QStringLiteral("messages")).toArray().size(), 2);
}

void TestHubLive::capacityLimitIsEnforced()
{
    m_fx = std::make_unique<HubFixture>();
    HubSettings settings;
    settings.agentCapacity = 2;
    QVERIFY(m_fx->start(settings));
    auto agent = m_fx->agent(m_fx->addUser(QStringLiteral("alice"), Role::Agent));
    std::vector<std::unique_ptr<WsClient>> customers;
    QList<qint64> conversations;
    for (int i = 0; i < 3; ++i) {
        customers.push_back(m_fx->customer(QStringLiteral("browser-key-capacity-%1").arg(i)));
        conversations << HubFixture::say(*customers.back(), QStringLiteral("q%1").arg(i));
    }
    QVERIFY(isAck(agent->reply(agent->send(cmd("claim", conversations[0])))));
    QVERIFY(isAck(agent->reply(agent->send(cmd("claim", conversations[1])))));
    QCOMPARE(errorCode(agent->reply(agent->send(cmd("claim", conversations[2])))),
             QStringLiteral("capacity_reached"));
    QVERIFY(isAck(agent->reply(agent->send(cmd("close", conversations[0])))));
    QVERIFY(isAck(agent->reply(agent->send(cmd("claim", conversations[2])))));
}

void TestHubLive::releaseTransferAndClose()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    auto a = m_fx->agent(alice);
    auto customer = m_fx->customer(QStringLiteral("browser-key-lifecycle"));
    const qint64 conversation = HubFixture::say(*customer, QStringLiteral("question"));
    QVERIFY(isAck(a->reply(a->send(cmd("claim", conversation)))));
    QVERIFY(isAck(a->reply(a->send(cmd("release", conversation)))));
    QCOMPARE(m_fx->hub().store().conversation(conversation)->state, ConversationState::Waiting);
    QVERIFY(isAck(a->reply(a->send(cmd("claim", conversation)))));
    QVERIFY(isAck(a->reply(
        a->send(cmd("transfer", conversation,
                    {{QStringLiteral("to"), QStringLiteral("bob")},
                     {QStringLiteral("note"), QStringLiteral("客户要求退款，请跟进")}})))));
    const QJsonObject transferred = a->waitFor([](const QJsonObject &f) {
        return isEventOf(f, "conversation.updated") &&
               f.value(QStringLiteral("data"))
                       .toObject()
                       .value(QStringLiteral("change"))
                       .toString() == QLatin1String("transferred");
    });
    QCOMPARE(transferred.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("note"))
                 .toString(),
             QStringLiteral("客户要求退款，请跟进"));
    QCOMPARE(
        transferred.value(QStringLiteral("data")).toObject().value(QStringLiteral("by")).toString(),
        QStringLiteral("alice"));
    // The note is internal: the customer never receives it.
    QVERIFY(isAck(a->reply(a->send({{QStringLiteral("type"), QStringLiteral("ping")}}))));
    for (const QJsonObject &m : customer->ofType(QStringLiteral("message")))
        QVERIFY(m.value(QStringLiteral("message"))
                    .toObject()
                    .value(QStringLiteral("sender"))
                    .toString() != QLatin1String("note"));

    auto b = m_fx->agent(m_fx->hub().store().userByName(QStringLiteral("bob"))->user);
    QVERIFY(isAck(b->reply(b->send(cmd("close", conversation)))));
    const QJsonObject closed = customer->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("type")).toString() == QLatin1String("state") &&
               f.value(QStringLiteral("conversation"))
                       .toObject()
                       .value(QStringLiteral("state"))
                       .toString() == QLatin1String("closed");
    });
    QVERIFY(!closed.isEmpty());
    // A reload still shows the closed conversation and how it ended.
    WsClient reloaded;
    QVERIFY(reloaded.open(m_fx->wsUrl(QStringLiteral("/ws/customer"))));
    const QJsonObject hello = reloaded.reply(
        reloaded.send({{QStringLiteral("type"), QStringLiteral("hello")},
                       {QStringLiteral("customerKey"), QStringLiteral("browser-key-lifecycle")}}));
    QCOMPARE(hello.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
             QStringLiteral("closed"));
    QCOMPARE(hello.value(QStringLiteral("messages")).toArray().size(),
             1); // the internal note is not shown
    // Writing again after closing starts a new conversation.
    const qint64 next = HubFixture::say(*customer, QStringLiteral("one more thing"));
    QVERIFY(next > conversation);
}

void TestHubLive::passwordSignIn()
{
    const qint64 now = HubFixture::now();
    QVERIFY(m_fx->hub()
                .store()
                .addUser(QStringLiteral("carol"), QStringLiteral("Carol"), Role::Agent,
                         auth::hashPassword(QStringLiteral("correct horse")), now)
                .ok());
    auto customer = m_fx->customer(QStringLiteral("browser-key-login-001"));
    QVERIFY(HubFixture::say(*customer, QStringLiteral("waiting customer")) > 0);

    WsClient wrong;
    QVERIFY(wrong.open(m_fx->wsUrl(QStringLiteral("/ws/agent"))));
    const QJsonObject refused =
        wrong.reply(wrong.send({{QStringLiteral("type"), QStringLiteral("login")},
                                {QStringLiteral("username"), QStringLiteral("carol")},
                                {QStringLiteral("password"), QStringLiteral("wrong horse")}}));
    QCOMPARE(errorCode(refused), QStringLiteral("unauthenticated"));
    QCOMPARE(errorCode(wrong.reply(wrong.send({{QStringLiteral("type"), QStringLiteral("claim")},
                                               {QStringLiteral("conversationId"), 1}}))),
             QStringLiteral("unauthenticated"));

    WsClient right;
    QVERIFY(right.open(m_fx->wsUrl(QStringLiteral("/ws/agent"))));
    const QJsonObject ack =
        right.reply(right.send({{QStringLiteral("type"), QStringLiteral("login")},
                                {QStringLiteral("username"), QStringLiteral("carol")},
                                {QStringLiteral("password"), QStringLiteral("correct horse")}}));
    QVERIFY(isAck(ack));
    QVERIFY(ack.value(QStringLiteral("token")).toString().size() >= 40);
    QCOMPARE(ack.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
             QStringLiteral("agent"));
    const auto snapshots = right.ofType(QStringLiteral("snapshot"));
    QCOMPARE(snapshots.size(), 1);
    QCOMPARE(snapshots.first().value(QStringLiteral("conversations")).toArray().size(), 1);

    // The token resumes on a new connection.
    auto resumed = m_fx->agentWithToken(ack.value(QStringLiteral("token")).toString());
    QVERIFY(resumed);
}

void TestHubLive::usersListAndLocalSession()
{
    // The embedded default's local account: usable through its session, never by password.
    auto token =
        m_fx->hub().createLocalSession(QStringLiteral("me"), QStringLiteral("Me"), Role::Admin);
    QVERIFY2(token.ok(), qPrintable(token.error().message));
    auto local = m_fx->agentWithToken(token.value());
    QVERIFY(local);
    WsClient guess;
    QVERIFY(guess.open(m_fx->wsUrl(QStringLiteral("/ws/agent"))));
    QCOMPARE(errorCode(guess.reply(guess.send({{QStringLiteral("type"), QStringLiteral("login")},
                                               {QStringLiteral("username"), QStringLiteral("me")},
                                               {QStringLiteral("password"), QString()}}))),
             QStringLiteral("unauthenticated"));
    // A second start reuses the account.
    QVERIFY(m_fx->hub()
                .createLocalSession(QStringLiteral("me"), QStringLiteral("Me"), Role::Admin)
                .ok());

    m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    m_fx->addUser(QStringLiteral("tina"), Role::Trainer);
    QVERIFY(m_fx->hub().store().setUserDisabled(QStringLiteral("tina"), true).ok());
    const QJsonObject ack =
        local->reply(local->send({{QStringLiteral("type"), QStringLiteral("users")}}));
    QVERIFY(isAck(ack));
    QMap<QString, QJsonObject> byName;
    for (const QJsonValue &u : ack.value(QStringLiteral("users")).toArray())
        byName.insert(u.toObject().value(QStringLiteral("username")).toString(), u.toObject());
    QCOMPARE(byName.keys(), (QStringList{QStringLiteral("bob"),
                                         QStringLiteral("me")})); // disabled users are left out
    QCOMPARE(byName[QStringLiteral("me")].value(QStringLiteral("online")).toBool(), true);
    QCOMPARE(byName[QStringLiteral("bob")].value(QStringLiteral("online")).toBool(), false);
    QCOMPARE(byName[QStringLiteral("bob")].value(QStringLiteral("assigned")).toInt(), 0);
}

void TestHubLive::sentimentIsRecordedPerMessageAndConversation()
{
    auto agent = m_fx->agent(m_fx->addUser(QStringLiteral("alice"), Role::Agent));
    auto customer = m_fx->customer(QStringLiteral("browser-key-mood-0001"));
    const qint64 id = HubFixture::say(*customer, QStringLiteral("你好，谢谢你们"));
    QVERIFY(id > 0);
    auto calm = m_fx->hub().store().conversation(id);
    QVERIFY(calm->sentiment.has_value());
    QCOMPARE(calm->priority, 0);
    QVERIFY(!calm->escalation);

    QVERIFY(HubFixture::say(*customer, QStringLiteral("快递太慢了！！！")) > 0);
    QVERIFY(HubFixture::say(*customer, QStringLiteral("再不退款我就去12315投诉")) > 0);
    auto upset = m_fx->hub().store().conversation(id);
    QVERIFY(*upset->sentiment < 0);
    QCOMPARE(upset->sentimentTrend, QStringLiteral("falling"));
    QVERIFY(upset->escalation);
    QCOMPARE(upset->priority, 3);

    // Each customer message carries its own score; agents see it, customers never do.
    const auto messages = m_fx->hub().store().messages(id, 0, 0, 10, false);
    QCOMPARE(messages->size(), 3);
    for (const Message &m : messages.value())
        QVERIFY(m.sentiment.has_value());
    QVERIFY(*messages->at(0).sentiment > *messages->at(1).sentiment);
    const QJsonObject update = agent->waitFor([&](const QJsonObject &f) {
        return f.value(QStringLiteral("kind")).toString() == QLatin1String("message.created") &&
               f.value(QStringLiteral("data"))
                   .toObject()
                   .value(QStringLiteral("conversation"))
                   .toObject()
                   .value(QStringLiteral("escalation"))
                   .toBool();
    });
    QVERIFY(!update.isEmpty());
    QVERIFY(update.value(QStringLiteral("data"))
                .toObject()
                .value(QStringLiteral("message"))
                .toObject()
                .contains(QStringLiteral("sentiment")));
    for (const QJsonObject &f : customer->frames) {
        QVERIFY(
            !f.value(QStringLiteral("message")).toObject().contains(QStringLiteral("sentiment")));
        QVERIFY(!f.value(QStringLiteral("conversation"))
                     .toObject()
                     .contains(QStringLiteral("sentiment")));
    }
}

void TestHubLive::knowledgeBaseSearchAndEditWithRoles()
{
    KbArticle refund;
    refund.id = QStringLiteral("refund-status");
    refund.intent = QStringLiteral("refund.status");
    refund.lastReviewed = QDate(2026, 10, 1);
    refund.content.insert(QStringLiteral("zh-CN"), {QStringLiteral("退款进度"),
                                                    QStringLiteral("退款通常 3-5 个工作日到账。"),
                                                    {QStringLiteral("我的退款什么时候到账"),
                                                     QStringLiteral("退款还没收到")}});
    refund.content.insert(
        QStringLiteral("en"),
        {QStringLiteral("Refund status"),
         QStringLiteral("Refunds arrive in 3-5 working days."),
         {QStringLiteral("where is my refund"), QStringLiteral("refund not received")}});
    KbArticle hours = refund;
    hours.id = QStringLiteral("opening-hours");
    hours.intent = QStringLiteral("support.hours");
    hours.content.clear();
    hours.content.insert(QStringLiteral("en"), {QStringLiteral("Opening hours"),
                                                QStringLiteral("We answer 9:00-22:00."),
                                                {QStringLiteral("when are you open"),
                                                 QStringLiteral("what are your hours")}});
    QVERIFY(m_fx->hub().store().replaceKnowledgeBase({refund, hours}, HubFixture::now()).ok());

    auto agent = m_fx->agent(m_fx->addUser(QStringLiteral("alice"), Role::Agent));
    auto trainer = m_fx->agent(m_fx->addUser(QStringLiteral("tina"), Role::Trainer));

    // Traditional query, Simplified article: the search folds both.
    const QJsonObject found =
        agent->reply(agent->send({{QStringLiteral("type"), QStringLiteral("kb.search")},
                                  {QStringLiteral("query"), QStringLiteral("退款還沒收到")}}));
    QVERIFY(isAck(found));
    QCOMPARE(found.value(QStringLiteral("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("articleId"))
                 .toString(),
             QStringLiteral("refund-status"));
    const QJsonObject article =
        agent->reply(agent->send({{QStringLiteral("type"), QStringLiteral("kb.article")},
                                  {QStringLiteral("articleId"), QStringLiteral("refund-status")}}));
    QVERIFY(isAck(article));
    QJsonObject edited = article.value(QStringLiteral("article")).toObject();
    QJsonObject content = edited.value(QStringLiteral("content")).toObject();
    QJsonObject en = content.value(QStringLiteral("en")).toObject();
    en.insert(QStringLiteral("answer"),
              QStringLiteral("Refunds arrive in 2-4 working days, {{customer.name}}."));
    content.insert(QStringLiteral("en"), en);
    edited.insert(QStringLiteral("content"), content);

    // Agents may not edit; trainers may, and the version goes up.
    QCOMPARE(
        errorCode(agent->reply(agent->send({{QStringLiteral("type"), QStringLiteral("kb.save")},
                                            {QStringLiteral("article"), edited}}))),
        QStringLiteral("forbidden"));
    const QJsonObject saved =
        trainer->reply(trainer->send({{QStringLiteral("type"), QStringLiteral("kb.save")},
                                      {QStringLiteral("article"), edited}}));
    QVERIFY2(isAck(saved), QJsonDocument(saved).toJson().constData());
    QCOMPARE(
        saved.value(QStringLiteral("article")).toObject().value(QStringLiteral("version")).toInt(),
        2);
    QCOMPARE(m_fx->hub()
                 .store()
                 .article(QStringLiteral("refund-status"))
                 ->content.value(QStringLiteral("en"))
                 .answer,
             QStringLiteral("Refunds arrive in 2-4 working days, {{customer.name}}."));
    const QJsonObject announced = agent->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("kind")).toString() == QLatin1String("kb.updated");
    });
    QCOMPARE(
        announced.value(QStringLiteral("data")).toObject().value(QStringLiteral("version")).toInt(),
        2);

    // A bad article is refused with the field named, and nothing changes.
    QJsonObject bad = edited;
    bad.insert(QStringLiteral("intent"), QStringLiteral("Not An Intent"));
    const QJsonObject refused = trainer->reply(trainer->send(
        {{QStringLiteral("type"), QStringLiteral("kb.save")}, {QStringLiteral("article"), bad}}));
    QCOMPARE(errorCode(refused), QStringLiteral("invalid_field"));
    QVERIFY(refused.value(QStringLiteral("message")).toString().contains(QStringLiteral("intent")));
    QCOMPARE(m_fx->hub().store().article(QStringLiteral("refund-status"))->version, 2);
    bool audited = false;
    const auto entries = m_fx->hub().store().auditEntries(10);
    QVERIFY(entries.ok());
    for (const QJsonObject &entry : entries.value())
        audited |= entry.value(QStringLiteral("action")).toString() == QLatin1String("kb.save");
    QVERIFY(audited);
}

QTEST_GUILESS_MAIN(TestHubLive)
#include "tst_hub_live.moc"
