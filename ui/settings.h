#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace tandem {

/// Typed access to the desktop's settings: every key and default lives here. Passwords are never
/// stored here (see keychain.h).
class Settings
{
public:
    /// The team hub to sign in to; empty means "work on this computer" (the embedded hub).
    static QUrl hubAddress();
    static void setHubAddress(const QUrl &url);
    static QString username();
    static void setUsername(const QString &name);
    static bool rememberPassword();
    static void setRememberPassword(bool remember);

    /// "system", "en", "zh_CN" or "zh_TW".
    static QString language();
    static void setLanguage(const QString &language);

    static QByteArray windowGeometry();
    static QByteArray windowState();
    static QByteArray splitterState();
    static QByteArray queueHeaderState();
    static void saveWindow(const QByteArray &geometry, const QByteArray &state,
                           const QByteArray &splitter, const QByteArray &queueHeader);

    static bool notifyWaiting();
    static void setNotifyWaiting(bool on);

    /// The queue's target wait (SLA) in seconds, 10–3600, default 120: see QueueOrder.
    static int queueTargetWaitSeconds();
};

} // namespace tandem
