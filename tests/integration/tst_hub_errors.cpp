#include "hubfixture.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>

using namespace tandem;
using namespace tandem::test;

namespace {

struct HttpResult
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QByteArray retryAfter;
};

} // namespace

/// Every bad frame and bad request gets its error while the hub keeps serving everyone else.
class TestHubErrors : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_fx = std::make_unique<HubFixture>();
        QVERIFY(m_fx->start());
        const QString key = QStringLiteral("tdm_test_key_0123456789");
        QVERIFY(m_fx->hub()
                    .store()
                    .addApiKey(QStringLiteral("crm"), auth::secretHash(key), key.left(10),
                               HubFixture::now())
                    .ok());
        m_apiKey = key;
    }
    void cleanup() { m_fx.reset(); }

    void badFramesGetErrors_data();
    void badFramesGetErrors();
    void unauthenticatedCommandsAreRefused();
    void floodingIsRateLimitedThenClosed();
    void unknownWebSocketPathIsClosed();
    void restHappyPath();
    void restBadRequests_data();
    void restBadRequests();
    void restRateLimit();
    void healthAndChatPage();
    void rawHttpAbuse();

private:
    HttpResult http(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &authorization = QByteArray("default"));
    void expectHealthy();

    std::unique_ptr<HubFixture> m_fx;
    QString m_apiKey;
    QNetworkAccessManager m_nam;
};

HttpResult TestHubErrors::http(const QByteArray &method, const QString &path,
                               const QByteArray &body, const QByteArray &authorization)
{
    QUrl url = m_fx->hub().baseUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (authorization == "default")
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    else if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(20000);
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    r.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return r;
}

void TestHubErrors::expectHealthy()
{
    auto probe =
        m_fx->customer(QStringLiteral("healthy-probe-%1").arg(QDateTime::currentMSecsSinceEpoch()));
    QVERIFY(probe);
    QVERIFY(HubFixture::say(*probe, QStringLiteral("still there?")) > 0);
}

void TestHubErrors::badFramesGetErrors_data()
{
    QTest::addColumn<bool>("agentChannel");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QString>("code");

    for (bool agent : {true, false}) {
        const char *ch = agent ? "agent: " : "customer: ";
        auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(QString::fromLatin1(ch) + QString::fromLatin1(name)));
        };
        row("invalid JSON") << agent << QByteArray("{not json") << false << "bad_json";
        row("JSON array") << agent << QByteArray("[]") << false << "bad_json";
        row("invalid UTF-8 (binary frame)")
            << agent << QByteArray("{\"v\":1,\"type\":\"ping\",\"id\":\"\xc3\x28\"}") << true
            << "bad_utf8";
        row("unknown version") << agent << QByteArray(R"({"v":7,"type":"ping","id":"x"})") << false
                               << "bad_version";
        row("unknown type") << agent << QByteArray(R"({"v":1,"type":"launch","id":"x"})") << false
                            << "unknown_type";
        row("missing id") << agent << QByteArray(R"({"v":1,"type":"ping"})") << false
                          << "missing_field";
        row("over 64 KiB") << agent
                           << (QByteArray(R"({"v":1,"type":"ping","id":"x","pad":")") +
                               QByteArray(70 * 1024, 'x') + "\"}")
                           << false << "frame_too_large";
    }
    QTest::newRow("agent: missing conversationId")
        << true << QByteArray(R"({"v":1,"type":"claim","id":"x"})") << false << "missing_field";
    QTest::newRow("agent: wrong field type")
        << true << QByteArray(R"({"v":1,"type":"claim","id":"x","conversationId":"one"})") << false
        << "invalid_field";
    QTest::newRow("agent: no such conversation")
        << true << QByteArray(R"({"v":1,"type":"claim","id":"x","conversationId":999999})") << false
        << "not_found";
    QTest::newRow("customer: empty message")
        << false << QByteArray(R"({"v":1,"type":"message","id":"x","text":" "})") << false
        << "invalid_field";
    QTest::newRow("customer: agent command")
        << false << QByteArray(R"({"v":1,"type":"claim","id":"x","conversationId":1})") << false
        << "unknown_type";
}

void TestHubErrors::badFramesGetErrors()
{
    QFETCH(bool, agentChannel);
    QFETCH(QByteArray, frame);
    QFETCH(bool, binary);
    QFETCH(QString, code);

    auto client = agentChannel ? m_fx->agent(m_fx->addUser(QStringLiteral("alice"), Role::Agent))
                               : m_fx->customer(QStringLiteral("bad-frame-customer-01"));
    QVERIFY(client);
    const qsizetype before = client->frames.size();
    client->sendRaw(frame, binary);
    const QJsonObject error = client->waitFor(
        [](const QJsonObject &f) {
            return f.value(QStringLiteral("type")).toString() == QLatin1String("error");
        },
        20000, before);
    QCOMPARE(errorCode(error), code);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());

    // The same connection still works, and so does everyone else.
    QVERIFY(isAck(client->reply(client->send({{QStringLiteral("type"), QStringLiteral("ping")}}))));
    expectHealthy();
}

void TestHubErrors::unauthenticatedCommandsAreRefused()
{
    WsClient agent;
    QVERIFY(agent.open(m_fx->wsUrl(QStringLiteral("/ws/agent"))));
    QCOMPARE(errorCode(agent.reply(agent.send({{QStringLiteral("type"), QStringLiteral("claim")},
                                               {QStringLiteral("conversationId"), 1}}))),
             QStringLiteral("unauthenticated"));
    QCOMPARE(
        errorCode(agent.reply(agent.send({{QStringLiteral("type"), QStringLiteral("hello")},
                                          {QStringLiteral("token"), QStringLiteral("forged")}}))),
        QStringLiteral("unauthenticated"));

    WsClient customer;
    QVERIFY(customer.open(m_fx->wsUrl(QStringLiteral("/ws/customer"))));
    QCOMPARE(
        errorCode(customer.reply(customer.send({{QStringLiteral("type"), QStringLiteral("message")},
                                                {QStringLiteral("text"), QStringLiteral("hi")}}))),
        QStringLiteral("unauthenticated"));
    QCOMPARE(errorCode(customer.reply(
                 customer.send({{QStringLiteral("type"), QStringLiteral("hello")},
                                {QStringLiteral("customerKey"), QStringLiteral("short")}}))),
             QStringLiteral("invalid_field"));
    expectHealthy();
}

void TestHubErrors::floodingIsRateLimitedThenClosed()
{
    auto flooder = m_fx->customer(QStringLiteral("flooding-customer-0001"));
    QVERIFY(flooder);
    QSignalSpy closed(&flooder->socket, &QWebSocket::disconnected);
    for (int i = 0; i < 200 && flooder->socket.state() == QAbstractSocket::ConnectedState; ++i)
        flooder->send({{QStringLiteral("type"), QStringLiteral("ping")}});
    QVERIFY(closed.wait(20000) || flooder->socket.state() == QAbstractSocket::UnconnectedState);
    bool sawRateLimit = false;
    for (const QJsonObject &e : flooder->ofType(QStringLiteral("error")))
        sawRateLimit |= errorCode(e) == QLatin1String("rate_limited");
    QVERIFY(sawRateLimit);
    QCOMPARE(flooder->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    expectHealthy();
}

void TestHubErrors::unknownWebSocketPathIsClosed()
{
    WsClient stray;
    QSignalSpy closed(&stray.socket, &QWebSocket::disconnected);
    stray.socket.open(m_fx->wsUrl(QStringLiteral("/ws/admin")));
    QVERIFY(closed.wait(20000));
    expectHealthy();
}

void TestHubErrors::restHappyPath()
{
    const HttpResult created =
        http("POST", QStringLiteral("/api/v1/conversations"),
             R"({"customer":{"name":"陳大文"},"text":"我的訂單還沒到","clientMessageId":"crm-1"})");
    QCOMPARE(created.status, 201);
    const qint64 id = created.body.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    // Retried with the same clientMessageId: no second conversation.
    const HttpResult retried =
        http("POST", QStringLiteral("/api/v1/conversations"),
             R"({"customer":{"name":"陳大文"},"text":"我的訂單還沒到","clientMessageId":"crm-1"})");
    QCOMPARE(retried.status, 200);
    QCOMPARE(retried.body.value(QStringLiteral("id")).toInteger(), id);

    const QString messages = QStringLiteral("/api/v1/conversations/%1/messages").arg(id);
    QCOMPARE(http("POST", messages, R"({"text":"Order 1234","clientMessageId":"crm-2"})").status,
             201);
    QCOMPARE(http("POST", messages, R"({"text":"Order 1234","clientMessageId":"crm-2"})").status,
             200);

    const HttpResult got = http("GET", QStringLiteral("/api/v1/conversations/%1").arg(id));
    QCOMPARE(got.status, 200);
    QCOMPARE(got.body.value(QStringLiteral("state")).toString(), QStringLiteral("waiting"));
    const QJsonArray list = got.body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("text")).toString(),
             QStringLiteral("我的訂單還沒到"));
    QCOMPARE(list.at(0)
                 .toObject()
                 .value(QStringLiteral("sender"))
                 .toObject()
                 .value(QStringLiteral("kind"))
                 .toString(),
             QStringLiteral("customer"));
    QVERIFY(!list.at(1).toObject().value(QStringLiteral("time")).toString().isEmpty());

    // The conversation reaches agents like any other.
    auto agent = m_fx->agent(m_fx->addUser(QStringLiteral("alice"), Role::Agent));
    QVERIFY(isAck(agent->reply(agent->send({{QStringLiteral("type"), QStringLiteral("claim")},
                                            {QStringLiteral("conversationId"), id}}))));
}

void TestHubErrors::restBadRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const QByteArray def("default");
    const QString list = QStringLiteral("/api/v1/conversations");
    QTest::newRow("no key") << QByteArray("POST") << list << QByteArray(R"({"text":"x"})")
                            << QByteArray() << 401 << "unauthenticated";
    QTest::newRow("wrong key") << QByteArray("POST") << list << QByteArray(R"({"text":"x"})")
                               << QByteArray("Bearer tdm_nope") << 401 << "unauthenticated";
    QTest::newRow("not bearer") << QByteArray("POST") << list << QByteArray(R"({"text":"x"})")
                                << QByteArray("Basic YWxpY2U6eA==") << 401 << "unauthenticated";
    QTest::newRow("malformed JSON")
        << QByteArray("POST") << list << QByteArray(R"({"text":)") << def << 400 << "bad_json";
    QTest::newRow("not an object")
        << QByteArray("POST") << list << QByteArray(R"(["text"])") << def << 400 << "bad_json";
    QTest::newRow("missing text") << QByteArray("POST") << list
                                  << QByteArray(R"({"customer":{"name":"x"}})") << def << 400
                                  << "missing_field";
    QTest::newRow("empty text") << QByteArray("POST") << list << QByteArray(R"({"text":"  "})")
                                << def << 400 << "invalid_field";
    QTest::newRow("customer not object")
        << QByteArray("POST") << list << QByteArray(R"({"text":"x","customer":"bob"})") << def
        << 400 << "invalid_field";
    QTest::newRow("too large") << QByteArray("POST") << list
                               << (QByteArray(R"({"text":")") + QByteArray(70000, 'a') + "\"}")
                               << def << 413 << "frame_too_large";
    QTest::newRow("unknown conversation")
        << QByteArray("GET") << QStringLiteral("/api/v1/conversations/424242") << QByteArray()
        << def << 404 << "not_found";
    QTest::newRow("message to unknown conversation")
        << QByteArray("POST") << QStringLiteral("/api/v1/conversations/424242/messages")
        << QByteArray(R"({"text":"x"})") << def << 404 << "not_found";
    QTest::newRow("unknown endpoint") << QByteArray("GET") << QStringLiteral("/api/v1/nothing")
                                      << QByteArray() << def << 404 << "not_found";
    QTest::newRow("wrong method") << QByteArray("DELETE") << list << QByteArray() << def << 405
                                  << "method_not_allowed";
}

void TestHubErrors::restBadRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpResult r = http(method, path, body, authorization);
    QCOMPARE(r.status, status);
    QCOMPARE(
        r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        code);
    QVERIFY(!r.body.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    QCOMPARE(m_fx->hub().store().openConversations()->size(), 0); // nothing half-written
    expectHealthy();
}

void TestHubErrors::restRateLimit()
{
    m_fx = std::make_unique<HubFixture>();
    HubConfig config;
    config.apiRequestsPerSecond = 0.2; // slow enough that a loaded machine cannot refill much
    config.apiBurst = 3;
    QVERIFY(m_fx->start({}, config));
    QVERIFY(m_fx->hub()
                .store()
                .addApiKey(QStringLiteral("crm"), auth::secretHash(m_apiKey), m_apiKey.left(10),
                           HubFixture::now())
                .ok());
    int limited = 0;
    QByteArray retryAfter;
    for (int i = 0; i < 12; ++i) {
        const HttpResult r = http("GET", QStringLiteral("/api/v1/conversations/1"));
        if (r.status == 429) {
            ++limited;
            retryAfter = r.retryAfter;
        }
    }
    QVERIFY(limited >= 6);
    QVERIFY(retryAfter.toInt() >= 1);
    expectHealthy();
}

void TestHubErrors::healthAndChatPage()
{
    const HttpResult health = http("GET", QStringLiteral("/api/v1/health"), {}, {});
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(health.body.value(QStringLiteral("database")).toString(), QStringLiteral("sqlite"));

    const HttpResult page = http("GET", QStringLiteral("/chat"), {}, {});
    QCOMPARE(page.status, 200);
    QVERIFY(page.raw.contains("<html"));
    QCOMPARE(http("GET", QStringLiteral("/chat/chat.js"), {}, {}).status, 200);
    QCOMPARE(http("GET", QStringLiteral("/chat/../secret"), {}, {}).status, 404);
    QCOMPARE(http("GET", QStringLiteral("/chat/missing.js"), {}, {}).status, 404);
}

void TestHubErrors::rawHttpAbuse()
{
    // Requests QNetworkAccessManager would never send: an endless header, a chunked body, garbage.
    auto raw = [this](const QByteArray &request) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_fx->hub().port());
        if (!socket.waitForConnected(20000))
            return QByteArray();
        socket.write(request);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return answer.contains("\r\n\r\n") ||
                       socket.state() == QAbstractSocket::UnconnectedState;
            },
            20000);
        return answer;
    };
    QVERIFY(raw("GET /chat HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(20000, 'a') + "\r\n\r\n")
                .startsWith("HTTP/1.1 431"));
    QVERIFY(raw("POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                "chunked\r\n\r\n5\r\nhello\r\n")
                .startsWith("HTTP/1.1 411"));
    QVERIFY(
        raw("POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n{")
            .startsWith("HTTP/1.1 413"));
    raw(QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 26));
    expectHealthy();
    QCOMPARE(http("GET", QStringLiteral("/api/v1/health"), {}, {}).status, 200);
}

QTEST_GUILESS_MAIN(TestHubErrors)
#include "tst_hub_errors.moc"
