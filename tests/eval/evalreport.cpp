#include "evalreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLoggingCategory>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>

namespace tandem::eval {

namespace {

Q_LOGGING_CATEGORY(lcEval, "tandem.eval", QtInfoMsg)

QString formatValue(const std::optional<double> &value)
{
    if (!value)
        return QStringLiteral("-");
    // Percentages read best with one decimal; large counts need none; values below 1 (calibration
    // error, seconds) need three, or an ECE of 0.052 would read "0.1".
    const double magnitude = std::abs(*value);
    return QString::number(*value, 'f', magnitude >= 10000 ? 0 : magnitude < 1 ? 3 : 1);
}

QJsonValue jsonValue(const std::optional<double> &value)
{
    if (!value || !std::isfinite(*value))
        return QJsonValue::Null;
    return *value;
}

} // namespace

void reportDatasetError(EvalOutcome &outcome, const QString &dataset, const QString &code,
                        const QString &message)
{
    const bool missing = code == QStringLiteral("missing");
    qCWarning(lcEval).noquote() << (missing ? QStringLiteral("%1: file not found: %2")
                                            : QStringLiteral("%1: cannot read: %2"))
                                       .arg(dataset, message);
    outcome.rows.append(
        {dataset, QStringLiteral("-"), std::nullopt, std::nullopt, std::nullopt,
         (missing ? QStringLiteral("missing: ") : QStringLiteral("error: ")) + message});
    outcome.complete = false;
}

QString formatTable(const QList<EvalRow> &rows)
{
    constexpr int kColumns = 6;
    const std::array<QString, kColumns> headings{
        QStringLiteral("dataset"),         QStringLiteral("metric"),
        QStringLiteral("tandem"),          QStringLiteral("fastText alone"),
        QStringLiteral("FTS5 BM25 alone"), QStringLiteral("note")};

    QList<std::array<QString, kColumns>> cells;
    cells.append(headings);
    for (const EvalRow &row : rows)
        cells.append({row.dataset, row.metric, formatValue(row.tandem),
                      formatValue(row.fasttextOnly), formatValue(row.bm25Only), row.note});

    std::array<qsizetype, kColumns> widths{};
    for (const auto &line : cells)
        for (int c = 0; c < kColumns; ++c)
            widths[c] = std::max(widths[c], line[c].size());

    const auto formatLine = [&](const std::array<QString, kColumns> &line) {
        QStringList parts;
        for (int c = 0; c < kColumns; ++c) {
            const bool numeric = c >= 2 && c <= 4;
            if (c == kColumns - 1)
                parts.append(line[c]); // the last column is not padded
            else if (numeric)
                parts.append(line[c].rightJustified(widths[c]));
            else
                parts.append(line[c].leftJustified(widths[c]));
        }
        return parts.join(QStringLiteral(" | ")).trimmed();
    };

    QStringList out;
    out.append(formatLine(cells.first()));
    QStringList rule;
    for (int c = 0; c < kColumns; ++c)
        rule.append(QString(c == kColumns - 1 ? 4 : widths[c], u'-'));
    out.append(rule.join(QStringLiteral("-|-")));
    for (qsizetype i = 1; i < cells.size(); ++i)
        out.append(formatLine(cells.at(i)));
    return out.join(u'\n') + u'\n';
}

QByteArray toJson(const QList<EvalRow> &rows)
{
    QJsonArray array;
    for (const EvalRow &row : rows) {
        array.append(QJsonObject{{QStringLiteral("dataset"), row.dataset},
                                 {QStringLiteral("metric"), row.metric},
                                 {QStringLiteral("tandem"), jsonValue(row.tandem)},
                                 {QStringLiteral("fasttext_only"), jsonValue(row.fasttextOnly)},
                                 {QStringLiteral("bm25_only"), jsonValue(row.bm25Only)},
                                 {QStringLiteral("note"), row.note}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace tandem::eval
