#include "suggestiontraining.h"

#include "paralleljobs.h"
#include "stablehash.h"

#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <vector>

#include <time.h>

namespace tandem {

using detail::Catalogue;
using detail::FoldResult;
using detail::lcSuggest;
using detail::Retriever;
using detail::runJobs;
using detail::stableHash;

namespace {

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

/// What one model set (a fold's or the final one) learns from: the training questions.
struct RetrieverJob
{
    QList<int> members; // indices into the sources
    Retriever retriever;
    // The two training jobs of a set run at once, so each has its own error.
    Error fastTextError;
    Error indexError;
    std::atomic<bool> failed{false};

    const Error &error() const { return fastTextError.code.isEmpty() ? indexError : fastTextError; }
};

/// The fastText half of a model set (the longest single piece of training).
void trainFastText(const QList<SuggestionSource> &sources, RetrieverJob &job,
                   const IntentOptions &options)
{
    QList<TrainingExample> examples;
    examples.reserve(job.members.size());
    for (const int i : job.members)
        examples.append({sources[i].text, sources[i].intent});
    const double start = threadCpuSeconds();
    auto model = IntentModel::train(examples, options);
    if (!model) {
        job.fastTextError = model.error();
        job.failed = true;
        return;
    }
    job.retriever.intents = *model;
    qCDebug(lcSuggest).nospace() << "fastText on " << job.members.size() << " questions in "
                                 << threadCpuSeconds() - start << " s (thread CPU)";
}

/// The rest of a model set: the BM25 index and the linear model.
void trainIndexAndLinear(const QList<SuggestionSource> &sources,
                         const QList<AnalyzedText> &analyzed, const QList<QStringList> &tokens,
                         const Catalogue &catalogue, RetrieverJob &job,
                         const LinearOptions &linearOptions)
{
    QList<TrainingExample> examples;
    QList<AnalyzedText> texts;
    QList<QStringList> documents;
    Retriever &r = job.retriever;
    examples.reserve(job.members.size());
    texts.reserve(job.members.size());
    documents.reserve(job.members.size());
    for (const int i : std::as_const(job.members)) {
        examples.append({sources[i].text, sources[i].intent});
        texts.append(analyzed[i]);
        documents.append(tokens[i]);
        r.documentArticle.append(catalogue.articleIndex.value(sources[i].articleId));
        r.documentSource.append(i);
    }
    const double start = threadCpuSeconds();
    auto index = QuestionIndex::build(documents);
    if (!index) {
        job.indexError = index.error();
        job.failed = true;
        return;
    }
    r.index = *index;
    const double indexDone = threadCpuSeconds();
    auto linear = LinearTextModel::train(examples, texts, linearOptions);
    if (!linear) {
        job.indexError = linear.error();
        job.failed = true;
        return;
    }
    r.linear = *linear;
    qCDebug(lcSuggest).nospace() << "BM25 index on " << job.members.size() << " questions in "
                                 << indexDone - start << " s, linear model in "
                                 << threadCpuSeconds() - indexDone << " s (thread CPU)";
}

} // namespace

Status SuggestionTraining::prepare()
{
    if (sources.isEmpty())
        return Status::failure(QStringLiteral("suggest.no-examples"),
                               QStringLiteral("The knowledge base has no example questions"));
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const SuggestionSource &s = sources[i];
        if (s.articleId.isEmpty() || s.intent.isEmpty())
            return Status::failure(
                QStringLiteral("suggest.bad-source"),
                QStringLiteral("Example question %1 has no article or intent").arg(i));
        if (!catalogue.articleIndex.contains(s.articleId)) {
            const int index = int(catalogue.articleIds.size());
            catalogue.articleIndex.insert(s.articleId, index);
            catalogue.articleIds.append(s.articleId);
            catalogue.articleVersion.append(s.articleVersion);
            catalogue.articleIntent.append(s.intent);
            catalogue.articlesOfIntent[s.intent].append(index);
        }
    }
    if (catalogue.articlesOfIntent.size() < 2)
        return Status::failure(QStringLiteral("suggest.too-few-intents"),
                               QStringLiteral("Suggestions need at least two intents; got %1")
                                   .arg(catalogue.articlesOfIntent.size()));
    analyzed.reserve(sources.size());
    tokens.reserve(sources.size());
    for (const SuggestionSource &s : sources) {
        analyzed.append(TextAnalyzer::instance().analyze(s.text));
        tokens.append(detail::retrievalTokens(analyzed.constLast()));
    }
    return {};
}

QList<FoldResult> SuggestionTraining::runFolds(Result<Retriever> *final) const
{
    const int folds = std::max(options.folds, 2);
    // Intents held out entirely, a different slice per fold; the out-of-scope class never is.
    QStringList intents = catalogue.articlesOfIntent.keys();
    intents.removeAll(options.outOfScopeIntent);
    std::sort(intents.begin(), intents.end(), [](const QString &a, const QString &b) {
        const quint32 ha = stableHash(a), hb = stableHash(b);
        return ha != hb ? ha < hb : a < b;
    });
    // At least one intent per fold when asked for any, so a small knowledge base still learns
    // what a question it cannot answer looks like.
    const int wanted = std::max(options.heldOutIntentShare > 0 ? 1 : 0,
                                int(std::floor(options.heldOutIntentShare * intents.size())));
    const int perFold = std::min(wanted, int(intents.size()) / folds);

    // Model set 0 learns every question (the final model); set f + 1 learns what fold f does not
    // hold out. Questions are spread over folds by a hash of their text, so a fold is a fair
    // sample of every intent.
    std::vector<RetrieverJob> sets(std::size_t(folds) + 1);
    QList<FoldResult> results(folds);
    for (int fold = 0; fold < folds; ++fold) {
        const QStringList held = perFold > 0 ? intents.mid(fold * perFold, perFold) : QStringList();
        const QSet<QString> heldOut(held.begin(), held.end());
        for (qsizetype i = 0; i < sources.size(); ++i) {
            const SuggestionSource &s = sources[i];
            const bool inFold = int(stableHash(s.text) % quint32(folds)) == fold;
            if (inFold)
                results[fold].questions.append({int(i), heldOut.contains(s.intent)});
            else if (!heldOut.contains(s.intent))
                sets[std::size_t(fold) + 1].members.append(int(i));
        }
    }
    sets[0].members.resize(sources.size());
    std::iota(sets[0].members.begin(), sets[0].members.end(), 0);

    // Phase 1: every model of every set, as separate jobs so two threads stay evenly busy (the
    // final set's, the largest, first).
    const int threads = std::max(options.trainingThreads, 1);
    runJobs(2 * int(sets.size()), threads, [&](int job) {
        RetrieverJob &set = sets[std::size_t(job / 2)];
        if (job % 2 == 0)
            trainFastText(sources, set, intent);
        else
            trainIndexAndLinear(sources, analyzed, tokens, catalogue, set, linear);
    });
    for (const RetrieverJob &set : sets) {
        if (set.failed) {
            *final = set.error();
            for (FoldResult &r : results) {
                r.failed = true;
                r.error = set.error();
            }
            return results;
        }
    }
    *final = std::move(sets[0].retriever);

    // Phase 2: the candidates of every held-out question, in chunks.
    constexpr int kChunks = 4; // per fold
    for (FoldResult &r : results)
        r.candidates.resize(r.questions.size());
    // A fold's models are let go as soon as its last chunk is done (they are large).
    std::vector<std::atomic<int>> chunksLeft(static_cast<std::size_t>(folds));
    for (std::atomic<int> &left : chunksLeft)
        left = kChunks;
    runJobs(folds * kChunks, threads, [&](int job) {
        const int fold = job / kChunks;
        const int chunk = job % kChunks;
        FoldResult &r = results[fold];
        const Retriever &retriever = sets[std::size_t(fold) + 1].retriever;
        const qsizetype n = r.questions.size();
        const double start = threadCpuSeconds();
        for (qsizetype q = n * chunk / kChunks; q < n * (chunk + 1) / kChunks; ++q) {
            const int source = r.questions[q].source;
            r.candidates[q] = retriever.candidates(catalogue, analyzed[source], tokens[source],
                                                   options.retrievalDepth, options.candidateIntents,
                                                   options.outOfScopeIntent);
        }
        qCDebug(lcSuggest).nospace() << "fold " << fold << " chunk " << chunk << ": candidates in "
                                     << threadCpuSeconds() - start << " s (thread CPU)";
        if (--chunksLeft[std::size_t(fold)] == 0)
            sets[std::size_t(fold) + 1].retriever = Retriever{};
    });
    return results;
}

} // namespace tandem
