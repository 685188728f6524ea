// Hybrid assist: the conversation's assist document, what agents did with suggestions, and the
// questions accepted replies taught the bot.

#include "store_private.h"

#include <QJsonDocument>

namespace tandem {

namespace {

QVariant nullableReal(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<double>());
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

const QString &outcomeSelect()
{
    static const QString sql = QStringLiteral(
        "SELECT o.id, o.conversation_id, o.message_id, o.user_id, u.username, o.action, o.rank,"
        " o.article_id, o.article_version, o.intent, o.confidence, o.model_version, o.shown,"
        " o.sent_text, o.edit_distance, o.reason, o.display_ms, o.created_at"
        " FROM suggestion_outcomes o LEFT JOIN users u ON u.id = o.user_id ");
    return sql;
}

SuggestionOutcome readOutcome(const Query &q)
{
    SuggestionOutcome o;
    o.id = q.int64(0);
    o.conversationId = q.int64(1);
    o.messageId = q.int64(2);
    o.userId = q.int64(3);
    o.username = q.text(4);
    o.action = q.text(5);
    o.rank = q.int32(6);
    o.articleId = q.text(7);
    o.articleVersion = q.int32(8);
    o.intent = q.text(9);
    o.confidence = q.optionalReal(10);
    o.modelVersion = q.text(11);
    o.shown = QJsonDocument::fromJson(q.text(12).toUtf8()).array();
    o.sentText = q.text(13);
    o.editDistance = q.optionalReal(14);
    o.reason = q.text(15);
    if (const std::optional<double> ms = q.optionalReal(16))
        o.displayMs = qint64(*ms);
    o.createdAtMs = q.int64(17);
    return o;
}

} // namespace

Status Store::setAssist(qint64 conversationId, const QJsonObject &assist, qint64 nowMs)
{
    Query q(*d, QStringLiteral("UPDATE conversations SET assist = :assist, updated_at = :now"
                               " WHERE id = :id"));
    q.bind(":assist", textValue(jsonText(assist))).bind(":now", nowMs).bind(":id", conversationId);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return notFound(QStringLiteral("no conversation with id %1").arg(conversationId));
    return {};
}

Result<SuggestionOutcome> Store::addSuggestionOutcome(const SuggestionOutcome &o)
{
    Query q(*d, QStringLiteral(
                    "INSERT INTO suggestion_outcomes (conversation_id, message_id, user_id, action,"
                    " rank, article_id, article_version, intent, confidence, model_version, shown,"
                    " sent_text, edit_distance, reason, display_ms, created_at)"
                    " VALUES (:conversation, :message, :user, :action, :rank, :article, :version,"
                    " :intent, :confidence, :model, :shown, :text, :distance, :reason, :display,"
                    " :created) RETURNING id"));
    q.bind(":conversation", o.conversationId)
        .bind(":message", o.messageId)
        .bind(":user", o.userId)
        .bind(":action", textValue(o.action))
        .bind(":rank", o.rank > 0 ? QVariant(o.rank) : QVariant(QMetaType::fromType<int>()))
        .bind(":article", nullableText(o.articleId))
        .bind(":version", o.articleVersion > 0 ? QVariant(o.articleVersion)
                                               : QVariant(QMetaType::fromType<int>()))
        .bind(":intent", nullableText(o.intent))
        .bind(":confidence", nullableReal(o.confidence))
        .bind(":model", nullableText(o.modelVersion))
        .bind(":shown",
              textValue(QString::fromUtf8(QJsonDocument(o.shown).toJson(QJsonDocument::Compact))))
        .bind(":text", nullableText(o.sentText))
        .bind(":distance", nullableReal(o.editDistance))
        .bind(":reason", nullableText(o.reason))
        .bind(":display", o.displayMs ? QVariant(qint64(*o.displayMs))
                                      : QVariant(QMetaType::fromType<qint64>()))
        .bind(":created", o.createdAtMs);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no id")};
    SuggestionOutcome stored = o;
    stored.id = q.int64(0);
    return stored;
}

Result<SuggestionOutcome> Store::suggestionOutcome(qint64 id)
{
    Query q(*d, outcomeSelect() + QStringLiteral("WHERE o.id = :id"));
    q.bind(":id", id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no suggestion outcome with id %1").arg(id));
    return readOutcome(q);
}

Result<QList<SuggestionOutcome>> Store::suggestionOutcomes(qint64 conversationId, qint64 beforeId,
                                                           int limit)
{
    // One statement for every combination: a zero argument switches its condition off.
    Query q(*d, outcomeSelect() +
                    QStringLiteral("WHERE (:conversation = 0 OR o.conversation_id = :conversation2)"
                                   " AND (:before = 0 OR o.id < :before2)"
                                   " ORDER BY o.id DESC LIMIT :limit"));
    q.bind(":conversation", conversationId)
        .bind(":conversation2", conversationId)
        .bind(":before", beforeId)
        .bind(":before2", beforeId)
        .bind(":limit", limit);
    if (!q.exec())
        return q.error();
    QList<SuggestionOutcome> result;
    while (q.next())
        result.append(readOutcome(q));
    return result;
}

Status Store::setSuggestionOutcomeReason(qint64 id, const QString &reason)
{
    Query q(*d, QStringLiteral("UPDATE suggestion_outcomes SET reason = :reason WHERE id = :id"));
    q.bind(":reason", nullableText(reason)).bind(":id", id);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return notFound(QStringLiteral("no suggestion outcome with id %1").arg(id));
    return {};
}

Result<QMap<QString, int>> Store::suggestionOutcomeCounts()
{
    Query q(*d, QStringLiteral("SELECT action, COUNT(*) FROM suggestion_outcomes GROUP BY action"));
    if (!q.exec())
        return q.error();
    QMap<QString, int> counts;
    while (q.next())
        counts.insert(q.text(0), q.int32(1));
    return counts;
}

Result<QMap<QString, int>> Store::routingReasonCounts()
{
    // The reason sits inside the event payload; decisions are few per conversation, and this is
    // read by supervisors, not on the message path.
    Query q(*d, QStringLiteral("SELECT payload FROM events WHERE kind = :kind"));
    q.bind(":kind", QStringLiteral("routing.decided"));
    if (!q.exec())
        return q.error();
    QMap<QString, int> counts;
    while (q.next())
        ++counts[q.json(0).value(QStringLiteral("reason")).toString()];
    return counts;
}

Result<qint64> Store::oldestWaitingSince()
{
    Query q(*d, QStringLiteral("SELECT MIN(waiting_since) FROM conversations WHERE state = :waiting"
                               " AND waiting_since > 0"));
    q.bind(":waiting", stateName(ConversationState::Waiting));
    if (!q.exec())
        return q.error();
    return q.next() ? q.int64(0) : qint64(0);
}

Status Store::addLearnedExample(const QString &text, const QString &articleId,
                                const QString &intent, qint64 outcomeId, qint64 nowMs)
{
    Query q(*d, QStringLiteral("INSERT INTO learned_examples (text, article_id, intent,"
                               " outcome_id, created_at) VALUES (:text, :article, :intent,"
                               " :outcome, :now)"));
    q.bind(":text", textValue(text))
        .bind(":article", textValue(articleId))
        .bind(":intent", textValue(intent))
        .bind(":outcome", idOrNull(outcomeId))
        .bind(":now", nowMs);
    if (!q.exec())
        return q.error();
    return {};
}

Result<QList<QPair<QString, QString>>> Store::learnedExamples(int limit)
{
    Query q(*d, QStringLiteral("SELECT text, article_id FROM learned_examples"
                               " ORDER BY id LIMIT :limit"));
    q.bind(":limit", limit);
    if (!q.exec())
        return q.error();
    QList<QPair<QString, QString>> result;
    while (q.next())
        result.append({q.text(0), q.text(1)});
    return result;
}

} // namespace tandem
