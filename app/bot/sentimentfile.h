#pragma once

#include "assist.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace tandem::sentimentfile {

/// Labelled messages for training the sentiment model, read from a CSV (RFC 4180) or TSV (one
/// record per line, no quoting) file in UTF-8 whose header has a `text` (or `text_a`) and a
/// `label` column; other columns are ignored. Labels: negative, neutral, positive (any case), or
/// 1 / 0 / -1 for positive / negative / negative. The whole file is checked before anything is
/// returned: an error names the line and the field, and no examples come back with it.
struct Parsed
{
    QList<SentimentExample> examples;
    QMap<Mood, int> counts; // examples per label
};

enum class Format
{
    Csv,
    Tsv
};

/// From the file name's extension, .csv or .tsv (any case).
Result<Format> formatForPath(const QString &path);
Result<Parsed> parse(const QByteArray &data, Format format);
/// Reads and parses a file; errors start with the file name.
Result<Parsed> readFile(const QString &path);

/// "negative", "neutral", "positive", or nullopt for anything else.
std::optional<Mood> labelFromText(const QString &text);

} // namespace tandem::sentimentfile
