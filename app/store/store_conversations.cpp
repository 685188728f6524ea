#include "store_private.h"

#include <QJsonDocument>

#include <algorithm>

namespace tandem {

namespace {

// The assignee's name comes from a join so that a renamed agent shows up renamed everywhere.
const QString &conversationSelect()
{
    static const QString sql = QStringLiteral(
        "SELECT c.id, c.customer_name, c.channel, c.locale, c.state, c.assignee_id,"
        " u.display_name, u.username, c.priority, c.created_at, c.updated_at, c.waiting_since,"
        " c.last_message_at, c.last_message_preview, c.message_count, c.sentiment,"
        " c.sentiment_trend, c.escalation, c.assist"
        " FROM conversations c LEFT JOIN users u ON u.id = c.assignee_id ");
    return sql;
}

Conversation readConversation(const Query &q)
{
    Conversation c;
    c.id = q.int64(0);
    c.customerName = q.text(1);
    c.channel = q.text(2);
    c.locale = q.text(3);
    const QString state = q.text(4);
    c.state = stateFromName(state).value_or(ConversationState::Closed);
    if (!stateFromName(state))
        qCWarning(lcStore) << "conversation" << c.id << "has unknown state" << state;
    c.assigneeId = q.int64(5);
    c.assigneeName = q.text(6).isEmpty() ? q.text(7) : q.text(6);
    c.priority = q.int32(8);
    c.createdAtMs = q.int64(9);
    c.updatedAtMs = q.int64(10);
    c.waitingSinceMs = q.int64(11);
    c.lastMessageAtMs = q.int64(12);
    c.lastMessagePreview = q.text(13);
    c.messageCount = q.int32(14);
    c.sentiment = q.optionalReal(15);
    c.sentimentTrend = q.text(16);
    c.escalation = q.boolean(17);
    if (const QString assist = q.text(18); !assist.isEmpty())
        c.assist = QJsonDocument::fromJson(assist.toUtf8()).object();
    return c;
}

// Binds the three states that are not closed: an IN list over the state index instead of a
// "state <> closed" scan.
void bindOpenStates(Query &q)
{
    q.bind(":bot", stateName(ConversationState::Bot))
        .bind(":waiting", stateName(ConversationState::Waiting))
        .bind(":assigned", stateName(ConversationState::Assigned));
}

Message readMessage(const Query &q)
{
    Message m;
    m.id = q.int64(0);
    m.conversationId = q.int64(1);
    const QString kind = q.text(2);
    // Unknown kinds are treated as notes so that they are never shown to a customer.
    m.senderKind = senderKindFromName(kind).value_or(SenderKind::Note);
    m.senderUserId = q.int64(3);
    m.senderName = q.text(4);
    m.text = q.text(5);
    m.createdAtMs = q.int64(6);
    m.sentiment = q.optionalReal(7);
    return m;
}

Event readEvent(const Query &q)
{
    Event e;
    e.seq = q.int64(0);
    e.kind = q.text(1);
    e.conversationId = q.int64(2);
    e.payload = q.json(3);
    e.createdAtMs = q.int64(4);
    return e;
}

} // namespace

Result<Conversation> Store::createConversation(const NewConversation &c)
{
    const qint64 waitingSince = c.state == ConversationState::Waiting ? c.nowMs : 0;
    Query q(*d, QStringLiteral("INSERT INTO conversations (customer_key_hash, customer_name,"
                               " channel, locale, state, priority, created_at, updated_at,"
                               " waiting_since) VALUES (:customer_key_hash, :customer_name,"
                               " :channel, :locale, :state, :priority, :created_at, :updated_at,"
                               " :waiting_since) RETURNING id"));
    q.bind(":customer_key_hash", c.customerKeyHash.isEmpty()
                                     ? QVariant(QMetaType::fromType<QByteArray>())
                                     : QVariant(c.customerKeyHash))
        .bind(":customer_name", textValue(c.customerName))
        .bind(":channel", textValue(c.channel))
        .bind(":locale", textValue(c.locale))
        .bind(":state", stateName(c.state))
        .bind(":priority", 0)
        .bind(":created_at", c.nowMs)
        .bind(":updated_at", c.nowMs)
        .bind(":waiting_since", waitingSince);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no id")};
    Conversation result;
    result.id = q.int64(0);
    result.customerName = c.customerName;
    result.channel = c.channel;
    result.locale = c.locale;
    result.state = c.state;
    result.createdAtMs = c.nowMs;
    result.updatedAtMs = c.nowMs;
    result.waitingSinceMs = waitingSince;
    return result;
}

Result<Conversation> Store::conversation(qint64 id)
{
    static const QString sql = conversationSelect() + QStringLiteral("WHERE c.id = :id");
    Query q(*d, sql);
    q.bind(":id", id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return notFound(QStringLiteral("no conversation with id %1").arg(id));
    return readConversation(q);
}

Result<std::optional<Conversation>>
Store::openConversationForCustomer(const QByteArray &customerKeyHash)
{
    if (customerKeyHash.isEmpty())
        return std::optional<Conversation>();
    static const QString sql =
        conversationSelect() +
        QStringLiteral("WHERE c.customer_key_hash = :customer_key_hash"
                       " AND c.state IN (:bot, :waiting, :assigned) ORDER BY c.id DESC LIMIT 1");
    Query q(*d, sql);
    q.bind(":customer_key_hash", customerKeyHash);
    bindOpenStates(q);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<Conversation>();
    return std::optional<Conversation>(readConversation(q));
}

Result<std::optional<Conversation>>
Store::latestConversationForCustomer(const QByteArray &customerKeyHash)
{
    if (customerKeyHash.isEmpty())
        return std::optional<Conversation>();
    static const QString sql =
        conversationSelect() + QStringLiteral("WHERE c.customer_key_hash = :customer_key_hash"
                                              " ORDER BY c.id DESC LIMIT 1");
    Query q(*d, sql);
    q.bind(":customer_key_hash", customerKeyHash);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<Conversation>();
    return std::optional<Conversation>(readConversation(q));
}

Result<QList<Conversation>> Store::openConversations()
{
    static const QString sql =
        conversationSelect() +
        QStringLiteral("WHERE c.state IN (:bot, :waiting, :assigned) ORDER BY c.id");
    Query q(*d, sql);
    bindOpenStates(q);
    if (!q.exec())
        return q.error();
    QList<Conversation> result;
    while (q.next())
        result.append(readConversation(q));
    return result;
}

Result<bool> Store::transition(qint64 id, ConversationState from, ConversationState to,
                               qint64 assigneeId, qint64 requiredAssignee, qint64 nowMs)
{
    // One conditional UPDATE: the WHERE clause is the check, so two hubs (or two agents)
    // racing for the same conversation cannot both win. The statement text only varies by
    // fixed fragments; every value is bound.
    static const QString base = QStringLiteral(
        "UPDATE conversations SET state = :to, assignee_id = :assignee, updated_at = :now");
    static const QString setWaiting = QStringLiteral(", waiting_since = :waiting_since");
    static const QString where = QStringLiteral(" WHERE id = :id AND state = :from");
    static const QString owned = QStringLiteral(" AND assignee_id = :required");
    static const QString variants[4] = {
        base + where,
        base + where + owned,
        base + setWaiting + where,
        base + setWaiting + where + owned,
    };
    // Waiting → waiting (e.g. a transfer back to the queue) keeps the customer's place.
    const bool writeWaiting = !(from == ConversationState::Waiting && to == from);
    Query q(*d, variants[(writeWaiting ? 2 : 0) + (requiredAssignee ? 1 : 0)]);
    q.bind(":to", stateName(to))
        .bind(":assignee", idOrNull(assigneeId))
        .bind(":now", nowMs)
        .bind(":id", id)
        .bind(":from", stateName(from));
    if (writeWaiting)
        q.bind(":waiting_since", to == ConversationState::Waiting ? nowMs : 0);
    if (requiredAssignee)
        q.bind(":required", requiredAssignee);
    if (!q.exec())
        return q.error();
    return q.rowsAffected() == 1;
}

Result<int> Store::assignedCount(qint64 userId)
{
    Query q(*d, QStringLiteral("SELECT COUNT(*) FROM conversations"
                               " WHERE assignee_id = :user_id AND state = :assigned"));
    q.bind(":user_id", userId).bind(":assigned", stateName(ConversationState::Assigned));
    if (!q.exec())
        return q.error();
    return q.next() ? q.int32(0) : 0;
}

Result<Message> Store::addMessage(const Message &m)
{
    return d->atomically<Message>([&]() -> Result<Message> {
        // The conversation row first: it reports a missing conversation without a failed
        // statement (which would abort a PostgreSQL transaction).
        {
            Query q(*d, QStringLiteral("UPDATE conversations SET last_message_at = :at,"
                                       " last_message_preview = :preview,"
                                       " message_count = message_count + 1, updated_at = :now"
                                       " WHERE id = :id"));
            q.bind(":at", m.createdAtMs)
                .bind(":preview", textValue(previewOf(m.text)))
                .bind(":now", m.createdAtMs)
                .bind(":id", m.conversationId);
            if (!q.exec())
                return q.error();
            if (q.rowsAffected() == 0)
                return notFound(QStringLiteral("no conversation with id %1").arg(m.conversationId));
        }
        Query q(*d, QStringLiteral("INSERT INTO messages (conversation_id, sender_kind,"
                                   " sender_user_id, sender_name, body, created_at, sentiment)"
                                   " VALUES (:conversation_id, :sender_kind, :sender_user_id,"
                                   " :sender_name, :body, :created_at, :sentiment) RETURNING id"));
        q.bind(":conversation_id", m.conversationId)
            .bind(":sender_kind", senderKindName(m.senderKind))
            .bind(":sender_user_id", idOrNull(m.senderUserId))
            .bind(":sender_name", textValue(m.senderName))
            .bind(":body", textValue(m.text))
            .bind(":created_at", m.createdAtMs)
            .bind(":sentiment",
                  m.sentiment ? QVariant(*m.sentiment) : QVariant(QMetaType::fromType<double>()));
        if (!q.exec())
            return q.error();
        if (!q.next())
            return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no id")};
        Message stored = m;
        stored.id = q.int64(0);
        return stored;
    });
}

Result<QList<Message>> Store::messages(qint64 conversationId, qint64 afterId, qint64 beforeId,
                                       int limit, bool includeNotes)
{
    if (limit <= 0)
        return QList<Message>();
    // Paging backwards reads newest-first from the (conversation_id, id) index and reverses.
    static const QString select = QStringLiteral(
        "SELECT id, conversation_id, sender_kind, sender_user_id, sender_name, body, created_at,"
        " sentiment"
        " FROM messages WHERE conversation_id = :conversation_id AND id > :after_id");
    static const QString before = QStringLiteral(" AND id < :before_id");
    static const QString noNotes = QStringLiteral(" AND sender_kind <> :note");
    static const QString asc = QStringLiteral(" ORDER BY id ASC LIMIT :limit");
    static const QString desc = QStringLiteral(" ORDER BY id DESC LIMIT :limit");
    static const QString variants[4] = {
        select + noNotes + asc,
        select + asc,
        select + before + noNotes + desc,
        select + before + desc,
    };
    Query q(*d, variants[(beforeId ? 2 : 0) + (includeNotes ? 1 : 0)]);
    q.bind(":conversation_id", conversationId).bind(":after_id", afterId).bind(":limit", limit);
    if (beforeId)
        q.bind(":before_id", beforeId);
    if (!includeNotes)
        q.bind(":note", senderKindName(SenderKind::Note));
    if (!q.exec())
        return q.error();
    QList<Message> result;
    while (q.next())
        result.append(readMessage(q));
    if (beforeId)
        std::reverse(result.begin(), result.end());
    return result;
}

Result<Event> Store::appendEvent(const QString &kind, qint64 conversationId,
                                 const QJsonObject &payload, qint64 nowMs)
{
    // The seq is the next number after the last committed event, not an identity/sequence value:
    // those are not given back when a savepoint rolls back, and desktops rely on a log without
    // gaps. Two writers racing for the same seq collide on the primary key; one retries.
    Query q(*d,
            QStringLiteral("INSERT INTO events (seq, kind, conversation_id, payload, created_at)"
                           " VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM events),"
                           " :kind, :conversation_id, :payload, :created_at)"
                           " RETURNING seq"));
    q.bind(":kind", textValue(kind))
        .bind(":conversation_id", conversationId)
        .bind(":payload", jsonText(payload))
        .bind(":created_at", nowMs);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Error{QStringLiteral("internal"), QStringLiteral("INSERT returned no seq")};
    Event e;
    e.seq = q.int64(0);
    e.kind = kind;
    e.conversationId = conversationId;
    e.payload = payload;
    e.createdAtMs = nowMs;
    return e;
}

Result<QList<Event>> Store::eventsAfter(qint64 seq, int limit)
{
    if (limit <= 0)
        return QList<Event>();
    Query q(*d, QStringLiteral("SELECT seq, kind, conversation_id, payload, created_at"
                               " FROM events WHERE seq > :seq ORDER BY seq LIMIT :limit"));
    q.bind(":seq", seq).bind(":limit", limit);
    if (!q.exec())
        return q.error();
    QList<Event> result;
    while (q.next())
        result.append(readEvent(q));
    return result;
}

Result<qint64> Store::lastSeq()
{
    // MAX over the primary key is answered from the index end in both databases.
    Query q(*d, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM events"));
    if (!q.exec())
        return q.error();
    return q.next() ? q.int64(0) : 0;
}

} // namespace tandem
