#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tandem::eval {

/// One labelled text; `label` indexes LabelledSet::classes.
struct LabelledText
{
    QString text;
    int label = 0;
};

/// A labelled evaluation file as read from ../shared/datasets.
struct LabelledSet
{
    QString name; // "<folder>/<file stem>", as printed in reports
    QString path;
    QStringList classes;
    QList<LabelledText> items;
};

// Class order shared by every sentiment set: binary sets use the first and last entries only.
inline constexpr int kNegative = 0;
inline constexpr int kNeutral = 1;
inline constexpr int kPositive = 2;

/// The three sentiment classes in label order: negative, neutral, positive.
QStringList sentimentClasses();

// Readers, one per dataset family and file layout. Each fails with code "missing" (message = the
// path) when the file is absent, and with a message naming file and line for malformed content.

/// chnsenticorp/<file>.tsv (train, dev, dev_dedup): `label<TAB>text_a`, 0 = negative, 1 = positive.
Result<LabelledSet> readChnSentiCorp(const QString &datasetsDir, const QString &fileStem);
/// waimai_10k/dev.csv: `label,review`, 0 = negative, 1 = positive.
Result<LabelledSet> readWaimai10k(const QString &datasetsDir);
/// uci_sentiment_sentences/<part>_dev.tsv (part "amazon_cells" or "yelp"): `sentence<TAB>label`.
Result<LabelledSet> readUciSentences(const QString &datasetsDir, const QString &part);
/// airline_tweets/dev.csv: `airline_sentiment` negative / neutral / positive, text in `text`.
Result<LabelledSet> readAirlineTweets(const QString &datasetsDir);

} // namespace tandem::eval
