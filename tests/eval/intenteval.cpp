#include "intenteval.h"

#include "calibration.h"
#include "intentdatasets.h"
#include "suggester.h"

#include <QElapsedTimer>
#include <QSet>

#include <optional>

namespace tandem::eval {

namespace {

QList<SuggestionSource> sourcesOf(const QList<IntentExample> &items)
{
    QList<SuggestionSource> sources;
    sources.reserve(items.size());
    for (const IntentExample &item : items)
        sources.append({item.intent, 1, item.intent, item.text, QStringLiteral("en")});
    return sources;
}

/// The intents of the BM25 nearest examples, best first, each once.
QStringList retrievedIntents(const SuggestionModel &model, const QString &text, int k)
{
    QStringList intents;
    for (const QuestionHit &hit : model.retrieve(text, 50)) {
        const QString &intent = model.source(hit.document).intent;
        if (!intents.contains(intent))
            intents.append(intent);
        if (intents.size() == k)
            break;
    }
    return intents;
}

double percent(qsizetype part, qsizetype whole)
{
    return whole ? 100.0 * double(part) / double(whole) : 0;
}

Result<std::shared_ptr<const SuggestionModel>>
train(const QList<SuggestionSource> &sources, const SuggesterOptions &options, double *seconds)
{
    QElapsedTimer timer;
    timer.start();
    auto model = SuggestionModel::train(sources, options);
    *seconds = double(timer.nsecsElapsed()) / 1e9;
    return model;
}

void evalBanking77(const QString &datasetsDir, EvalOutcome &outcome)
{
    const QString name = QStringLiteral("banking77");
    auto trainSet = readBanking77(datasetsDir, QStringLiteral("train"));
    auto devSet = readBanking77(datasetsDir, QStringLiteral("dev"));
    if (!trainSet || !devSet) {
        const Error &e = !trainSet ? trainSet.error() : devSet.error();
        reportDatasetError(outcome, name, e.code, e.message);
        return;
    }
    double seconds = 0;
    auto trained = train(sourcesOf(trainSet->items), SuggesterOptions{}, &seconds);
    if (!trained) {
        reportDatasetError(outcome, name, QStringLiteral("training"), trained.error().message);
        return;
    }
    const SuggestionModel &model = **trained;

    qsizetype tandemTop1 = 0, tandemTop3 = 0, ftTop1 = 0, ftTop3 = 0, bmTop1 = 0, bmTop3 = 0;
    QList<CalibrationPoint> tandemPoints, ftPoints;
    QElapsedTimer timer;
    timer.start();
    for (const IntentExample &item : std::as_const(devSet->items)) {
        const SuggestionResult r = model.suggest(item.text, {}, 3);
        for (qsizetype i = 0; i < r.suggestions.size(); ++i) {
            if (r.suggestions[i].intent == item.intent) {
                tandemTop1 += i == 0;
                ++tandemTop3;
            }
        }
        if (!r.suggestions.isEmpty())
            tandemPoints.append(
                {r.suggestions[0].confidence, r.suggestions[0].intent == item.intent});

        const QList<IntentPrediction> ft = model.classify(item.text, 3);
        for (qsizetype i = 0; i < ft.size(); ++i) {
            if (ft[i].intent == item.intent) {
                ftTop1 += i == 0;
                ++ftTop3;
            }
        }
        if (!ft.isEmpty())
            ftPoints.append({ft[0].probability, ft[0].intent == item.intent});

        const QStringList bm = retrievedIntents(model, item.text, 3);
        bmTop1 += !bm.isEmpty() && bm[0] == item.intent;
        bmTop3 += bm.contains(item.intent);
    }
    const double querySeconds = double(timer.nsecsElapsed()) / 1e9;
    outcome.textsEvaluated += devSet->items.size();
    const qsizetype n = devSet->items.size();
    const SuggesterReport &report = model.report();
    const QString note =
        QStringLiteral("train %1 → dev %2; trained in %3 s (%4 folds: held-out top-1 %5%, "
                       "ECE %6); dev queries %7 ms each incl. all three methods")
            .arg(trainSet->items.size())
            .arg(n)
            .arg(seconds, 0, 'f', 1)
            .arg(report.folds)
            .arg(100 * report.heldOutTop1, 0, 'f', 1)
            .arg(report.expectedCalibrationError, 0, 'f', 3)
            .arg(1000 * querySeconds / double(std::max<qsizetype>(n, 1)), 0, 'f', 2);
    outcome.rows.append({name, QStringLiteral("top-1 accuracy (%)"), percent(tandemTop1, n),
                         percent(ftTop1, n), percent(bmTop1, n), note});
    outcome.rows.append({name, QStringLiteral("top-3 accuracy (%)"), percent(tandemTop3, n),
                         percent(ftTop3, n), percent(bmTop3, n), QString()});
    outcome.rows.append({name, QStringLiteral("expected calibration error (15 bins)"),
                         expectedCalibrationError(tandemPoints), expectedCalibrationError(ftPoints),
                         std::nullopt,
                         QStringLiteral("top-1 confidence; fastText = its softmax probability; "
                                        "BM25 has no probability")});
}

void evalClinc150(const QString &datasetsDir, EvalOutcome &outcome)
{
    const QString name = QStringLiteral("clinc150");
    QList<IntentExample> training;
    for (const QString &key :
         {QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("oos_train")}) {
        auto set = readClinc150(datasetsDir, key);
        if (!set) {
            reportDatasetError(outcome, name, set.error().code, set.error().message);
            return;
        }
        training += set->items;
    }
    auto inScope = readClinc150(datasetsDir, QStringLiteral("test_dev"));
    auto outOfScope = readClinc150(datasetsDir, QStringLiteral("oos_test_dev"));
    if (!inScope || !outOfScope) {
        const Error &e = !inScope ? inScope.error() : outOfScope.error();
        reportDatasetError(outcome, name, e.code, e.message);
        return;
    }
    const QString oos = QStringLiteral("oos");
    SuggesterOptions options;
    options.outOfScopeIntent = oos;
    // CLINC150's own scoring: a wrong in-scope answer is wrong whether or not the bot abstains,
    // so abstaining only pays on out-of-scope queries (fixed before measuring, not tuned).
    options.objective.abstainOnWrongGain = 0;
    double seconds = 0;
    auto trained = train(sourcesOf(training), options, &seconds);
    if (!trained) {
        reportDatasetError(outcome, name, QStringLiteral("training"), trained.error().message);
        return;
    }
    const SuggestionModel &model = **trained;

    // fastText alone and BM25 alone say "out of scope" when their best intent is "oos".
    qsizetype tandemIn = 0, ftIn = 0, bmIn = 0;
    for (const IntentExample &item : std::as_const(inScope->items)) {
        const SuggestionResult r = model.suggest(item.text, {}, 1);
        tandemIn += !r.outOfScope && r.suggestions.first().intent == item.intent;
        const QList<IntentPrediction> ft = model.classify(item.text, 1);
        ftIn += !ft.isEmpty() && ft[0].intent == item.intent;
        const QStringList bm = retrievedIntents(model, item.text, 1);
        bmIn += !bm.isEmpty() && bm[0] == item.intent;
    }
    qsizetype tandemOut = 0, ftOut = 0, bmOut = 0;
    for (const IntentExample &item : std::as_const(outOfScope->items)) {
        tandemOut += model.suggest(item.text, {}, 1).outOfScope;
        const QList<IntentPrediction> ft = model.classify(item.text, 1);
        ftOut += ft.isEmpty() || ft[0].intent == oos;
        const QStringList bm = retrievedIntents(model, item.text, 1);
        bmOut += bm.isEmpty() || bm[0] == oos;
    }
    outcome.textsEvaluated += inScope->items.size() + outOfScope->items.size();
    const SuggesterReport &report = model.report();
    const QString note =
        QStringLiteral("train+val+oos_train %1 → test_dev %2 + oos_test_dev %3; trained in %4 s; "
                       "threshold %5 chosen on held-out folds (their OOS recall %6%)")
            .arg(training.size())
            .arg(inScope->items.size())
            .arg(outOfScope->items.size())
            .arg(seconds, 0, 'f', 1)
            .arg(model.threshold(), 0, 'f', 3)
            .arg(100 * report.threshold.outOfScopeRecall, 0, 'f', 1);
    outcome.rows.append(
        {name, QStringLiteral("in-scope accuracy (%)"), percent(tandemIn, inScope->items.size()),
         percent(ftIn, inScope->items.size()), percent(bmIn, inScope->items.size()), note});
    outcome.rows.append({name, QStringLiteral("out-of-scope recall (%)"),
                         percent(tandemOut, outOfScope->items.size()),
                         percent(ftOut, outOfScope->items.size()),
                         percent(bmOut, outOfScope->items.size()),
                         QStringLiteral("baselines: out of scope when their best intent is oos")});
}

} // namespace

EvalOutcome evalIntent(const QString &datasetsDir)
{
    EvalOutcome outcome;
    evalBanking77(datasetsDir, outcome);
    evalClinc150(datasetsDir, outcome);
    return outcome;
}

} // namespace tandem::eval
