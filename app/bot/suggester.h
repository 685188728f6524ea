#pragma once

#include "calibration.h"
#include "intentmodel.h"
#include "knowledge.h"
#include "linearmodel.h"
#include "questionindex.h"
#include "result.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace tandem {

/// One example question the suggester learns from, and the article that answers it.
struct SuggestionSource
{
    QString articleId;
    int articleVersion = 1;
    QString intent;
    QString text;
    QString language; // "en", "zh-CN", "zh-TW" (informational)
};

/// The example questions (and titles) of the enabled articles, every language.
QList<SuggestionSource> suggestionSources(const QList<KbArticle> &articles);

struct SuggesterOptions
{
    /// The intent model's fastText settings, chosen on held-out folds (docs/benchmarks.md):
    /// subword 3- and 4-grams catch misspellings and word forms the stemmer misses, and dim 32
    /// with 100,000 buckets pays for them: about 13 MB a model instead of 51 MB (the hub holds
    /// two during a swap) and less training time than IntentOptions' own defaults.
    /// Chosen on held-out folds of Banking77 and CLINC150 train (docs/benchmarks.md).
    IntentOptions intent{.dim = 32, .bucket = 100000, .subwordMin = 3, .subwordMax = 4};
    /// From this many questions on, fastText trains `largeKnowledgeBaseEpochs` epochs instead of
    /// intent.epochs. With the linear model beside it, 10 epochs rank as well as 20 or 25 on the
    /// held-out folds of Banking77 and CLINC150 (10k and 15k questions) and save a fifth of the
    /// training time; small knowledge bases keep the full count (they need it, and it is cheap).
    /// 0: never.
    int largeKnowledgeBase = 10000;
    int largeKnowledgeBaseEpochs = 10;
    /// The linear TF-IDF model fused beside fastText and BM25. Five passes of coordinate descent
    /// rank as well as fifty on the held-out folds, in a third of the time (docs/benchmarks.md).
    LinearOptions linear{.maxEpochs = 5};
    /// Held-out folds for calibration and the threshold (each trains one extra fastText model).
    int folds = 4;
    /// Share of intents each fold holds out entirely: their questions stand in for customers
    /// asking something the knowledge base does not cover.
    double heldOutIntentShare = 0.1;
    /// Fold trainings that run at once (each single-threaded, so results stay reproducible).
    int trainingThreads = 2;
    int retrievalDepth = 50;   // BM25 hits looked at per query
    int candidateIntents = 10; // fastText intents looked at per query
    ThresholdObjective objective;
    /// An intent that means "not ours" when predicted (e.g. CLINC150's "oos"); never suggested.
    QString outOfScopeIntent;
    /// Overrides the threshold chosen from the held-out folds.
    std::optional<double> fixedThreshold;
};

/// One suggested answer.
struct Suggestion
{
    QString articleId;
    int articleVersion = 0;
    QString intent;
    double confidence = 0;        // calibrated: right about this often
    double threshold = 1;         // its intent's threshold: below it, the bot would not answer
    double intentProbability = 0; // fastText's probability for the intent
    double retrievalScore = 0;    // BM25 of the best-matching example question (0: none)
    QString matchedQuestion;      // that example question
};

struct SuggestionResult
{
    QList<Suggestion> suggestions; // best first
    /// The bot does not know: the best confidence is below the threshold (or the classifier
    /// picked the out-of-scope intent). Suggestions are still listed for an agent to judge.
    bool outOfScope = true;
    double threshold = 1;
    QString modelVersion;     // empty when no model was ready
    bool usedContext = false; // the earlier message decided (a follow-up question)
};

/// What training measured on its held-out folds.
struct SuggesterReport
{
    int examples = 0;
    int intents = 0;
    int folds = 0;
    int heldOutQuestions = 0; // in-scope held-out questions
    int outOfScopeQuestions = 0;
    double heldOutTop1 = 0;
    double heldOutTop3 = 0;
    double expectedCalibrationError = 0; // of the calibrated top confidence, held-out in-scope
    ThresholdChoice threshold;           // the shared threshold
    int stricterIntents = 0;             // intents whose held-out questions asked for a higher one
    double trainingSeconds = 0;
};

/// A trained suggestion engine: a fastText intent classifier fused with BM25 over the example
/// questions (SQLite FTS5), the fusion and its calibration learned on held-out folds of the same
/// examples. Immutable: suggest() may be called from any number of threads at once.
class SuggestionModel
{
public:
    static Result<std::shared_ptr<const SuggestionModel>>
    train(const QList<SuggestionSource> &sources, const SuggesterOptions &options = {});

    ~SuggestionModel();
    SuggestionModel(const SuggestionModel &) = delete;
    SuggestionModel &operator=(const SuggestionModel &) = delete;

    /// Top `k` articles for `text`; `context` = earlier customer messages, oldest first. A
    /// follow-up ("and how long does that take?") is read together with the previous message
    /// when that gives the more confident answer.
    SuggestionResult suggest(const QString &text, const QStringList &context = {}, int k = 3) const;

    /// Identifies the model (fastText weights, fusion, calibration, threshold, questions).
    QString version() const;
    /// The shared "I don't know" threshold chosen on the held-out folds.
    double threshold() const;
    /// The threshold for answers of `intent`: the shared one, or a stricter one where the folds
    /// showed the bot often wrong when it named that intent.
    double threshold(const QString &intent) const;
    const SuggesterReport &report() const;

    /// The single methods the engine fuses, for comparison: fastText's intents, and the BM25
    /// nearest example questions (document = index into the training sources).
    QList<IntentPrediction> classify(const QString &text, int k) const;
    QList<QuestionHit> retrieve(const QString &text, int limit) const;
    const SuggestionSource &source(int document) const;

private:
    SuggestionModel();
    struct Private;
    std::unique_ptr<Private> d;
    friend struct SuggestionTraining;
};

/// The live suggestion engine of a hub: the current model, swapped atomically when a retraining
/// finishes. Training runs on a worker thread; the previous model keeps answering until the new
/// one is ready; when several retrainings are requested, the latest request wins.
class Suggester : public QObject
{
    Q_OBJECT
public:
    explicit Suggester(SuggesterOptions options = {}, QObject *parent = nullptr);
    ~Suggester() override;

    /// The current model (null until the first training finished). Thread-safe.
    std::shared_ptr<const SuggestionModel> model() const;
    /// Suggestions from the current model; outOfScope with no suggestions when none is ready.
    SuggestionResult suggest(const QString &text, const QStringList &context = {}, int k = 3) const;

    /// Starts training on a worker thread and returns at once.
    void retrain(const QList<SuggestionSource> &sources);
    bool isTraining() const;
    /// Blocks until no training is running (for shutdown and tests).
    void waitForIdle() const;

signals:
    void modelReady(const QString &version, const tandem::SuggesterReport &report);
    void trainingFailed(const tandem::Error &error);

private:
    void startNext();

    SuggesterOptions m_options;
    std::atomic<std::shared_ptr<const SuggestionModel>> m_model;
    struct Jobs;
    std::unique_ptr<Jobs> m_jobs;
};

} // namespace tandem
