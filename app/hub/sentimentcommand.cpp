#include "sentimentcommand.h"

#include "cli.h"
#include "sentimentfile.h"
#include "sentimentmodel.h"
#include "store.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>

namespace tandem::cli {

namespace {

const QString kKind = QStringLiteral("sentiment");

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

constexpr int kMaxTaggedExamples = 200000;

int fail(const QString &message)
{
    QTextStream(stderr) << "tandem-hub: " << message << Qt::endl;
    return 1;
}

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString countsText(const QMap<Mood, int> &counts)
{
    QStringList parts;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(moodName(it.key())).arg(it.value()));
    return parts.join(QStringLiteral(", "));
}

QString optionsText(const SentimentOptions &options)
{
    const IntentOptions &o = options.fastText;
    const LinearOptions &l = options.linear;
    QString text = QStringLiteral("fastText: epochs %1, learning rate %2, dim %3, word n-grams "
                                  "%4, Han character n-grams %5-%6, buckets %7, seed %8, 1 thread")
                       .arg(o.epochs)
                       .arg(o.learningRate)
                       .arg(o.dim)
                       .arg(o.wordNgrams)
                       .arg(o.hanNgramMin)
                       .arg(o.hanNgramMax)
                       .arg(o.bucket)
                       .arg(o.seed);
    if (options.linearWeight > 0)
        text += QStringLiteral("; linear model (weight %1): word n-grams 1-%2, character n-grams "
                               "%3-%4, C %5, calibrated on %6 folds")
                    .arg(options.linearWeight)
                    .arg(l.wordNgramMax)
                    .arg(l.charNgramMin)
                    .arg(l.charNgramMax)
                    .arg(l.cost)
                    .arg(l.calibrationFolds);
    return text;
}

int train(Store &db, const QString &path, const sentimentfile::Parsed &parsed, const QString &note,
          int folds)
{
    const SentimentOptions options = SentimentModel::defaultOptions();
    out() << "Read " << parsed.examples.size() << " examples from " << path << ": "
          << countsText(parsed.counts) << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    const auto model = SentimentModel::train(parsed.examples, options);
    if (!model)
        return fail(model.error().message);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    out() << "Trained model " << (*model)->version() << " in " << QString::number(seconds, 'f', 1)
          << " s (" << optionsText(options) << ")" << Qt::endl;

    QJsonObject detail{{QStringLiteral("file"),
                        QFileInfo::exists(path) ? QFileInfo(path).absoluteFilePath() : path},
                       {QStringLiteral("version"), (*model)->version()},
                       {QStringLiteral("examples"), int(parsed.examples.size())},
                       {QStringLiteral("trainSeconds"), seconds}};
    if (folds > 0) {
        const auto cv = crossValidate(parsed.examples, options, folds);
        if (cv) {
            QStringList perFold;
            for (double a : cv->foldAccuracy)
                perFold.append(QString::number(100 * a, 'f', 1));
            out() << "Cross-validated accuracy (" << folds
                  << " folds on this file): " << QString::number(100 * cv->accuracy, 'f', 1)
                  << "% (folds " << perFold.join(u' ') << "; "
                  << QString::number(cv->trainSeconds, 'f', 1) << " s)" << Qt::endl;
            detail.insert(QStringLiteral("cvAccuracy"), cv->accuracy);
        } else {
            // Too few examples of a label for some fold: the model itself is still sound.
            out() << "Cross-validation not possible: " << cv.error().message << Qt::endl;
        }
    }

    const Result<QByteArray> bytes = (*model)->toBytes();
    if (!bytes)
        return fail(bytes.error().message);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // The audit entry commits with the model: a training is never recorded half-way.
    if (Status s = db.begin(); !s.ok())
        return fail(s.error().message);
    auto saved =
        db.saveBotModel(kKind, *bytes, (*model)->version(), (*model)->exampleCount(), note, now);
    Status s = saved.ok() ? Status() : Status(saved.error());
    if (s.ok())
        s = db.audit(QStringLiteral("cli"), QStringLiteral("sentiment.train"), detail, now);
    if (!s.ok()) {
        db.rollback();
        return fail(s.error().message);
    }
    if (Status c = db.commit(); !c.ok())
        return fail(c.error().message);
    out() << "Stored as the active sentiment model (id " << saved->id << ", "
          << QString::number(double(bytes->size()) / (1024 * 1024), 'f', 1)
          << " MB); a hub uses it from its next start." << Qt::endl;
    return 0;
}

int status(Store &db)
{
    const auto models = db.botModels(kKind);
    if (!models)
        return fail(models.error().message);
    const auto active = std::find_if(models->cbegin(), models->cend(),
                                     [](const BotModelInfo &m) { return m.active; });
    if (active == models->cend())
        out() << "No active sentiment model: messages are scored by the built-in lexicon."
              << Qt::endl;
    else
        out() << "Active sentiment model: " << active->version << " (id " << active->id
              << "), trained " << when(active->createdAtMs) << " from " << active->exampleCount
              << " examples" << (active->note.isEmpty() ? QString() : u"; note: " + active->note)
              << Qt::endl
              << "Escalation cues (threats to cancel, complaints to a regulator, abuse) always "
                 "come from the lexicon."
              << Qt::endl;
    if (models->isEmpty())
        return 0;
    out() << Qt::endl
          << QStringLiteral("%1  %2  %3  %4  %5  %6")
                 .arg(QStringLiteral("ID"), -5)
                 .arg(QStringLiteral("VERSION"), -12)
                 .arg(QStringLiteral("TRAINED"), -16)
                 .arg(QStringLiteral("EXAMPLES"), 8)
                 .arg(QStringLiteral("STATE"), -8)
                 .arg(QStringLiteral("NOTE"))
          << Qt::endl;
    for (const BotModelInfo &m : *models)
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(m.id, -5)
                     .arg(m.version, -12)
                     .arg(when(m.createdAtMs), -16)
                     .arg(m.exampleCount, 8)
                     .arg(m.active ? (&m == &*active ? QStringLiteral("active")
                                                     : QStringLiteral("older"))
                                   : QStringLiteral("reset"),
                          -8)
                     .arg(m.note)
              << Qt::endl;
    return 0;
}

int reset(Store &db)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (Status s = db.begin(); !s.ok())
        return fail(s.error().message);
    const auto count = db.deactivateBotModels(kKind);
    Status s = count.ok() ? Status() : Status(count.error());
    if (s.ok())
        s = db.audit(QStringLiteral("cli"), QStringLiteral("sentiment.reset"),
                     {{QStringLiteral("deactivated"), count.value()}}, now);
    if (!s.ok()) {
        db.rollback();
        return fail(s.error().message);
    }
    if (Status c = db.commit(); !c.ok())
        return fail(c.error().message);
    if (count.value() == 0)
        out() << "No trained sentiment model was active; the built-in lexicon is in use."
              << Qt::endl;
    else
        out() << "Reset to the built-in lexicon (" << count.value()
              << " model(s) deactivated, kept for the record); a hub uses it from its next "
                 "start."
              << Qt::endl;
    return 0;
}

} // namespace

int sentimentCommand(const QStringList &args, const QCommandLineOption &databaseOption)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Train, inspect and reset the sentiment model that scores customer messages.\n\n"
        "'sentiment train FILE' trains a model from FILE (fastText and a TF-IDF linear "
        "model, their probabilities averaged) and stores it as the active model. FILE is .csv (RFC "
        "4180) or .tsv (one row per line), UTF-8, with a "
        "header naming a 'text' (or 'text_a') and a 'label' column; labels are negative, "
        "neutral or positive (any case), or 1 (positive), 0 or -1 (negative). A file with "
        "any error is refused with its line and field named, and nothing is stored. It "
        "prints the examples per label, the training time and the accuracy of "
        "cross-validation on the file.\n"
        "'sentiment train --from-tags [FILE]' also learns from the sentiment agents tagged in "
        "the desktop (Ctrl+1/2/3): each tagged customer message (or a tagged conversation's "
        "customer messages) with the agent's label, added to FILE's examples when one is "
        "given.\n"
        "'sentiment status' shows the active model and the earlier ones.\n"
        "'sentiment reset' deactivates the trained models: the built-in lexicon scores "
        "messages again.\n"
        "The hub loads the active model when it starts; escalation cues always come from "
        "the lexicon."));
    parser.addHelpOption();
    parser.addOption(databaseOption);
    parser.addOption({QStringLiteral("note"),
                      QStringLiteral("For 'train': a note kept with the model (e.g. where the "
                                     "data came from)."),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("from-tags"),
                      QStringLiteral("For 'train': add the examples agents tagged in the "
                                     "desktop (then FILE is optional).")});
    parser.addOption({QStringLiteral("folds"),
                      QStringLiteral("For 'train': cross-validation folds (0 skips it)."),
                      QStringLiteral("n"), QStringLiteral("5")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("train, status or reset"));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("for 'train': the .csv or .tsv file"));
    if (!parser.parse(args))
        return fail(parser.errorText() + QStringLiteral(" (see --help)"));
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return 0;
    }
    const QString usage =
        QStringLiteral("usage: tandem-hub sentiment train FILE | sentiment train --from-tags "
                       "[FILE] | sentiment status | sentiment reset (see --help)");
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const bool isTrain = action == QLatin1String("train");
    if (!isTrain && action != QLatin1String("status") && action != QLatin1String("reset"))
        return fail(usage);
    const bool fromTags = isTrain && parser.isSet(QStringLiteral("from-tags"));
    if (!isTrain && parser.isSet(QStringLiteral("from-tags")))
        return fail(usage);
    if (isTrain ? (pos.size() != 2 && !(fromTags && pos.size() == 1)) : pos.size() != 1)
        return fail(usage);
    bool foldsOk = false;
    const int folds = parser.value(QStringLiteral("folds")).toInt(&foldsOk);
    if (!foldsOk || folds < 0 || folds == 1 || folds > 20)
        return fail(QStringLiteral("--folds wants 0 (no cross-validation) or 2 to 20"));

    // A bad file is reported before the database is even opened.
    std::optional<sentimentfile::Parsed> parsed;
    if (isTrain && pos.size() == 2) {
        auto file = sentimentfile::readFile(pos.at(1));
        if (!file)
            return fail(file.error().message);
        parsed = std::move(file).value();
    }

    auto store = openStore(parser);
    if (!store.ok())
        return fail(store.error().message);
    Store &db = *store.value();
    if (isTrain) {
        QString source = pos.value(1);
        if (!parsed)
            parsed = sentimentfile::Parsed{};
        if (fromTags) {
            auto tagged = db.sentimentExamples(kMaxTaggedExamples);
            if (!tagged.ok())
                return fail(tagged.error().message);
            if (tagged->isEmpty() && parsed->examples.isEmpty())
                return fail(QStringLiteral("no tagged messages yet: agents tag sentiment in "
                                           "the desktop with Ctrl+1, Ctrl+2 and Ctrl+3"));
            for (const SentimentExample &e : std::as_const(tagged.value())) {
                parsed->examples.append(e);
                ++parsed->counts[e.label];
            }
            out() << "Added " << tagged->size() << " examples tagged by agents" << Qt::endl;
            source = source.isEmpty() ? QStringLiteral("agents' tags")
                                      : source + QStringLiteral(" and agents' tags");
        }
        return train(db, source, *parsed, parser.value(QStringLiteral("note")), folds);
    }
    if (action == QLatin1String("status"))
        return status(db);
    return reset(db);
}

} // namespace tandem::cli
