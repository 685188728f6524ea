#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace tandem {

/// The password, only ever in the system keyring (Secret Service / KWallet via QtKeychain).
/// Everything is asynchronous; without a keyring the calls fail quietly and nothing is stored.
class Keychain
{
public:
    using ReadDone = std::function<void(const QString &password, const QString &error)>;
    static void readPassword(const QString &account, QObject *context, ReadDone done);
    static void writePassword(const QString &account, const QString &password);
    static void deletePassword(const QString &account);
    /// "user@hub" — one entry per user and hub.
    static QString account(const QString &username, const QString &hub);
};

} // namespace tandem
