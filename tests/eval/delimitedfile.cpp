#include "delimitedfile.h"

#include <QFile>
#include <QFileInfo>

#include <utility>

namespace tandem::eval {

QList<QStringList> parseDelimited(const QString &text, QChar delimiter, Quoting quoting,
                                  QList<qsizetype> *startLines)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // the current field has any content (or was quoted)
    qsizetype line = 1;
    qsizetype recordLine = 1;

    const auto endField = [&] {
        record.append(std::exchange(field, {}));
        fieldStarted = false;
    };
    const auto endRecord = [&] {
        endField();
        // A blank line is not a record of one empty field.
        if (!(record.size() == 1 && record.first().isEmpty())) {
            records.append(record);
            if (startLines)
                startLines->append(recordLine);
        }
        record.clear();
    };

    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < size && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == delimiter) {
            endField();
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else if (c == u'"' && !fieldStarted && quoting == Quoting::Rfc4180) {
            inQuotes = true;
            fieldStarted = true;
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty())
        endRecord();
    return records;
}

Result<DelimitedFile> readDelimitedFile(const QString &path, QChar delimiter, Quoting quoting)
{
    if (!QFileInfo::exists(path))
        return Result<DelimitedFile>::failure(QStringLiteral("missing"), path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<DelimitedFile>::failure(QStringLiteral("unreadable"),
                                              path + QStringLiteral(": ") + file.errorString());
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);

    DelimitedFile result;
    result.path = path;
    result.records = parseDelimited(text, delimiter, quoting, &result.lines);
    if (result.records.isEmpty())
        return Result<DelimitedFile>::failure(QStringLiteral("format"),
                                              path + QStringLiteral(": empty file, no header"));
    result.header = result.records.takeFirst();
    result.lines.removeFirst();
    for (qsizetype i = 0; i < result.records.size(); ++i) {
        if (result.records.at(i).size() != result.header.size())
            return Result<DelimitedFile>::failure(QStringLiteral("format"),
                                                  QStringLiteral("%1:%2: %3 fields, header has %4")
                                                      .arg(path)
                                                      .arg(result.lines.at(i))
                                                      .arg(result.records.at(i).size())
                                                      .arg(result.header.size()));
    }
    return result;
}

} // namespace tandem::eval
