#include "assistcommands.h"

#include "commandsupport.h"

namespace tandem::commands {

namespace {

Status forbidden(const QString &message)
{
    return Status::failure(QString::fromLatin1(errc::Forbidden), message);
}

/// Agents tag the conversations they hold; supervisors and admins any; trainers only read.
Status mayTag(const Context &ctx, const Conversation &c)
{
    const User &me = ctx.actor.user;
    if (ctx.actor.kind != Actor::Kind::User || !permissions::canWorkConversations(me.role))
        return forbidden(
            QStringLiteral("the %1 role may not tag sentiment").arg(roleName(me.role)));
    if (permissions::canManageOthers(me.role))
        return {};
    if (c.state == ConversationState::Assigned && c.assigneeId == me.id)
        return {};
    return forbidden(QStringLiteral("conversation %1 is not assigned to you").arg(c.id));
}

/// Own responses: anyone who works conversations, for themselves. Shared: supervisors, admins.
Status mayEdit(const Context &ctx, const CannedResponse &r)
{
    const User &me = ctx.actor.user;
    if (ctx.actor.kind != Actor::Kind::User || !permissions::canWorkConversations(me.role))
        return forbidden(
            QStringLiteral("the %1 role may not keep canned responses").arg(roleName(me.role)));
    if (r.isShared() && !permissions::canManageOthers(me.role))
        return forbidden(QStringLiteral("only supervisors and admins edit shared responses"));
    if (!r.isShared() && r.ownerId != me.id)
        return forbidden(QStringLiteral("canned response %1 is someone else's").arg(r.id));
    return {};
}

Status announce(Context &ctx, const QString &kind, qint64 conversationId, const QJsonObject &data)
{
    auto e = ctx.store.appendEvent(kind, conversationId, data, ctx.nowMs);
    if (!e.ok())
        return internal(e.error());
    ctx.events.append(e.value());
    return {};
}

Status auditAndAnnounce(Context &ctx, const QString &action, const CannedResponse &r)
{
    const QJsonObject summary{{QStringLiteral("cannedId"), r.id},
                              {QStringLiteral("shortcut"), r.shortcut},
                              {QStringLiteral("language"), r.language},
                              {QStringLiteral("shared"), r.isShared()},
                              {QStringLiteral("ownerId"), r.ownerId},
                              {QStringLiteral("action"), action},
                              {QStringLiteral("by"), ctx.actor.user.username}};
    if (Status s = ctx.store.audit(ctx.actor.describe(), QStringLiteral("canned.") + action,
                                   summary, ctx.nowMs);
        !s.ok())
        return internal(s.error());
    return announce(ctx, QStringLiteral("canned.updated"), 0, summary);
}

Result<CannedResponse> loadCanned(Context &ctx, qint64 id)
{
    auto r = ctx.store.cannedResponse(id);
    if (r.ok())
        return r;
    if (r.error().code == QLatin1String(errc::NotFound))
        return fail<CannedResponse>(errc::NotFound,
                                    QStringLiteral("canned response %1 does not exist").arg(id));
    return internal(r.error());
}

} // namespace

Result<QJsonObject> sentimentTag(Context &ctx)
{
    const qint64 conversationId = ctx.args.value(QStringLiteral("conversationId")).toInteger();
    auto c = ctx.store.conversation(conversationId);
    if (!c.ok())
        return c.error().code == QLatin1String(errc::NotFound)
                   ? fail(errc::NotFound,
                          QStringLiteral("conversation %1 does not exist").arg(conversationId))
                   : Result<QJsonObject>(internal(c.error()));
    if (Status s = mayTag(ctx, c.value()); !s.ok())
        return s.error();
    const auto label = moodFromName(ctx.args.value(QStringLiteral("label")).toString());
    if (!label)
        return fail(errc::InvalidField,
                    QStringLiteral("field \"label\" must be negative, neutral or positive"));

    SentimentTag tag;
    tag.conversationId = c->id;
    tag.userId = ctx.actor.user.id;
    tag.username = ctx.actor.user.username;
    tag.agentLabel = *label;
    tag.createdAtMs = ctx.nowMs;
    tag.modelScore = c->sentiment;
    if (const qint64 messageId = ctx.args.value(QStringLiteral("messageId")).toInteger()) {
        auto found = ctx.store.messages(c->id, messageId - 1, messageId + 1, 1, false);
        if (!found.ok())
            return internal(found.error());
        if (found->isEmpty() || found->first().senderKind != SenderKind::Customer)
            return fail(errc::InvalidField,
                        QStringLiteral("message %1 is not a customer message of conversation %2")
                            .arg(messageId)
                            .arg(c->id));
        tag.messageId = messageId;
        tag.modelScore = found->first().sentiment;
    }
    if (tag.modelScore)
        tag.modelLabel = moodOf(*tag.modelScore);
    auto stored = ctx.store.addSentimentTag(tag);
    if (!stored.ok())
        return internal(stored.error());
    const QJsonObject json = stored->toJson();
    if (Status s = announce(ctx, QStringLiteral("sentiment.tagged"), c->id,
                            {{QStringLiteral("tag"), json}});
        !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("tag"), json}};
}

Result<QJsonObject> cannedSave(Context &ctx)
{
    const QJsonObject json = ctx.args.value(QStringLiteral("response")).toObject();
    CannedResponse r = CannedResponse::fromJson(json);
    if (r.id) {
        auto existing = loadCanned(ctx, r.id);
        if (!existing.ok())
            return existing.error();
        r.ownerId = existing->ownerId;
    } else {
        r.ownerId = json.value(QStringLiteral("shared")).toBool() ? 0 : ctx.actor.user.id;
    }
    if (Status s = mayEdit(ctx, r); !s.ok())
        return s.error();
    if (Status s = r.validate(); !s.ok())
        return s.error();
    auto saved = ctx.store.saveCannedResponse(r, ctx.actor.describe(), ctx.nowMs);
    if (!saved.ok())
        return saved.error().code == QLatin1String(errc::Conflict)
                   ? Result<QJsonObject>(saved.error())
                   : Result<QJsonObject>(internal(saved.error()));
    if (Status s = auditAndAnnounce(ctx, QStringLiteral("saved"), saved.value()); !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("response"), saved->toJson()}};
}

Result<QJsonObject> cannedDelete(Context &ctx)
{
    auto existing = loadCanned(ctx, ctx.args.value(QStringLiteral("cannedId")).toInteger());
    if (!existing.ok())
        return existing.error();
    if (Status s = mayEdit(ctx, existing.value()); !s.ok())
        return s.error();
    if (Status s = ctx.store.deleteCannedResponse(existing->id); !s.ok())
        return internal(s.error());
    if (Status s = auditAndAnnounce(ctx, QStringLiteral("deleted"), existing.value()); !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("cannedId"), existing->id}};
}

} // namespace tandem::commands
