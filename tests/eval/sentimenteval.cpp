#include "sentimenteval.h"

#include "datasets.h"
#include "metrics.h"
#include "sentiment.h"
#include "sentimentmodel.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QtEndian>

#include <optional>

namespace tandem::eval {

namespace {

const QString &lexiconNote()
{
    static const QString note =
        QStringLiteral("lexicon only; trained model in the \"trained model\" rows");
    return note;
}

int classOf(SentimentLabel label)
{
    switch (label) {
    case SentimentLabel::Negative:
        return kNegative;
    case SentimentLabel::Neutral:
        return kNeutral;
    case SentimentLabel::Positive:
        return kPositive;
    }
    return kNeutral;
}

struct Run
{
    ConfusionMatrix matrix{3};
    qsizetype predictedNeutral = 0;
    double seconds = 0;
};

// Binary rule: the product raises "unhappy customer" on the Negative label, so a text counts as
// negative exactly when the lexicon labels it Negative; Neutral and Positive both count as "not
// negative" (= the datasets' positive class). The share predicted Neutral is reported next to it
// because those texts can only ever be right when the gold label is positive.
Run runLexicon(const LabelledSet &set, bool binary)
{
    const LexiconSentiment &lexicon = LexiconSentiment::instance();
    Run run;
    QElapsedTimer timer;
    timer.start();
    for (const LabelledText &item : set.items) {
        const int predicted = classOf(lexicon.analyze(item.text).label);
        run.predictedNeutral += predicted == kNeutral;
        run.matrix.add(item.label, binary && predicted != kNegative ? kPositive : predicted);
    }
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    return run;
}

EvalRow row(const QString &dataset, const QString &metric, double value, const QString &note)
{
    return {dataset, metric, value, std::nullopt, std::nullopt, note};
}

double percent(qsizetype part, qsizetype whole)
{
    return whole == 0 ? 0.0 : 100.0 * double(part) / double(whole);
}

void appendCommonRows(EvalOutcome &outcome, const LabelledSet &set, const Run &run)
{
    const qsizetype n = run.matrix.total();
    outcome.rows.append(row(set.name, QStringLiteral("predicted neutral (%)"),
                            percent(run.predictedNeutral, n),
                            QStringLiteral("gold neutral %1%")
                                .arg(percent(run.matrix.goldCount(kNeutral), n), 0, 'f', 1)));
    outcome.rows.append(row(set.name, QStringLiteral("throughput (rows/s)"),
                            run.seconds > 0 ? double(n) / run.seconds : 0.0,
                            QStringLiteral("%1 rows in %2 s, analyze() only, 1 thread")
                                .arg(n)
                                .arg(run.seconds, 0, 'f', 3)));
    outcome.textsEvaluated += n;
}

void evalBinary(EvalOutcome &outcome, const Result<LabelledSet> &set, const QString &name,
                const QString &extraNote = {})
{
    if (!set) {
        reportDatasetError(outcome, name, set.error().code, set.error().message);
        return;
    }
    const Run run = runLexicon(*set, true);
    const qsizetype n = run.matrix.total();
    QString note =
        lexiconNote() + QStringLiteral("; n=%1 (neg %2 / pos %3); Negative label vs not-negative")
                            .arg(n)
                            .arg(run.matrix.goldCount(kNegative))
                            .arg(run.matrix.goldCount(kPositive));
    if (!extraNote.isEmpty())
        note += QStringLiteral("; ") + extraNote;
    outcome.rows.append(
        row(set->name, QStringLiteral("accuracy (%)"), 100 * run.matrix.accuracy(), note));
    outcome.rows.append(
        row(set->name, QStringLiteral("negative F1 (%)"), 100 * run.matrix.f1(kNegative),
            lexiconNote() + QStringLiteral("; negative = unhappy customer; P %1% R %2%")
                                .arg(100 * run.matrix.precision(kNegative), 0, 'f', 1)
                                .arg(100 * run.matrix.recall(kNegative), 0, 'f', 1)));
    appendCommonRows(outcome, *set, run);
}

void evalThreeClass(EvalOutcome &outcome, const Result<LabelledSet> &set, const QString &name)
{
    if (!set) {
        reportDatasetError(outcome, name, set.error().code, set.error().message);
        return;
    }
    const Run run = runLexicon(*set, false);
    const qsizetype n = run.matrix.total();
    outcome.rows.append(
        row(set->name, QStringLiteral("macro-F1 (%)"),
            100 * run.matrix.macroF1({kNegative, kNeutral, kPositive}),
            lexiconNote() + QStringLiteral("; n=%1 (neg %2 / neu %3 / pos %4); 3 classes")
                                .arg(n)
                                .arg(run.matrix.goldCount(kNegative))
                                .arg(run.matrix.goldCount(kNeutral))
                                .arg(run.matrix.goldCount(kPositive))));
    outcome.rows.append(
        row(set->name, QStringLiteral("accuracy (%)"), 100 * run.matrix.accuracy(), lexiconNote()));
    outcome.rows.append(
        row(set->name, QStringLiteral("negative F1 (%)"), 100 * run.matrix.f1(kNegative),
            lexiconNote() + QStringLiteral("; negative = unhappy customer; P %1% R %2%")
                                .arg(100 * run.matrix.precision(kNegative), 0, 'f', 1)
                                .arg(100 * run.matrix.recall(kNegative), 0, 'f', 1)));
    appendCommonRows(outcome, *set, run);
}

// --- Trained model -------------------------------------------------------------------------------
// SentimentModel::defaultOptions() (fastText and a TF-IDF linear model, probabilities averaged):
// what `tandem-hub sentiment train` uses, chosen by 5-fold
// cross-validation on ChnSentiCorp's train.tsv only; nothing is chosen on the rows measured here.

constexpr int kFolds = 5;

SentimentLabel labelOfClass(int cls)
{
    return cls == kNegative   ? SentimentLabel::Negative
           : cls == kPositive ? SentimentLabel::Positive
                              : SentimentLabel::Neutral;
}

// Fold from the SHA-1 of the UTF-8 text, not qHash (seeded per process, CPU-dependent): the same
// text always lands in the same fold on every machine, and duplicates never straddle folds.
int foldOf(const QString &text)
{
    const QByteArray digest =
        QCryptographicHash::hash(text.trimmed().toUtf8(), QCryptographicHash::Sha1);
    return int(qFromBigEndian<quint32>(digest.constData()) % kFolds);
}

struct TrainedRun
{
    std::optional<ConfusionMatrix> matrix;
    QString error;
    double trainSeconds = 0;
};

TrainedRun runTrained(const QList<LabelledText> &train, const QList<LabelledText> &test,
                      bool binary)
{
    TrainedRun run;
    QList<SentimentExample> examples;
    examples.reserve(train.size());
    for (const LabelledText &item : train)
        examples.append({item.text, labelOfClass(item.label)});
    QElapsedTimer timer;
    timer.start();
    const auto model = SentimentModel::train(examples, SentimentModel::defaultOptions());
    run.trainSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!model) {
        run.error = model.error().message;
        return run;
    }
    ConfusionMatrix matrix(3);
    for (const LabelledText &item : test) {
        const int predicted = classOf((*model)->predict(item.text).label);
        matrix.add(item.label, binary && predicted != kNegative ? kPositive : predicted);
    }
    run.matrix = matrix;
    return run;
}

double trainedMetric(const ConfusionMatrix &matrix, bool binary)
{
    return 100 * (binary ? matrix.accuracy() : matrix.macroF1({kNegative, kNeutral, kPositive}));
}

QString trainedMetricName(bool binary)
{
    return binary ? QStringLiteral("accuracy, trained model (%)")
                  : QStringLiteral("macro-F1, trained model (%)");
}

void reportTrainingError(EvalOutcome &outcome, const QString &dataset, const QString &message)
{
    reportDatasetError(outcome, dataset, QStringLiteral("training"), message);
}

// Official split: train on train.tsv, measure on another file.
void evalTrainedSplit(EvalOutcome &outcome, const Result<LabelledSet> &train,
                      const Result<LabelledSet> &test, const QString &name, const QString &note)
{
    for (const Result<LabelledSet> *set : {&train, &test}) {
        if (!*set) {
            reportDatasetError(outcome, name, set->error().code, set->error().message);
            return;
        }
    }
    const TrainedRun run = runTrained(train->items, test->items, true);
    if (!run.matrix) {
        reportTrainingError(outcome, test->name, run.error);
        return;
    }
    outcome.rows.append(
        row(test->name, trainedMetricName(true), trainedMetric(*run.matrix, true),
            QStringLiteral("trained on %1 (%2 rows, %3 s), SentimentModel::defaultOptions(); n=%4; "
                           "negative F1 %5%; %6")
                .arg(train->name)
                .arg(train->items.size())
                .arg(run.trainSeconds, 0, 'f', 1)
                .arg(run.matrix->total())
                .arg(100 * run.matrix->f1(kNegative), 0, 'f', 1)
                .arg(note)));
    outcome.textsEvaluated += run.matrix->total();
}

// No training split ships: 5-fold cross-validation over the file, folds by text hash; the row is
// the mean over folds of the per-fold metric.
void evalTrainedFolds(EvalOutcome &outcome, const Result<LabelledSet> &set, const QString &name,
                      bool binary)
{
    if (!set) {
        reportDatasetError(outcome, name, set.error().code, set.error().message);
        return;
    }
    QList<int> folds;
    folds.reserve(set->items.size());
    for (const LabelledText &item : set->items)
        folds.append(foldOf(item.text));
    QList<double> values;
    QStringList perFold;
    double seconds = 0;
    for (int fold = 0; fold < kFolds; ++fold) {
        QList<LabelledText> train;
        QList<LabelledText> test;
        for (qsizetype i = 0; i < set->items.size(); ++i)
            (folds[i] == fold ? test : train).append(set->items[i]);
        const TrainedRun run = runTrained(train, test, binary);
        if (!run.matrix) {
            reportTrainingError(outcome, set->name, run.error);
            return;
        }
        const double value = trainedMetric(*run.matrix, binary);
        values.append(value);
        perFold.append(QStringLiteral("%1 (n=%2)").arg(value, 0, 'f', 1).arg(run.matrix->total()));
        seconds += run.trainSeconds;
        outcome.textsEvaluated += run.matrix->total();
    }
    double mean = 0;
    for (double value : std::as_const(values))
        mean += value / double(values.size());
    outcome.rows.append(
        row(set->name, trainedMetricName(binary), mean,
            QStringLiteral("mean of %1-fold CV (fold = SHA-1(text) mod %1), "
                           "SentimentModel::defaultOptions(); folds %2; training %3 s in all")
                .arg(kFolds)
                .arg(perFold.join(QStringLiteral(", ")))
                .arg(seconds, 0, 'f', 1)));
}

} // namespace

EvalOutcome evalSentiment(const QString &datasetsDir)
{
    EvalOutcome outcome;
    evalBinary(outcome, readChnSentiCorp(datasetsDir, QStringLiteral("dev_dedup")),
               QStringLiteral("chnsenticorp/dev_dedup"),
               QStringLiteral("dev rows whose text is not in train"));
    // The lexicon never trains, so train.tsv is simply a larger untouched sample for it.
    evalBinary(outcome, readChnSentiCorp(datasetsDir, QStringLiteral("train")),
               QStringLiteral("chnsenticorp/train"),
               QStringLiteral("lexicon is untrained, so train is just a larger sample"));
    evalBinary(outcome, readWaimai10k(datasetsDir), QStringLiteral("waimai_10k/dev"),
               QStringLiteral("single pass over all of dev (5-fold applies to the trained model)"));
    evalBinary(outcome, readUciSentences(datasetsDir, QStringLiteral("amazon_cells")),
               QStringLiteral("uci_sentiment_sentences/amazon_cells_dev"));
    evalBinary(outcome, readUciSentences(datasetsDir, QStringLiteral("yelp")),
               QStringLiteral("uci_sentiment_sentences/yelp_dev"));
    evalThreeClass(outcome, readAirlineTweets(datasetsDir), QStringLiteral("airline_tweets/dev"));

    // Trained model: trained only on a training split or the training folds, never on the rows
    // it is measured on.
    evalTrainedSplit(outcome, readChnSentiCorp(datasetsDir, QStringLiteral("train")),
                     readChnSentiCorp(datasetsDir, QStringLiteral("dev_dedup")),
                     QStringLiteral("chnsenticorp/dev_dedup"),
                     QStringLiteral("dev rows whose text is not in train"));
    evalTrainedFolds(outcome, readWaimai10k(datasetsDir), QStringLiteral("waimai_10k/dev"), true);
    evalTrainedFolds(outcome, readUciSentences(datasetsDir, QStringLiteral("amazon_cells")),
                     QStringLiteral("uci_sentiment_sentences/amazon_cells_dev"), true);
    evalTrainedFolds(outcome, readUciSentences(datasetsDir, QStringLiteral("yelp")),
                     QStringLiteral("uci_sentiment_sentences/yelp_dev"), true);
    evalTrainedFolds(outcome, readAirlineTweets(datasetsDir), QStringLiteral("airline_tweets/dev"),
                     false);
    return outcome;
}

} // namespace tandem::eval
