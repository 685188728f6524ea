#include "suggester.h"

#include "suggestionfeatures.h"
#include "suggestiontraining.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <vector>

namespace tandem {

using detail::Candidate;
using detail::Catalogue;
using detail::Retriever;

namespace detail {
Q_LOGGING_CATEGORY(lcSuggest, "tandem.bot.suggest", QtInfoMsg)
} // namespace detail

using detail::FoldResult;
using detail::lcSuggest;

namespace {

/// How much surer reading a message together with the previous one must be before the
/// suggestions follow that reading (a follow-up question rather than a new one).
/// Held-out questions an intent needs before it gets a threshold of its own.
constexpr int kMinIntentThresholdPoints = 12;

constexpr double kFollowUpMargin = 0.1;

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
    const QStringList tokens = detail::retrievalTokens(text);
    QList<QuestionHit> hits =
        d->retriever.index->search(tokens, detail::retrievalWeights(tokens), limit);
    for (QuestionHit &hit : hits)
        hit.document = d->retriever.documentSource[hit.document];
    return hits;
}

const SuggestionSource &SuggestionModel::source(int document) const
{
    return d->sources.at(document);
}

} // namespace tandem
