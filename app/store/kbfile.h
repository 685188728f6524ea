#pragma once

#include "knowledge.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace tandem {

class Store;

/// Knowledge-base files: JSON ("tandem-kb" v1, the format of resources/kb/demo-kb.json) and
/// CSV (one row per example question). Reading parses and validates the whole file before
/// anything is written, so a bad file imports nothing.
namespace kbfile {

enum class Format
{
    Json,
    Csv
};

/// The CSV header, in column order.
const QStringList &csvColumns();

/// "json" or "csv" (any case).
Result<Format> formatFromName(const QString &name);
/// From the file name's extension: .json or .csv.
Result<Format> formatForPath(const QString &path);

/// Errors name the JSON line and column, or the JSON path (articles[3] (order-status).intent).
Result<KnowledgeBase> parseJson(const QByteArray &data);
/// Errors name the CSV line ("line 7: …"). UTF-8 with or without a byte-order mark.
Result<KnowledgeBase> parseCsv(const QByteArray &data);

QByteArray toJson(const KnowledgeBase &kb);
/// RFC 4180: CRLF line ends, quotes only where needed; with a UTF-8 byte-order mark so that
/// spreadsheet programs read the Chinese text correctly.
QByteArray toCsv(const QList<KbArticle> &articles);

Result<KnowledgeBase> readFile(const QString &path, Format format);
Status writeFile(const QString &path, Format format, const KnowledgeBase &kb);

/// Reads, validates and stores a file in one transaction, replacing the whole knowledge base
/// (and the shop name, if the file has one). On any error the store is unchanged.
Result<KnowledgeBase> importFile(Store &store, const QString &path, Format format, qint64 nowMs);
/// Writes the stored knowledge base; the file is replaced only once completely written.
Result<KnowledgeBase> exportFile(Store &store, const QString &path, Format format);

} // namespace kbfile

} // namespace tandem
