#include "notifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>
#include <QWidget>

namespace tandem {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

Notifier::Notifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->show();
    }
}

void Notifier::notify(const QString &title, const QString &body)
{
    QApplication::alert(m_window);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService)) {
        QDBusMessage call =
            QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
        call << QApplication::applicationDisplayName() << m_lastId
             << QStringLiteral("org.tandem.Tandem") << title << body << QStringList()
             << QVariantMap{{QStringLiteral("category"), QStringLiteral("im.received")}}
             << qint32(6000);
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
                [this](QDBusPendingCallWatcher *w) {
                    const QDBusPendingReply<quint32> reply = *w;
                    if (!reply.isError())
                        m_lastId = reply.value();
                    w->deleteLater();
                });
        return;
    }
    if (m_tray)
        m_tray->showMessage(title, body, QSystemTrayIcon::Information, 6000);
}

} // namespace tandem
