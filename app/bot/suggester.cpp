#include "suggester.h"

#include "suggestionfeatures.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

#include <time.h>
#include <vector>

namespace tandem {

using detail::Candidate;
using detail::Catalogue;
using detail::Retriever;

namespace {

Q_LOGGING_CATEGORY(lcSuggest, "tandem.bot.suggest", QtInfoMsg)

/// How much surer reading a message together with the previous one must be before the
/// suggestions follow that reading (a follow-up question rather than a new one).
/// Held-out questions an intent needs before it gets a threshold of its own.
constexpr int kMinIntentThresholdPoints = 12;

constexpr double kFollowUpMargin = 0.1;

quint32 stableHash(const QString &text)
{
    // FNV-1a over UTF-16: the same folds on every run and machine (qHash is seeded).
    quint32 h = 2166136261u;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

/// A question held out of one fold's training, and what it should have matched.
struct HeldOut
{
    int source = -1;
    bool outOfScope = false; // its intent was held out entirely
};

struct FoldResult
{
    QList<QList<Candidate>> candidates; // per held-out question
    QList<HeldOut> questions;
    Error error;
    bool failed = false;
};

/// What one model set (a fold's or the final one) learns from: the training questions.
struct RetrieverJob
{
    QList<int> members; // indices into the sources
    Retriever retriever;
    Error error;
    std::atomic<bool> failed{false};
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
        job.error = model.error();
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
        job.error = index.error();
        job.failed = true;
        return;
    }
    r.index = *index;
    const double indexDone = threadCpuSeconds();
    auto linear = LinearTextModel::train(examples, texts, linearOptions);
    if (!linear) {
        job.error = linear.error();
        job.failed = true;
        return;
    }
    r.linear = *linear;
    qCDebug(lcSuggest).nospace() << "BM25 index on " << job.members.size() << " questions in "
                                 << indexDone - start << " s, linear model in "
                                 << threadCpuSeconds() - indexDone << " s (thread CPU)";
}

/// Runs job(0) … job(count − 1) on up to `threads` threads, in that order of starting.
template <typename Job>
void runJobs(int count, int threads, Job job)
{
    std::atomic<int> next{0};
    auto worker = [&] {
        for (int j = next++; j < count; j = next++)
            job(j);
    };
    std::vector<std::jthread> pool;
    for (int t = 1; t < std::clamp(threads, 1, std::max(count, 1)); ++t)
        pool.emplace_back(worker);
    worker();
}

bool isExcluded(const Catalogue &catalogue, const Candidate &c, const QString &outOfScopeIntent)
{
    return !outOfScopeIntent.isEmpty() && catalogue.articleIntent[c.article] == outOfScopeIntent;
}

} // namespace

QList<SuggestionSource> suggestionSources(const QList<KbArticle> &articles)
{
    QList<SuggestionSource> sources;
    for (const KbArticle &article : articles) {
        if (!article.enabled)
            continue;
        for (auto it = article.content.cbegin(); it != article.content.cend(); ++it) {
            auto add = [&](const QString &text) {
                if (!text.trimmed().isEmpty())
                    sources.append({article.id, article.version, article.intent, text, it.key()});
            };
            add(it->title);
            for (const QString &question : it->questions)
                add(question);
        }
    }
    return sources;
}

struct SuggestionModel::Private
{
    SuggesterOptions options;
    QList<SuggestionSource> sources;
    Catalogue catalogue;
    Retriever retriever;
    LogisticRegression fusion;
    PlattScaling platt;
    double threshold = 0.5;
    QHash<QString, double> intentThresholds; // stricter than `threshold`, from the folds
    QString version;

    double thresholdFor(const QString &intent) const
    {
        return intentThresholds.value(intent, threshold);
    }
    SuggesterReport report;

    SuggestionResult run(const QString &text, int k) const;
};

SuggestionModel::SuggestionModel()
    : d(std::make_unique<Private>())
{}

SuggestionModel::~SuggestionModel() = default;

/// Everything train() needs between its steps.
struct SuggestionTraining
{
    const QList<SuggestionSource> &sources;
    const SuggesterOptions &options;
    IntentOptions intent; // options.intent, with the epochs for this knowledge base's size
    LinearOptions linear; // options.linear, one thread (the folds already run in parallel)
    Catalogue catalogue;
    QList<AnalyzedText> analyzed; // per source, analysed once for every fold
    QList<QStringList> tokens;

    Status prepare();
    /// The held-out folds and, in the same pool of threads, the final model of every question
    /// (it does not depend on the folds, so it need not wait for them).
    QList<FoldResult> runFolds(Result<Retriever> *final) const;
};

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
            *final = set.error;
            for (FoldResult &r : results) {
                r.failed = true;
                r.error = set.error;
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

Result<std::shared_ptr<const SuggestionModel>>
SuggestionModel::train(const QList<SuggestionSource> &sources, const SuggesterOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    // Large knowledge bases train with fewer epochs (fastText makes epochs × questions updates;
    // a large one gets enough of them sooner), small ones with the full count. The folds and the
    // final model always use the same options, so the calibration fits the final model.
    IntentOptions intentOptions = options.intent;
    if (options.largeKnowledgeBase > 0 && sources.size() >= options.largeKnowledgeBase)
        intentOptions.epochs = options.largeKnowledgeBaseEpochs;
    LinearOptions linearOptions = options.linear;
    linearOptions.threads = 1;
    SuggestionTraining training{sources, options, intentOptions, linearOptions, {}, {}, {}};
    if (Status s = training.prepare(); !s)
        return s.error();
    const Catalogue &catalogue = training.catalogue;

    // 1. Held-out folds: features of every candidate for questions the fold did not learn.
    Result<Retriever> final = Error{};
    const QList<FoldResult> folds = training.runFolds(&final);
    if (!final)
        return final.error();
    const double foldSeconds = double(timer.nsecsElapsed()) / 1e9;
    QList<QList<double>> rows;
    QList<bool> labels;
    for (const FoldResult &fold : folds) {
        if (fold.failed)
            return fold.error;
        for (qsizetype q = 0; q < fold.questions.size(); ++q) {
            const SuggestionSource &gold = sources[fold.questions[q].source];
            for (const Candidate &c : fold.candidates[q]) {
                if (isExcluded(catalogue, c, options.outOfScopeIntent))
                    continue;
                rows.append(c.features);
                labels.append(!fold.questions[q].outOfScope &&
                              catalogue.articleIds[c.article] == gold.articleId);
            }
        }
    }

    // 2. The fusion: which candidate features make an answer right.
    std::shared_ptr<SuggestionModel> model(new SuggestionModel);
    Private &p = *model->d;
    p.options = options;
    p.sources = sources;
    p.catalogue = catalogue;
    if (rows.isEmpty() || !p.fusion.fit(rows, labels, 1e-3)) {
        // Too little held-out data to learn from (a tiny knowledge base): trust the two methods
        // equally.
        QList<double> weights(detail::kFeatureCount + 1, 0.0);
        weights[0] = 3; // fastText probability
        weights[4] = 2; // BM25 relative to the best match
        weights.last() = -2.5;
        p.fusion = LogisticRegression(weights);
    }

    // 3. Calibration of the top answer, the threshold, and what the folds measured.
    QList<double> topLogits;
    QList<bool> topCorrect;
    struct Ranked
    {
        double logit;
        bool correct;
        bool outOfScope;
        bool top3;
        QString intent; // the top suggestion's
    };
    QList<Ranked> ranked;
    for (const FoldResult &fold : folds) {
        for (qsizetype q = 0; q < fold.questions.size(); ++q) {
            const SuggestionSource &gold = sources[fold.questions[q].source];
            const bool oos =
                fold.questions[q].outOfScope || gold.intent == options.outOfScopeIntent;
            struct Scored
            {
                double logit;
                bool right;
                int article;
            };
            QList<Scored> scored;
            for (const Candidate &c : fold.candidates[q]) {
                if (isExcluded(catalogue, c, options.outOfScopeIntent))
                    continue;
                scored.append({p.fusion.logit(c.features),
                               !oos && catalogue.articleIds[c.article] == gold.articleId,
                               c.article});
            }
            std::sort(scored.begin(), scored.end(),
                      [](const Scored &a, const Scored &b) { return a.logit > b.logit; });
            const double logit = scored.isEmpty() ? -10 : scored.first().logit;
            const bool correct = !scored.isEmpty() && scored.first().right;
            bool top3 = false;
            for (qsizetype i = 0; i < scored.size() && i < 3; ++i)
                top3 = top3 || scored[i].right;
            ranked.append(
                {logit, correct, oos, top3,
                 scored.isEmpty() ? QString() : catalogue.articleIntent[scored.first().article]});
            topLogits.append(logit);
            topCorrect.append(correct);
        }
    }
    if (!p.platt.fit(topLogits, topCorrect))
        p.platt = PlattScaling{};

    QList<ThresholdPoint> thresholdPoints;
    QHash<QString, QList<ThresholdPoint>> pointsByIntent; // by the top suggestion's intent
    QList<CalibrationPoint> calibrationPoints;
    SuggesterReport &report = p.report;
    for (const Ranked &r : std::as_const(ranked)) {
        const double confidence = p.platt.apply(r.logit);
        pointsByIntent[r.intent].append(
            {confidence, r.outOfScope
                             ? HeldOutOutcome::OutOfScope
                             : (r.correct ? HeldOutOutcome::Correct : HeldOutOutcome::Wrong)});
        if (r.outOfScope) {
            thresholdPoints.append({confidence, HeldOutOutcome::OutOfScope});
            ++report.outOfScopeQuestions;
            continue;
        }
        thresholdPoints.append(
            {confidence, r.correct ? HeldOutOutcome::Correct : HeldOutOutcome::Wrong});
        calibrationPoints.append({confidence, r.correct});
        ++report.heldOutQuestions;
        report.heldOutTop1 += r.correct ? 1 : 0;
        report.heldOutTop3 += r.top3 ? 1 : 0;
    }
    if (report.heldOutQuestions > 0) {
        report.heldOutTop1 /= report.heldOutQuestions;
        report.heldOutTop3 /= report.heldOutQuestions;
    }
    report.expectedCalibrationError = expectedCalibrationError(calibrationPoints);
    report.threshold = chooseThreshold(thresholdPoints, options.objective);
    p.threshold = options.fixedThreshold.value_or(report.threshold.threshold);
    report.threshold.threshold = p.threshold;
    // Each intent's own threshold: stricter than the shared one where the folds show the bot is
    // often wrong (or fooled by unknown questions) when it names that intent. Only intents with
    // enough held-out evidence get one; the others use the shared threshold.
    if (!options.fixedThreshold) {
        for (auto it = pointsByIntent.cbegin(); it != pointsByIntent.cend(); ++it) {
            if (it.key().isEmpty() || it.value().size() < kMinIntentThresholdPoints)
                continue;
            const double own = chooseThreshold(it.value(), options.objective).threshold;
            if (own > p.threshold)
                p.intentThresholds.insert(it.key(), own);
        }
    }
    report.stricterIntents = int(p.intentThresholds.size());

    const double fusionSeconds = double(timer.nsecsElapsed()) / 1e9 - foldSeconds;
    // 4. The final model, trained beside the folds, learned from every question.
    p.retriever = std::move(final.value());

    report.examples = int(sources.size());
    report.intents = int(catalogue.articlesOfIntent.size());
    report.folds = int(folds.size());
    report.trainingSeconds = double(timer.nsecsElapsed()) / 1e9;

    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(p.retriever.intents->version().toLatin1());
    // The linear model is a deterministic function of the questions and its options.
    const LinearOptions &lo = options.linear;
    sha.addData(QStringLiteral("linear %1 %2 %3 %4 %5 %6")
                    .arg(lo.wordNgramMax)
                    .arg(lo.charNgramMin)
                    .arg(lo.charNgramMax)
                    .arg(lo.minCharNgramTexts)
                    .arg(lo.cost, 0, 'g', 17)
                    .arg(lo.tolerance, 0, 'g', 17)
                    .toUtf8());
    for (const double w : p.fusion.weights())
        sha.addData(QByteArray::number(w, 'g', 17));
    for (const double v : {p.platt.a, p.platt.b, p.threshold})
        sha.addData(QByteArray::number(v, 'g', 17));
    QStringList stricter = p.intentThresholds.keys();
    stricter.sort();
    for (const QString &intent : std::as_const(stricter))
        sha.addData((intent + QString::number(p.intentThresholds.value(intent), 'g', 17)).toUtf8());
    for (const SuggestionSource &s : sources)
        sha.addData((s.articleId + u'\x1f' + QString::number(s.articleVersion) + u'\x1f' + s.text)
                        .toUtf8());
    p.version = QString::fromLatin1(sha.result().toHex().left(12));
    qCInfo(lcSuggest).nospace() << "suggestion model " << p.version << ": " << report.examples
                                << " questions, " << report.intents << " intents, held-out top-1 "
                                << report.heldOutTop1 << ", ECE " << report.expectedCalibrationError
                                << ", threshold " << p.threshold << ", " << report.trainingSeconds
                                << " s (folds and final model " << foldSeconds << " s, fusion "
                                << fusionSeconds << " s)";
    return std::shared_ptr<const SuggestionModel>(std::move(model));
}

SuggestionResult SuggestionModel::Private::run(const QString &text, int k) const
{
    SuggestionResult result;
    result.threshold = threshold;
    result.modelVersion = version;
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(text);
    const QStringList tokens = detail::retrievalTokens(analyzed);
    if (tokens.isEmpty())
        return result; // nothing to match (only symbols or emoji): the bot does not know
    QList<Candidate> candidates =
        retriever.candidates(catalogue, analyzed, tokens, options.retrievalDepth,
                             options.candidateIntents, options.outOfScopeIntent);
    QList<QPair<double, int>> order;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (!isExcluded(catalogue, candidates[i], options.outOfScopeIntent))
            order.append({fusion.logit(candidates[i].features), int(i)});
    }
    std::sort(order.begin(), order.end(), [&](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first > b.first;
        return catalogue.articleIds[candidates[a.second].article] <
               catalogue.articleIds[candidates[b.second].article];
    });
    double ceiling = 1;
    for (qsizetype i = 0; i < order.size() && (k < 1 || i < k); ++i) {
        const Candidate &c = candidates[order[i].second];
        Suggestion s;
        s.articleId = catalogue.articleIds[c.article];
        s.articleVersion = catalogue.articleVersion[c.article];
        s.intent = catalogue.articleIntent[c.article];
        // The top answer is calibrated as a top answer; the others are the fusion's own
        // probability, never shown above the top one.
        s.confidence = i == 0 ? platt.apply(order[i].first)
                              : std::min(ceiling, fusion.probability(c.features));
        ceiling = s.confidence;
        s.threshold = thresholdFor(s.intent);
        s.intentProbability = c.intentProbability;
        s.retrievalScore = c.retrievalScore;
        if (c.bestDocument >= 0)
            s.matchedQuestion = sources[retriever.documentSource[c.bestDocument]].text;
        result.suggestions.append(s);
    }
    if (!result.suggestions.isEmpty())
        result.threshold = result.suggestions.first().threshold;
    result.outOfScope =
        result.suggestions.isEmpty() || result.suggestions.first().confidence < result.threshold;
    return result;
}

SuggestionResult SuggestionModel::suggest(const QString &text, const QStringList &context,
                                          int k) const
{
    SuggestionResult alone = d->run(text, k);
    if (context.isEmpty())
        return alone;
    SuggestionResult together = d->run(context.constLast() + u'\n' + text, k);
    const double aloneTop = alone.suggestions.isEmpty() ? 0 : alone.suggestions[0].confidence;
    const double togetherTop =
        together.suggestions.isEmpty() ? 0 : together.suggestions[0].confidence;
    if (togetherTop > aloneTop + kFollowUpMargin) {
        together.usedContext = true;
        return together;
    }
    return alone;
}

QString SuggestionModel::version() const
{
    return d->version;
}

double SuggestionModel::threshold() const
{
    return d->threshold;
}

double SuggestionModel::threshold(const QString &intent) const
{
    return d->thresholdFor(intent);
}

const SuggesterReport &SuggestionModel::report() const
{
    return d->report;
}

QList<IntentPrediction> SuggestionModel::classify(const QString &text, int k) const
{
    return d->retriever.intents->predict(text, k);
}

QList<QuestionHit> SuggestionModel::retrieve(const QString &text, int limit) const
{
    QList<QuestionHit> hits = d->retriever.index->search(detail::retrievalTokens(text), limit);
    for (QuestionHit &hit : hits)
        hit.document = d->retriever.documentSource[hit.document];
    return hits;
}

const SuggestionSource &SuggestionModel::source(int document) const
{
    return d->sources.at(document);
}

} // namespace tandem
