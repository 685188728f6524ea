#pragma once

#include "assist.h" // SentimentExample: one labelled customer message
#include "intentmodel.h"
#include "result.h"
#include "sentiment.h"

#include <QList>
#include <QString>

#include <memory>

namespace tandem {

/// A trained sentiment classifier: an IntentModel whose labels are "negative", "neutral" and
/// "positive" (binary data trains only "negative" and "positive"). It learns the vocabulary of a
/// business's own customers, which a general lexicon cannot. Immutable once built: predict() may
/// be called from any number of threads at once.
class SentimentModel
{
public:
    /// The options the product trains with (tandem-hub sentiment train, and tandem-eval's
    /// trained rows): chosen by cross-validation on ChnSentiCorp's training split only.
    static IntentOptions defaultOptions();

    /// Needs examples of at least two labels. Keep threads = 1 for reproducible models.
    static Result<std::shared_ptr<const SentimentModel>>
    train(const QList<SentimentExample> &examples, const IntentOptions &options = defaultOptions());
    /// Reads a file written by save(); an intent model whose labels are not sentiment labels is
    /// refused.
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
    /// First 12 hex digits of the SHA-256 of the model file.
    QString version() const;
    int exampleCount() const;

private:
    explicit SentimentModel(std::shared_ptr<const IntentModel> model);

    static Result<std::shared_ptr<const SentimentModel>>
    fromIntentModel(Result<std::shared_ptr<const IntentModel>> model, const QString &where);

    std::shared_ptr<const IntentModel> m_model;
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
                                               const IntentOptions &options, int folds = 5);

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
