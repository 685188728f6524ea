#include "settings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace tandem {

namespace {
/// ~/.config/tandem/tandem.conf: beside nothing else, easy to find and to reset.
class Store : public QSettings
{
public:
    Store()
        : QSettings(QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                        .filePath(QStringLiteral("tandem.conf")),
                    QSettings::IniFormat)
    {}
};

const QString kHubAddress = QStringLiteral("hub/address");
const QString kUsername = QStringLiteral("hub/username");
const QString kRemember = QStringLiteral("hub/rememberPassword");
const QString kLanguage = QStringLiteral("ui/language");
const QString kNotify = QStringLiteral("ui/notifyWaiting");
const QString kTargetWait = QStringLiteral("queue/targetWaitSeconds");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kQueueHeader = QStringLiteral("window/queueHeader");
} // namespace

QUrl Settings::hubAddress()
{
    return Store().value(kHubAddress).toUrl();
}
void Settings::setHubAddress(const QUrl &url)
{
    Store().setValue(kHubAddress, url);
}
QString Settings::username()
{
    return Store().value(kUsername).toString();
}
void Settings::setUsername(const QString &name)
{
    Store().setValue(kUsername, name);
}
bool Settings::rememberPassword()
{
    return Store().value(kRemember, true).toBool();
}
void Settings::setRememberPassword(bool remember)
{
    Store().setValue(kRemember, remember);
}
QString Settings::language()
{
    return Store().value(kLanguage, QStringLiteral("system")).toString();
}
void Settings::setLanguage(const QString &language)
{
    Store().setValue(kLanguage, language);
}
QByteArray Settings::windowGeometry()
{
    return Store().value(kGeometry).toByteArray();
}
QByteArray Settings::windowState()
{
    return Store().value(kState).toByteArray();
}
QByteArray Settings::splitterState()
{
    return Store().value(kSplitter).toByteArray();
}
QByteArray Settings::queueHeaderState()
{
    return Store().value(kQueueHeader).toByteArray();
}
bool Settings::notifyWaiting()
{
    return Store().value(kNotify, true).toBool();
}
void Settings::setNotifyWaiting(bool on)
{
    Store().setValue(kNotify, on);
}

void Settings::saveWindow(const QByteArray &geometry, const QByteArray &state,
                          const QByteArray &splitter, const QByteArray &queueHeader)
{
    Store s;
    s.setValue(kGeometry, geometry);
    s.setValue(kState, state);
    s.setValue(kSplitter, splitter);
    s.setValue(kQueueHeader, queueHeader);
}

int Settings::queueTargetWaitSeconds()
{
    bool ok = false;
    const int seconds = Store().value(kTargetWait, 120).toInt(&ok);
    return ok ? std::clamp(seconds, 10, 3600) : 120;
}

} // namespace tandem
