#include "metrics.h"
#include "pairdatasets.h"
#include "similarity.h"
#include "suggestionevals.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

namespace tandem::eval {

namespace {

// ATEC pairs used to choose the threshold: every 8th (2,456 of 19,648). A threshold is one
// number; more pairs would hardly move it, but every sentence costs a BM25 search against all
// the others.
constexpr int kAtecStride = 8;

enum class Objective
{
    Accuracy,
    F1
};

struct Threshold
{
    double value = 0;
    double objective = 0; // accuracy or F1 on the pairs it was chosen on
};

QList<double> similarities(const QList<SentencePair> &pairs, const Tokenizer &tokenizer,
                           QString *error)
{
    QStringList sentences;
    for (const SentencePair &pair : pairs)
        sentences << pair.first << pair.second;
    PairSimilarity similarity(sentences, tokenizer);
    QList<double> scores;
    if (!similarity.isValid()) {
        *error = similarity.error();
        return scores;
    }
    scores.reserve(pairs.size());
    for (const SentencePair &pair : pairs)
        scores.append(similarity.similarity(pair.first, pair.second));
    return scores;
}

/// The threshold with the best accuracy or F1 of "same" ("same" when similarity >= threshold);
/// ties go to the lower threshold.
Threshold chooseThreshold(const QList<SentencePair> &pairs, const QList<double> &scores,
                          Objective objective)
{
    QList<qsizetype> order(pairs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](qsizetype a, qsizetype b) { return scores[a] < scores[b]; });
    // Threshold below everything: all "same".
    qsizetype tp = 0, fp = 0, fn = 0, tn = 0;
    for (const SentencePair &pair : pairs)
        (pair.same ? tp : fp) += 1;
    auto value = [&] {
        if (objective == Objective::Accuracy)
            return pairs.isEmpty() ? 0.0 : double(tp + tn) / double(pairs.size());
        return tp == 0 ? 0.0 : 2.0 * double(tp) / double(2 * tp + fp + fn);
    };
    Threshold best{-std::numeric_limits<double>::infinity(), value()};
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (pairs[order[i]].same) { // now predicted "not same"
            --tp;
            ++fn;
        } else {
            --fp;
            ++tn;
        }
        if (i + 1 < order.size() && scores[order[i + 1]] == scores[order[i]])
            continue;
        if (value() > best.objective) {
            best.objective = value();
            best.value = i + 1 < order.size() ? (scores[order[i]] + scores[order[i + 1]]) / 2
                                              : std::nextafter(scores[order[i]], 2.0);
        }
    }
    return best;
}

ConfusionMatrix decide(const QList<SentencePair> &pairs, const QList<double> &scores,
                       double threshold)
{
    ConfusionMatrix matrix(2);
    for (qsizetype i = 0; i < pairs.size(); ++i)
        matrix.add(pairs[i].same ? 1 : 0, scores[i] >= threshold ? 1 : 0);
    return matrix;
}

struct Method
{
    Threshold threshold;   // best accuracy on ATEC: the headline
    Threshold f1Threshold; // best F1 on ATEC
    ConfusionMatrix afqmc{2};
    ConfusionMatrix afqmcAtF1{2};
    double seconds = 0;
};

std::optional<Method> measure(const PairSet &atec, const PairSet &afqmc, const Tokenizer &tokenizer,
                              EvalOutcome &outcome)
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    const QList<double> atecScores = similarities(atec.pairs, tokenizer, &error);
    const QList<double> afqmcScores =
        error.isEmpty() ? similarities(afqmc.pairs, tokenizer, &error) : QList<double>();
    if (!error.isEmpty()) {
        reportDatasetError(outcome, afqmc.name, QStringLiteral("index"), error);
        return std::nullopt;
    }
    Method m;
    m.threshold = chooseThreshold(atec.pairs, atecScores, Objective::Accuracy);
    m.f1Threshold = chooseThreshold(atec.pairs, atecScores, Objective::F1);
    m.afqmc = decide(afqmc.pairs, afqmcScores, m.threshold.value);
    m.afqmcAtF1 = decide(afqmc.pairs, afqmcScores, m.f1Threshold.value);
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    return m;
}

} // namespace

EvalOutcome evalMatching(const QString &datasetsDir)
{
    EvalOutcome outcome;
    const Result<PairSet> atecFile = readAtec(datasetsDir);
    const Result<PairSet> afqmc = readAfqmc(datasetsDir);
    if (!atecFile)
        reportDatasetError(outcome, QStringLiteral("atec/dev"), atecFile.error().code,
                           atecFile.error().message);
    if (!afqmc)
        reportDatasetError(outcome, QStringLiteral("afqmc/dev"), afqmc.error().code,
                           afqmc.error().message);
    if (!atecFile || !afqmc)
        return outcome;

    PairSet atec{atecFile->name, atecFile->path, {}};
    for (qsizetype i = 0; i < atecFile->pairs.size(); i += kAtecStride)
        atec.pairs.append(atecFile->pairs[i]);

    const std::optional<Method> engine = measure(atec, *afqmc, &engineTokens, outcome);
    const std::optional<Method> words = measure(atec, *afqmc, &wordTokens, outcome);
    if (!engine || !words)
        return outcome;

    const qsizetype n = afqmc->pairs.size();
    const qsizetype same = engine->afqmc.goldCount(1);
    const QString how =
        QStringLiteral("similarity = BM25(a→b)/BM25(a→a), symmetrised, over an FTS5 index of the "
                       "set's own sentences (0 past the top 100 hits); tandem: words + Han "
                       "bigrams, bm25: words only; fastText has no pair similarity");
    auto thresholds = [&] {
        return QStringLiteral("thresholds from %1 (every %2th pair, n=%3): tandem %4, bm25 %5")
            .arg(atec.name)
            .arg(kAtecStride)
            .arg(atec.pairs.size())
            .arg(engine->threshold.value, 0, 'f', 3)
            .arg(words->threshold.value, 0, 'f', 3);
    };
    outcome.rows.append({afqmc->name, QStringLiteral("accuracy (%)"),
                         100 * engine->afqmc.accuracy(), std::nullopt,
                         100 * words->afqmc.accuracy(),
                         QStringLiteral("n=%1 (same %2); always \"not same\" scores %3%; %4")
                             .arg(n)
                             .arg(same)
                             .arg(100.0 * double(n - same) / double(n), 0, 'f', 1)
                             .arg(thresholds())});
    outcome.rows.append({afqmc->name, QStringLiteral("F1 same (%)"), 100 * engine->afqmc.f1(1),
                         std::nullopt, 100 * words->afqmc.f1(1),
                         QStringLiteral("tandem P %1% R %2%, bm25 P %3% R %4%; %5")
                             .arg(100 * engine->afqmc.precision(1), 0, 'f', 1)
                             .arg(100 * engine->afqmc.recall(1), 0, 'f', 1)
                             .arg(100 * words->afqmc.precision(1), 0, 'f', 1)
                             .arg(100 * words->afqmc.recall(1), 0, 'f', 1)
                             .arg(how)});
    outcome.rows.append(
        {afqmc->name, QStringLiteral("F1 same, F1-optimal ATEC threshold (%)"),
         100 * engine->afqmcAtF1.f1(1), std::nullopt, 100 * words->afqmcAtF1.f1(1),
         QStringLiteral("second reading: threshold maximising F1 on ATEC (tandem %1, bm25 %2); "
                        "accuracy then tandem %3%, bm25 %4%")
             .arg(engine->f1Threshold.value, 0, 'f', 3)
             .arg(words->f1Threshold.value, 0, 'f', 3)
             .arg(100 * engine->afqmcAtF1.accuracy(), 0, 'f', 1)
             .arg(100 * words->afqmcAtF1.accuracy(), 0, 'f', 1)});
    outcome.rows.append(
        {atec.name, QStringLiteral("accuracy at chosen threshold (%)"),
         100 * engine->threshold.objective, std::nullopt, 100 * words->threshold.objective,
         QStringLiteral("the pairs the threshold was fitted on (not a test); %1 s and %2 s for "
                        "both sets")
             .arg(engine->seconds, 0, 'f', 1)
             .arg(words->seconds, 0, 'f', 1)});
    outcome.textsEvaluated += 2 * (n + atec.pairs.size()) * 2;
    return outcome;
}

} // namespace tandem::eval
