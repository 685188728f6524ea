#include "intentmodel.h"

#include "textanalysis.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryFile>
#include <QUrl>

// fastText lives under /usr/include, so GCC treats it as a system header and its warnings stay
// out of our -Werror build. Only this file includes it.
#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <istream>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tandem {

/// fastText with its file signature check made reachable: loadModel(istream) neither checks the
/// magic number nor sets the format version it then consults.
class IntentFastText : public fasttext::FastText
{
public:
    bool readSignature(std::istream &in) { return checkModel(in); }
};

namespace {

Q_LOGGING_CATEGORY(lcIntent, "tandem.bot.intent", QtInfoMsg)

constexpr std::string_view kLabelPrefix = "__label__"; // fastText's default -label
constexpr char kMagicLine[] = "tandem-intent-model 1\n";
constexpr qsizetype kMaxHeaderLine = 64 * 1024;
constexpr int kMaxHanNgram = 5;
const QString kHanNgramsKey = QStringLiteral("hanNgrams");

Error fail(const char *code, QString message)
{
    return Error{QString::fromLatin1(code), std::move(message)};
}

/// A read-only stream buffer over bytes we already hold, so a 50 MB model is not copied again.
class MemoryBuffer : public std::streambuf
{
public:
    explicit MemoryBuffer(QByteArrayView bytes)
    {
        char *begin = const_cast<char *>(bytes.data()); // never written: no overflow/putback
        setg(begin, begin, begin + bytes.size());
    }
    std::streamsize remaining() const { return egptr() - gptr(); }
};

// fastText splits tokens at ASCII whitespace, so labels are percent-encoded (dotted lower-case
// intents come through unchanged; anything else survives the round trip).
std::string encodeLabel(const QString &label)
{
    return std::string(kLabelPrefix) + QUrl::toPercentEncoding(label).toStdString();
}

std::optional<QString> decodeLabel(const std::string &token)
{
    if (!token.starts_with(kLabelPrefix) || token.size() == kLabelPrefix.size())
        return std::nullopt;
    return QUrl::fromPercentEncoding(QByteArray::fromStdString(token.substr(kLabelPrefix.size())));
}

bool validHanNgrams(int min, int max)
{
    return min >= 1 && max <= kMaxHanNgram && min <= max;
}

Status validate(const IntentOptions &o)
{
    auto bad = [](const char *what) {
        return Status(
            fail("intent.options",
                 QStringLiteral("Invalid intent training option: %1").arg(QLatin1String(what))));
    };
    if (o.epochs < 1)
        return bad("epochs must be at least 1");
    if (!(o.learningRate > 0) || !std::isfinite(o.learningRate))
        return bad("learningRate must be positive");
    if (o.wordNgrams < 1)
        return bad("wordNgrams must be at least 1");
    if (o.dim < 1)
        return bad("dim must be at least 1");
    if (o.minCount < 1)
        return bad("minCount must be at least 1");
    // fastText hashes word n-grams modulo bucket: zero buckets would divide by zero.
    if (o.bucket < 0 || (o.wordNgrams > 1 && o.bucket == 0))
        return bad("bucket must be positive when wordNgrams > 1");
    if (o.threads < 1)
        return bad("threads must be at least 1");
    if (o.subwordMin < 0 || o.subwordMax < o.subwordMin || (o.subwordMax > 0 && o.subwordMin < 1) ||
        (o.subwordMax > 0 && o.bucket == 0))
        return bad("subwordMin and subwordMax must be 0, 0 or 1 <= min <= max with buckets");
    if (o.charNgramsForHan && !validHanNgrams(o.hanNgramMin, o.hanNgramMax))
        return bad("hanNgramMin and hanNgramMax must be 1 to 5, min <= max");
    return {};
}

QByteArray headerFor(const IntentOptions &o)
{
    QJsonObject meta{{QStringLiteral("charNgramsForHan"), o.charNgramsForHan}};
    // Only a range other than the original bigrams is written, so files (and their versions)
    // made with the defaults stay byte-identical to those of earlier builds.
    if (o.charNgramsForHan && (o.hanNgramMin != 2 || o.hanNgramMax != 2))
        meta.insert(kHanNgramsKey, QJsonArray{o.hanNgramMin, o.hanNgramMax});
    return QByteArray(kMagicLine) + QJsonDocument(meta).toJson(QJsonDocument::Compact) + '\n';
}

Result<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail("intent.io",
                    QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail("intent.io",
                    QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    return bytes;
}

} // namespace

QString intentInputText(const QString &text, bool charNgramsForHan)
{
    return charNgramsForHan ? intentInputText(text, 2, 2) : intentInputText(text, 0, 0);
}

QString intentInputText(const QString &text, int hanNgramMin, int hanNgramMax)
{
    return intentInputText(TextAnalyzer::instance().analyze(text), hanNgramMin, hanNgramMax);
}

QString intentInputText(const AnalyzedText &analyzed, int hanNgramMin, int hanNgramMax)
{
    // A message of nothing but stop words ("hi", "hello", "你好") is what a greeting looks like,
    // so such a message keeps them rather than reaching fastText empty.
    QStringList features = analyzed.tokens.isEmpty() ? analyzed.allTokens : analyzed.tokens;
    // Han bigrams catch words the segmenter splits differently in a paraphrase (到哪 / 到 哪).
    for (int n = std::max(hanNgramMin, 1); hanNgramMin > 0 && n <= hanNgramMax; ++n)
        features += analyzed.charNgrams(n);
    QStringList safe;
    safe.reserve(features.size());
    for (QString feature : std::as_const(features)) {
        // Customer text must not end fastText's line early ("</s>") or smuggle in a label.
        for (QChar &c : feature) {
            if (c.isSpace() || c.isNull())
                c = u'_';
        }
        if (feature.isEmpty() || feature == u"</s>")
            continue;
        if (feature.startsWith(QLatin1String(kLabelPrefix.data(), kLabelPrefix.size())))
            feature.prepend(u'_');
        safe.append(feature);
    }
    return safe.join(u' ');
}

IntentModel::IntentModel() = default;
IntentModel::~IntentModel() = default;

Result<std::shared_ptr<const IntentModel>>
IntentModel::train(const QList<TrainingExample> &examples, const IntentOptions &options)
{
    if (const Status valid = validate(options); !valid)
        return valid.error();
    if (examples.isEmpty())
        return fail("intent.no-examples", QStringLiteral("No training examples were given"));

    QTemporaryFile input;
    if (!input.open())
        return fail(
            "intent.io",
            QStringLiteral("Cannot create a temporary training file: %1").arg(input.errorString()));
    QSet<QString> labels;
    for (qsizetype i = 0; i < examples.size(); ++i) {
        const TrainingExample &example = examples.at(i);
        if (example.label.isEmpty())
            return fail("intent.no-label",
                        QStringLiteral("Training example %1 has no intent").arg(i));
        const QString line =
            options.charNgramsForHan
                ? intentInputText(example.text, options.hanNgramMin, options.hanNgramMax)
                : intentInputText(example.text, 0, 0);
        if (line.isEmpty()) {
            // Nothing to learn from but the label's frequency; skipping keeps the prior honest.
            qCDebug(lcIntent) << "skipping training example without tokens:" << example.text;
            continue;
        }
        input.write(encodeLabel(example.label).c_str());
        input.write(" " + line.toUtf8() + "\n");
        labels.insert(example.label);
    }
    if (!input.flush() || input.error() != QFileDevice::NoError)
        return fail("intent.io", QStringLiteral("Cannot write the temporary training file: %1")
                                     .arg(input.errorString()));
    if (labels.size() < 2)
        return fail("intent.too-few-labels",
                    QStringLiteral("Training needs examples of at least two intents; got %1")
                        .arg(labels.size()));

    QTemporaryFile output;
    if (!output.open())
        return fail(
            "intent.io",
            QStringLiteral("Cannot create a temporary model file: %1").arg(output.errorString()));
    output.close(); // fastText writes it through its own stream; the name stays reserved

    fasttext::Args args;
    args.input = QFile::encodeName(input.fileName()).toStdString();
    args.model = fasttext::model_name::sup;
    args.loss = fasttext::loss_name::softmax;
    args.epoch = options.epochs;
    args.lr = options.learningRate;
    args.wordNgrams = options.wordNgrams;
    args.dim = options.dim;
    args.minCount = options.minCount;
    args.minCountLabel = 0;
    args.bucket = options.bucket;
    args.seed = options.seed;
    args.thread = options.threads;
    // Subword n-grams are off by default, as for fastText's own supervised default: Han runs get
    // explicit n-grams, and English tokens are already stemmed. fastText stores minn/maxn in the
    // model, so prediction repeats them without a header field.
    args.minn = options.subwordMin;
    args.maxn = options.subwordMax;
    args.verbose = 0;
    try {
        IntentFastText trainer;
        trainer.train(args);
        trainer.saveModel(QFile::encodeName(output.fileName()).toStdString());
    } catch (const std::exception &e) {
        return fail(
            "intent.training-failed",
            QStringLiteral("fastText training failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }

    const Result<QByteArray> bytes = readAll(output.fileName());
    if (!bytes)
        return bytes.error();
    // Predictions always come from a model read back from its file bytes, so a trained model
    // and the same model loaded later behave identically.
    return fromParts(headerFor(options), *bytes);
}

Result<std::shared_ptr<const IntentModel>> IntentModel::load(const QString &path)
{
    const Result<QByteArray> file = readAll(path);
    if (!file)
        return file.error();
    return fromBytes(*file, path);
}

Result<std::shared_ptr<const IntentModel>> IntentModel::fromBytes(const QByteArray &bytes,
                                                                  const QString &where)
{
    const QByteArrayView magic(kMagicLine);
    const qsizetype metaEnd = bytes.indexOf('\n', magic.size());
    if (!bytes.startsWith(magic) || metaEnd < 0 || metaEnd > kMaxHeaderLine)
        return fail("intent.bad-model",
                    QStringLiteral("%1 is not a Tandem intent model").arg(where));
    const QByteArray header = bytes.first(metaEnd + 1);
    return fromParts(header, QByteArrayView(bytes).sliced(metaEnd + 1), where);
}

Result<std::shared_ptr<const IntentModel>>
IntentModel::fromParts(const QByteArray &header, QByteArrayView fastTextBytes, const QString &where)
{
    const QString name = where.isEmpty() ? QStringLiteral("the trained model") : where;
    QJsonParseError jsonError;
    const QJsonDocument meta =
        QJsonDocument::fromJson(header.sliced(qstrlen(kMagicLine)).trimmed(), &jsonError);
    const QJsonValue charNgrams = meta.object().value(QStringLiteral("charNgramsForHan"));
    // Absent in files from before the range existed: those used bigrams.
    const QJsonValue rangeValue = meta.object().value(kHanNgramsKey);
    const QJsonArray range = rangeValue.isUndefined() ? QJsonArray{2, 2} : rangeValue.toArray();
    const int hanMin = range.at(0).toInt(-1);
    const int hanMax = range.at(1).toInt(-1);
    if (jsonError.error != QJsonParseError::NoError || !charNgrams.isBool() || range.size() != 2 ||
        !validHanNgrams(hanMin, hanMax))
        return fail("intent.bad-model",
                    QStringLiteral("%1 has an unreadable Tandem header").arg(name));

    std::shared_ptr<IntentModel> model(new IntentModel);
    model->m_header = header;
    model->m_hanNgramMin = charNgrams.toBool() ? hanMin : 0;
    model->m_hanNgramMax = charNgrams.toBool() ? hanMax : 0;
    model->m_fastText = std::make_unique<IntentFastText>();

    MemoryBuffer buffer(fastTextBytes);
    std::istream in(&buffer);
    // fastText reads without checking the stream: a truncated file would loop forever in the
    // dictionary. With exceptions on, the first short read throws instead.
    in.exceptions(std::ios::failbit | std::ios::badbit | std::ios::eofbit);
    try {
        if (!model->m_fastText->readSignature(in))
            return fail(
                "intent.bad-model",
                QStringLiteral("%1 holds no fastText model of format version 12").arg(name));
        model->m_fastText->loadModel(in);
    } catch (const std::exception &e) {
        return fail("intent.bad-model", QStringLiteral("%1 is damaged or truncated: %2")
                                            .arg(name, QString::fromLocal8Bit(e.what())));
    }
    if (buffer.remaining() != 0)
        return fail("intent.bad-model",
                    QStringLiteral("%1 has trailing bytes after the model").arg(name));

    const fasttext::FastText &ft = *model->m_fastText;
    if (ft.getArgs().model != fasttext::model_name::sup)
        return fail("intent.bad-model",
                    QStringLiteral("%1 is not a supervised fastText model").arg(name));
    const std::shared_ptr<const fasttext::Dictionary> dict = ft.getDictionary();
    for (int32_t i = 0; i < dict->nlabels(); ++i) {
        const std::optional<QString> label = decodeLabel(dict->getLabel(i));
        if (!label)
            return fail("intent.bad-model",
                        QStringLiteral("%1 has a label without the __label__ prefix").arg(name));
        model->m_labels.append(*label);
    }
    if (model->m_labels.size() < 2)
        return fail("intent.bad-model",
                    QStringLiteral("%1 knows fewer than two intents").arg(name));
    model->m_labels.sort();
    for (const int64_t count : dict->getCounts(fasttext::entry_type::label))
        model->m_exampleCount += int(count); // each training line carries exactly one label

    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(header);
    sha.addData(fastTextBytes);
    model->m_version = QString::fromLatin1(sha.result().toHex().left(12));
    return std::shared_ptr<const IntentModel>(std::move(model));
}

Result<QByteArray> IntentModel::toBytes() const
{
    QTemporaryFile scratch;
    if (!scratch.open())
        return fail(
            "intent.io",
            QStringLiteral("Cannot create a temporary model file: %1").arg(scratch.errorString()));
    scratch.close();
    try {
        m_fastText->saveModel(QFile::encodeName(scratch.fileName()).toStdString());
    } catch (const std::exception &e) {
        return fail("intent.io", QStringLiteral("Cannot save the intent model: %1")
                                     .arg(QString::fromLocal8Bit(e.what())));
    }
    const Result<QByteArray> body = readAll(scratch.fileName());
    if (!body)
        return body.error();
    QByteArray bytes = m_header + *body;
    // fastText never checks its writes; a short file (full disk) shows up as another hash.
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    if (QString::fromLatin1(sha.toHex().left(12)) != m_version)
        return fail("intent.io",
                    QStringLiteral("Saving the intent model produced different bytes; is the "
                                   "disk full?"));
    return bytes;
}

Status IntentModel::save(const QString &path) const
{
    const Result<QByteArray> bytes = toBytes();
    if (!bytes)
        return bytes.error();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(*bytes) != bytes->size() || !out.commit())
        return fail("intent.io",
                    QStringLiteral("Cannot write %1: %2").arg(path, out.errorString()));
    return {};
}

QList<IntentPrediction> IntentModel::predict(const QString &text, int k) const
{
    return predict(TextAnalyzer::instance().analyze(text), k);
}

QList<IntentPrediction> IntentModel::predict(const AnalyzedText &analyzed, int k) const
{
    // The newline gives fastText the end-of-line token it saw in training, so even an empty
    // text gets a (prior-like) distribution instead of nothing.
    std::istringstream in(intentInputText(analyzed, m_hanNgramMin, m_hanNgramMax).toStdString() +
                          '\n');
    std::vector<std::pair<fasttext::real, std::string>> raw;
    try {
        m_fastText->predictLine(in, raw, fasttext::Model::kUnlimitedPredictions, 0.0);
    } catch (const std::exception &e) {
        qCWarning(lcIntent) << "fastText prediction failed:" << e.what();
        return {};
    }

    // fastText returns exp(log(p + 1e-5)); renormalising makes the list a distribution again.
    double sum = 0;
    for (const auto &[probability, label] : raw)
        sum += probability;
    QList<IntentPrediction> predictions;
    predictions.reserve(qsizetype(raw.size()));
    for (const auto &[probability, label] : raw) {
        if (const std::optional<QString> intent = decodeLabel(label))
            predictions.append({*intent, sum > 0 ? probability / sum : 0.0});
    }
    std::sort(predictions.begin(), predictions.end(), [](const auto &a, const auto &b) {
        return a.probability != b.probability ? a.probability > b.probability : a.intent < b.intent;
    });
    if (k >= 1 && k < predictions.size())
        predictions.resize(k);
    return predictions;
}

QStringList IntentModel::labels() const
{
    return m_labels;
}

QString IntentModel::version() const
{
    return m_version;
}

int IntentModel::exampleCount() const
{
    return m_exampleCount;
}

} // namespace tandem
