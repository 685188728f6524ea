#include "sentimentfile.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringDecoder>

namespace tandem::sentimentfile {

namespace {

struct Record
{
    int line = 0; // where the record starts; a quoted CSV field may span lines
    QStringList fields;
};

Error atLine(int line, const QString &message)
{
    return {QStringLiteral("invalid_argument"),
            QStringLiteral("line %1: %2").arg(line).arg(message)};
}

Error atField(int line, const QString &field, const QString &message)
{
    return {QStringLiteral("invalid_argument"),
            QStringLiteral("line %1, field %2: %3").arg(line).arg(field, message)};
}

bool isLineEnd(QChar c)
{
    return c == u'\n' || c == u'\r';
}

/// RFC 4180 records; CRLF, LF or CR line ends.
Result<QList<Record>> csvRecords(const QString &text)
{
    QList<Record> result;
    Record record{1, {}};
    QString field;
    int line = 1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto skipLineEnd = [&] {
        if (text.at(i) == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
            ++i;
        ++i;
        ++line;
    };
    while (i < n) {
        if (text.at(i) == u'"' && field.isEmpty()) {
            const int startLine = line;
            for (++i;; ++i) {
                if (i >= n)
                    return atLine(startLine, QStringLiteral("unclosed quote (the quoted field "
                                                            "starting here never ends)"));
                const QChar c = text.at(i);
                if (c == u'"') {
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        field += c;
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (c == u'\n' || (c == u'\r' && !(i + 1 < n && text.at(i + 1) == u'\n')))
                    ++line;
                field += c;
            }
            if (i < n && text.at(i) != u',' && !isLineEnd(text.at(i)))
                return atLine(line, QStringLiteral("unexpected text after a closing quote"));
            continue;
        }
        const QChar c = text.at(i);
        if (c == u',') {
            record.fields.append(std::exchange(field, {}));
            ++i;
        } else if (isLineEnd(c)) {
            record.fields.append(std::exchange(field, {}));
            result.append(std::exchange(record, {}));
            skipLineEnd();
            record.line = line;
        } else {
            field += c;
            ++i;
        }
    }
    if (!field.isEmpty() || !record.fields.isEmpty()) {
        record.fields.append(field);
        result.append(record);
    }
    return result;
}

/// Tab-separated values: one record per line, fields never quoted.
QList<Record> tsvRecords(const QString &text)
{
    QList<Record> result;
    int line = 0;
    for (QStringView row : QStringView(text).split(u'\n')) {
        ++line;
        if (row.endsWith(u'\r'))
            row.chop(1);
        Record record{line, {}};
        for (QStringView field : row.split(u'\t'))
            record.fields.append(field.toString());
        result.append(record);
    }
    if (!result.isEmpty() && text.endsWith(u'\n'))
        result.removeLast(); // the empty "line" after the final line end
    return result;
}

bool isBlank(const Record &r)
{
    return std::all_of(r.fields.cbegin(), r.fields.cend(),
                       [](const QString &f) { return f.trimmed().isEmpty(); });
}

} // namespace

std::optional<Mood> labelFromText(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"negative" || t == u"0" || t == u"-1")
        return Mood::Negative;
    if (t == u"neutral")
        return Mood::Neutral;
    if (t == u"positive" || t == u"1")
        return Mood::Positive;
    return std::nullopt;
}

Result<Format> formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv")
        return Format::Csv;
    if (suffix == u"tsv")
        return Format::Tsv;
    return Error{
        QStringLiteral("invalid_argument"),
        QStringLiteral("%1: use a .csv or .tsv file (the extension says which)").arg(path)};
}

Result<Parsed> parse(const QByteArray &data, Format format)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(data);
    if (decoder.hasError()) {
        // Name the line: decode line by line until one fails.
        int line = 0;
        for (const QByteArray &row : data.split('\n')) {
            ++line;
            QStringDecoder probe(QStringDecoder::Utf8);
            const QString decoded = probe.decode(row); // decodes only when converted
            if (probe.hasError())
                break;
        }
        return atLine(line, QStringLiteral("the file is not valid UTF-8"));
    }
    if (text.trimmed().isEmpty())
        return Error{QStringLiteral("invalid_argument"), QStringLiteral("the file is empty")};

    QList<Record> records;
    if (format == Format::Csv) {
        auto csv = csvRecords(text);
        if (!csv)
            return csv.error();
        records = std::move(csv).value();
    } else {
        records = tsvRecords(text);
    }
    // The header is the first line that is not blank.
    qsizetype first = 0;
    while (first < records.size() && isBlank(records.at(first)))
        ++first;
    const Record &header = records.at(first);
    int textColumn = -1;
    int labelColumn = -1;
    for (int c = 0; c < header.fields.size(); ++c) {
        const QString name = header.fields.at(c).trimmed().toLower();
        if ((name == u"text" || (name == u"text_a" && textColumn < 0)))
            textColumn = c;
        else if (name == u"label")
            labelColumn = c;
    }
    if (textColumn < 0 || labelColumn < 0)
        return atLine(
            header.line,
            QStringLiteral("the header needs a \"text\" and a \"label\" column; it has: %1")
                .arg(header.fields.join(format == Format::Csv ? u',' : u'\t')));

    Parsed parsed;
    for (qsizetype r = first + 1; r < records.size(); ++r) {
        const Record &record = records.at(r);
        if (isBlank(record))
            continue;
        if (record.fields.size() != header.fields.size())
            return atLine(record.line, QStringLiteral("%1 fields where the header has %2%3")
                                           .arg(record.fields.size())
                                           .arg(header.fields.size())
                                           .arg(format == Format::Tsv
                                                    ? QStringLiteral(" (TSV fields cannot hold "
                                                                     "tabs or line breaks)")
                                                    : QString()));
        const QString message = record.fields.at(textColumn).trimmed();
        if (message.isEmpty())
            return atField(record.line, header.fields.at(textColumn).trimmed(),
                           QStringLiteral("the text is empty"));
        const QString label = record.fields.at(labelColumn);
        const std::optional<Mood> mood = labelFromText(label);
        if (!mood)
            return atField(record.line, QStringLiteral("label"),
                           QStringLiteral("\"%1\" is not a label; use negative, neutral or "
                                          "positive (or 0/-1 for negative, 1 for positive)")
                               .arg(label.trimmed()));
        parsed.examples.append({message, *mood});
        ++parsed.counts[*mood];
    }
    if (parsed.examples.isEmpty())
        return Error{QStringLiteral("invalid_argument"),
                     QStringLiteral("the file has a header but no examples")};
    if (parsed.counts.size() < 2)
        return Error{QStringLiteral("invalid_argument"),
                     QStringLiteral("every example is labelled %1; training needs examples of at "
                                    "least two labels")
                         .arg(moodName(parsed.counts.firstKey()))};
    return parsed;
}

Result<Parsed> readFile(const QString &path)
{
    const Result<Format> format = formatForPath(path);
    if (!format)
        return format.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("io"),
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{QStringLiteral("io"),
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    Result<Parsed> parsed = parse(data.startsWith("\xEF\xBB\xBF") ? data.sliced(3) : data, *format);
    if (!parsed)
        return Error{parsed.error().code, path + QStringLiteral(": ") + parsed.error().message};
    return parsed;
}

} // namespace tandem::sentimentfile
