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

/// The "fastText alone" baseline: a fastText classifier trained on its own with the engine's
/// fastText settings at their full epoch count (the engine trains fewer epochs on large knowledge
/// bases because its linear model carries the fusion; a baseline gets no such discount).
Result<std::shared_ptr<const IntentModel>> trainFastTextAlone(const QList<IntentExample> &items)
{
    QList<TrainingExample> examples;
    examples.reserve(items.size());
    for (const IntentExample &item : items)
        examples.append({item.text, item.intent});
    return IntentModel::train(examples, SuggesterOptions{}.intent);
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
    auto fastText = trainFastTextAlone(trainSet->items);
    if (!fastText) {
        reportDatasetError(outcome, name, QStringLiteral("training"), fastText.error().message);
        return;
    }

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

        const QList<IntentPrediction> ft = (*fastText)->predict(item.text, 3);
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
    QHash<QString, IntentSet> sets;
    for (const QString &key :
         {QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("oos_train"),
          QStringLiteral("oos_val"), QStringLiteral("test_dev"), QStringLiteral("oos_test_dev")}) {
        auto set = readClinc150(datasetsDir, key);
        if (!set) {
            reportDatasetError(outcome, name, set.error().code, set.error().message);
            return;
        }
        sets.insert(key, *set);
    }
    const QList<IntentExample> &val = sets[QStringLiteral("val")].items;
    const QList<IntentExample> &oosVal = sets[QStringLiteral("oos_val")].items;
    const IntentSet *inScope = &sets[QStringLiteral("test_dev")];
    const IntentSet *outOfScope = &sets[QStringLiteral("oos_test_dev")];
    const QString oos = QStringLiteral("oos");
    SuggesterOptions options;
    options.outOfScopeIntent = oos;
    // CLINC150's own scoring: a wrong in-scope answer is wrong whether or not the bot abstains,
    // so abstaining only pays on out-of-scope queries (fixed before measuring, not tuned).
    options.objective.abstainOnWrongGain = 0;

    // The threshold is chosen on val, as the dataset intends: a model trained on train +
    // oos_train answers val and oos_val, and the threshold that scores best there is kept.
    double selectionSeconds = 0;
    auto selection = train(
        sourcesOf(sets[QStringLiteral("train")].items + sets[QStringLiteral("oos_train")].items),
        options, &selectionSeconds);
    if (!selection) {
        reportDatasetError(outcome, name, QStringLiteral("training"), selection.error().message);
        return;
    }
    QList<ThresholdPoint> valPoints;
    for (const IntentExample &item : val) {
        const SuggestionResult r = (*selection)->suggest(item.text, {}, 1);
        const bool right = !r.suggestions.isEmpty() && r.suggestions.first().intent == item.intent;
        valPoints.append({r.suggestions.isEmpty() ? 0.0 : r.suggestions.first().confidence,
                          right ? HeldOutOutcome::Correct : HeldOutOutcome::Wrong});
    }
    for (const IntentExample &item : oosVal) {
        const SuggestionResult r = (*selection)->suggest(item.text, {}, 1);
        valPoints.append({r.suggestions.isEmpty() ? 0.0 : r.suggestions.first().confidence,
                          HeldOutOutcome::OutOfScope});
    }
    const ThresholdChoice onVal = chooseThreshold(valPoints, options.objective);
    options.fixedThreshold = onVal.threshold;
    qsizetype valRight = 0;
    for (const ThresholdPoint &point : std::as_const(valPoints))
        valRight += point.outcome == HeldOutOutcome::Correct && point.confidence >= onVal.threshold;

    const QList<IntentExample> training =
        sets[QStringLiteral("train")].items + val + sets[QStringLiteral("oos_train")].items;
    double seconds = 0;
    auto trained = train(sourcesOf(training), options, &seconds);
    if (!trained) {
        reportDatasetError(outcome, name, QStringLiteral("training"), trained.error().message);
        return;
    }
    const SuggestionModel &model = **trained;
    auto fastText = trainFastTextAlone(training);
    if (!fastText) {
        reportDatasetError(outcome, name, QStringLiteral("training"), fastText.error().message);
        return;
    }

    // fastText alone and BM25 alone say "out of scope" when their best intent is "oos".
    qsizetype tandemIn = 0, ftIn = 0, bmIn = 0;
    for (const IntentExample &item : std::as_const(inScope->items)) {
        const SuggestionResult r = model.suggest(item.text, {}, 1);
        tandemIn += !r.outOfScope && r.suggestions.first().intent == item.intent;
        const QList<IntentPrediction> ft = (*fastText)->predict(item.text, 1);
        ftIn += !ft.isEmpty() && ft[0].intent == item.intent;
        const QStringList bm = retrievedIntents(model, item.text, 1);
        bmIn += !bm.isEmpty() && bm[0] == item.intent;
    }
    qsizetype tandemOut = 0, ftOut = 0, bmOut = 0;
    for (const IntentExample &item : std::as_const(outOfScope->items)) {
        tandemOut += model.suggest(item.text, {}, 1).outOfScope;
        const QList<IntentPrediction> ft = (*fastText)->predict(item.text, 1);
        ftOut += ft.isEmpty() || ft[0].intent == oos;
        const QStringList bm = retrievedIntents(model, item.text, 1);
        bmOut += bm.isEmpty() || bm[0] == oos;
    }
    outcome.textsEvaluated += inScope->items.size() + outOfScope->items.size();
    const QString note =
        QStringLiteral("train+val+oos_train %1 → test_dev %2 + oos_test_dev %3; trained in %4 s; "
                       "threshold %5 chosen on val + oos_val (%6 + %7) by a model of train + "
                       "oos_train (trained in %8 s): there in-scope %9%, OOS recall %10%")
            .arg(training.size())
            .arg(inScope->items.size())
            .arg(outOfScope->items.size())
            .arg(seconds, 0, 'f', 1)
            .arg(model.threshold(), 0, 'f', 3)
            .arg(val.size())
            .arg(oosVal.size())
            .arg(selectionSeconds, 0, 'f', 1)
            .arg(percent(valRight, val.size()), 0, 'f', 1)
            .arg(100 * onVal.outOfScopeRecall, 0, 'f', 1);
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
