// tandem-eval: prints Tandem's figures on the public datasets next to single-method baselines.
// Not part of the product and not a CTest test; the datasets are read from --datasets.

#include "evalreport.h"
#include "intenteval.h"
#include "sentiment.h"
#include "sentimenteval.h"
#include "suggestionevals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>
#include <utility>

using namespace tandem;
using namespace tandem::eval;

namespace {

/// A group of datasets measured together; selected with --only NAME.
struct EvalFamily
{
    QString name;
    EvalOutcome (*run)(const QString &datasetsDir);
};

// Extension points: each later family gets one function here, printing rows only once it
// really measures something.
const QList<EvalFamily> &families()
{
    static const QList<EvalFamily> all{
        {QStringLiteral("intent"), &evalIntent},       // Banking77, CLINC150
        {QStringLiteral("sentiment"), &evalSentiment}, // ChnSentiCorp, waimai, UCI, airline
        {QStringLiteral("matching"), &evalMatching},   // AFQMC, threshold from ATEC
        {QStringLiteral("replies"), &evalReplies},     // ECD sample response selection
        {QStringLiteral("speed"), &evalSpeed},         // latency, training time, memory
    };
    return all;
}

QStringList familyNames()
{
    QStringList names;
    for (const EvalFamily &family : families())
        names.append(family.name);
    return names;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tandem-eval"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures Tandem on the public evaluation datasets (../shared/datasets) and "
                       "prints one row per dataset and metric."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption datasetsOption(
        QStringLiteral("datasets"), QStringLiteral("Directory holding the dataset folders."),
        QStringLiteral("dir"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print a JSON array instead of a table."));
    const QCommandLineOption onlyOption(
        QStringLiteral("only"),
        QStringLiteral("Run only these families (comma-separated): %1.")
            .arg(familyNames().join(QStringLiteral(", "))),
        QStringLiteral("family"));
    parser.addOptions({datasetsOption, jsonOption, onlyOption});
    parser.process(app);

    QTextStream err(stderr);
    if (!parser.isSet(datasetsOption)) {
        err << "tandem-eval: --datasets DIR is required (see --help)\n";
        return 2;
    }
    QStringList selected = familyNames();
    if (parser.isSet(onlyOption)) {
        selected = parser.value(onlyOption).split(u',', Qt::SkipEmptyParts);
        for (const QString &name : std::as_const(selected)) {
            if (!familyNames().contains(name)) {
                err << "tandem-eval: unknown family '" << name
                    << "'; known: " << familyNames().join(QStringLiteral(", ")) << '\n';
                return 2;
            }
        }
    }

    const QString datasetsDir = parser.value(datasetsOption);
    bool complete = true;
    if (!QFileInfo(datasetsDir).isDir()) {
        err << "tandem-eval: datasets directory not found: " << datasetsDir << '\n';
        complete = false;
    }
    err.flush();

    QElapsedTimer total;
    total.start();
    // Load the built-in lexicon once up front so its cost is not charged to the first dataset.
    QElapsedTimer load;
    load.start();
    LexiconSentiment::instance();
    const double loadSeconds = double(load.nsecsElapsed()) / 1e9;

    QList<EvalRow> rows;
    qsizetype texts = 0;
    for (const EvalFamily &family : families()) {
        if (!selected.contains(family.name))
            continue;
        EvalOutcome outcome = family.run(datasetsDir);
        rows += outcome.rows;
        texts += outcome.textsEvaluated;
        complete = complete && outcome.complete;
    }
    const double seconds = double(total.nsecsElapsed()) / 1e9;
    const QString summary =
        QStringLiteral("total: %1 texts in %2 s (reading, lexicon load %3 s and scoring)")
            .arg(texts)
            .arg(seconds, 0, 'f', 2)
            .arg(loadSeconds, 0, 'f', 2);

    QTextStream out(stdout);
    if (parser.isSet(jsonOption)) {
        out.flush();
        const QByteArray json = toJson(rows);
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        err << summary << '\n'; // stdout stays pure JSON
    } else {
        out << formatTable(rows) << '\n' << summary << '\n';
    }
    if (!complete)
        err << "tandem-eval: some datasets were missing or unreadable (see notes)\n";
    return complete ? 0 : 1;
}
