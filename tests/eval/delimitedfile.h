#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace tandem::eval {

/// A CSV or TSV file split into a header and records, with the line each record starts on.
struct DelimitedFile
{
    QString path;
    QStringList header;
    QList<QStringList> records;
    QList<qsizetype> lines; // 1-based line of each record, for error messages

    /// Index of `name` in the header, or -1.
    qsizetype column(const QString &name) const { return header.indexOf(name); }
};

/// How '"' is treated.
enum class Quoting
{
    /// RFC 4180 (the CSV files): a field that starts with '"' is quoted and may hold the
    /// delimiter, newlines and doubled quotes; a '"' anywhere else is literal.
    Rfc4180,
    /// None (the TSV files, written the BERT way and read with quotechar=None): one record per
    /// line, '"' is always literal, even at the start of a field ("PC卡插槽…"为什么…).
    None,
};

/// Splits `text` into records. Accepts LF and CRLF line ends and ignores empty lines.
QList<QStringList> parseDelimited(const QString &text, QChar delimiter, Quoting quoting,
                                  QList<qsizetype> *startLines = nullptr);

/// Reads `path` (UTF-8, optional BOM); the first record is the header. Fails with code "missing"
/// when the file does not exist, "unreadable" when it cannot be opened, and "format" when a record
/// has a different number of fields than the header.
Result<DelimitedFile> readDelimitedFile(const QString &path, QChar delimiter, Quoting quoting);

} // namespace tandem::eval
