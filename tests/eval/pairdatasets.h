#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tandem::eval {

/// Two customer questions and whether they mean the same.
struct SentencePair
{
    QString first;
    QString second;
    bool same = false;
};

struct PairSet
{
    QString name; // "<folder>/<file stem>", as printed in reports
    QString path;
    QList<SentencePair> pairs;
};

/// One response-selection context: the dialogue so far (oldest first, alternating customer and
/// agent, the last turn the customer's) and its candidate replies, exactly one of them true.
struct ReplyContext
{
    QStringList turns;
    QStringList candidates;
    int trueCandidate = -1;
};

struct ReplySet
{
    QString name;
    QString path;
    QList<ReplyContext> contexts;
};

// Readers for the matching and replies families. Each fails with code "missing" (message = the
// path) when the file is absent, and "format" naming file and line for malformed content.

/// afqmc/dev.jsonl: JSON lines {"sentence1", "sentence2", "label": "0"|"1", "idx"}.
Result<PairSet> readAfqmc(const QString &datasetsDir);
/// atec/dev.tsv: `id<TAB>sentence1<TAB>sentence2<TAB>label`, no quoting.
Result<PairSet> readAtec(const QString &datasetsDir);
/// ecd_sample/<file> (test_dev.txt): `label<TAB>turn…<TAB>candidate` per line, the lines of one
/// context consecutive. The corpus is word-segmented with spaces; the spaces between two Han
/// characters are removed again (customers do not type them; Tandem segments by itself).
Result<ReplySet> readEcd(const QString &datasetsDir, const QString &file);

/// `text` without the spaces that separate two Han characters.
QString joinHanWords(const QString &text);

} // namespace tandem::eval
