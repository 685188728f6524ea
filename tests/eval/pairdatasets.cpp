#include "pairdatasets.h"

#include "delimitedfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace tandem::eval {

namespace {

template <typename T>
Result<T> formatError(const QString &path, qsizetype line, const QString &what)
{
    return Result<T>::failure(QStringLiteral("format"),
                              QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(what));
}

/// The lines of a UTF-8 text file (BOM and CR dropped), or "missing"/"unreadable".
Result<QStringList> readLines(const QString &path)
{
    if (!QFileInfo::exists(path))
        return Result<QStringList>::failure(QStringLiteral("missing"), path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QStringList>::failure(QStringLiteral("unreadable"),
                                            path + QStringLiteral(": ") + file.errorString());
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.remove(u'\r');
    return text.split(u'\n');
}

bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}

} // namespace

QString joinHanWords(const QString &text)
{
    QString joined;
    joined.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u' ' && i > 0 && i + 1 < text.size() && isHan(text[i - 1]) &&
            isHan(text[i + 1]))
            continue;
        joined += text[i];
    }
    return joined;
}

Result<PairSet> readAfqmc(const QString &datasetsDir)
{
    const QString path = QDir(datasetsDir).filePath(QStringLiteral("afqmc/dev.jsonl"));
    const auto lines = readLines(path);
    if (!lines)
        return lines.error();
    PairSet set{QStringLiteral("afqmc/dev"), path, {}};
    for (qsizetype i = 0; i < lines->size(); ++i) {
        if (lines->at(i).trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines->at(i).toUtf8(), &error).object();
        const QString label = o.value(QStringLiteral("label")).toString();
        if (error.error != QJsonParseError::NoError ||
            !o.value(QStringLiteral("sentence1")).isString() ||
            !o.value(QStringLiteral("sentence2")).isString() ||
            (label != QStringLiteral("0") && label != QStringLiteral("1")))
            return formatError<PairSet>(path, i + 1,
                                        QStringLiteral("expected {sentence1, sentence2, label}"));
        set.pairs.append({o.value(QStringLiteral("sentence1")).toString(),
                          o.value(QStringLiteral("sentence2")).toString(),
                          label == QStringLiteral("1")});
    }
    return set;
}

Result<PairSet> readAtec(const QString &datasetsDir)
{
    const QString path = QDir(datasetsDir).filePath(QStringLiteral("atec/dev.tsv"));
    auto file = readDelimitedFile(path, u'\t', Quoting::None);
    if (!file)
        return file.error();
    const qsizetype first = file->column(QStringLiteral("sentence1"));
    const qsizetype second = file->column(QStringLiteral("sentence2"));
    const qsizetype label = file->column(QStringLiteral("label"));
    if (first < 0 || second < 0 || label < 0)
        return Result<PairSet>::failure(QStringLiteral("format"),
                                        QStringLiteral("%1: expected columns sentence1, sentence2, "
                                                       "label, got %2")
                                            .arg(path, file->header.join(u',')));
    PairSet set{QStringLiteral("atec/dev"), path, {}};
    set.pairs.reserve(file->records.size());
    for (qsizetype i = 0; i < file->records.size(); ++i) {
        const QStringList &record = file->records.at(i);
        const QString value = record.at(label).trimmed();
        if (value != QStringLiteral("0") && value != QStringLiteral("1"))
            return formatError<PairSet>(path, file->lines.at(i),
                                        QStringLiteral("label '%1' is not 0 or 1").arg(value));
        set.pairs.append({record.at(first), record.at(second), value == QStringLiteral("1")});
    }
    return set;
}

Result<ReplySet> readEcd(const QString &datasetsDir, const QString &file)
{
    const QString path = QDir(datasetsDir).filePath(QStringLiteral("ecd_sample/") + file);
    const auto lines = readLines(path);
    if (!lines)
        return lines.error();
    ReplySet set{QStringLiteral("ecd_sample/") + QFileInfo(file).completeBaseName(), path, {}};
    QStringList previousTurns;
    for (qsizetype i = 0; i < lines->size(); ++i) {
        if (lines->at(i).trimmed().isEmpty())
            continue;
        const QStringList fields = lines->at(i).split(u'\t');
        if (fields.size() < 3 || (fields[0] != QStringLiteral("0") && fields[0] != u'1'))
            return formatError<ReplySet>(path, i + 1,
                                         QStringLiteral("expected label, turns and a candidate"));
        QStringList turns;
        for (qsizetype f = 1; f + 1 < fields.size(); ++f)
            turns.append(joinHanWords(fields[f].trimmed()));
        if (set.contexts.isEmpty() || turns != previousTurns) {
            set.contexts.append({turns, {}, -1});
            previousTurns = turns;
        }
        ReplyContext &context = set.contexts.last();
        if (fields[0] == u'1') {
            if (context.trueCandidate >= 0)
                return formatError<ReplySet>(path, i + 1,
                                             QStringLiteral("a second true reply for one context"));
            context.trueCandidate = int(context.candidates.size());
        }
        context.candidates.append(joinHanWords(fields.last().trimmed()));
    }
    for (const ReplyContext &context : std::as_const(set.contexts)) {
        if (context.trueCandidate < 0)
            return Result<ReplySet>::failure(
                QStringLiteral("format"),
                QStringLiteral("%1: a context without a true reply").arg(path));
    }
    return set;
}

} // namespace tandem::eval
