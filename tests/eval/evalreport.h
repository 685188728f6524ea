#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace tandem::eval {

/// One measured figure: Tandem's value next to the single-method baselines it is built from.
/// A baseline that does not apply (or is not implemented yet) is std::nullopt.
struct EvalRow
{
    QString dataset;
    QString metric; // names carry their unit: "accuracy (%)", "throughput (rows/s)"
    std::optional<double> tandem;
    std::optional<double> fasttextOnly;
    std::optional<double> bm25Only;
    QString note;
};

/// What one dataset family produced: its rows, how many texts it ran, and whether every file
/// was there and well-formed (a missing file gives a row with note "missing: PATH").
struct EvalOutcome
{
    QList<EvalRow> rows;
    qsizetype textsEvaluated = 0;
    bool complete = true;
};

/// The row reported in place of figures for a dataset whose file is missing or malformed; also
/// prints the reason to stderr and marks `outcome` incomplete.
void reportDatasetError(EvalOutcome &outcome, const QString &dataset, const QString &code,
                        const QString &message);

/// An aligned plain-text table: dataset | metric | tandem | fastText alone | FTS5 BM25 alone |
/// note.
QString formatTable(const QList<EvalRow> &rows);

/// A JSON array of objects with keys dataset, metric, tandem, fasttext_only, bm25_only, note;
/// absent values are null.
QByteArray toJson(const QList<EvalRow> &rows);

} // namespace tandem::eval
