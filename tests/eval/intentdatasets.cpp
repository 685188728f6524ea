#include "intentdatasets.h"

#include "delimitedfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace tandem::eval {

Result<IntentSet> readBanking77(const QString &datasetsDir, const QString &split)
{
    const QString path = QDir(datasetsDir).filePath(QStringLiteral("banking77/%1.csv").arg(split));
    auto file = readDelimitedFile(path, u',', Quoting::Rfc4180);
    if (!file)
        return file.error();
    const qsizetype textIndex = file->column(QStringLiteral("text"));
    const qsizetype intentIndex = file->column(QStringLiteral("category"));
    if (textIndex < 0 || intentIndex < 0)
        return Result<IntentSet>::failure(
            QStringLiteral("format"), QStringLiteral("%1: expected columns text,category, got %2")
                                          .arg(path, file->header.join(u',')));
    IntentSet set{QStringLiteral("banking77/") + split, path, {}};
    set.items.reserve(file->records.size());
    for (const QStringList &record : std::as_const(file->records))
        set.items.append({record.at(textIndex), record.at(intentIndex).trimmed()});
    return set;
}

Result<IntentSet> readClinc150(const QString &datasetsDir, const QString &key)
{
    const QString path = QDir(datasetsDir).filePath(QStringLiteral("clinc150/data_shared.json"));
    if (!QFileInfo::exists(path))
        return Result<IntentSet>::failure(QStringLiteral("missing"), path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<IntentSet>::failure(QStringLiteral("unreadable"),
                                          path + QStringLiteral(": ") + file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<IntentSet>::failure(QStringLiteral("format"),
                                          QStringLiteral("%1: offset %2: %3")
                                              .arg(path)
                                              .arg(parseError.offset)
                                              .arg(parseError.errorString()));
    const QJsonValue list = document.object().value(key);
    if (!list.isArray())
        return Result<IntentSet>::failure(QStringLiteral("format"),
                                          QStringLiteral("%1: no list '%2'").arg(path, key));

    IntentSet set{QStringLiteral("clinc150/") + key, path, {}};
    const QJsonArray entries = list.toArray();
    set.items.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonArray pair = entries.at(i).toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return Result<IntentSet>::failure(
                QStringLiteral("format"),
                QStringLiteral("%1: %2[%3] is not a [text, intent] pair").arg(path, key).arg(i));
        set.items.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return set;
}

} // namespace tandem::eval
