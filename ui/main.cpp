#include "desktop.h"
#include "language.h"
#include "settings.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QString());
    QApplication::setApplicationName(QStringLiteral("tandem"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tandem"));
    QApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.tandem.Tandem"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/tandem/icons/tandem.svg")));
    tandem::Language::apply(tandem::Settings::language());

    tandem::Desktop desktop;
    desktop.start();
    return QApplication::exec();
}
