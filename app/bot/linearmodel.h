#pragma once

#include "calibration.h"
#include "intentmodel.h" // TrainingExample, IntentPrediction
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace tandem {

struct AnalyzedText;

/// Settings of a LinearTextModel. The defaults suit short customer questions (chosen by
/// cross-validation on Banking77 and CLINC150 train, docs/benchmarks.md).
struct LinearOptions
{
    /// Word n-grams (1..wordNgramMax) over the analysed tokens, stop words kept.
    int wordNgramMax = 2;
    /// Character n-grams (charNgramMin..charNgramMax) of every whitespace-separated word of the
    /// normalised text, padded with a space on each side (so word starts and ends count). They
    /// catch misspellings, word forms and Chinese words the segmenter split differently.
    int charNgramMin = 2;
    int charNgramMax = 5;
    /// Character n-grams seen in fewer training texts than this are dropped (noise, and size).
    int minCharNgramTexts = 2;
    /// C of the L2-regularised squared-hinge SVM: larger fits the training texts more closely.
    double cost = 0.5;
    /// Dual coordinate descent stops when the projected gradient spread is below `tolerance`
    /// or after `maxEpochs` passes.
    double tolerance = 0.1;
    int maxEpochs = 50;
    /// Classes (one-vs-rest) train in parallel; the model does not depend on the count.
    int threads = 2;
    quint32 seed = 42;
    /// Also learn per-class Platt scaling on `calibrationFolds` internal folds, so probabilities()
    /// means something (each fold trains one more model). 0: decision values only.
    int calibrationFolds = 0;
};

/// A linear text classifier: TF-IDF word and character n-grams (sublinear term frequency, each
/// block L2-normalised) and a one-vs-rest linear SVM trained by dual coordinate descent (the
/// LIBLINEAR algorithm, written here because Debian's liblinear 2.3 draws its permutations from
/// the global rand(): results would depend on which thread ran first, and it trains one class at
/// a time). Full-rank weights over all n-grams make it the sharper companion to fastText's
/// low-rank model. Deterministic; immutable once built, so scoring may run on any number of
/// threads at once.
class LinearTextModel
{
public:
    static Result<std::shared_ptr<const LinearTextModel>>
    train(const QList<TrainingExample> &examples, const LinearOptions &options = {});
    /// The same for texts already analysed (`analyzed[i]` belongs to `examples[i]`).
    static Result<std::shared_ptr<const LinearTextModel>>
    train(const QList<TrainingExample> &examples, const QList<AnalyzedText> &analyzed,
          const LinearOptions &options = {});
    /// Reads the bytes toBytes() wrote; `where` names them in errors.
    static Result<std::shared_ptr<const LinearTextModel>> fromBytes(const QByteArray &bytes,
                                                                    const QString &where);

    ~LinearTextModel();
    LinearTextModel(const LinearTextModel &) = delete;
    LinearTextModel &operator=(const LinearTextModel &) = delete;

    QByteArray toBytes() const;

    /// Decision value per class, in labels() order (> 0: the SVM says "this class").
    std::vector<double> decisions(const AnalyzedText &analyzed) const;
    std::vector<double> decisions(const QString &text) const;
    /// Calibrated class probabilities summing to 1, in labels() order; needs a model trained
    /// with calibrationFolds > 0 (otherwise a softmax of the decision values).
    std::vector<double> probabilities(const AnalyzedText &analyzed) const;
    /// The k best classes by decision value, best first (ties by name); k < 1: all. The
    /// `probability` field holds the decision value.
    QList<IntentPrediction> rank(const AnalyzedText &analyzed, int k) const;

    const QStringList &labels() const { return m_labels; }
    int featureCount() const { return int(m_idf.size()); }
    /// Stored (non-zero) weights: memory is about 6 bytes each plus 13 per feature.
    qsizetype weightCount() const { return qsizetype(m_weight.size()); }
    bool isCalibrated() const { return !m_platt.empty(); }

private:
    LinearTextModel();
    friend struct LinearTraining;

    struct Sparse
    {
        std::vector<int> index;
        std::vector<float> value;
    };
    Sparse vectorize(const AnalyzedText &analyzed) const;

    LinearOptions m_options;
    QStringList m_labels;
    std::vector<std::uint64_t> m_keys; // feature hash per feature index (serialised)
    std::vector<float> m_idf;          // per feature
    std::vector<bool> m_isWord;        // per feature: word block (else character block)
    // Weights, feature-major and sparse: feature f's non-zero weights are m_weightClass[k] /
    // m_weight[k] for k in [m_weightStart[f], m_weightStart[f + 1]). About four in five are
    // exactly zero (an n-gram no support vector of that class contains), so this is a fifth of
    // the dense size and scoring skips them.
    std::vector<std::uint32_t> m_weightStart; // features + 1 offsets
    std::vector<std::uint16_t> m_weightClass;
    std::vector<float> m_weight;
    std::vector<float> m_bias;         // per class
    std::vector<PlattScaling> m_platt; // per class, when calibrated
    struct Lookup;
    std::unique_ptr<Lookup> m_lookup; // feature hash → index
};

/// The n-gram features of a text before the vocabulary is applied: stable 64-bit hashes (word
/// block keys and character block keys never collide in practice) with their counts. Exposed
/// for tests.
struct TextFeatureCounts
{
    std::vector<std::pair<std::uint64_t, int>> words;
    std::vector<std::pair<std::uint64_t, int>> chars;
};
TextFeatureCounts linearFeatureCounts(const AnalyzedText &analyzed, const LinearOptions &options);

} // namespace tandem
