#include "store_private.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tandem {

Result<QList<double>> Store::sentimentHistory(qint64 conversationId)
{
    Query q(*d, QStringLiteral("SELECT sentiment_history FROM conversations WHERE id = :id"));
    q.bind(":id", conversationId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("not_found"),
                     QStringLiteral("no conversation with id %1").arg(conversationId)};
    QList<double> history;
    const QJsonArray array = QJsonDocument::fromJson(q.text(0).toUtf8()).array();
    for (const QJsonValue &v : array) {
        if (v.isDouble())
            history.append(v.toDouble());
    }
    return history;
}

Status Store::setSentiment(qint64 conversationId, double score, const QString &trend,
                           const QList<double> &history, bool escalation, int priority,
                           qint64 nowMs)
{
    QJsonArray array;
    for (double h : history)
        array.append(h);
    Query q(*d,
            QStringLiteral("UPDATE conversations SET sentiment = :score, sentiment_trend = :trend,"
                           " sentiment_history = :history, escalation = :escalation,"
                           " priority = :priority, updated_at = :now WHERE id = :id"));
    q.bind(":score", score)
        .bind(":trend", textValue(trend))
        .bind(":history",
              textValue(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact))))
        .bind(":escalation", boolValue(escalation))
        .bind(":priority", priority)
        .bind(":now", nowMs)
        .bind(":id", conversationId);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return Status(Error{QStringLiteral("not_found"),
                            QStringLiteral("no conversation with id %1").arg(conversationId)});
    return {};
}

} // namespace tandem
