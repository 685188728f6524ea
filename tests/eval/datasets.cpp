#include "datasets.h"

#include "delimitedfile.h"

#include <QDir>
#include <QHash>

#include <utility>

namespace tandem::eval {

namespace {

// Reads `textColumn` and `labelColumn` of a delimited file, mapping label strings through
// `labels`; an unknown label or missing column is an error that names the file (and line).
Result<LabelledSet> readLabelled(const QString &name, const QString &path, QChar delimiter,
                                 const QString &textColumn, const QString &labelColumn,
                                 const QHash<QString, int> &labels)
{
    // The TSV files are line-based without quoting; the CSV files follow RFC 4180.
    auto file =
        readDelimitedFile(path, delimiter, delimiter == u'\t' ? Quoting::None : Quoting::Rfc4180);
    if (!file)
        return file.error();
    const qsizetype textIndex = file->column(textColumn);
    const qsizetype labelIndex = file->column(labelColumn);
    for (const auto &[column, index] :
         {std::pair{textColumn, textIndex}, {labelColumn, labelIndex}})
        if (index < 0)
            return Result<LabelledSet>::failure(QStringLiteral("format"),
                                                QStringLiteral("%1: no column '%2' (header: %3)")
                                                    .arg(path, column, file->header.join(u',')));

    LabelledSet set{name, path, sentimentClasses(), {}};
    set.items.reserve(file->records.size());
    for (qsizetype i = 0; i < file->records.size(); ++i) {
        const QStringList &record = file->records.at(i);
        const QString labelText = record.at(labelIndex).trimmed();
        const auto label = labels.constFind(labelText);
        if (label == labels.cend())
            return Result<LabelledSet>::failure(QStringLiteral("format"),
                                                QStringLiteral("%1:%2: unknown label '%3'")
                                                    .arg(path)
                                                    .arg(file->lines.at(i))
                                                    .arg(labelText));
        set.items.append({record.at(textIndex), *label});
    }
    return set;
}

const QHash<QString, int> &binaryLabels()
{
    static const QHash<QString, int> labels{{QStringLiteral("0"), kNegative},
                                            {QStringLiteral("1"), kPositive}};
    return labels;
}

QString datasetFile(const QString &datasetsDir, const QString &folder, const QString &file)
{
    return QDir(datasetsDir).filePath(folder + u'/' + file);
}

} // namespace

QStringList sentimentClasses()
{
    return {QStringLiteral("negative"), QStringLiteral("neutral"), QStringLiteral("positive")};
}

Result<LabelledSet> readChnSentiCorp(const QString &datasetsDir, const QString &fileStem)
{
    const QString folder = QStringLiteral("chnsenticorp");
    return readLabelled(folder + u'/' + fileStem,
                        datasetFile(datasetsDir, folder, fileStem + QStringLiteral(".tsv")), u'\t',
                        QStringLiteral("text_a"), QStringLiteral("label"), binaryLabels());
}

Result<LabelledSet> readWaimai10k(const QString &datasetsDir)
{
    const QString folder = QStringLiteral("waimai_10k");
    return readLabelled(folder + QStringLiteral("/dev"),
                        datasetFile(datasetsDir, folder, QStringLiteral("dev.csv")), u',',
                        QStringLiteral("review"), QStringLiteral("label"), binaryLabels());
}

Result<LabelledSet> readUciSentences(const QString &datasetsDir, const QString &part)
{
    const QString folder = QStringLiteral("uci_sentiment_sentences");
    const QString stem = part + QStringLiteral("_dev");
    return readLabelled(folder + u'/' + stem,
                        datasetFile(datasetsDir, folder, stem + QStringLiteral(".tsv")), u'\t',
                        QStringLiteral("sentence"), QStringLiteral("label"), binaryLabels());
}

Result<LabelledSet> readAirlineTweets(const QString &datasetsDir)
{
    const QString folder = QStringLiteral("airline_tweets");
    static const QHash<QString, int> labels{{QStringLiteral("negative"), kNegative},
                                            {QStringLiteral("neutral"), kNeutral},
                                            {QStringLiteral("positive"), kPositive}};
    return readLabelled(folder + QStringLiteral("/dev"),
                        datasetFile(datasetsDir, folder, QStringLiteral("dev.csv")), u',',
                        QStringLiteral("text"), QStringLiteral("airline_sentiment"), labels);
}

} // namespace tandem::eval
