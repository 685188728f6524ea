#pragma once

#include <QObject>

class QSystemTrayIcon;

namespace tandem {

/// Desktop notifications: the freedesktop notification service over D-Bus where there is one
/// (GNOME, KDE, most Linux desktops), else a tray balloon, else the taskbar's attention hint.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QWidget *window);
    void notify(const QString &title, const QString &body);

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    quint32 m_lastId = 0; // replaced rather than stacked when customers arrive in a burst
};

} // namespace tandem
