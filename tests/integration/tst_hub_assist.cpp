// Sentiment tags and canned responses over the agent protocol: a real hub on a loopback port,
// real WebSocket clients, roles checked by the hub.
#include "hubfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace tandem;
using namespace tandem::test;

class TestHubAssist : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_fx.reset(); }
    void sentimentTagsKeepTheModelsLabel();
    void sentimentTagRoles();
    void cannedResponsesOwnAndShared();

private:
    using Fields = std::initializer_list<std::pair<const char *, QJsonValue>>;
    static QJsonObject object(Fields fields)
    {
        QJsonObject o;
        for (const auto &[key, value] : fields)
            o.insert(QLatin1String(key), value);
        return o;
    }
    QJsonObject command(WsClient &c, const QString &type, Fields fields = {})
    {
        QJsonObject o = object(fields);
        o.insert(QStringLiteral("type"), type);
        return c.reply(c.send(o));
    }
    std::unique_ptr<HubFixture> m_fx;
};

void TestHubAssist::init()
{
    m_fx = std::make_unique<HubFixture>();
    QVERIFY(m_fx->start());
}

namespace {
QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

void TestHubAssist::sentimentTagsKeepTheModelsLabel()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    const User sam = m_fx->addUser(QStringLiteral("sam"), Role::Supervisor);
    auto agent = m_fx->agent(alice);
    auto supervisor = m_fx->agent(sam);
    QVERIFY(agent && supervisor);
    auto customer = m_fx->customer(QStringLiteral("customer-key-0000001"), QStringLiteral("Lee"));
    QVERIFY(customer);
    const qint64 id = HubFixture::say(*customer, QStringLiteral("Thank you, that is great!"));
    QVERIFY(id > 0);
    QVERIFY(isAck(command(*agent, QStringLiteral("claim"), {{"conversationId", id}})));

    // The model read it as positive; the agent hears sarcasm.
    const QJsonObject tagged =
        command(*agent, QStringLiteral("sentiment.tag"),
                {{"conversationId", id}, {"label", QStringLiteral("negative")}});
    QVERIFY2(isAck(tagged), qPrintable(dump(tagged)));
    const QJsonObject tag = tagged.value(QStringLiteral("tag")).toObject();
    QCOMPARE(tag.value(QStringLiteral("label")).toString(), QStringLiteral("negative"));
    QCOMPARE(tag.value(QStringLiteral("modelLabel")).toString(), QStringLiteral("positive"));
    QVERIFY(tag.value(QStringLiteral("modelScore")).toDouble() > 0);
    QVERIFY(tag.value(QStringLiteral("disagrees")).toBool());

    // Other desktops see it.
    const QJsonObject event = supervisor->waitFor([](const QJsonObject &f) {
        return f.value(QStringLiteral("kind")).toString() == QLatin1String("sentiment.tagged");
    });
    QCOMPARE(event.value(QStringLiteral("conversationId")).toInteger(), id);

    // A message tag that agrees, then the history answer carries the standing tags.
    const QJsonObject history =
        command(*agent, QStringLiteral("history"), {{"conversationId", id}});
    const qint64 messageId = history.value(QStringLiteral("messages"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
    QVERIFY(isAck(command(*agent, QStringLiteral("sentiment.tag"),
                          {{"conversationId", id},
                           {"messageId", messageId},
                           {"label", QStringLiteral("positive")}})));
    const QJsonArray standing = command(*agent, QStringLiteral("history"), {{"conversationId", id}})
                                    .value(QStringLiteral("sentimentTags"))
                                    .toArray();
    QCOMPARE(standing.size(), 2);

    // Disagreements are queryable by supervisors.
    const QJsonObject review =
        command(*supervisor, QStringLiteral("sentiment.tags"), {{"disagreements", true}});
    QVERIFY2(isAck(review), qPrintable(dump(review)));
    const QJsonArray disagreements = review.value(QStringLiteral("tags")).toArray();
    QCOMPARE(disagreements.size(), 1);
    QCOMPARE(disagreements.first().toObject().value(QStringLiteral("username")).toString(),
             QStringLiteral("alice"));
    const QJsonArray all =
        command(*supervisor, QStringLiteral("sentiment.tags"), {{"conversationId", id}})
            .value(QStringLiteral("tags"))
            .toArray();
    QCOMPARE(all.size(), 2);

    // And they become training data.
    auto examples = m_fx->hub().store().sentimentExamples(10);
    QVERIFY(examples.ok());
    QCOMPARE(examples->size(), 2);
}

void TestHubAssist::sentimentTagRoles()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    const User tina = m_fx->addUser(QStringLiteral("tina"), Role::Trainer);
    const User ada = m_fx->addUser(QStringLiteral("ada"), Role::Admin);
    auto a = m_fx->agent(alice);
    auto b = m_fx->agent(bob);
    auto trainer = m_fx->agent(tina);
    auto admin = m_fx->agent(ada);
    QVERIFY(a && b && trainer && admin);
    auto customer = m_fx->customer(QStringLiteral("customer-key-0000002"));
    const qint64 id = HubFixture::say(*customer, QStringLiteral("where is my parcel"));
    QVERIFY(isAck(command(*a, QStringLiteral("claim"), {{"conversationId", id}})));

    QCOMPARE(errorCode(command(*b, QStringLiteral("sentiment.tag"),
                               {{"conversationId", id}, {"label", QStringLiteral("negative")}})),
             QStringLiteral("forbidden")); // not bob's conversation
    QCOMPARE(errorCode(command(*trainer, QStringLiteral("sentiment.tag"),
                               {{"conversationId", id}, {"label", QStringLiteral("negative")}})),
             QStringLiteral("forbidden")); // trainers read only
    QVERIFY(isAck(command(*admin, QStringLiteral("sentiment.tag"),
                          {{"conversationId", id}, {"label", QStringLiteral("negative")}})));
    QCOMPARE(errorCode(command(*a, QStringLiteral("sentiment.tag"),
                               {{"conversationId", id}, {"label", QStringLiteral("angry")}})),
             QStringLiteral("invalid_field"));
    QCOMPARE(errorCode(command(*a, QStringLiteral("sentiment.tag"), {{"conversationId", id}})),
             QStringLiteral("missing_field"));
    QCOMPARE(errorCode(command(*a, QStringLiteral("sentiment.tags"),
                               {{"disagreements", QStringLiteral("yes")}})),
             QStringLiteral("invalid_field")); // the schema checks before the role
    QCOMPARE(errorCode(command(*a, QStringLiteral("sentiment.tags"))),
             QStringLiteral("forbidden")); // agents do not review
    QVERIFY(isAck(command(*trainer, QStringLiteral("sentiment.tags"))));
}

void TestHubAssist::cannedResponsesOwnAndShared()
{
    const User alice = m_fx->addUser(QStringLiteral("alice"), Role::Agent);
    const User bob = m_fx->addUser(QStringLiteral("bob"), Role::Agent);
    const User sam = m_fx->addUser(QStringLiteral("sam"), Role::Supervisor);
    auto a = m_fx->agent(alice);
    auto b = m_fx->agent(bob);
    auto s = m_fx->agent(sam);
    QVERIFY(a && b && s);
    const QJsonObject sharedOne =
        object({{"shortcut", QStringLiteral("refund-ok")},
                {"title", QStringLiteral("Refund accepted")},
                {"text", QStringLiteral("Hi {{customer.name}}, refund accepted.")},
                {"language", QStringLiteral("en")},
                {"shared", true}});
    QCOMPARE(errorCode(command(*a, QStringLiteral("canned.save"), {{"response", sharedOne}})),
             QStringLiteral("forbidden"));
    const QJsonObject created =
        command(*s, QStringLiteral("canned.save"), {{"response", sharedOne}});
    QVERIFY2(isAck(created), qPrintable(dump(created)));
    const qint64 sharedId = created.value(QStringLiteral("response"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toInteger();
    QVERIFY(b->waitFor([](const QJsonObject &f) {
                 return f.value(QStringLiteral("kind")).toString() ==
                        QLatin1String("canned.updated");
             }).size());

    QJsonObject own = sharedOne;
    own.insert(QStringLiteral("shared"), false);
    own.insert(QStringLiteral("title"), QStringLiteral("Alice's refund"));
    const QJsonObject mine = command(*a, QStringLiteral("canned.save"), {{"response", own}});
    QVERIFY2(isAck(mine), qPrintable(dump(mine)));
    const qint64 ownId =
        mine.value(QStringLiteral("response")).toObject().value(QStringLiteral("id")).toInteger();

    // Alice sees both, Bob only the shared one.
    QCOMPARE(command(*a, QStringLiteral("canned.list"))
                 .value(QStringLiteral("responses"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(command(*b, QStringLiteral("canned.list"))
                 .value(QStringLiteral("responses"))
                 .toArray()
                 .size(),
             1);

    // Nobody edits someone else's; agents do not edit shared ones; bad variables are refused.
    QJsonObject edit = own;
    edit.insert(QStringLiteral("id"), ownId);
    QCOMPARE(errorCode(command(*b, QStringLiteral("canned.save"), {{"response", edit}})),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(command(*b, QStringLiteral("canned.delete"), {{"cannedId", ownId}})),
             QStringLiteral("forbidden"));
    QCOMPARE(errorCode(command(*a, QStringLiteral("canned.delete"), {{"cannedId", sharedId}})),
             QStringLiteral("forbidden"));
    edit.insert(QStringLiteral("text"), QStringLiteral("{{customer.phone}}"));
    const QJsonObject bad = command(*a, QStringLiteral("canned.save"), {{"response", edit}});
    QCOMPARE(errorCode(bad), QStringLiteral("invalid_field"));
    QVERIFY(
        bad.value(QStringLiteral("message")).toString().contains(QStringLiteral("customer.phone")));
    edit.insert(QStringLiteral("text"), QStringLiteral("Done, {{agent.name}}"));
    QVERIFY(isAck(command(*a, QStringLiteral("canned.save"), {{"response", edit}})));
    QVERIFY(isAck(command(*a, QStringLiteral("canned.delete"), {{"cannedId", ownId}})));
    QVERIFY(isAck(command(*s, QStringLiteral("canned.delete"), {{"cannedId", sharedId}})));

    int audited = 0;
    const auto entries = m_fx->hub().store().auditEntries(20);
    QVERIFY(entries.ok());
    for (const QJsonObject &entry : entries.value())
        audited +=
            entry.value(QStringLiteral("action")).toString().startsWith(QLatin1String("canned."));
    QCOMPARE(audited, 5);
}

QTEST_GUILESS_MAIN(TestHubAssist)
#include "tst_hub_assist.moc"
