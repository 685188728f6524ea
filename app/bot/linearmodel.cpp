#include "linearmodel.h"

#include "linearsolver.h"
#include "stablehash.h"
#include "textanalysis.h"

#include <QDataStream>
#include <QIODevice>
#include <QSet>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <thread>
#include <unordered_map>

namespace tandem {

using detail::Csr;
using detail::forEachBlock;
using detail::kBlock;
using detail::trainBlock;

namespace {

constexpr quint32 kMagic = 0x544c494e; // "TLIN"
constexpr qint32 kFormat = 2;          // 1: dense weights (never stored by a release)
constexpr int kMaxClasses = 65535;     // class indices are stored in 16 bits

std::uint64_t fnv1a(QStringView text, char16_t kind)
{
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](char16_t unit) {
        h ^= unit;
        h *= 1099511628211ull;
    };
    mix(kind);
    for (const QChar c : text)
        mix(c.unicode());
    return h;
}

void addCount(std::vector<std::pair<std::uint64_t, int>> &out, std::uint64_t key)
{
    out.emplace_back(key, 1);
}

/// Sorts by key and sums the counts of equal keys.
void merge(std::vector<std::pair<std::uint64_t, int>> &counts)
{
    std::sort(counts.begin(), counts.end());
    std::size_t w = 0;
    for (std::size_t r = 0; r < counts.size(); ++r) {
        if (w > 0 && counts[w - 1].first == counts[r].first)
            counts[w - 1].second += counts[r].second;
        else
            counts[w++] = counts[r];
    }
    counts.resize(w);
}

} // namespace

TextFeatureCounts linearFeatureCounts(const AnalyzedText &analyzed, const LinearOptions &options)
{
    TextFeatureCounts out;
    const QStringList &tokens = analyzed.allTokens.isEmpty() ? analyzed.tokens : analyzed.allTokens;
    for (int n = 1; n <= options.wordNgramMax; ++n) {
        for (qsizetype i = 0; i + n <= tokens.size(); ++i) {
            QString gram = tokens[i];
            for (int k = 1; k < n; ++k)
                gram += u' ' + tokens[i + k];
            addCount(out.words, fnv1a(gram, u'w'));
        }
    }
    if (options.charNgramMax >= options.charNgramMin && options.charNgramMin > 0) {
        const QString &text = analyzed.normalized;
        qsizetype i = 0;
        while (i < text.size()) {
            while (i < text.size() && text[i].isSpace())
                ++i;
            qsizetype end = i;
            while (end < text.size() && !text[end].isSpace())
                ++end;
            if (end > i) {
                const QString padded = u' ' + text.mid(i, end - i) + u' ';
                for (int n = options.charNgramMin; n <= options.charNgramMax; ++n) {
                    for (qsizetype k = 0; k + n <= padded.size(); ++k)
                        addCount(out.chars, fnv1a(QStringView(padded).mid(k, n), u'c'));
                }
            }
            i = end;
        }
    }
    merge(out.words);
    merge(out.chars);
    return out;
}

struct LinearTextModel::Lookup
{
    std::unordered_map<std::uint64_t, int> index;
};

LinearTextModel::LinearTextModel()
    : m_lookup(std::make_unique<Lookup>())
{}

LinearTextModel::~LinearTextModel() = default;

LinearTextModel::Sparse LinearTextModel::vectorize(const AnalyzedText &analyzed) const
{
    const TextFeatureCounts counts = linearFeatureCounts(analyzed, m_options);
    Sparse out;
    auto block = [&](const std::vector<std::pair<std::uint64_t, int>> &keys) {
        const std::size_t first = out.index.size();
        double norm = 0;
        for (const auto &[key, count] : keys) {
            const auto it = m_lookup->index.find(key);
            if (it == m_lookup->index.end())
                continue;
            const float v = float((1.0 + std::log(double(count))) * m_idf[std::size_t(it->second)]);
            out.index.push_back(it->second);
            out.value.push_back(v);
            norm += double(v) * v;
        }
        if (norm > 0) {
            const float scale = float(1.0 / std::sqrt(norm));
            for (std::size_t k = first; k < out.value.size(); ++k)
                out.value[k] *= scale;
        }
    };
    block(counts.words);
    block(counts.chars);
    return out;
}

/// Everything train() shares between the final model and its calibration folds.
struct LinearTraining
{
    static Result<std::shared_ptr<const LinearTextModel>>
    run(const QList<TrainingExample> &examples, const QList<AnalyzedText> &analyzed,
        const LinearOptions &options);
};

Result<std::shared_ptr<const LinearTextModel>>
LinearTraining::run(const QList<TrainingExample> &examples, const QList<AnalyzedText> &analyzed,
                    const LinearOptions &options)
{
    if (examples.size() != analyzed.size())
        return Error{QStringLiteral("linear.bad-input"),
                     QStringLiteral("%1 examples but %2 analysed texts")
                         .arg(examples.size())
                         .arg(analyzed.size())};
    std::shared_ptr<LinearTextModel> model(new LinearTextModel);
    LinearTextModel &m = *model;
    m.m_options = options;

    // Labels, sorted so the model does not depend on the order of the examples.
    QSet<QString> labelSet;
    for (const TrainingExample &e : examples)
        labelSet.insert(e.label);
    m.m_labels = QStringList(labelSet.begin(), labelSet.end());
    m.m_labels.sort();
    if (m.m_labels.size() < 2)
        return Error{QStringLiteral("linear.too-few-labels"),
                     QStringLiteral("A classifier needs examples of at least two labels; got %1")
                         .arg(m.m_labels.size())};
    QHash<QString, int> labelIndex;
    for (qsizetype i = 0; i < m.m_labels.size(); ++i)
        labelIndex.insert(m.m_labels[i], int(i));

    // Vocabulary: every word n-gram, character n-grams in enough texts.
    std::vector<TextFeatureCounts> counts;
    counts.reserve(std::size_t(examples.size()));
    std::unordered_map<std::uint64_t, int> wordTexts, charTexts;
    for (const AnalyzedText &a : analyzed) {
        counts.push_back(linearFeatureCounts(a, options));
        for (const auto &[key, count] : counts.back().words)
            ++wordTexts[key];
        for (const auto &[key, count] : counts.back().chars)
            ++charTexts[key];
    }
    std::vector<std::pair<std::uint64_t, int>> vocabulary; // key, texts; words first
    std::vector<std::pair<std::uint64_t, int>> chars;
    vocabulary.assign(wordTexts.begin(), wordTexts.end());
    std::sort(vocabulary.begin(), vocabulary.end());
    const std::size_t wordFeatures = vocabulary.size();
    for (const auto &entry : charTexts) {
        if (entry.second >= options.minCharNgramTexts)
            chars.push_back(entry);
    }
    std::sort(chars.begin(), chars.end());
    vocabulary.insert(vocabulary.end(), chars.begin(), chars.end());
    if (vocabulary.empty())
        return Error{QStringLiteral("linear.no-features"),
                     QStringLiteral("None of the %1 texts has a word or character n-gram")
                         .arg(examples.size())};
    const double n = double(examples.size());
    m.m_keys.reserve(vocabulary.size());
    m.m_idf.reserve(vocabulary.size());
    m.m_isWord.reserve(vocabulary.size());
    for (std::size_t f = 0; f < vocabulary.size(); ++f) {
        m.m_keys.push_back(vocabulary[f].first);
        m.m_idf.push_back(float(std::log((1 + n) / (1 + vocabulary[f].second)) + 1));
        m.m_isWord.push_back(f < wordFeatures);
        m.m_lookup->index.emplace(vocabulary[f].first, int(f));
    }
    const int features = int(vocabulary.size());
    const int classes = int(m.m_labels.size());
    if (classes > kMaxClasses)
        return Error{QStringLiteral("linear.too-many-labels"),
                     QStringLiteral("A classifier takes at most %1 labels; got %2")
                         .arg(kMaxClasses)
                         .arg(classes)};

    Csr x;
    std::vector<int> label;
    for (qsizetype i = 0; i < analyzed.size(); ++i) {
        const LinearTextModel::Sparse v = m.vectorize(analyzed[i]);
        std::vector<std::pair<int, float>> row;
        row.reserve(v.index.size());
        for (std::size_t k = 0; k < v.index.size(); ++k)
            row.emplace_back(v.index[k], v.value[k]);
        std::sort(row.begin(), row.end());
        double norm = 0;
        for (const auto &[index, value] : row) {
            x.index.push_back(index);
            x.value.push_back(value);
            norm += double(value) * value;
        }
        x.start.push_back(x.index.size());
        x.squaredNorm.push_back(norm);
        label.push_back(labelIndex.value(examples[i].label));
    }

    std::vector<int> all(x.rows());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = int(i);
    // Per class, its non-zero weights (feature, weight) in feature order.
    std::vector<std::vector<std::pair<int, float>>> nonZero(static_cast<std::size_t>(classes));
    m.m_bias.assign(std::size_t(classes), 0.0f);
    forEachBlock(classes, options.threads, [&](int first, int count) {
        std::vector<float> w;
        std::array<double, kBlock> bias;
        trainBlock(x, all, label, first, count, features, options,
                   options.seed + quint32(first) * 7919u, w, bias);
        for (int b = 0; b < count; ++b) {
            auto &list = nonZero[std::size_t(first + b)];
            for (int f = 0; f < features; ++f) {
                const float v = w[std::size_t(f) * kBlock + std::size_t(b)];
                if (v != 0.0f)
                    list.emplace_back(f, v);
            }
            m.m_bias[std::size_t(first + b)] = float(bias[std::size_t(b)]);
        }
    });
    // Transpose to feature-major: count per feature, then fill in class order.
    m.m_weightStart.assign(std::size_t(features) + 1, 0);
    for (const auto &list : nonZero) {
        for (const auto &[f, w] : list)
            ++m.m_weightStart[std::size_t(f) + 1];
    }
    for (std::size_t f = 0; f < std::size_t(features); ++f)
        m.m_weightStart[f + 1] += m.m_weightStart[f];
    m.m_weightClass.resize(m.m_weightStart.back());
    m.m_weight.resize(m.m_weightStart.back());
    {
        std::vector<std::uint32_t> fill(m.m_weightStart.begin(), m.m_weightStart.end() - 1);
        for (std::size_t c = 0; c < nonZero.size(); ++c) {
            for (const auto &[f, w] : nonZero[c]) {
                const std::uint32_t at = fill[std::size_t(f)]++;
                m.m_weightClass[at] = std::uint16_t(c);
                m.m_weight[at] = w;
            }
            nonZero[c] = {};
        }
    }

    // Calibration: decision values of texts a fold model did not learn, per class.
    if (options.calibrationFolds > 1) {
        const int folds = options.calibrationFolds;
        std::vector<int> foldOf(x.rows());
        for (std::size_t i = 0; i < x.rows(); ++i)
            foldOf[i] =
                int(detail::stableHash(examples[qsizetype(i)].text.trimmed()) % quint32(folds));
        // held[c] = (decision, positive) over every held-out text.
        std::vector<QList<double>> scores(static_cast<std::size_t>(classes));
        std::vector<QList<bool>> outcomes(static_cast<std::size_t>(classes));
        for (int fold = 0; fold < folds; ++fold) {
            std::vector<int> train, test;
            for (std::size_t i = 0; i < x.rows(); ++i)
                (foldOf[i] == fold ? test : train).push_back(int(i));
            if (train.empty() || test.empty())
                continue;
            forEachBlock(classes, options.threads, [&](int first, int count) {
                std::vector<float> w;
                std::array<double, kBlock> bias;
                trainBlock(x, train, label, first, count, features, options,
                           options.seed + quint32(first) * 7919u + quint32(fold + 1) * 104729u, w,
                           bias);
                for (int b = 0; b < count; ++b) {
                    const int c = first + b;
                    for (const int row : test) {
                        double d = bias[std::size_t(b)];
                        for (std::size_t k = x.start[std::size_t(row)];
                             k < x.start[std::size_t(row) + 1]; ++k)
                            d += w[std::size_t(x.index[k]) * kBlock + std::size_t(b)] * x.value[k];
                        scores[std::size_t(c)].append(d);
                        outcomes[std::size_t(c)].append(label[std::size_t(row)] == c);
                    }
                }
            });
        }
        m.m_platt.assign(std::size_t(classes), PlattScaling{});
        for (int c = 0; c < classes; ++c) {
            if (!m.m_platt[std::size_t(c)].fit(scores[std::size_t(c)], outcomes[std::size_t(c)]))
                m.m_platt[std::size_t(c)] = PlattScaling{};
        }
    }
    return std::shared_ptr<const LinearTextModel>(std::move(model));
}

Result<std::shared_ptr<const LinearTextModel>>
LinearTextModel::train(const QList<TrainingExample> &examples, const LinearOptions &options)
{
    QList<AnalyzedText> analyzed;
    analyzed.reserve(examples.size());
    for (const TrainingExample &e : examples)
        analyzed.append(TextAnalyzer::instance().analyze(e.text));
    return LinearTraining::run(examples, analyzed, options);
}

Result<std::shared_ptr<const LinearTextModel>>
LinearTextModel::train(const QList<TrainingExample> &examples, const QList<AnalyzedText> &analyzed,
                       const LinearOptions &options)
{
    return LinearTraining::run(examples, analyzed, options);
}

std::vector<double> LinearTextModel::decisions(const AnalyzedText &analyzed) const
{
    std::vector<double> d(m_bias.begin(), m_bias.end());
    const Sparse v = vectorize(analyzed);
    for (std::size_t k = 0; k < v.index.size(); ++k) {
        const std::size_t f = std::size_t(v.index[k]);
        const double value = v.value[k];
        for (std::uint32_t at = m_weightStart[f]; at < m_weightStart[f + 1]; ++at)
            d[m_weightClass[at]] += value * m_weight[at];
    }
    return d;
}

std::vector<double> LinearTextModel::decisions(const QString &text) const
{
    return decisions(TextAnalyzer::instance().analyze(text));
}

std::vector<double> LinearTextModel::probabilities(const AnalyzedText &analyzed) const
{
    std::vector<double> p = decisions(analyzed);
    double sum = 0;
    if (isCalibrated()) {
        for (std::size_t c = 0; c < p.size(); ++c) {
            p[c] = m_platt[c].apply(p[c]);
            sum += p[c];
        }
    } else {
        const double top = p.empty() ? 0 : *std::max_element(p.begin(), p.end());
        for (double &v : p) {
            v = std::exp(v - top);
            sum += v;
        }
    }
    if (sum > 0) {
        for (double &v : p)
            v /= sum;
    }
    return p;
}

QList<IntentPrediction> LinearTextModel::rank(const AnalyzedText &analyzed, int k) const
{
    const std::vector<double> d = decisions(analyzed);
    QList<IntentPrediction> out;
    out.reserve(qsizetype(d.size()));
    for (std::size_t c = 0; c < d.size(); ++c)
        out.append({m_labels[qsizetype(c)], d[c]});
    std::sort(out.begin(), out.end(), [](const IntentPrediction &a, const IntentPrediction &b) {
        return a.probability != b.probability ? a.probability > b.probability : a.intent < b.intent;
    });
    if (k > 0 && out.size() > k)
        out.resize(k);
    return out;
}

QByteArray LinearTextModel::toBytes() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out.setFloatingPointPrecision(QDataStream::SinglePrecision);
    out << kMagic << kFormat;
    out << qint32(m_options.wordNgramMax) << qint32(m_options.charNgramMin)
        << qint32(m_options.charNgramMax);
    out << m_labels;
    out << quint64(m_keys.size());
    for (std::size_t f = 0; f < m_keys.size(); ++f)
        out << quint64(m_keys[f]) << m_idf[f] << bool(m_isWord[f])
            << quint32(m_weightStart[f + 1] - m_weightStart[f]);
    for (std::size_t k = 0; k < m_weight.size(); ++k)
        out << quint16(m_weightClass[k]) << m_weight[k];
    for (const float b : m_bias)
        out << b;
    out << quint32(m_platt.size());
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    for (const PlattScaling &p : m_platt)
        out << p.a << p.b;
    return bytes;
}

Result<std::shared_ptr<const LinearTextModel>> LinearTextModel::fromBytes(const QByteArray &bytes,
                                                                          const QString &where)
{
    auto bad = [&](const QString &why) {
        return Error{QStringLiteral("linear.bad-model"),
                     QStringLiteral("%1 is not a Tandem linear model: %2").arg(where, why)};
    };
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    quint32 magic = 0;
    qint32 format = 0;
    in >> magic >> format;
    if (magic != kMagic)
        return bad(QStringLiteral("wrong header"));
    if (format != kFormat)
        return bad(QStringLiteral("format %1, expected %2").arg(format).arg(kFormat));
    std::shared_ptr<LinearTextModel> model(new LinearTextModel);
    LinearTextModel &m = *model;
    qint32 wordMax = 0, charMin = 0, charMax = 0;
    in >> wordMax >> charMin >> charMax >> m.m_labels;
    m.m_options.wordNgramMax = wordMax;
    m.m_options.charNgramMin = charMin;
    m.m_options.charNgramMax = charMax;
    quint64 features = 0;
    in >> features;
    const qsizetype classes = m.m_labels.size();
    // Each feature takes 17 bytes and each weight 6: refuse counts the bytes cannot hold before
    // allocating anything.
    if (in.status() != QDataStream::Ok || classes < 2 || classes > kMaxClasses ||
        features > quint64(bytes.size()) / 17)
        return bad(QStringLiteral("truncated or inconsistent sizes"));
    m.m_keys.resize(features);
    m.m_idf.resize(features);
    m.m_isWord.resize(features);
    m.m_weightStart.assign(features + 1, 0);
    for (std::size_t f = 0; f < features; ++f) {
        quint64 key = 0;
        float idf = 0;
        bool word = false;
        quint32 weights = 0;
        in >> key >> idf >> word >> weights;
        if (in.status() != QDataStream::Ok || weights > quint32(classes) ||
            !m.m_lookup->index.emplace(key, int(f)).second)
            return bad(QStringLiteral("feature %1 is damaged").arg(f));
        m.m_keys[f] = key;
        m.m_idf[f] = idf;
        m.m_isWord[f] = word;
        m.m_weightStart[f + 1] = m.m_weightStart[f] + weights;
    }
    const quint64 weights = m.m_weightStart.back();
    if (weights > quint64(bytes.size()) / 6)
        return bad(QStringLiteral("truncated or inconsistent sizes"));
    m.m_weightClass.resize(weights);
    m.m_weight.resize(weights);
    for (std::size_t k = 0; k < weights; ++k) {
        quint16 c = 0;
        in >> c >> m.m_weight[k];
        if (c >= classes)
            return bad(QStringLiteral("weight %1 names class %2 of %3").arg(k).arg(c).arg(classes));
        m.m_weightClass[k] = c;
    }
    m.m_bias.resize(std::size_t(classes));
    for (float &b : m.m_bias)
        in >> b;
    quint32 platt = 0;
    in >> platt;
    if (platt != 0 && platt != quint32(classes))
        return bad(QStringLiteral("calibration for %1 of %2 classes").arg(platt).arg(classes));
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    m.m_platt.resize(platt);
    for (PlattScaling &p : m.m_platt)
        in >> p.a >> p.b;
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return bad(QStringLiteral("truncated or trailing bytes"));
    return std::shared_ptr<const LinearTextModel>(std::move(model));
}

} // namespace tandem
