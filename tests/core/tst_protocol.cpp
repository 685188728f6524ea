#include "protocol.h"

#include <QJsonDocument>
#include <QTest>

using namespace tandem;
using protocol::Channel;

/// The v1 codec: every good frame decodes, every bad one gets the right error code.
class TestProtocol : public QObject
{
    Q_OBJECT
private slots:
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void rejectsOversizedFrame();
    void peekIdRecoversTheCommandId();
    void encodesAckErrorAndEvent();
};

void TestProtocol::decodes_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("type");

    const int agent = int(Channel::Agent);
    const int customer = int(Channel::Customer);
    QTest::newRow("login")
        << agent
        << QByteArray(R"({"v":1,"type":"login","id":"a","username":"alice","password":"pw"})")
        << "login";
    QTest::newRow("hello with seq")
        << agent << QByteArray(R"({"v":1,"type":"hello","id":"b","token":"t","lastSeq":42})")
        << "hello";
    QTest::newRow("hello without seq")
        << agent << QByteArray(R"({"v":1,"type":"hello","id":"b","token":"t"})") << "hello";
    QTest::newRow("claim") << agent
                           << QByteArray(R"({"v":1,"type":"claim","id":"c","conversationId":7})")
                           << "claim";
    QTest::newRow("transfer with note")
        << agent
        << QByteArray(
               R"({"v":1,"type":"transfer","id":"d","conversationId":7,"to":"bob","note":"VIP"})")
        << "transfer";
    QTest::newRow("send Simplified")
        << agent
        << QByteArray(
               R"({"v":1,"type":"send","id":"e","conversationId":7,"text":"您好，退款已经处理"})")
        << "send";
    QTest::newRow("send Traditional")
        << agent
        << QByteArray(
               R"({"v":1,"type":"send","id":"e2","conversationId":7,"text":"您好，退款已經處理"})")
        << "send";
    QTest::newRow("send English")
        << agent
        << QByteArray(
               R"({"v":1,"type":"send","id":"e3","conversationId":7,"text":"Your refund is on its way"})")
        << "send";
    QTest::newRow("history")
        << agent << QByteArray(R"({"v":1,"type":"history","id":"f","conversationId":7,"limit":50})")
        << "history";
    QTest::newRow("customer hello")
        << customer
        << QByteArray(R"({"v":1,"type":"hello","id":"g","customerKey":"0123456789abcdef0123"})")
        << "hello";
    QTest::newRow("customer message emoji")
        << customer
        << QByteArray(R"({"v":1,"type":"message","id":"h","text":"我的 iPhone 15 退款还没到账 😡"})")
        << "message";
    QTest::newRow("extra fields ignored")
        << customer << QByteArray(R"({"v":1,"type":"ping","id":"i","extra":true})") << "ping";
}

void TestProtocol::decodes()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, frame);
    QFETCH(QString, type);
    const auto decoded = protocol::decode(frame, Channel(channel));
    QVERIFY2(decoded.ok(), qPrintable(decoded.error().message));
    QCOMPARE(decoded->type, type);
    QVERIFY(!decoded->id.isEmpty());
}

void TestProtocol::rejects_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");

    const int agent = int(Channel::Agent);
    const int customer = int(Channel::Customer);
    QTest::newRow("not json") << agent << QByteArray("hello") << "bad_json";
    QTest::newRow("truncated json")
        << agent << QByteArray(R"({"v":1,"type":"claim")") << "bad_json";
    QTest::newRow("array") << agent << QByteArray("[1,2]") << "bad_json";
    QTest::newRow("invalid utf-8")
        << agent << QByteArray("{\"v\":1,\"type\":\"send\",\"text\":\"\xff\xfe\"}") << "bad_utf8";
    QTest::newRow("overlong utf-8")
        << customer
        << QByteArray("{\"v\":1,\"type\":\"message\",\"id\":\"x\",\"text\":\"\xc0\xaf\"}")
        << "bad_utf8";
    QTest::newRow("missing v") << agent
                               << QByteArray(R"({"type":"claim","id":"a","conversationId":1})")
                               << "missing_field";
    QTest::newRow("wrong v") << agent
                             << QByteArray(R"({"v":2,"type":"claim","id":"a","conversationId":1})")
                             << "bad_version";
    QTest::newRow("v as string") << agent
                                 << QByteArray(
                                        R"({"v":"1","type":"claim","id":"a","conversationId":1})")
                                 << "bad_version";
    QTest::newRow("missing type") << agent << QByteArray(R"({"v":1,"id":"a"})") << "missing_field";
    QTest::newRow("unknown type") << agent << QByteArray(R"({"v":1,"type":"explode","id":"a"})")
                                  << "unknown_type";
    QTest::newRow("agent command on customer socket")
        << customer << QByteArray(R"({"v":1,"type":"claim","id":"a","conversationId":1})")
        << "unknown_type";
    QTest::newRow("missing id") << agent << QByteArray(R"({"v":1,"type":"ping"})")
                                << "missing_field";
    QTest::newRow("empty id") << agent << QByteArray(R"({"v":1,"type":"ping","id":""})")
                              << "missing_field";
    QTest::newRow("id too long") << agent
                                 << QByteArray(R"({"v":1,"type":"ping","id":")" +
                                               QByteArray(65, 'x') + R"("})")
                                 << "invalid_field";
    QTest::newRow("missing conversationId")
        << agent << QByteArray(R"({"v":1,"type":"claim","id":"a"})") << "missing_field";
    QTest::newRow("conversationId string")
        << agent << QByteArray(R"({"v":1,"type":"claim","id":"a","conversationId":"7"})")
        << "invalid_field";
    QTest::newRow("conversationId fraction")
        << agent << QByteArray(R"({"v":1,"type":"claim","id":"a","conversationId":1.5})")
        << "invalid_field";
    QTest::newRow("conversationId negative")
        << agent << QByteArray(R"({"v":1,"type":"claim","id":"a","conversationId":-1})")
        << "invalid_field";
    QTest::newRow("empty text")
        << agent << QByteArray(R"({"v":1,"type":"send","id":"a","conversationId":1,"text":"   "})")
        << "invalid_field";
    QTest::newRow("text not string")
        << customer << QByteArray(R"({"v":1,"type":"message","id":"a","text":5})")
        << "invalid_field";
    QTest::newRow("text too long") << customer
                                   << QByteArray(R"({"v":1,"type":"message","id":"a","text":")" +
                                                 QByteArray(8001, 'a') + R"("})")
                                   << "invalid_field";
    QTest::newRow("kb.save article not an object")
        << agent << QByteArray(R"({"v":1,"type":"kb.save","id":"a","article":"x"})")
        << "invalid_field";
    QTest::newRow("kb.search empty query")
        << agent << QByteArray(R"({"v":1,"type":"kb.search","id":"a","query":" "})")
        << "invalid_field";
    QTest::newRow("password missing")
        << agent << QByteArray(R"({"v":1,"type":"login","id":"a","username":"alice"})")
        << "missing_field";
}

void TestProtocol::rejects()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    const auto decoded = protocol::decode(frame, Channel(channel));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QVERIFY(!decoded.error().message.isEmpty());
}

void TestProtocol::rejectsOversizedFrame()
{
    QByteArray frame = R"({"v":1,"type":"message","id":"a","text":")";
    frame += QByteArray(protocol::kMaxFrameBytes, 'a');
    frame += "\"}";
    const auto decoded = protocol::decode(frame, Channel::Customer);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, QStringLiteral("frame_too_large"));
}

void TestProtocol::peekIdRecoversTheCommandId()
{
    QCOMPARE(protocol::peekId(R"({"v":9,"type":"claim","id":"abc"})"), QStringLiteral("abc"));
    QCOMPARE(protocol::peekId("garbage"), QString());
}

void TestProtocol::encodesAckErrorAndEvent()
{
    const auto ack =
        QJsonDocument::fromJson(protocol::ack(QStringLiteral("x"), {{QStringLiteral("seq"), 3}}))
            .object();
    QCOMPARE(ack.value(QStringLiteral("v")).toInt(), 1);
    QCOMPARE(ack.value(QStringLiteral("type")).toString(), QStringLiteral("ack"));
    QCOMPARE(ack.value(QStringLiteral("id")).toString(), QStringLiteral("x"));
    QCOMPARE(ack.value(QStringLiteral("seq")).toInt(), 3);

    const auto error =
        QJsonDocument::fromJson(
            protocol::error(QString(), QStringLiteral("bad_json"), QStringLiteral("why")))
            .object();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QVERIFY(!error.contains(QStringLiteral("id")));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_json"));

    Event e;
    e.seq = 12;
    e.kind = QStringLiteral("message.created");
    e.conversationId = 5;
    e.payload = {
        {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), QStringLiteral("退款")}}}};
    const auto event = QJsonDocument::fromJson(protocol::event(e)).object();
    QCOMPARE(event.value(QStringLiteral("type")).toString(), QStringLiteral("event"));
    QCOMPARE(event.value(QStringLiteral("seq")).toInt(), 12);
    QCOMPARE(event.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
             QStringLiteral("退款"));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
