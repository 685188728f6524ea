#include "store_private.h"

#include <QHash>

namespace tandem {

namespace {

const QString &tagSelect()
{
    static const QString sql = QStringLiteral(
        "SELECT t.id, t.conversation_id, t.message_id, t.user_id, u.username, t.agent_label,"
        " t.model_label, t.model_score, t.created_at"
        " FROM sentiment_tags t LEFT JOIN users u ON u.id = t.user_id ");
    return sql;
}

SentimentTag readTag(const Query &q)
{
    SentimentTag t;
    t.id = q.int64(0);
    t.conversationId = q.int64(1);
    t.messageId = q.int64(2);
    t.userId = q.int64(3);
    t.username = q.text(4);
    t.agentLabel = moodFromName(q.text(5)).value_or(Mood::Neutral);
    t.modelLabel = moodFromName(q.text(6));
    t.modelScore = q.optionalReal(7);
    t.createdAtMs = q.int64(8);
    return t;
}

const QString &cannedSelect()
{
    static const QString sql =
        QStringLiteral("SELECT id, owner_id, shortcut, title, body, language, updated_at"
                       " FROM canned_responses ");
    return sql;
}

CannedResponse readCanned(const Query &q)
{
    CannedResponse c;
    c.id = q.int64(0);
    c.ownerId = q.int64(1);
    c.shortcut = q.text(2);
    c.title = q.text(3);
    c.text = q.text(4);
    c.language = q.text(5);
    c.updatedAtMs = q.int64(6);
    return c;
}

QVariant optionalText(const std::optional<Mood> &mood)
{
    return mood ? QVariant(moodName(*mood)) : QVariant(QMetaType::fromType<QString>());
}

} // namespace

Result<SentimentTag> Store::addSentimentTag(const SentimentTag &tag)
{
    Query q(*d, QStringLiteral("INSERT INTO sentiment_tags (conversation_id, message_id, user_id,"
                               " agent_label, model_label, model_score, created_at)"
                               " VALUES (:conversation, :message, :user, :agent, :model,"
                               " :score, :created_at) RETURNING id"));
    q.bind(":conversation", tag.conversationId)
        .bind(":message", idOrNull(tag.messageId))
        .bind(":user", tag.userId)
        .bind(":agent", moodName(tag.agentLabel))
        .bind(":model", optionalText(tag.modelLabel))
        .bind(":score",
              tag.modelScore ? QVariant(*tag.modelScore) : QVariant(QMetaType::fromType<double>()))
        .bind(":created_at", tag.createdAtMs);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no id")};
    SentimentTag stored = tag;
    stored.id = q.int64(0);
    return stored;
}

Result<QList<SentimentTag>> Store::sentimentTags(qint64 conversationId, bool disagreementsOnly,
                                                 qint64 beforeId, int limit)
{
    // One statement for every combination: a zero argument switches its condition off.
    Query q(*d, tagSelect() +
                    QStringLiteral(
                        "WHERE (:conversation = 0 OR t.conversation_id = :conversation2)"
                        " AND (:disagree = 0 OR (t.model_label IS NOT NULL"
                        " AND t.model_label <> t.agent_label))"
                        " AND (:before = 0 OR t.id < :before2) ORDER BY t.id DESC LIMIT :limit"));
    q.bind(":conversation", conversationId)
        .bind(":conversation2", conversationId)
        .bind(":disagree", boolValue(disagreementsOnly))
        .bind(":before", beforeId)
        .bind(":before2", beforeId)
        .bind(":limit", limit);
    if (!q.exec())
        return q.error();
    QList<SentimentTag> tags;
    while (q.next())
        tags.append(readTag(q));
    return tags;
}

Result<QList<SentimentTag>> Store::currentSentimentTags(qint64 conversationId)
{
    Query q(*d, tagSelect() + QStringLiteral("WHERE t.conversation_id = :conversation"
                                             " ORDER BY t.id DESC"));
    q.bind(":conversation", conversationId);
    if (!q.exec())
        return q.error();
    QList<SentimentTag> standing;
    QSet<qint64> seen; // message ids (0: the conversation) that already have their newest tag
    while (q.next()) {
        SentimentTag t = readTag(q);
        if (seen.contains(t.messageId))
            continue;
        seen.insert(t.messageId);
        standing.append(t);
    }
    return standing;
}

Result<QList<SentimentExample>> Store::sentimentExamples(int limit)
{
    Query q(*d, tagSelect() + QStringLiteral("ORDER BY t.id DESC"));
    if (!q.exec())
        return q.error();
    QList<SentimentTag> standing;
    QSet<QPair<qint64, qint64>> seen;
    while (q.next() && standing.size() < limit) {
        SentimentTag t = readTag(q);
        if (seen.contains({t.conversationId, t.messageId}))
            continue;
        seen.insert({t.conversationId, t.messageId});
        standing.append(t);
    }
    QList<SentimentExample> examples;
    for (const SentimentTag &t : standing) {
        Query m(*d, QStringLiteral("SELECT body FROM messages WHERE conversation_id = :conversation"
                                   " AND sender_kind = :customer AND (id = :message OR (:whole = 1"
                                   " AND created_at <= :at)) ORDER BY id"));
        m.bind(":conversation", t.conversationId)
            .bind(":customer", senderKindName(SenderKind::Customer))
            .bind(":message", t.messageId)
            .bind(":whole", boolValue(t.messageId == 0))
            .bind(":at", t.createdAtMs);
        if (!m.exec())
            return m.error();
        QStringList lines;
        while (m.next())
            lines.append(m.text(0));
        if (!lines.isEmpty())
            examples.append({lines.join(QLatin1Char('\n')), t.agentLabel});
    }
    return examples;
}

Result<QList<CannedResponse>> Store::cannedResponses(qint64 userId)
{
    Query q(*d, cannedSelect() + QStringLiteral("WHERE owner_id = 0 OR owner_id = :owner"
                                                " ORDER BY shortcut, language, owner_id, id"));
    q.bind(":owner", userId);
    if (!q.exec())
        return q.error();
    QList<CannedResponse> list;
    while (q.next())
        list.append(readCanned(q));
    return list;
}

Result<CannedResponse> Store::cannedResponse(qint64 id)
{
    Query q(*d, cannedSelect() + QStringLiteral("WHERE id = :id"));
    q.bind(":id", id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no canned response with id %1").arg(id));
    return readCanned(q);
}

Result<CannedResponse> Store::saveCannedResponse(const CannedResponse &response,
                                                 const QString &actor, qint64 nowMs)
{
    return d->atomically<CannedResponse>([&]() -> Result<CannedResponse> {
        qint64 ownerId = response.ownerId;
        if (response.id) {
            auto existing = cannedResponse(response.id);
            if (!existing.ok())
                return existing.error();
            ownerId = existing->ownerId;
        }
        // Checked first: a unique violation would abort the caller's whole PostgreSQL
        // transaction, not only this statement.
        Query taken(*d, QStringLiteral("SELECT id FROM canned_responses WHERE owner_id = :owner"
                                       " AND shortcut = :shortcut AND language = :language"
                                       " AND id <> :id"));
        taken.bind(":owner", ownerId)
            .bind(":shortcut", response.shortcut)
            .bind(":language", response.language)
            .bind(":id", response.id);
        if (!taken.exec())
            return taken.error();
        if (taken.next())
            return Error{QStringLiteral("conflict"),
                         QStringLiteral("the shortcut \"%1\" (%2) is already in use")
                             .arg(response.shortcut, response.language)};
        qint64 id = response.id;
        if (id) {
            Query q(*d, QStringLiteral("UPDATE canned_responses SET shortcut = :shortcut,"
                                       " title = :title, body = :body, language = :language,"
                                       " updated_at = :now WHERE id = :id"));
            q.bind(":shortcut", response.shortcut)
                .bind(":title", textValue(response.title))
                .bind(":body", textValue(response.text))
                .bind(":language", response.language)
                .bind(":now", nowMs)
                .bind(":id", id);
            if (!q.exec())
                return q.error();
        } else {
            Query q(*d, QStringLiteral("INSERT INTO canned_responses (owner_id, shortcut, title,"
                                       " body, language, created_by, created_at, updated_at)"
                                       " VALUES (:owner, :shortcut, :title, :body, :language,"
                                       " :actor, :now, :now2) RETURNING id"));
            q.bind(":owner", ownerId)
                .bind(":shortcut", response.shortcut)
                .bind(":title", textValue(response.title))
                .bind(":body", textValue(response.text))
                .bind(":language", response.language)
                .bind(":actor", textValue(actor))
                .bind(":now", nowMs)
                .bind(":now2", nowMs);
            if (!q.exec())
                return q.error();
            if (!q.next())
                return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no id")};
            id = q.int64(0);
        }
        return cannedResponse(id);
    });
}

Status Store::deleteCannedResponse(qint64 id)
{
    Query q(*d, QStringLiteral("DELETE FROM canned_responses WHERE id = :id"));
    q.bind(":id", id);
    if (!q.exec())
        return q.error();
    if (q.rowsAffected() == 0)
        return Status(notFound(QStringLiteral("no canned response with id %1").arg(id)));
    return {};
}

} // namespace tandem
