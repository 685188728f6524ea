#include "restapi.h"

#include "auth.h"
#include "hub.h"
#include "protocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace tandem {

namespace {

namespace errc = protocol::errc;

HttpResponse json(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse jsonError(int status, const QString &code, const QString &message)
{
    return json(status,
                {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                       {QStringLiteral("message"), message}}}});
}

HttpResponse jsonError(int status, const char *code, const QString &message)
{
    return jsonError(status, QString::fromLatin1(code), message);
}

int statusFor(const Error &e)
{
    static const QHash<QString, int> map{
        {QString::fromLatin1(errc::NotFound), 404},
        {QString::fromLatin1(errc::Conflict), 409},
        {QString::fromLatin1(errc::Forbidden), 403},
        {QString::fromLatin1(errc::InvalidField), 400},
        {QString::fromLatin1(errc::MissingField), 400},
        {QString::fromLatin1(errc::Unauthenticated), 401},
        {QString::fromLatin1(errc::RateLimited), 429},
    };
    return map.value(e.code, 500);
}

QByteArray contentTypeFor(const QString &path)
{
    if (path.endsWith(QLatin1String(".html")))
        return "text/html; charset=utf-8";
    if (path.endsWith(QLatin1String(".js")))
        return "text/javascript; charset=utf-8";
    if (path.endsWith(QLatin1String(".css")))
        return "text/css; charset=utf-8";
    if (path.endsWith(QLatin1String(".svg")))
        return "image/svg+xml";
    if (path.endsWith(QLatin1String(".png")))
        return "image/png";
    return "application/octet-stream";
}

/// Parses a JSON object body, or says exactly what is wrong with it.
Result<QJsonObject> parseBody(const HttpRequest &r)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Result<QJsonObject>::failure(
            QString::fromLatin1(errc::BadJson),
            QStringLiteral("invalid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return Result<QJsonObject>::failure(QString::fromLatin1(errc::BadJson),
                                            QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

Status requireText(const QJsonObject &o)
{
    const QJsonValue text = o.value(QStringLiteral("text"));
    if (text.isUndefined())
        return Status::failure(QString::fromLatin1(errc::MissingField),
                               QStringLiteral("missing field \"text\""));
    if (!text.isString() || text.toString().trimmed().isEmpty())
        return Status::failure(QString::fromLatin1(errc::InvalidField),
                               QStringLiteral("\"text\" must be a non-empty string"));
    if (text.toString().size() > protocol::kMaxTextLength)
        return Status::failure(
            QString::fromLatin1(errc::InvalidField),
            QStringLiteral("\"text\" is longer than %1 characters").arg(protocol::kMaxTextLength));
    return {};
}

} // namespace

RestApi::RestApi(Hub &hub)
    : m_hub(hub)
{}

HttpResponse RestApi::handle(const HttpRequest &r)
{
    if (r.path == QLatin1String("/api/v1/health")) {
        if (r.method != "GET" && r.method != "HEAD")
            return jsonError(405, "method_not_allowed", QStringLiteral("use GET"));
        return health();
    }
    if (r.path.startsWith(QLatin1String("/api/")))
        return api(r);
    if (r.path == QLatin1String("/")) {
        HttpResponse redirect;
        redirect.status = 302;
        redirect.contentType = "text/plain";
        redirect.addHeader("Location", "/chat");
        return redirect;
    }
    if (r.path == QLatin1String("/chat") || r.path == QLatin1String("/chat/"))
        return staticFile(QStringLiteral("index.html"));
    if (r.path.startsWith(QLatin1String("/chat/")))
        return staticFile(r.path.mid(6));
    return jsonError(404, errc::NotFound,
                     QStringLiteral("no such resource: %1").arg(r.path.left(200)));
}

HttpResponse RestApi::health()
{
    return json(200, {{QStringLiteral("status"), QStringLiteral("ok")},
                      {QStringLiteral("version"), QStringLiteral(TANDEM_VERSION)},
                      {QStringLiteral("protocol"), protocol::kVersion},
                      {QStringLiteral("database"), m_hub.store().kind() == DatabaseUrl::Kind::Sqlite
                                                       ? QStringLiteral("sqlite")
                                                       : QStringLiteral("postgresql")},
                      {QStringLiteral("seq"), m_hub.lastSeq()},
                      {QStringLiteral("agents"), m_hub.agentCount()},
                      {QStringLiteral("customers"), m_hub.customerCount()}});
}

HttpResponse RestApi::staticFile(const QString &name)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]+\\.[a-z]+$"));
    if (!safe.match(name).hasMatch())
        return jsonError(404, errc::NotFound, QStringLiteral("no such file"));
    QFile file(QStringLiteral(":/tandem/chat/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return jsonError(404, errc::NotFound, QStringLiteral("no such file: %1").arg(name));
    HttpResponse r;
    r.contentType = contentTypeFor(name);
    r.body = file.readAll();
    r.addHeader("Content-Security-Policy",
                "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    r.addHeader("Referrer-Policy", "no-referrer");
    return r;
}

bool RestApi::allowUnauthenticatedAttempt(const HttpRequest &r)
{
    if (m_failedAuthLimits.size() > 10000)
        m_failedAuthLimits.clear();
    auto it = m_failedAuthLimits.find(r.peer.toString());
    if (it == m_failedAuthLimits.end())
        it = m_failedAuthLimits.insert(r.peer.toString(), RateLimiter(1, 10));
    return it->tryAcquire();
}

Result<Actor> RestApi::authenticate(const HttpRequest &r)
{
    const QByteArray header = r.header("authorization");
    if (!header.startsWith("Bearer ") || header.size() <= 7)
        return Result<Actor>::failure(
            QString::fromLatin1(errc::Unauthenticated),
            QStringLiteral("send an API key as \"Authorization: Bearer KEY\""));
    auto key = m_hub.store().apiKeyByHash(auth::secretHash(header.mid(7).trimmed()));
    if (!key.ok())
        return Result<Actor>::failure(QString::fromLatin1(errc::Unauthenticated),
                                      QStringLiteral("unknown or revoked API key"));
    Actor a;
    a.kind = Actor::Kind::ApiKey;
    a.apiKeyId = key->id;
    a.apiKeyName = key->name;
    a.channel = QStringLiteral("api");
    return a;
}

HttpResponse RestApi::api(const HttpRequest &r)
{
    static const QRegularExpression one(QStringLiteral("^/api/v1/conversations/(\\d{1,15})$"));
    static const QRegularExpression messages(
        QStringLiteral("^/api/v1/conversations/(\\d{1,15})/messages$"));
    const bool isList = r.path == QLatin1String("/api/v1/conversations");
    const auto oneMatch = one.match(r.path);
    const auto messagesMatch = messages.match(r.path);
    if (!isList && !oneMatch.hasMatch() && !messagesMatch.hasMatch())
        return jsonError(404, errc::NotFound,
                         QStringLiteral("no such endpoint: %1").arg(r.path.left(200)));

    auto actor = authenticate(r);
    if (!actor.ok()) {
        if (!allowUnauthenticatedAttempt(r))
            return jsonError(429, errc::RateLimited, QStringLiteral("too many failed attempts"));
        return jsonError(401, actor.error().code, actor.error().message);
    }
    auto limit = m_keyLimits.find(actor->apiKeyId);
    if (limit == m_keyLimits.end())
        limit = m_keyLimits.insert(actor->apiKeyId, RateLimiter(m_hub.config().apiRequestsPerSecond,
                                                                m_hub.config().apiBurst));
    if (!limit->tryAcquire()) {
        HttpResponse tooMany =
            jsonError(429, errc::RateLimited, QStringLiteral("rate limit exceeded; slow down"));
        tooMany.addHeader("Retry-After", QByteArray::number(limit->secondsUntilAvailable()));
        return tooMany;
    }
    if (r.body.size() > kMaxBodyBytes)
        return jsonError(413, errc::FrameTooLarge,
                         QStringLiteral("request body exceeds %1 bytes").arg(kMaxBodyBytes));

    if (isList) {
        if (r.method != "POST")
            return jsonError(405, "method_not_allowed", QStringLiteral("use POST"));
        return createConversation(actor.value(), r);
    }
    if (oneMatch.hasMatch()) {
        if (r.method != "GET")
            return jsonError(405, "method_not_allowed", QStringLiteral("use GET"));
        return getConversation(oneMatch.captured(1).toLongLong());
    }
    if (r.method != "POST")
        return jsonError(405, "method_not_allowed", QStringLiteral("use POST"));
    return postMessage(actor.value(), messagesMatch.captured(1).toLongLong(), r);
}

HttpResponse RestApi::createConversation(const Actor &actor, const HttpRequest &r)
{
    auto body = parseBody(r);
    if (!body.ok())
        return jsonError(400, body.error().code, body.error().message);
    if (Status s = requireText(body.value()); !s.ok())
        return jsonError(400, s.error().code, s.error().message);
    const QJsonValue customer = body->value(QStringLiteral("customer"));
    if (!customer.isUndefined() && !customer.isObject())
        return jsonError(400, errc::InvalidField, QStringLiteral("\"customer\" must be an object"));
    const QJsonValue name = customer.toObject().value(QStringLiteral("name"));
    if (!name.isUndefined() && (!name.isString() || name.toString().size() > 200))
        return jsonError(
            400, errc::InvalidField,
            QStringLiteral("\"customer.name\" must be a string of at most 200 characters"));
    const QJsonValue clientId = body->value(QStringLiteral("clientMessageId"));
    if (!clientId.isUndefined() &&
        (!clientId.isString() || clientId.toString().size() > protocol::kMaxIdLength))
        return jsonError(400, errc::InvalidField,
                         QStringLiteral("\"clientMessageId\" must be a short string"));

    auto result = m_hub.engine().execute(actor, QStringLiteral("api.createConversation"),
                                         clientId.toString(), body.value());
    if (!result.ok())
        return jsonError(statusFor(result.error()), result.error().code, result.error().message);
    return json(result->value(QStringLiteral("duplicate")).toBool() ? 200 : 201,
                {{QStringLiteral("id"), result->value(QStringLiteral("id"))},
                 {QStringLiteral("message"), result->value(QStringLiteral("message"))}});
}

HttpResponse RestApi::postMessage(const Actor &actor, qint64 conversationId, const HttpRequest &r)
{
    auto body = parseBody(r);
    if (!body.ok())
        return jsonError(400, body.error().code, body.error().message);
    if (Status s = requireText(body.value()); !s.ok())
        return jsonError(400, s.error().code, s.error().message);
    const QJsonValue clientId = body->value(QStringLiteral("clientMessageId"));
    if (!clientId.isUndefined() &&
        (!clientId.isString() || clientId.toString().size() > protocol::kMaxIdLength))
        return jsonError(400, errc::InvalidField,
                         QStringLiteral("\"clientMessageId\" must be a short string"));
    QJsonObject args = body.value();
    args.insert(QStringLiteral("conversationId"), conversationId);
    auto result =
        m_hub.engine().execute(actor, QStringLiteral("api.message"), clientId.toString(), args);
    if (!result.ok())
        return jsonError(statusFor(result.error()), result.error().code, result.error().message);
    return json(result->value(QStringLiteral("duplicate")).toBool() ? 200 : 201,
                {{QStringLiteral("message"), result->value(QStringLiteral("message"))}});
}

HttpResponse RestApi::getConversation(qint64 conversationId)
{
    auto c = m_hub.store().conversation(conversationId);
    if (!c.ok())
        return jsonError(c.error().code == QLatin1String(errc::NotFound) ? 404 : 500,
                         c.error().code, c.error().message);
    auto messages = m_hub.store().messages(conversationId, 0, 0, 10000, false);
    if (!messages.ok())
        return jsonError(500, messages.error().code, messages.error().message);
    QJsonArray list;
    for (const Message &m : messages.value())
        list.append(
            QJsonObject{{QStringLiteral("id"), m.id},
                        {QStringLiteral("sender"),
                         QJsonObject{{QStringLiteral("kind"), senderKindName(m.senderKind)},
                                     {QStringLiteral("name"), m.senderName}}},
                        {QStringLiteral("text"), m.text},
                        {QStringLiteral("time"), m.toJson().value(QStringLiteral("time"))}});
    return json(
        200, {{QStringLiteral("id"), c->id},
              {QStringLiteral("state"), stateName(c->state)},
              {QStringLiteral("customer"), QJsonObject{{QStringLiteral("name"), c->customerName}}},
              {QStringLiteral("channel"), c->channel},
              {QStringLiteral("messages"), list}});
}

} // namespace tandem
