#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace tandem {

std::unique_ptr<QTranslator> Language::s_app;
std::unique_ptr<QTranslator> Language::s_qt;

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN"), QStringLiteral("zh_TW")};
}

QString Language::resolve(const QString &setting)
{
    if (available().contains(setting))
        return setting;
    const QLocale system;
    if (system.language() != QLocale::Chinese)
        return QStringLiteral("en");
    // Traditional for Taiwan, Hong Kong and Macau, or an explicit Hant script.
    const bool traditional = system.script() == QLocale::TraditionalChineseScript ||
                             system.territory() == QLocale::Taiwan ||
                             system.territory() == QLocale::HongKong ||
                             system.territory() == QLocale::Macau;
    return traditional ? QStringLiteral("zh_TW") : QStringLiteral("zh_CN");
}

QString Language::apply(const QString &setting)
{
    const QString code = resolve(setting);
    for (auto *t : {s_app.get(), s_qt.get()}) {
        if (t)
            QCoreApplication::removeTranslator(t);
    }
    s_app.reset();
    s_qt.reset();
    if (code != QLatin1String("en")) {
        auto app = std::make_unique<QTranslator>();
        if (app->load(QStringLiteral(":/i18n/tandem_") + code + QStringLiteral(".qm"))) {
            QCoreApplication::installTranslator(app.get());
            s_app = std::move(app);
        }
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_") + code,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            s_qt = std::move(qt);
        }
    }
    QLocale::setDefault(QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code));
    return code;
}

QString Language::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("zh_TW"))
        return QStringLiteral("繁體中文");
    return QStringLiteral("English");
}

} // namespace tandem
