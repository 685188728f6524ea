#pragma once

#include "assist.h" // SentimentExample: one labelled customer message
#include "intentmodel.h"
#include "linearmodel.h"
#include "result.h"
#include "sentiment.h"

#include <QList>
#include <QString>

#include <memory>

namespace tandem {

/// How a SentimentModel trains: a fastText model and a TF-IDF linear model on the same examples,
/// their probabilities fused as (1 − linearWeight) · fastText + linearWeight · linear. Start from
/// SentimentModel::defaultOptions(): a default-constructed SentimentOptions trains fastText only.
struct SentimentOptions
{
    IntentOptions fastText;
    /// Needs calibrationFolds >= 2 when linearWeight > 0, so that its probabilities can be
    /// averaged with fastText's.
    LinearOptions linear;
    /// In [0, 1]. 0 trains no linear model at all: a fastText-only model, stored in the format
    /// of the models from before the ensemble.
    double linearWeight = 0;
};

/// A trained sentiment classifier over the labels "negative", "neutral" and "positive" (binary
/// data trains only "negative" and "positive"): a fastText IntentModel and, beside it, a
/// LinearTextModel (TF-IDF word and character n-grams, calibrated linear SVM), whose class
/// probabilities are averaged with a fixed weight. It learns the vocabulary of a business's own
/// customers, which a general lexicon cannot. Models stored before the ensemble (a bare intent
/// model with sentiment labels) still load, as fastText-only models. Immutable once built:
/// predict() may be called from any number of threads at once.
class SentimentModel
{
public:
    /// The options the product trains with (tandem-hub sentiment train, and tandem-eval's
    /// trained rows): chosen by cross-validation on ChnSentiCorp's training split only.
    static SentimentOptions defaultOptions();

    /// Needs examples of at least two labels. Keep fastText.threads = 1 for reproducible models.
    static Result<std::shared_ptr<const SentimentModel>>
    train(const QList<SentimentExample> &examples,
          const SentimentOptions &options = defaultOptions());
    /// Reads a file written by save() (or by the fastText-only code before the ensemble); an
    /// intent model whose labels are not sentiment labels is refused.
    static Result<std::shared_ptr<const SentimentModel>> load(const QString &path);
    /// The same from the bytes toBytes() returned (a model kept in the database); `where` names
    /// them in errors.
    static Result<std::shared_ptr<const SentimentModel>> fromBytes(const QByteArray &bytes,
                                                                   const QString &where);

    Status save(const QString &path) const;
    /// Exactly the bytes save() writes.
    Result<QByteArray> toBytes() const;

    /// The most likely label; score = p(positive) − p(negative) in [-1, 1]; confidence = the
    /// winning probability. Cues and escalation stay empty: the model cannot name the words that
    /// decided it (HybridSentiment adds the lexicon's).
    SentimentResult predict(const QString &text) const;
    /// True when the model was trained without "neutral", so it never predicts Neutral.
    bool isBinary() const;
    /// First 12 hex digits of the SHA-256 of the model file (both models and the weight).
    QString version() const;
    int exampleCount() const;
    /// The linear model's weight in the fusion; 0 for a fastText-only model.
    double linearWeight() const { return m_linear ? m_linearWeight : 0.0; }
    bool hasLinearModel() const { return m_linear != nullptr; }

private:
    SentimentModel(std::shared_ptr<const IntentModel> fastText,
                   std::shared_ptr<const LinearTextModel> linear, double linearWeight);

    /// Checks the labels of both parts and sets the version from `bytes` (the model file).
    static Result<std::shared_ptr<const SentimentModel>>
    assemble(std::shared_ptr<const IntentModel> fastText,
             std::shared_ptr<const LinearTextModel> linear, double linearWeight,
             const QByteArray &bytes, const QString &where);

    std::shared_ptr<const IntentModel> m_fastText;
    std::shared_ptr<const LinearTextModel> m_linear; // null: fastText only
    double m_linearWeight = 0;
    QString m_version;
};

/// How well training options generalise on a labelled set.
struct SentimentCrossValidation
{
    double accuracy = 0;        // examples predicted right over all folds, in [0, 1]
    QList<double> foldAccuracy; // per fold
    double trainSeconds = 0;    // all folds
};

/// k-fold cross-validation: fold = SHA-1 of the trimmed text mod k, so duplicates never straddle
/// folds and every machine gets the same folds. Each fold trains its own model, kept nowhere.
Result<SentimentCrossValidation> crossValidate(const QList<SentimentExample> &examples,
                                               const SentimentOptions &options, int folds = 5);

/// Sentiment as the product reports it: the trained model's label, score and confidence when a
/// model is present, the lexicon's otherwise. Escalation (threats to cancel, complaints to a
/// regulator, abuse) ALWAYS comes from the lexicon: those cues must raise a flag however the
/// rest of the message sounds, and a model trained on review polarity does not learn them.
/// Immutable: analyze() is safe from any number of threads.
class HybridSentiment
{
public:
    explicit HybridSentiment(std::shared_ptr<const SentimentModel> model = {},
                             LexiconSentiment lexicon = LexiconSentiment::instance());

    SentimentResult analyze(const QString &text) const;
    bool hasModel() const { return m_model != nullptr; }
    const std::shared_ptr<const SentimentModel> &model() const { return m_model; }

private:
    std::shared_ptr<const SentimentModel> m_model;
    LexiconSentiment m_lexicon;
};

} // namespace tandem
