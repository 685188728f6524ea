#pragma once

#include "domain.h"

#include <QByteArray>
#include <QString>

namespace tandem {

/// Who is issuing a command: a signed-in user, a customer on the web page, or an API key.
struct Actor
{
    enum class Kind
    {
        User,
        Customer,
        ApiKey
    };

    Kind kind = Kind::Customer;
    User user;                  // Kind::User
    QByteArray customerKeyHash; // Kind::Customer
    QString customerName;
    QString locale;
    QString channel = QStringLiteral("web");
    qint64 apiKeyId = 0; // Kind::ApiKey
    QString apiKeyName;

    /// Namespace for client command ids: the same id from two actors is two commands.
    QString dedupeKey() const;
    /// For audit entries and transition records, e.g. "agent:alice".
    QString describe() const;

    static Actor forUser(const User &user);
};

} // namespace tandem
