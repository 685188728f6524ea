#include "pairdatasets.h"
#include "similarity.h"
#include "suggestionevals.h"

#include <QElapsedTimer>

#include <cmath>
#include <optional>

namespace tandem::eval {

namespace {

// How much each earlier turn counts relative to the one after it, chosen on valid.txt (77
// contexts, never measured on): 1 = the whole conversation alike.
constexpr double kTurnDecays[] = {0.25, 0.5, 1.0};

/// Where the true reply landed among its context's candidates. Ties are broken at random, so
/// the figures are their expectations (a constant scorer gets 1/10, not 1 because the true
/// reply happens to come first in the file).
struct Ranking
{
    double recallAt1 = 0;
    double recallAt2 = 0;
    double reciprocalRank = 0;
};

Ranking rankTrue(const QList<double> &scores, int trueCandidate)
{
    const double truth = scores[trueCandidate];
    int better = 0;
    int tied = 0; // including the true reply
    for (const double s : scores) {
        better += s > truth;
        tied += s == truth;
    }
    Ranking r;
    for (int rank = better + 1; rank <= better + tied; ++rank) {
        r.reciprocalRank += 1.0 / rank / tied;
        r.recallAt1 += rank <= 1 ? 1.0 / tied : 0;
        r.recallAt2 += rank <= 2 ? 1.0 / tied : 0;
    }
    return r;
}

struct Method
{
    Ranking mean;
    double seconds = 0;
};

struct Scoring
{
    Tokenizer tokenizer;
    bool lastTurnOnly = false;
    /// Divide by the candidate's BM25 against itself (the share of the reply the context
    /// covers, as in the matching family) rather than rank by raw BM25, which favours long
    /// replies.
    bool normalise = false;
    double decay = 1;
};

/// Ranks every context's candidates by the weighted BM25 of its turns against them. The index
/// holds every candidate of the file (IDF from all replies); a context only ranks its own.
std::optional<Method> measure(const ReplySet &set, const Scoring &scoring, QString *error)
{
    const Tokenizer &tokenizer = scoring.tokenizer;
    QElapsedTimer timer;
    timer.start();
    QList<QStringList> documents;
    QList<int> firstDocument;
    for (const ReplyContext &context : set.contexts) {
        firstDocument.append(int(documents.size()));
        for (const QString &candidate : context.candidates)
            documents.append(tokenizer(candidate));
    }
    auto index = QuestionIndex::build(documents);
    if (!index) {
        *error = index.error().message;
        return std::nullopt;
    }
    QList<double> self(documents.size(), 1.0);
    if (scoring.normalise) {
        for (qsizetype d = 0; d < documents.size(); ++d) {
            for (const QuestionHit &hit : (*index)->search(documents[d], int(documents.size()))) {
                if (hit.document == d)
                    self[d] = hit.score;
            }
        }
    }
    Method m;
    for (qsizetype c = 0; c < set.contexts.size(); ++c) {
        const ReplyContext &context = set.contexts[c];
        QList<double> scores(context.candidates.size(), 0.0);
        double weight = 1;
        for (qsizetype t = context.turns.size() - 1; t >= 0; --t) {
            const QList<QuestionHit> hits =
                (*index)->search(tokenizer(context.turns[t]), int(documents.size()));
            for (const QuestionHit &hit : hits) {
                const int candidate = hit.document - firstDocument[c];
                if (candidate >= 0 && candidate < scores.size())
                    scores[candidate] += weight * hit.score / self[hit.document];
            }
            if (scoring.lastTurnOnly)
                break;
            weight *= scoring.decay;
        }
        const Ranking r = rankTrue(scores, context.trueCandidate);
        m.mean.recallAt1 += r.recallAt1;
        m.mean.recallAt2 += r.recallAt2;
        m.mean.reciprocalRank += r.reciprocalRank;
    }
    const double n = double(std::max<qsizetype>(set.contexts.size(), 1));
    m.mean.recallAt1 /= n;
    m.mean.recallAt2 /= n;
    m.mean.reciprocalRank /= n;
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    return m;
}

} // namespace

EvalOutcome evalReplies(const QString &datasetsDir)
{
    EvalOutcome outcome;
    const Result<ReplySet> set = readEcd(datasetsDir, QStringLiteral("test_dev.txt"));
    if (!set) {
        reportDatasetError(outcome, QStringLiteral("ecd_sample/test_dev"), set.error().code,
                           set.error().message);
        return outcome;
    }
    QString error;
    // The turn weighting is chosen on valid.txt (1 true + 1 other reply per context).
    double decay = 1;
    const Result<ReplySet> valid = readEcd(datasetsDir, QStringLiteral("valid.txt"));
    if (!valid) {
        reportDatasetError(outcome, QStringLiteral("ecd_sample/valid"), valid.error().code,
                           valid.error().message);
        return outcome;
    }
    double bestValid = -1;
    for (const double candidate : kTurnDecays) {
        const std::optional<Method> m =
            measure(*valid, {&engineTokens, false, true, candidate}, &error);
        if (m && m->mean.reciprocalRank > bestValid) {
            bestValid = m->mean.reciprocalRank;
            decay = candidate;
        }
    }
    const std::optional<Method> engine =
        error.isEmpty() ? measure(*set, {&engineTokens, false, true, decay}, &error) : std::nullopt;
    const std::optional<Method> lastTurn =
        error.isEmpty() ? measure(*set, {&wordTokens, true, false, 1}, &error) : std::nullopt;
    if (!engine || !lastTurn) {
        reportDatasetError(outcome, set->name, QStringLiteral("index"), error);
        return outcome;
    }
    qsizetype candidates = 0;
    for (const ReplyContext &context : set->contexts)
        candidates += context.candidates.size();
    const qsizetype n = set->contexts.size();
    const QString how =
        QStringLiteral("n=%1 contexts × 10; tandem: BM25 of every turn against each candidate "
                       "÷ the candidate's BM25 against itself, words + Han bigrams, each earlier "
                       "turn weighted ×%2 (chosen on valid.txt, MRR %3%); bm25: raw BM25 of the "
                       "last turn, words only; ties count as random; fastText has no reply "
                       "classes to learn")
            .arg(n)
            .arg(decay)
            .arg(100 * bestValid, 0, 'f', 1);
    // With ~50 contexts a 95% interval is about ±14 points at R10@1.
    outcome.rows.append({set->name, QStringLiteral("recall@1 of 10 (%)"),
                         100 * engine->mean.recallAt1, std::nullopt, 100 * lastTurn->mean.recallAt1,
                         QStringLiteral("%1; chance 10%; R10@2 tandem %2%, bm25 %3%; ±14 points "
                                        "(95%) at this n")
                             .arg(how)
                             .arg(100 * engine->mean.recallAt2, 0, 'f', 1)
                             .arg(100 * lastTurn->mean.recallAt2, 0, 'f', 1)});
    outcome.rows.append({set->name, QStringLiteral("MRR (%)"), 100 * engine->mean.reciprocalRank,
                         std::nullopt, 100 * lastTurn->mean.reciprocalRank,
                         QStringLiteral("chance 29.3%; %1 s and %2 s")
                             .arg(engine->seconds, 0, 'f', 2)
                             .arg(lastTurn->seconds, 0, 'f', 2)});
    outcome.textsEvaluated += candidates;
    return outcome;
}

} // namespace tandem::eval
