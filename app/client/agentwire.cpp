#include "agentwire.h"

#include <QUuid>

namespace tandem::client {

QUrl agentUrl(QUrl url)
{
    if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    QString path = url.path();
    if (!path.endsWith(QLatin1String("/ws/agent"))) {
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        path += QLatin1String("/ws/agent");
    }
    url.setPath(path);
    return url;
}

QString newCommandId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

User userFromJson(const QJsonObject &o)
{
    User u;
    u.id = o.value(QStringLiteral("id")).toInteger();
    u.username = o.value(QStringLiteral("username")).toString();
    u.displayName = o.value(QStringLiteral("displayName")).toString();
    u.role = roleFromName(o.value(QStringLiteral("role")).toString()).value_or(Role::Agent);
    u.disabled = o.value(QStringLiteral("disabled")).toBool();
    return u;
}

Error errorFromFrame(const QJsonObject &frame)
{
    return Error{frame.value(QStringLiteral("code")).toString(),
                 frame.value(QStringLiteral("message")).toString()};
}

Event eventFromFrame(const QJsonObject &frame)
{
    Event e;
    e.seq = frame.value(QStringLiteral("seq")).toInteger();
    e.kind = frame.value(QStringLiteral("kind")).toString();
    e.conversationId = frame.value(QStringLiteral("conversationId")).toInteger();
    e.payload = frame.value(QStringLiteral("data")).toObject();
    e.createdAtMs = frame.value(QStringLiteral("timeMs")).toInteger();
    return e;
}

} // namespace tandem::client
