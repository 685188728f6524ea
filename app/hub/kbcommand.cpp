#include "kbcommand.h"

#include "cli.h"
#include "kbfile.h"
#include "store.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>

#include <optional>

namespace tandem::cli {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "tandem-hub: " << message << Qt::endl;
    return 1;
}

Result<kbfile::Format> formatOf(const QCommandLineParser &parser, const QString &path)
{
    if (parser.isSet(QStringLiteral("format")))
        return kbfile::formatFromName(parser.value(QStringLiteral("format")));
    return kbfile::formatForPath(path);
}

int stats(Store &db)
{
    auto articles = db.articles();
    if (!articles.ok())
        return fail(articles.error().message);
    QMap<QString, int> questions;
    int autoAnswer = 0, enabled = 0;
    for (const KbArticle &a : articles.value()) {
        autoAnswer += a.autoAnswer;
        enabled += a.enabled;
        for (auto it = a.content.constBegin(); it != a.content.constEnd(); ++it)
            questions[it.key()] += int(it->questions.size());
    }
    const qsizetype n = articles->size();
    out() << "Articles:   " << n << " (" << enabled << " enabled)" << Qt::endl;
    out() << "Questions: ";
    for (const QString &language : kb::languages())
        out() << " " << language << " " << questions.value(language);
    out() << Qt::endl;
    out() << "AutoAnswer: " << autoAnswer << " of " << n << " ("
          << (n ? qRound(100.0 * autoAnswer / double(n)) : 0) << "%)" << Qt::endl;
    return 0;
}

} // namespace

int kbCommand(const QStringList &args, const QCommandLineOption &databaseOption)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import, export and summarise the knowledge base. 'kb import' replaces the "
                       "whole knowledge base in one transaction; a file with any error imports "
                       "nothing. Files are JSON (tandem-kb) or CSV (one row per example question: "
                       "%1).")
            .arg(kbfile::csvColumns().join(u',')));
    parser.addHelpOption();
    parser.addOption(databaseOption);
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("json or csv (default: from the file's extension)."),
                      QStringLiteral("format")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("import, export or stats"));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("the file to read or write"));
    if (!parser.parse(args))
        return fail(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const bool needsFile = action == QLatin1String("import") || action == QLatin1String("export");
    if (!needsFile && action != QLatin1String("stats"))
        return fail(QStringLiteral("usage: tandem-hub kb import|export FILE | kb stats"));
    if (pos.size() != (needsFile ? 2 : 1))
        return fail(QStringLiteral("usage: tandem-hub kb import|export FILE | kb stats"));
    const QString path = pos.value(1);
    Result<kbfile::Format> format = kbfile::Format::Json;
    if (needsFile) {
        format = formatOf(parser, path);
        if (!format.ok())
            return fail(format.error().message);
    }
    // A bad file is reported before the database is even opened.
    std::optional<KnowledgeBase> parsed;
    if (action == QLatin1String("import")) {
        auto kb = kbfile::readFile(path, format.value());
        if (!kb.ok())
            return fail(kb.error().message);
        parsed = std::move(kb).value();
    }

    auto store = openStore(parser);
    if (!store.ok())
        return fail(store.error().message);
    Store &db = *store.value();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    if (action == QLatin1String("stats"))
        return stats(db);
    if (action == QLatin1String("export")) {
        auto kb = kbfile::exportFile(db, path, format.value());
        if (!kb.ok())
            return fail(kb.error().message);
        out() << "Exported " << kb->articles.size() << " articles to " << path << Qt::endl;
        return 0;
    }
    int questions = 0;
    for (const KbArticle &a : parsed->articles) {
        for (const KbContent &c : a.content)
            questions += int(c.questions.size());
    }
    // The audit entry commits with the articles: an import is never recorded half-way.
    if (Status s = db.begin(); !s.ok())
        return fail(s.error().message);
    Status s = db.replaceKnowledgeBase(parsed->articles, now, parsed->shopName);
    if (s.ok())
        s = db.audit(QStringLiteral("cli"), QStringLiteral("kb.import"),
                     {{QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
                      {QStringLiteral("format"), format.value() == kbfile::Format::Json
                                                     ? QStringLiteral("json")
                                                     : QStringLiteral("csv")},
                      {QStringLiteral("articles"), int(parsed->articles.size())},
                      {QStringLiteral("questions"), questions}},
                     now);
    if (!s.ok()) {
        db.rollback();
        return fail(s.error().message);
    }
    if (Status c = db.commit(); !c.ok())
        return fail(c.error().message);
    out() << "Imported " << parsed->articles.size() << " articles (" << questions
          << " example questions) from " << path << Qt::endl;
    return 0;
}

} // namespace tandem::cli
