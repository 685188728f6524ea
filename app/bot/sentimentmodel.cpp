#include "sentimentmodel.h"

#include "textanalysis.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

namespace tandem {

namespace {

const QList<SentimentLabel> &allLabels()
{
    static const QList<SentimentLabel> labels = {SentimentLabel::Negative, SentimentLabel::Neutral,
                                                 SentimentLabel::Positive};
    return labels;
}

/// The index of `label` in allLabels().
std::size_t slotOf(SentimentLabel label)
{
    switch (label) {
    case SentimentLabel::Negative:
        return 0;
    case SentimentLabel::Neutral:
        return 1;
    case SentimentLabel::Positive:
        break;
    }
    return 2;
}

std::optional<SentimentLabel> labelFromName(const QString &name)
{
    for (SentimentLabel label : allLabels()) {
        if (sentimentLabelName(label) == name)
            return label;
    }
    return std::nullopt;
}

} // namespace

SentimentOptions SentimentModel::defaultOptions()
{
    SentimentOptions options;
    // fastText: chosen by 5-fold cross-validation on ChnSentiCorp's train.tsv only
    // (docs/benchmarks.md), never on a dev set: the highest mean of the settings tried. Han
    // character unigrams next to the bigrams catch one-character sentiment words (好, 差, 慢).
    options.fastText.hanNgramMin = 1;
    options.fastText.hanNgramMax = 2;
    // The linear model and the weight: chosen the same way, on the pooled out-of-fold
    // predictions of 5-fold CV on ChnSentiCorp train (docs/benchmarks.md, "How the options were
    // chosen"). Word uni- and bigrams with character 1–3-grams seen in 3 or more texts; weights
    // 0 to 0.95 in steps of 0.05 were tried (1 would leave fastText without a say).
    options.linear.wordNgramMax = 2;
    options.linear.charNgramMin = 1;
    options.linear.charNgramMax = 3;
    options.linear.minCharNgramTexts = 3;
    options.linear.cost = 0.5;
    options.linear.calibrationFolds = 5;
    options.linearWeight = 0.9;
    return options;
}

namespace {

constexpr char kEnsembleMagicLine[] = "tandem-sentiment-model 1\n";
// The header of the fastText-only models stored before the ensemble (IntentModel's format).
constexpr char kIntentMagic[] = "tandem-intent-model ";
constexpr qsizetype kMaxHeaderLine = 4096;
const QString kWeightKey = QStringLiteral("linearWeight");
const QString kFastTextSizeKey = QStringLiteral("fastTextBytes");
const QString kLinearSizeKey = QStringLiteral("linearBytes");

Error badModel(const QString &where, const QString &why)
{
    return Error{QStringLiteral("sentiment.bad-model"),
                 QStringLiteral("%1 is not a readable Tandem sentiment model: %2")
                     .arg(where.isEmpty() ? QStringLiteral("The trained model") : where, why)};
}

bool validWeight(double weight)
{
    return std::isfinite(weight) && weight >= 0 && weight <= 1;
}

/// The ensemble file: a magic line, a one-line JSON header with the weight and the size of each
/// part, then the fastText model's own file bytes and the linear model's.
QByteArray encodeEnsemble(const QByteArray &fastText, const QByteArray &linear, double weight)
{
    const QJsonObject meta{{kWeightKey, weight},
                           {kFastTextSizeKey, double(fastText.size())},
                           {kLinearSizeKey, double(linear.size())}};
    return QByteArray(kEnsembleMagicLine) + QJsonDocument(meta).toJson(QJsonDocument::Compact) +
           '\n' + fastText + linear;
}

QString hashVersion(const QByteArray &bytes)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(12));
}

/// Both parts must know only sentiment labels: an intent model loaded by mistake would
/// otherwise predict labels the product cannot map.
std::optional<Error> checkLabels(const QStringList &labels, const QString &where,
                                 const QString &part)
{
    const bool allSentiment = std::all_of(labels.cbegin(), labels.cend(), [](const QString &l) {
        return labelFromName(l).has_value();
    });
    if (allSentiment && labels.size() >= 2)
        return std::nullopt;
    return Error{QStringLiteral("sentiment.bad-model"),
                 QStringLiteral("%1 has %2labels %3; a sentiment model needs two or three of "
                                "negative, neutral, positive")
                     .arg(where.isEmpty() ? QStringLiteral("The trained model") : where, part,
                          labels.join(QStringLiteral(", ")))};
}

Result<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("sentiment.io"),
                     QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
    return file.readAll();
}

} // namespace

SentimentModel::SentimentModel(std::shared_ptr<const IntentModel> fastText,
                               std::shared_ptr<const LinearTextModel> linear, double linearWeight)
    : m_fastText(std::move(fastText))
    , m_linear(std::move(linear))
    , m_linearWeight(linearWeight)
{}

Result<std::shared_ptr<const SentimentModel>>
SentimentModel::train(const QList<SentimentExample> &examples, const SentimentOptions &options)
{
    if (!validWeight(options.linearWeight))
        return Error{QStringLiteral("invalid_argument"),
                     QStringLiteral("the linear model's weight must be in [0, 1], not %1")
                         .arg(options.linearWeight)};
    if (options.linearWeight > 0 && options.linear.calibrationFolds < 2)
        return Error{QStringLiteral("invalid_argument"),
                     QStringLiteral("the linear model needs calibrationFolds >= 2 to give "
                                    "probabilities that can be averaged with fastText's")};
    QList<TrainingExample> training;
    training.reserve(examples.size());
    for (const SentimentExample &example : examples)
        training.append({example.text, sentimentLabelName(example.label)});
    auto fastText = IntentModel::train(training, options.fastText);
    if (!fastText)
        return fastText.error();
    if (options.linearWeight == 0)
        return assemble(std::move(fastText).value(), {}, 0, {}, {});
    auto linear = LinearTextModel::train(training, options.linear);
    if (!linear)
        return linear.error();
    const Result<QByteArray> fastTextBytes = (*fastText)->toBytes();
    if (!fastTextBytes)
        return fastTextBytes.error();
    const QByteArray bytes =
        encodeEnsemble(*fastTextBytes, (*linear)->toBytes(), options.linearWeight);
    return assemble(std::move(fastText).value(), std::move(linear).value(), options.linearWeight,
                    bytes, {});
}

Result<std::shared_ptr<const SentimentModel>> SentimentModel::load(const QString &path)
{
    const Result<QByteArray> bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    return fromBytes(*bytes, path);
}

Result<std::shared_ptr<const SentimentModel>> SentimentModel::fromBytes(const QByteArray &bytes,
                                                                        const QString &where)
{
    if (bytes.startsWith(kIntentMagic)) {
        // Stored by the fastText-only code: loads as a fastText-only model, same version.
        auto fastText = IntentModel::fromBytes(bytes, where);
        if (!fastText)
            return fastText.error();
        return assemble(std::move(fastText).value(), {}, 0, {}, where);
    }
    const QByteArrayView magic(kEnsembleMagicLine);
    if (!bytes.startsWith(magic))
        return badModel(where, QStringLiteral("unknown header"));
    const qsizetype metaEnd = bytes.indexOf('\n', magic.size());
    if (metaEnd < 0 || metaEnd > kMaxHeaderLine)
        return badModel(where, QStringLiteral("truncated header"));
    QJsonParseError jsonError;
    const QJsonObject meta =
        QJsonDocument::fromJson(bytes.sliced(magic.size(), metaEnd - magic.size()), &jsonError)
            .object();
    const double weight = meta.value(kWeightKey).toDouble(-1);
    const double fastTextSize = meta.value(kFastTextSizeKey).toDouble(-1);
    const double linearSize = meta.value(kLinearSizeKey).toDouble(-1);
    auto validSize = [](double size) {
        return size >= 0 && size <= double(std::numeric_limits<qsizetype>::max() / 4) &&
               size == std::floor(size);
    };
    if (jsonError.error != QJsonParseError::NoError || !validWeight(weight) || weight == 0 ||
        !validSize(fastTextSize) || !validSize(linearSize))
        return badModel(where, QStringLiteral("unreadable header"));
    const qsizetype body = metaEnd + 1;
    const qsizetype expected = body + qsizetype(fastTextSize) + qsizetype(linearSize);
    if (expected != bytes.size())
        return badModel(where, QStringLiteral("the header announces %1 bytes but there are %2 "
                                              "(truncated or trailing bytes)")
                                   .arg(expected)
                                   .arg(bytes.size()));
    // Views into `bytes`, which outlives both reads.
    const QByteArray fastTextBytes =
        QByteArray::fromRawData(bytes.constData() + body, qsizetype(fastTextSize));
    const QByteArray linearBytes = QByteArray::fromRawData(
        bytes.constData() + body + qsizetype(fastTextSize), qsizetype(linearSize));
    auto fastText = IntentModel::fromBytes(fastTextBytes, where);
    if (!fastText)
        return fastText.error();
    auto linear = LinearTextModel::fromBytes(linearBytes, where);
    if (!linear)
        return linear.error();
    if (!(*linear)->isCalibrated())
        return badModel(where, QStringLiteral("its linear model has no calibration"));
    return assemble(std::move(fastText).value(), std::move(linear).value(), weight, bytes, where);
}

Result<std::shared_ptr<const SentimentModel>>
SentimentModel::assemble(std::shared_ptr<const IntentModel> fastText,
                         std::shared_ptr<const LinearTextModel> linear, double linearWeight,
                         const QByteArray &bytes, const QString &where)
{
    if (auto error = checkLabels(fastText->labels(), where, {}))
        return *error;
    if (linear) {
        if (auto error = checkLabels(linear->labels(), where, QStringLiteral("linear model ")))
            return *error;
    }
    std::shared_ptr<SentimentModel> model(
        new SentimentModel(std::move(fastText), std::move(linear), linearWeight));
    // A fastText-only model is its intent model's file, so it keeps that version.
    model->m_version = model->m_linear ? hashVersion(bytes) : model->m_fastText->version();
    return std::shared_ptr<const SentimentModel>(std::move(model));
}

Status SentimentModel::save(const QString &path) const
{
    const Result<QByteArray> bytes = toBytes();
    if (!bytes)
        return bytes.error();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit())
        return Error{QStringLiteral("sentiment.io"),
                     QStringLiteral("Cannot write %1: %2").arg(path, out.errorString())};
    return {};
}

Result<QByteArray> SentimentModel::toBytes() const
{
    if (!m_linear)
        return m_fastText->toBytes(); // the format of the models from before the ensemble
    const Result<QByteArray> fastText = m_fastText->toBytes();
    if (!fastText)
        return fastText.error();
    QByteArray bytes = encodeEnsemble(*fastText, m_linear->toBytes(), m_linearWeight);
    if (hashVersion(bytes) != m_version)
        return Error{QStringLiteral("sentiment.io"),
                     QStringLiteral("Saving the sentiment model produced different bytes")};
    return bytes;
}

SentimentResult SentimentModel::predict(const QString &text) const
{
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(text);
    const QList<SentimentLabel> &labels = allLabels();
    std::array<double, 3> probability{};
    std::array<bool, 3> known{};
    const double fastTextWeight = 1.0 - linearWeight();
    for (const IntentPrediction &p : m_fastText->predict(analyzed, 0)) {
        const std::optional<SentimentLabel> label = labelFromName(p.intent);
        if (!label)
            continue;
        const std::size_t i = slotOf(*label);
        probability[i] += fastTextWeight * p.probability;
        known[i] = true;
    }
    if (m_linear) {
        const std::vector<double> linear = m_linear->probabilities(analyzed);
        for (std::size_t c = 0; c < linear.size(); ++c) {
            const std::optional<SentimentLabel> label =
                labelFromName(m_linear->labels().at(qsizetype(c)));
            if (!label)
                continue;
            const std::size_t i = slotOf(*label);
            probability[i] += m_linearWeight * linear[c];
            known[i] = true;
        }
    }
    SentimentResult result;
    double best = -1;
    // Labels in name order and a strict comparison: ties go to the first name, deterministically.
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (known[std::size_t(i)] && probability[std::size_t(i)] > best) {
            best = probability[std::size_t(i)];
            result.label = labels[i];
        }
    }
    const double positive = probability[slotOf(SentimentLabel::Positive)];
    const double negative = probability[slotOf(SentimentLabel::Negative)];
    result.score = std::clamp(positive - negative, -1.0, 1.0);
    result.confidence = std::clamp(best, 0.0, 1.0);
    return result;
}

bool SentimentModel::isBinary() const
{
    const QString neutral = sentimentLabelName(SentimentLabel::Neutral);
    return !m_fastText->labels().contains(neutral) &&
           !(m_linear && m_linear->labels().contains(neutral));
}

QString SentimentModel::version() const
{
    return m_version;
}

int SentimentModel::exampleCount() const
{
    return m_fastText->exampleCount();
}

namespace {

int foldOf(const QString &text, int folds)
{
    const QByteArray digest =
        QCryptographicHash::hash(text.trimmed().toUtf8(), QCryptographicHash::Sha1);
    return int(qFromBigEndian<quint32>(digest.constData()) % quint32(folds));
}

} // namespace

Result<SentimentCrossValidation> crossValidate(const QList<SentimentExample> &examples,
                                               const SentimentOptions &options, int folds)
{
    if (folds < 2)
        return Error{QStringLiteral("invalid_argument"),
                     QStringLiteral("cross-validation needs at least two folds")};
    QList<int> foldOfExample;
    foldOfExample.reserve(examples.size());
    for (const SentimentExample &example : examples)
        foldOfExample.append(foldOf(example.text, folds));
    SentimentCrossValidation cv;
    qsizetype right = 0;
    qsizetype tested = 0;
    QElapsedTimer timer;
    for (int fold = 0; fold < folds; ++fold) {
        QList<SentimentExample> train;
        QList<SentimentExample> test;
        for (qsizetype i = 0; i < examples.size(); ++i)
            (foldOfExample[i] == fold ? test : train).append(examples[i]);
        if (test.isEmpty())
            continue;
        timer.start();
        const auto model = SentimentModel::train(train, options);
        cv.trainSeconds += double(timer.nsecsElapsed()) / 1e9;
        if (!model)
            return Error{model.error().code, QStringLiteral("fold %1 of %2: %3")
                                                 .arg(fold + 1)
                                                 .arg(folds)
                                                 .arg(model.error().message)};
        qsizetype foldRight = 0;
        for (const SentimentExample &example : std::as_const(test))
            foldRight += (*model)->predict(example.text).label == example.label;
        cv.foldAccuracy.append(double(foldRight) / double(test.size()));
        right += foldRight;
        tested += test.size();
    }
    cv.accuracy = tested ? double(right) / double(tested) : 0.0;
    return cv;
}

HybridSentiment::HybridSentiment(std::shared_ptr<const SentimentModel> model,
                                 LexiconSentiment lexicon)
    : m_model(std::move(model))
    , m_lexicon(std::move(lexicon))
{}

SentimentResult HybridSentiment::analyze(const QString &text) const
{
    SentimentResult lexical = m_lexicon.analyze(text);
    if (!m_model)
        return lexical;
    SentimentResult result = m_model->predict(text);
    // The lexicon's words still explain the message to agents, and its escalation cues are a
    // separate signal from polarity: "thanks, but I'm reporting you to 12315" must be flagged.
    result.cues = std::move(lexical.cues);
    result.escalation = lexical.escalation;
    result.escalationCues = std::move(lexical.escalationCues);
    return result;
}

} // namespace tandem
