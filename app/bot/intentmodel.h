#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tandem {

class IntentFastText;
struct AnalyzedText;

/// One labelled customer question for training; `label` is the article's intent.
struct TrainingExample
{
    QString text;
    QString label;
};

/// fastText training settings. The defaults suit a knowledge base of a few hundred questions.
struct IntentOptions
{
    int epochs = 25;
    double learningRate = 0.5;
    int wordNgrams = 2;
    int dim = 64;
    int minCount = 1;
    int bucket = 200000; // hash buckets for word n-grams; the model file grows by dim * 4 B each
    int seed = 42;
    int threads = 1; // more than one trains faster but no longer reproducibly
    bool charNgramsForHan = true;
    // Lengths of the Han character n-grams added when charNgramsForHan (1 to 5). Bigrams suit
    // short questions; longer texts such as reviews gain from 1- to 3-grams.
    int hanNgramMin = 2;
    int hanNgramMax = 2;
    // fastText's own subword character n-grams (minn..maxn) of every token, for misspellings and
    // word forms the stemmer misses; 0, 0: off. They share the word n-gram buckets.
    int subwordMin = 0;
    int subwordMax = 0;
};

/// One intent and the model's probability for it.
struct IntentPrediction
{
    QString intent;
    double probability = 0;

    friend bool operator==(const IntentPrediction &, const IntentPrediction &) = default;
};

/// A fastText intent classifier over analysed text (Simplified, Traditional, English). Immutable
/// once built: predict() may be called from any number of threads at once. Memory is about
/// bucket × dim × 4 bytes (51 MB with the defaults).
class IntentModel
{
public:
    static Result<std::shared_ptr<const IntentModel>> train(const QList<TrainingExample> &examples,
                                                            const IntentOptions &options = {});
    /// Reads a file written by save(); a bare fastText .bin lacks the header and is refused.
    static Result<std::shared_ptr<const IntentModel>> load(const QString &path);
    /// The same from the bytes of such a file (e.g. kept in a database); `where` names them in
    /// errors.
    static Result<std::shared_ptr<const IntentModel>> fromBytes(const QByteArray &bytes,
                                                                const QString &where);

    ~IntentModel();
    IntentModel(const IntentModel &) = delete;
    IntentModel &operator=(const IntentModel &) = delete;

    /// Writes the model atomically: a two-line Tandem header (the input options prediction must
    /// repeat), then a fastText .bin.
    Status save(const QString &path) const;
    /// The bytes save() writes.
    Result<QByteArray> toBytes() const;

    /// The k most likely intents, best first (ties by name); k < 1 means all. The probabilities
    /// over all labels sum to 1.
    QList<IntentPrediction> predict(const QString &text, int k) const;
    /// The same for a text already analysed, when the caller needs the analysis too.
    QList<IntentPrediction> predict(const AnalyzedText &analyzed, int k) const;
    /// The intents the model knows, sorted.
    QStringList labels() const;
    /// First 12 hex digits of the SHA-256 of the model file: identifies what made a suggestion.
    QString version() const;
    /// Training examples the model learned from (examples without any token are not counted).
    int exampleCount() const;

private:
    IntentModel();

    /// `where` names the file in errors (empty: a freshly trained model).
    static Result<std::shared_ptr<const IntentModel>>
    fromParts(const QByteArray &header, QByteArrayView fastTextBytes, const QString &where = {});

    // Not const: fastText's saveModel() is non-const although it only reads.
    std::unique_ptr<IntentFastText> m_fastText;
    QByteArray m_header; // the Tandem lines before the fastText bytes, as read or written
    QStringList m_labels;
    QString m_version;
    int m_exampleCount = 0;
    int m_hanNgramMin = 2; // 0: no Han n-grams
    int m_hanNgramMax = 2;
};

/// The line fastText sees for `text`: analysed tokens (all tokens if every one is a stop word)
/// and, if asked, character bigrams of Han runs, space-separated. Training and prediction share
/// it so both see the same features.
QString intentInputText(const QString &text, bool charNgramsForHan);
/// The same with Han character n-grams of lengths hanNgramMin..hanNgramMax (0, 0: none).
QString intentInputText(const QString &text, int hanNgramMin, int hanNgramMax);
/// The same from a text already analysed.
QString intentInputText(const AnalyzedText &analyzed, int hanNgramMin, int hanNgramMax);

} // namespace tandem
