#include "kbfile.h"

#include <QHash>
#include <QStringDecoder>

namespace tandem::kbfile {

namespace {

enum Column
{
    Id,
    Intent,
    Language,
    Title,
    Answer,
    Question,
    Tags,
    AutoAnswer,
    Enabled,
    Reviewed
};
constexpr int kColumnCount = 10;

struct Record
{
    int line = 0; // where the record starts; a quoted field may span lines
    QStringList fields;
};

Error atLine(int line, const QString &message)
{
    return {QStringLiteral("invalid_argument"),
            QStringLiteral("line %1: %2").arg(line).arg(message)};
}

/// Splits RFC 4180 text into records. Accepts CRLF, LF or CR line ends.
Result<QList<Record>> records(const QString &text)
{
    QList<Record> result;
    Record record{1, {}};
    QString field;
    int line = 1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto endOfLine = [&](qsizetype at) {
        return text.at(at) == QLatin1Char('\n') || text.at(at) == QLatin1Char('\r');
    };
    const auto skipLineEnd = [&] {
        if (text.at(i) == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
            ++i;
        ++i;
        ++line;
    };
    while (i < n) {
        if (text.at(i) == QLatin1Char('"')) {
            const int startLine = line;
            ++i;
            for (;;) {
                if (i >= n)
                    return atLine(startLine, QStringLiteral("unclosed quote (the quoted field "
                                                            "starting here never ends)"));
                const QChar c = text.at(i);
                if (c == QLatin1Char('"')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                        field += c;
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (c == QLatin1Char('\n') ||
                    (c == QLatin1Char('\r') && !(i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))))
                    ++line;
                field += c;
                ++i;
            }
            if (i < n && text.at(i) != QLatin1Char(',') && !endOfLine(i))
                return atLine(line, QStringLiteral("unexpected text after a closing quote"));
        } else {
            while (i < n && text.at(i) != QLatin1Char(',') && !endOfLine(i)) {
                if (text.at(i) == QLatin1Char('"'))
                    return atLine(line, QStringLiteral("a quote inside an unquoted field (quote "
                                                       "the whole field and double the quote)"));
                field += text.at(i++);
            }
        }
        record.fields.append(field);
        field.clear();
        if (i >= n)
            break;
        if (text.at(i) == QLatin1Char(',')) {
            ++i;
            if (i >= n)
                record.fields.append(QString());
            continue;
        }
        skipLineEnd();
        // A blank line is not a record.
        if (!(record.fields.size() == 1 && record.fields.constFirst().isEmpty()))
            result.append(record);
        record = Record{line, {}};
    }
    if (!record.fields.isEmpty() &&
        !(record.fields.size() == 1 && record.fields.constFirst().isEmpty()))
        result.append(record);
    return result;
}

Result<bool> parseBool(const Record &r, Column column)
{
    const QString v = r.fields.at(column).trimmed();
    if (v.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (v.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    return atLine(r.line, QStringLiteral("column %1: must be true or false, got \"%2\"")
                              .arg(csvColumns().at(column), v));
}

QString quoted(const QString &value)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool needsQuotes = false;
    for (QChar c : value)
        needsQuotes = needsQuotes || special.contains(c);
    if (!needsQuotes)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

/// Where an article's or a language's fields were first given, to report conflicts.
struct Origin
{
    qsizetype article = 0;
    int line = 0;
};

/// Long answers are cut short so a conflict report stays readable.
QString excerpt(const QString &value)
{
    constexpr qsizetype kMax = 60;
    return value.size() <= kMax ? value : value.left(kMax) + QChar(0x2026);
}

Error conflict(const Record &r, Column column, const QString &value, const QString &earlier,
               int earlierLine)
{
    return atLine(
        r.line, QStringLiteral("column %1 of article %2: \"%3\" conflicts with \"%4\" "
                               "on line %5")
                    .arg(csvColumns().at(column), r.fields.at(Id), excerpt(value), excerpt(earlier))
                    .arg(earlierLine));
}

} // namespace

const QStringList &csvColumns()
{
    static const QStringList columns{QStringLiteral("id"),       QStringLiteral("intent"),
                                     QStringLiteral("language"), QStringLiteral("title"),
                                     QStringLiteral("answer"),   QStringLiteral("question"),
                                     QStringLiteral("tags"),     QStringLiteral("autoAnswer"),
                                     QStringLiteral("enabled"),  QStringLiteral("lastReviewed")};
    return columns;
}

Result<KnowledgeBase> parseCsv(const QByteArray &data)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data.startsWith("\xEF\xBB\xBF") ? data.mid(3) : data);
    if (decoder.hasError())
        return Error{QStringLiteral("invalid_argument"), QStringLiteral("the file is not UTF-8")};
    auto parsed = records(text);
    if (!parsed)
        return parsed.error();
    const QList<Record> &rows = parsed.value();
    if (rows.isEmpty() || rows.constFirst().fields != csvColumns())
        return atLine(rows.isEmpty() ? 1 : rows.constFirst().line,
                      QStringLiteral("the header must be %1").arg(csvColumns().join(u',')));

    KnowledgeBase kb;
    QHash<QString, Origin> articleOrigin;
    QHash<QString, int> contentLine; // "id\nlanguage" -> first line
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const Record &r = rows.at(i);
        if (r.fields.size() != kColumnCount)
            return atLine(r.line, QStringLiteral("expected %1 columns, found %2")
                                      .arg(kColumnCount)
                                      .arg(r.fields.size()));
        for (Column c : {Id, Intent, Language, Title, Answer, Question, Reviewed}) {
            if (r.fields.at(c).trimmed().isEmpty())
                return atLine(
                    r.line, QStringLiteral("column %1: must not be empty").arg(csvColumns().at(c)));
        }
        const QString &id = r.fields.at(Id);
        const QString &language = r.fields.at(Language);
        if (!kb::languages().contains(language))
            return atLine(r.line, QStringLiteral("column language: unsupported language \"%1\" "
                                                 "(allowed: %2)")
                                      .arg(language, kb::languages().join(QLatin1String(", "))));
        KbArticle row;
        row.id = id;
        row.intent = r.fields.at(Intent);
        row.tags = r.fields.at(Tags).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        const auto autoAnswer = parseBool(r, AutoAnswer);
        if (!autoAnswer)
            return autoAnswer.error();
        row.autoAnswer = *autoAnswer;
        const auto enabled = parseBool(r, Enabled);
        if (!enabled)
            return enabled.error();
        row.enabled = *enabled;
        row.lastReviewed = QDate::fromString(r.fields.at(Reviewed), Qt::ISODate);
        if (!row.lastReviewed.isValid())
            return atLine(r.line, QStringLiteral("column lastReviewed: must be a date YYYY-MM-DD, "
                                                 "got \"%1\"")
                                      .arg(r.fields.at(Reviewed)));

        auto origin = articleOrigin.constFind(id);
        if (origin == articleOrigin.constEnd()) {
            origin = articleOrigin.insert(id, {kb.articles.size(), r.line});
            kb.articles.append(row);
        }
        KbArticle &a = kb.articles[origin->article];
        if (a.intent != row.intent)
            return conflict(r, Intent, row.intent, a.intent, origin->line);
        if (a.tags != row.tags)
            return conflict(r, Tags, r.fields.at(Tags), a.tags.join(u';'), origin->line);
        if (a.autoAnswer != row.autoAnswer)
            return conflict(r, AutoAnswer, r.fields.at(AutoAnswer),
                            a.autoAnswer ? QStringLiteral("true") : QStringLiteral("false"),
                            origin->line);
        if (a.enabled != row.enabled)
            return conflict(r, Enabled, r.fields.at(Enabled),
                            a.enabled ? QStringLiteral("true") : QStringLiteral("false"),
                            origin->line);
        if (a.lastReviewed != row.lastReviewed)
            return conflict(r, Reviewed, r.fields.at(Reviewed),
                            a.lastReviewed.toString(Qt::ISODate), origin->line);

        const QString contentKey = id + QLatin1Char('\n') + language;
        if (!a.content.contains(language)) {
            a.content.insert(language, {r.fields.at(Title), r.fields.at(Answer), {}});
            contentLine.insert(contentKey, r.line);
        }
        KbContent &c = a.content[language];
        if (c.title != r.fields.at(Title))
            return conflict(r, Title, r.fields.at(Title), c.title, contentLine.value(contentKey));
        if (c.answer != r.fields.at(Answer))
            return conflict(r, Answer, r.fields.at(Answer), c.answer,
                            contentLine.value(contentKey));
        c.questions.append(r.fields.at(Question));
    }
    for (qsizetype i = 0; i < kb.articles.size(); ++i) {
        const KbArticle &a = kb.articles.at(i);
        const QString where =
            QStringLiteral("line %1 (article %2)").arg(articleOrigin.value(a.id).line).arg(a.id);
        if (Status s = a.validate(where); !s)
            return s.error();
    }
    return kb;
}

QByteArray toCsv(const QList<KbArticle> &articles)
{
    QString out = csvColumns().join(u',') + QLatin1String("\r\n");
    for (const KbArticle &a : articles) {
        for (auto it = a.content.constBegin(); it != a.content.constEnd(); ++it) {
            for (const QString &question : it->questions) {
                const QStringList fields{
                    a.id,
                    a.intent,
                    it.key(),
                    it->title,
                    it->answer,
                    question,
                    a.tags.join(u';'),
                    a.autoAnswer ? QStringLiteral("true") : QStringLiteral("false"),
                    a.enabled ? QStringLiteral("true") : QStringLiteral("false"),
                    a.lastReviewed.toString(Qt::ISODate)};
                QStringList cells;
                for (const QString &f : fields)
                    cells.append(quoted(f));
                out += cells.join(u',') + QLatin1String("\r\n");
            }
        }
    }
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

} // namespace tandem::kbfile
