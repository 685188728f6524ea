#include "sentimenteval.h"

#include "datasets.h"
#include "metrics.h"
#include "sentiment.h"

#include <QElapsedTimer>

#include <optional>

namespace tandem::eval {

namespace {

const QString &lexiconNote()
{
    static const QString note =
        QStringLiteral("lexicon only; trained model comes with sentiment training");
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
    return outcome;
}

} // namespace tandem::eval
