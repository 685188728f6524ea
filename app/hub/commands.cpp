#include "commands.h"

#include "assistcommands.h"
#include "commandsupport.h"
#include "knowledge.h"
#include "priority.h"
#include "protocol.h"
#include "routingcommands.h"
#include "sentiment.h"

#include <QJsonArray>

namespace tandem::commands {

// Shared with the other command files through commandsupport.h.

Error internal(const Error &e)
{
    return Error{QString::fromLatin1(errc::Internal), e.message};
}

qint64 argId(const Context &ctx, const char *name)
{
    return ctx.args.value(QLatin1String(name)).toInteger();
}

QString argText(const Context &ctx, const char *name)
{
    return ctx.args.value(QLatin1String(name)).toString();
}

Status emitEvent(Context &ctx, const QString &kind, const Conversation &c, QJsonObject data)
{
    data.insert(QStringLiteral("conversation"), c.toJson());
    auto e = ctx.store.appendEvent(kind, c.id, data, ctx.nowMs);
    if (!e.ok())
        return internal(e.error());
    ctx.events.append(e.value());
    return {};
}

Status announceKbChange(Context &ctx, const QString &action, const QJsonObject &summary)
{
    if (Status s = ctx.store.audit(ctx.actor.describe(), action, summary, ctx.nowMs); !s.ok())
        return internal(s.error());
    auto e = ctx.store.appendEvent(QStringLiteral("kb.updated"), 0, summary, ctx.nowMs);
    if (!e.ok())
        return internal(e.error());
    ctx.events.append(e.value());
    return {};
}

Result<Conversation> load(Context &ctx, qint64 id)
{
    auto c = ctx.store.conversation(id);
    if (!c.ok()) {
        if (c.error().code == QLatin1String(errc::NotFound))
            return fail<Conversation>(errc::NotFound,
                                      QStringLiteral("conversation %1 does not exist").arg(id));
        return internal(c.error());
    }
    return c;
}

QString userLabel(const User &u)
{
    return u.displayName.isEmpty() ? u.username : u.displayName;
}

/// Keeps the conversation's mood current: latest score, trend over recent messages, a sticky
/// escalation flag, and the priority they give.
Status recordSentiment(Context &ctx, const Conversation &c, const SentimentResult &mood)
{
    auto history = ctx.store.sentimentHistory(c.id);
    if (!history.ok())
        return internal(history.error());
    QList<double> scores = history.value();
    scores.append(mood.score);
    while (scores.size() > kSentimentHistory)
        scores.removeFirst();
    const SentimentTrend trend = sentimentTrend(scores);
    const bool escalation = c.escalation || mood.escalation;
    if (Status s = ctx.store.setSentiment(
            c.id, mood.score, trendName(trend.direction), scores, escalation,
            sentimentPriority(mood.score, trend.direction, escalation), ctx.nowMs);
        !s.ok())
        return internal(s.error());
    return {};
}

/// Adds a message and publishes it together with the conversation it changed.
Result<QJsonObject> postMessage(Context &ctx, const Conversation &c, SenderKind kind,
                                qint64 senderUserId, const QString &senderName, const QString &text)
{
    Message m;
    m.conversationId = c.id;
    m.senderKind = kind;
    m.senderUserId = senderUserId;
    m.senderName = senderName;
    m.text = text;
    m.createdAtMs = ctx.nowMs;
    SentimentResult mood;
    if (kind == SenderKind::Customer) {
        mood = ctx.sentiment.analyze(text);
        m.sentiment = mood.score;
    }
    auto added = ctx.store.addMessage(m);
    if (!added.ok())
        return internal(added.error());
    if (kind == SenderKind::Customer) {
        if (Status s = recordSentiment(ctx, c, mood); !s.ok())
            return s.error();
    }
    auto updated = load(ctx, c.id);
    if (!updated.ok())
        return updated.error();
    const QJsonObject message = added->toJson();
    if (Status s = emitEvent(ctx, QStringLiteral("message.created"), updated.value(),
                             {{QStringLiteral("message"), message}});
        !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("message"), message},
                       {QStringLiteral("conversation"), updated->toJson()}};
}

Result<Conversation> newConversation(Context &ctx, const QString &customerName,
                                     const QString &channel)
{
    NewConversation n;
    n.customerKeyHash = ctx.actor.customerKeyHash;
    n.customerName = customerName;
    n.channel = channel;
    n.locale = ctx.actor.locale;
    // The bot takes every new conversation first and hands over when it should.
    n.state = ctx.settings.botEnabled ? ConversationState::Bot : ConversationState::Waiting;
    n.nowMs = ctx.nowMs;
    auto c = ctx.store.createConversation(n);
    if (!c.ok())
        return internal(c.error());
    if (Status s = emitEvent(ctx, QStringLiteral("conversation.created"), c.value(),
                             {{QStringLiteral("reason"), QStringLiteral("new_conversation")}});
        !s.ok())
        return s.error();
    return c;
}

namespace {

/// Posts a customer's message (the request's "text") and runs it through routing:
/// {"message": …, "conversation": …} with the conversation as routing left it, also put in
/// `routed` when given.
Result<QJsonObject> postAndRoute(Context &ctx, const Conversation &c, const QString &name,
                                 Conversation *routed = nullptr)
{
    auto posted = postMessage(ctx, c, SenderKind::Customer, 0, name, argText(ctx, "text"));
    if (!posted.ok())
        return posted;
    QJsonObject result = posted.value();
    auto after =
        routeCustomerMessage(ctx, c.id, result.value(QStringLiteral("message")).toObject());
    if (!after.ok())
        return after.error();
    result.insert(QStringLiteral("conversation"), after->toJson());
    if (routed)
        *routed = after.value();
    return result;
}

} // namespace

Result<QJsonObject> customerMessage(Context &ctx)
{
    auto open = ctx.store.openConversationForCustomer(ctx.actor.customerKeyHash);
    if (!open.ok())
        return internal(open.error());
    Conversation c;
    if (open->has_value()) {
        c = **open;
    } else {
        auto created = newConversation(ctx, ctx.actor.customerName, ctx.actor.channel);
        if (!created.ok())
            return created.error();
        c = created.value();
    }
    const QString name = c.customerName.isEmpty() ? ctx.actor.customerName : c.customerName;
    Conversation routed;
    auto result = postAndRoute(ctx, c, name, &routed);
    if (!result.ok())
        return result;
    result->insert(QStringLiteral("message"),
                   customerView(result->value(QStringLiteral("message")).toObject()));
    result->insert(QStringLiteral("conversation"), customerView(routed));
    return result;
}

Result<QJsonObject> apiCreateConversation(Context &ctx)
{
    const QString name = ctx.args.value(QStringLiteral("customer"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
    auto c = newConversation(ctx, name, QStringLiteral("api"));
    if (!c.ok())
        return c.error();
    auto result = postAndRoute(ctx, c.value(), name);
    if (result.ok())
        result->insert(QStringLiteral("id"), c->id);
    return result;
}

Result<QJsonObject> apiMessage(Context &ctx)
{
    auto c = load(ctx, argId(ctx, "conversationId"));
    if (!c.ok())
        return c.error();
    if (c->state == ConversationState::Closed)
        return fail(errc::Conflict, QStringLiteral("conversation %1 is closed").arg(c->id));
    return postAndRoute(ctx, c.value(), c->customerName);
}

Status requireWorker(const Context &ctx)
{
    if (ctx.actor.kind != Actor::Kind::User ||
        !permissions::canWorkConversations(ctx.actor.user.role))
        return Status::failure(QString::fromLatin1(errc::Forbidden),
                               QStringLiteral("the %1 role may not work on conversations")
                                   .arg(roleName(ctx.actor.user.role)));
    return {};
}

/// The acting user owns the conversation, or may manage everyone's.
Status requireOwnerOrManager(const Context &ctx, const Conversation &c)
{
    const User &me = ctx.actor.user;
    if (c.state == ConversationState::Assigned && c.assigneeId == me.id)
        return {};
    if (permissions::canManageOthers(me.role))
        return {};
    return Status::failure(QString::fromLatin1(errc::Forbidden),
                           QStringLiteral("conversation %1 is not assigned to you").arg(c.id));
}

Status checkCapacity(Context &ctx, const User &u)
{
    auto count = ctx.store.assignedCount(u.id);
    if (!count.ok())
        return internal(count.error());
    if (count.value() >= ctx.settings.agentCapacity)
        return Status::failure(QString::fromLatin1(errc::CapacityReached),
                               QStringLiteral("%1 already has %2 conversations (the limit is %3)")
                                   .arg(u.username)
                                   .arg(count.value())
                                   .arg(ctx.settings.agentCapacity));
    return {};
}

/// The open conversation a worker command acts on, owned by the actor (or the actor manages
/// everyone's). `ownershipHint` is added to the refusal, e.g. "claim it first".
Result<Conversation> ownedOpenConversation(Context &ctx, const QString &ownershipHint)
{
    if (Status s = requireWorker(ctx); !s.ok())
        return s.error();
    auto c = load(ctx, argId(ctx, "conversationId"));
    if (!c.ok())
        return c;
    if (c->state == ConversationState::Closed)
        return fail<Conversation>(errc::Conflict,
                                  QStringLiteral("conversation %1 is closed").arg(c->id));
    if (Status s = requireOwnerOrManager(ctx, c.value()); !s.ok())
        return Error{s.error().code,
                     ownershipHint.isEmpty()
                         ? s.error().message
                         : s.error().message + QStringLiteral(": ") + ownershipHint};
    return c;
}

Result<QJsonObject> transitionAndPublish(Context &ctx, const Conversation &c, ConversationState to,
                                         qint64 assignee, const QString &change, QJsonObject extra)
{
    const qint64 required = c.state == ConversationState::Assigned ? c.assigneeId : 0;
    auto moved = ctx.store.transition(c.id, c.state, to, assignee, required, ctx.nowMs);
    if (!moved.ok())
        return internal(moved.error());
    if (!moved.value())
        return fail(errc::Conflict,
                    QStringLiteral("conversation %1 changed meanwhile; try again").arg(c.id));
    auto updated = load(ctx, c.id);
    if (!updated.ok())
        return updated.error();
    extra.insert(QStringLiteral("change"), change);
    extra.insert(QStringLiteral("by"), ctx.actor.user.username);
    extra.insert(QStringLiteral("from"), stateName(c.state));
    if (Status s = emitEvent(ctx, QStringLiteral("conversation.updated"), updated.value(), extra);
        !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("conversation"), updated->toJson()}};
}

namespace {

Result<QJsonObject> claim(Context &ctx)
{
    if (Status s = requireWorker(ctx); !s.ok())
        return s.error();
    auto c = load(ctx, argId(ctx, "conversationId"));
    if (!c.ok())
        return c.error();
    const User &me = ctx.actor.user;
    if (c->state == ConversationState::Assigned && c->assigneeId == me.id)
        return QJsonObject{{QStringLiteral("conversation"), c->toJson()}};
    if (c->state == ConversationState::Assigned)
        return fail(errc::Conflict, QStringLiteral("conversation %1 is already assigned to %2")
                                        .arg(c->id)
                                        .arg(c->assigneeName));
    if (c->state == ConversationState::Closed)
        return fail(errc::Conflict, QStringLiteral("conversation %1 is closed").arg(c->id));
    if (Status s = checkCapacity(ctx, me); !s.ok())
        return s.error();
    return transitionAndPublish(ctx, c.value(), ConversationState::Assigned, me.id,
                                QStringLiteral("claimed"), {});
}

Result<QJsonObject> release(Context &ctx)
{
    if (Status s = requireWorker(ctx); !s.ok())
        return s.error();
    auto c = load(ctx, argId(ctx, "conversationId"));
    if (!c.ok())
        return c.error();
    if (c->state != ConversationState::Assigned)
        return fail(errc::Conflict, QStringLiteral("conversation %1 is not assigned").arg(c->id));
    if (Status s = requireOwnerOrManager(ctx, c.value()); !s.ok())
        return s.error();
    return transitionAndPublish(ctx, c.value(), ConversationState::Waiting, 0,
                                QStringLiteral("released"), {});
}

Result<QJsonObject> transfer(Context &ctx)
{
    auto c = ownedOpenConversation(ctx);
    if (!c.ok())
        return c.error();
    auto target = ctx.store.userByName(argText(ctx, "to"));
    if (!target.ok() || target->user.disabled)
        return fail(errc::NotFound,
                    QStringLiteral("no active user named \"%1\"").arg(argText(ctx, "to")));
    const User &to = target->user;
    if (!permissions::canWorkConversations(to.role))
        return fail(errc::InvalidField, QStringLiteral("%1 is a %2 and cannot take conversations")
                                            .arg(to.username, roleName(to.role)));
    if (c->state == ConversationState::Assigned && c->assigneeId == to.id)
        return fail(
            errc::Conflict,
            QStringLiteral("conversation %1 is already with %2").arg(c->id).arg(to.username));
    if (Status s = checkCapacity(ctx, to); !s.ok())
        return s.error();

    const QString note = argText(ctx, "note").trimmed();
    QJsonObject extra{{QStringLiteral("to"), to.username}};
    if (!note.isEmpty())
        extra.insert(QStringLiteral("note"), note);
    auto moved = transitionAndPublish(ctx, c.value(), ConversationState::Assigned, to.id,
                                      QStringLiteral("transferred"), extra);
    if (!moved.ok() || note.isEmpty())
        return moved;
    auto refreshed = load(ctx, c->id);
    if (!refreshed.ok())
        return refreshed.error();
    auto posted = postMessage(ctx, refreshed.value(), SenderKind::Note, ctx.actor.user.id,
                              userLabel(ctx.actor.user), note);
    if (!posted.ok())
        return posted;
    return QJsonObject{
        {QStringLiteral("conversation"), posted->value(QStringLiteral("conversation"))}};
}

Result<QJsonObject> close(Context &ctx)
{
    if (Status s = requireWorker(ctx); !s.ok())
        return s.error();
    auto c = load(ctx, argId(ctx, "conversationId"));
    if (!c.ok())
        return c.error();
    if (c->state == ConversationState::Closed)
        return QJsonObject{{QStringLiteral("conversation"), c->toJson()}};
    if (Status s = requireOwnerOrManager(ctx, c.value()); !s.ok())
        return s.error();
    return transitionAndPublish(ctx, c.value(), ConversationState::Closed, c->assigneeId,
                                QStringLiteral("closed"), {});
}

Result<QJsonObject> send(Context &ctx)
{
    auto c = ownedOpenConversation(ctx, QStringLiteral("claim it first"));
    if (!c.ok())
        return c.error();
    auto posted = postMessage(ctx, c.value(), SenderKind::Agent, ctx.actor.user.id,
                              userLabel(ctx.actor.user), argText(ctx, "text"));
    if (!posted.ok() || !ctx.args.value(QStringLiteral("assist")).isObject())
        return posted;
    // The reply came from (or instead of) the bot's suggestions: record what the agent did.
    auto outcome =
        recordReplyOutcome(ctx, c.value(), posted->value(QStringLiteral("message")).toObject());
    if (!outcome.ok())
        return outcome;
    QJsonObject result = posted.value();
    result.insert(QStringLiteral("outcome"), outcome.value());
    return result;
}

/// Trainers, supervisors and admins edit articles; each save bumps the version, is audited and
/// announced so every desktop can refresh what it shows.
Result<QJsonObject> kbSave(Context &ctx)
{
    if (ctx.actor.kind != Actor::Kind::User || !permissions::canEditKnowledge(ctx.actor.user.role))
        return fail(errc::Forbidden, QStringLiteral("the %1 role may not edit the knowledge base")
                                         .arg(roleName(ctx.actor.user.role)));
    auto article = KbArticle::fromJson(ctx.args.value(QStringLiteral("article")).toObject(),
                                       QStringLiteral("article"));
    if (!article.ok())
        return fail(errc::InvalidField, article.error().message);
    if (Status s = article->validate(QStringLiteral("article")); !s.ok())
        return fail(errc::InvalidField, s.error().message);
    if (Status s = checkAutoAnswerChange(ctx, article.value()); !s.ok())
        return s.error();
    if (Status s = ctx.store.upsertArticle(article.value(), ctx.nowMs); !s.ok())
        return internal(s.error());
    auto saved = ctx.store.article(article->id);
    if (!saved.ok())
        return internal(saved.error());
    const QJsonObject summary{{QStringLiteral("articleId"), saved->id},
                              {QStringLiteral("version"), saved->version},
                              {QStringLiteral("by"), ctx.actor.user.username}};
    if (Status s = announceKbChange(ctx, QStringLiteral("kb.save"), summary); !s.ok())
        return s.error();
    return QJsonObject{{QStringLiteral("article"), saved->toJson()}};
}

} // namespace

Result<QJsonObject> apply(const QString &type, Context &ctx)
{
    using Handler = Result<QJsonObject> (*)(Context &);
    static const QHash<QString, Handler> handlers{
        {QStringLiteral("customer.message"), &customerMessage},
        {QStringLiteral("api.createConversation"), &apiCreateConversation},
        {QStringLiteral("api.message"), &apiMessage},
        {QStringLiteral("claim"), &claim},
        {QStringLiteral("release"), &release},
        {QStringLiteral("transfer"), &transfer},
        {QStringLiteral("close"), &close},
        {QStringLiteral("send"), &send},
        {QStringLiteral("kb.save"), &kbSave},
        {QStringLiteral("sentiment.tag"), &sentimentTag},
        {QStringLiteral("canned.save"), &cannedSave},
        {QStringLiteral("canned.delete"), &cannedDelete},
        {QStringLiteral("suggestion.reason"), &suggestionReason},
        {QStringLiteral("suggestion.ignored"), &suggestionIgnored},
        {QStringLiteral("bot.handBack"), &botHandBack},
        {QStringLiteral("kb.autoAnswer"), &kbAutoAnswer},
    };
    const Handler h = handlers.value(type);
    if (!h)
        return fail(errc::Internal, QStringLiteral("no handler for command \"%1\"").arg(type));
    return h(ctx);
}

QJsonObject customerView(QJsonObject message)
{
    message.remove(QStringLiteral("sentiment"));
    message.remove(QStringLiteral("senderUserId"));
    return message;
}

QJsonObject customerView(const Conversation &c)
{
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("state"), stateName(c.state)},
                  {QStringLiteral("customerName"), c.customerName},
                  {QStringLiteral("channel"), c.channel},
                  {QStringLiteral("locale"), c.locale}};
    if (c.state == ConversationState::Assigned)
        o.insert(QStringLiteral("assigneeName"), c.assigneeName);
    return o;
}

} // namespace tandem::commands
