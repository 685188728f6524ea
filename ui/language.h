#pragma once

#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace tandem {

/// The desktop's language: follows the system locale unless chosen in settings, and switches at
/// run time (widgets retranslate on QEvent::LanguageChange). Loads Qt's own translations too.
class Language
{
public:
    /// Codes offered in the UI, besides "system".
    static QStringList available(); // en, zh_CN, zh_TW
    /// The language a setting ("system" or a code) resolves to on this machine.
    static QString resolve(const QString &setting);
    /// Installs the translators for `setting`; returns the code in effect.
    static QString apply(const QString &setting);
    /// The language's own name, e.g. "简体中文".
    static QString nativeName(const QString &code);

private:
    static std::unique_ptr<QTranslator> s_app;
    static std::unique_ptr<QTranslator> s_qt;
};

} // namespace tandem
