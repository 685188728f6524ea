#include "actor.h"

namespace tandem {

QString Actor::dedupeKey() const
{
    switch (kind) {
    case Kind::User:
        return QStringLiteral("user:%1").arg(user.id);
    case Kind::Customer:
        return QStringLiteral("customer:") + QString::fromLatin1(customerKeyHash.toHex());
    case Kind::ApiKey:
        return QStringLiteral("apikey:%1").arg(apiKeyId);
    }
    return {};
}

QString Actor::describe() const
{
    switch (kind) {
    case Kind::User:
        return roleName(user.role) + QLatin1Char(':') + user.username;
    case Kind::Customer:
        return QStringLiteral("customer:") + QString::fromLatin1(customerKeyHash.toHex().left(12));
    case Kind::ApiKey:
        return QStringLiteral("apikey:") + apiKeyName;
    }
    return {};
}

Actor Actor::forUser(const User &u)
{
    Actor a;
    a.kind = Kind::User;
    a.user = u;
    return a;
}

} // namespace tandem
