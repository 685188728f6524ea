#include "store_private.h"

namespace tandem {

namespace {

constexpr int kKeptModelBytes = 3; // newest models of a kind whose bytes are kept

const QString kColumns =
    QStringLiteral("id, kind, version, created_at, example_count, note, active, length(bytes)");

BotModelInfo infoFrom(const Query &q)
{
    BotModelInfo info;
    info.id = q.int64(0);
    info.kind = q.text(1);
    info.version = q.text(2);
    info.createdAtMs = q.int64(3);
    info.exampleCount = q.int32(4);
    info.note = q.text(5);
    info.byteSize = q.int64(7);
    info.active = q.boolean(6);
    return info;
}

} // namespace

Result<BotModelInfo> Store::saveBotModel(const QString &kind, const QByteArray &bytes,
                                         const QString &version, int exampleCount,
                                         const QString &note, qint64 nowMs)
{
    if (kind.isEmpty() || bytes.isEmpty())
        return invalidArgument(QStringLiteral("a bot model needs a kind and its bytes"));
    return d->atomically<BotModelInfo>([&]() -> Result<BotModelInfo> {
        Query q(*d, QStringLiteral("INSERT INTO bot_models (kind, version, created_at,"
                                   " example_count, note, active, bytes) VALUES (:kind, :version,"
                                   " :created_at, :example_count, :note, 1, :bytes)"
                                   " RETURNING id"));
        q.bind(":kind", kind)
            .bind(":version", textValue(version))
            .bind(":created_at", nowMs)
            .bind(":example_count", exampleCount)
            .bind(":note", textValue(note))
            .bind(":bytes", bytes);
        if (!q.exec())
            return q.error();
        if (!q.next())
            return Error{QStringLiteral("internal"),
                         QStringLiteral("saving the bot model returned no id")};
        const BotModelInfo saved{q.int64(0),   kind, version, nowMs,
                                 exampleCount, note, true,    bytes.size()};
        // Models are large (tens of MB): only the newest few keep their bytes; older ones stay
        // listed for the record. substr(…, 1, 0) is an empty blob/bytea on both backends.
        Query prune(*d,
                    QStringLiteral("UPDATE bot_models SET bytes = substr(bytes, 1, 0)"
                                   " WHERE kind = :kind AND length(bytes) > 0 AND id < ("
                                   "SELECT MIN(id) FROM (SELECT id FROM bot_models"
                                   " WHERE kind = :kind2 ORDER BY id DESC LIMIT :keep) newest)"));
        prune.bind(":kind", kind).bind(":kind2", kind).bind(":keep", kKeptModelBytes);
        if (!prune.exec())
            return prune.error();
        return saved;
    });
}

Result<std::optional<QPair<BotModelInfo, QByteArray>>> Store::latestBotModel(const QString &kind)
{
    Query q(*d, QStringLiteral("SELECT ") + kColumns +
                    QStringLiteral(", bytes FROM bot_models WHERE kind = :kind AND active = 1"
                                   " ORDER BY id DESC LIMIT 1"));
    q.bind(":kind", kind);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<QPair<BotModelInfo, QByteArray>>();
    return std::optional(qMakePair(infoFrom(q), q.bytes(8)));
}

Result<QList<BotModelInfo>> Store::botModels(const QString &kind)
{
    Query q(*d, QStringLiteral("SELECT ") + kColumns +
                    QStringLiteral(" FROM bot_models WHERE kind = :kind ORDER BY id DESC"));
    q.bind(":kind", kind);
    if (!q.exec())
        return q.error();
    QList<BotModelInfo> models;
    while (q.next())
        models.append(infoFrom(q));
    return models;
}

Result<int> Store::deactivateBotModels(const QString &kind)
{
    Query q(*d,
            QStringLiteral("UPDATE bot_models SET active = 0 WHERE kind = :kind AND active = 1"));
    q.bind(":kind", kind);
    if (!q.exec())
        return q.error();
    return q.rowsAffected();
}

} // namespace tandem
