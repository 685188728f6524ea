#include "routingcommands.h"

#include "commandsupport.h"
#include "routing.h"
#include "suggester.h"
#include "suggestionoutcome.h"

#include <QJsonArray>

namespace tandem::commands {

namespace {

constexpr int kRoutingHistory = 20; // decisions kept in the conversation's assist document
constexpr int kContextMessages = 2; // earlier customer messages a follow-up is read with

QString oneLine(QString text, int maxLength = 200)
{
    text = text.simplified();
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + QChar(0x2026);
    return text;
}

/// The article's content in `language`, else in the first language it has.
const KbContent *contentFor(const KbArticle &article, const QString &language)
{
    if (auto it = article.content.constFind(language); it != article.content.constEnd())
        return &*it;
    for (const QString &fallback : kb::languages()) {
        if (auto it = article.content.constFind(fallback); it != article.content.constEnd())
            return &*it;
    }
    return nullptr;
}

QString botName(const QMap<QString, QString> &shopNames, const QString &language)
{
    const QString shop = shopNames.value(language);
    if (language == QLatin1String("zh-CN"))
        return shop.isEmpty() ? QStringLiteral("智能助手") : shop + QStringLiteral("智能助手");
    if (language == QLatin1String("zh-TW"))
        return shop.isEmpty() ? QStringLiteral("智慧助理") : shop + QStringLiteral("智慧助理");
    return shop.isEmpty() ? QStringLiteral("Assistant") : shop + QStringLiteral(" assistant");
}

QString holdingMessage(const QString &language, const QString &answer)
{
    QString text;
    QString marker;
    if (language == QLatin1String("zh-CN")) {
        text = QStringLiteral("目前人工客服都在忙，感谢您耐心等待，我们会尽快回复您。");
        marker = QStringLiteral("在此之前，以下自动回答也许能帮到您：\n\n【自动回答】");
    } else if (language == QLatin1String("zh-TW")) {
        text = QStringLiteral("目前真人客服都在忙線中，感謝您耐心等候，我們會盡快回覆您。");
        marker = QStringLiteral("在此之前，以下自動回答或許能幫上忙：\n\n【自動回答】");
    } else {
        text = QStringLiteral("All our agents are busy right now. Thank you for waiting; a person "
                              "will reply as soon as possible.");
        marker = QStringLiteral(" In the meantime, this automatic answer may help:\n\n"
                                "[Automatic answer] ");
    }
    return answer.isEmpty() ? text : text + marker + answer;
}

struct Prepared
{
    QJsonObject document;      // assist.suggestions
    QList<KbArticle> articles; // per suggestion item
    QString language;
};

/// The top suggestions as agents see them: answers filled in the customer's language.
Result<Prepared> prepareSuggestions(Context &ctx, const Conversation &c, qint64 messageId,
                                    const QString &text, const SuggestionResult &result)
{
    Prepared p;
    p.language = answerLanguage(text, c.locale);
    auto shopNames = ctx.store.kbShopName();
    if (!shopNames.ok())
        return internal(shopNames.error());
    QHash<QString, QString> values{
        {QStringLiteral("customer.name"), c.customerName},
        {QStringLiteral("shop.name"), shopNames->value(p.language)},
    };
    // Whoever answers signs: the assigned agent, or the bot while it has the conversation.
    if (c.state == ConversationState::Assigned)
        values.insert(QStringLiteral("agent.name"), c.assigneeName);
    else if (c.state == ConversationState::Bot)
        values.insert(QStringLiteral("agent.name"), botName(*shopNames, p.language));
    QJsonArray items;
    for (const Suggestion &s : result.suggestions) {
        auto article = ctx.store.article(s.articleId);
        if (!article.ok()) {
            if (article.error().code == QLatin1String(errc::NotFound))
                continue; // deleted since the model was trained
            return internal(article.error());
        }
        const KbContent *content = contentFor(*article, p.language);
        if (!content || !article->enabled)
            continue;
        p.articles.append(*article);
        items.append(QJsonObject{
            {QStringLiteral("rank"), int(items.size()) + 1},
            {QStringLiteral("articleId"), s.articleId},
            {QStringLiteral("articleVersion"), article->version},
            {QStringLiteral("intent"), s.intent},
            {QStringLiteral("confidence"), s.confidence},
            {QStringLiteral("title"), content->title},
            {QStringLiteral("answer"), fillAnswerVariables(content->answer, values)},
            {QStringLiteral("lastReviewed"), article->lastReviewed.toString(Qt::ISODate)},
            {QStringLiteral("matchedQuestion"), s.matchedQuestion},
            {QStringLiteral("autoAnswer"), article->autoAnswer},
            {QStringLiteral("weak"), s.confidence < s.threshold},
        });
    }
    p.document = QJsonObject{
        {QStringLiteral("messageId"), messageId},
        {QStringLiteral("question"), text},
        {QStringLiteral("modelVersion"), result.modelVersion},
        {QStringLiteral("threshold"), result.threshold},
        {QStringLiteral("computedAtMs"), ctx.nowMs},
        {QStringLiteral("language"), p.language},
        {QStringLiteral("usedContext"), result.usedContext},
        {QStringLiteral("items"), items},
    };
    return p;
}

QStringList previousCustomerTexts(Context &ctx, qint64 conversationId, qint64 beforeMessageId)
{
    QStringList texts;
    auto recent = ctx.store.messages(conversationId, 0, beforeMessageId, 10, false);
    if (!recent.ok())
        return texts;
    for (const Message &m : std::as_const(recent.value())) {
        if (m.senderKind == SenderKind::Customer)
            texts.append(m.text);
    }
    while (texts.size() > kContextMessages)
        texts.removeFirst();
    return texts;
}

Status saveAssist(Context &ctx, qint64 conversationId, const QJsonObject &assist)
{
    if (Status s = ctx.store.setAssist(conversationId, assist, ctx.nowMs); !s.ok())
        return internal(s.error());
    return {};
}

/// Moves a conversation to another state on the bot's behalf and announces it.
Result<Conversation> moveAsBot(Context &ctx, const Conversation &c, ConversationState to,
                               const QString &change, QJsonObject extra)
{
    const qint64 required = c.state == ConversationState::Assigned ? c.assigneeId : 0;
    auto moved = ctx.store.transition(c.id, c.state, to, 0, required, ctx.nowMs);
    if (!moved.ok())
        return internal(moved.error());
    if (!moved.value())
        return fail<Conversation>(
            errc::Conflict,
            QStringLiteral("conversation %1 changed meanwhile; try again").arg(c.id));
    auto updated = load(ctx, c.id);
    if (!updated.ok())
        return updated;
    extra.insert(QStringLiteral("change"), change);
    extra.insert(QStringLiteral("from"), stateName(c.state));
    if (Status s = emitEvent(ctx, QStringLiteral("conversation.updated"), *updated, extra); !s.ok())
        return s.error();
    return updated;
}

Result<qint64> longestWaitMs(Context &ctx)
{
    auto oldest = ctx.store.oldestWaitingSince();
    if (!oldest.ok())
        return internal(oldest.error());
    return oldest.value() > 0 ? ctx.nowMs - oldest.value() : qint64(0);
}

/// Saves the assist document and announces the decision with the conversation as it now is.
Result<Conversation> publishDecision(Context &ctx, qint64 conversationId, const QJsonObject &assist,
                                     const QJsonObject &record)
{
    if (Status s = saveAssist(ctx, conversationId, assist); !s.ok())
        return s.error();
    auto updated = load(ctx, conversationId);
    if (!updated.ok())
        return updated;
    if (Status s = emitEvent(ctx, QStringLiteral("routing.decided"), *updated, record); !s.ok())
        return s.error();
    return updated;
}

/// The bot says something in the conversation; returns the conversation afterwards.
Result<Conversation> botSays(Context &ctx, const Conversation &c, const QString &senderName,
                             const QString &text)
{
    auto posted = postMessage(ctx, c, SenderKind::Bot, 0, senderName, text);
    if (!posted.ok())
        return posted.error();
    return load(ctx, c.id);
}

/// What an outcome records of the suggestions shown: rank, article and version, intent and
/// confidence of each (not the answer texts, which the articles keep).
QJsonArray shownSummary(const QJsonArray &items)
{
    QJsonArray shown;
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        shown.append(QJsonObject{
            {QStringLiteral("rank"), item.value(QStringLiteral("rank"))},
            {QStringLiteral("articleId"), item.value(QStringLiteral("articleId"))},
            {QStringLiteral("articleVersion"), item.value(QStringLiteral("articleVersion"))},
            {QStringLiteral("intent"), item.value(QStringLiteral("intent"))},
            {QStringLiteral("confidence"), item.value(QStringLiteral("confidence"))}});
    }
    return shown;
}

} // namespace

Result<Conversation> routeCustomerMessage(Context &ctx, qint64 conversationId,
                                          const QJsonObject &message)
{
    auto loaded = load(ctx, conversationId);
    if (!loaded.ok())
        return loaded;
    Conversation c = loaded.value();
    if (c.state == ConversationState::Closed)
        return c;
    const qint64 messageId = message.value(QStringLiteral("id")).toInteger();
    const QString text = message.value(QStringLiteral("text")).toString();

    const SuggestionModel *model = ctx.suggestions;
    const SuggestionResult result =
        model ? model->suggest(text, previousCustomerTexts(ctx, c.id, messageId), 3)
              : SuggestionResult{};
    auto prepared = prepareSuggestions(ctx, c, messageId, text, result);
    if (!prepared.ok())
        return prepared.error();

    QJsonObject assist = c.assist;
    assist.insert(QStringLiteral("suggestions"), prepared->document);
    QJsonObject bot = assist.value(QStringLiteral("bot")).toObject();
    QJsonArray answered = bot.value(QStringLiteral("answeredIntents")).toArray();
    const QJsonArray items = prepared->document.value(QStringLiteral("items")).toArray();
    const QJsonObject top = items.isEmpty() ? QJsonObject() : items.first().toObject();
    const QString topIntent = top.value(QStringLiteral("intent")).toString();

    RoutingInputs inputs;
    inputs.modelReady = model != nullptr;
    inputs.suggestions = result;
    inputs.autoAnswerCleared = top.value(QStringLiteral("autoAnswer")).toBool();
    inputs.sentiment = ctx.sentiment.analyze(text);
    inputs.sentimentTrend = c.sentimentTrend;
    inputs.humanRequested = asksForHuman(text);
    inputs.botFailures = bot.value(QStringLiteral("failures")).toInt();
    inputs.repeatsAnsweredIntent = !topIntent.isEmpty() && answered.contains(topIntent);
    inputs.greetingOnly = isGreetingOnly(text);
    inputs.answerComplete = !top.value(QStringLiteral("answer")).toString().contains(u"{{");
    RoutingDecision decision;
    if (c.state == ConversationState::Bot) {
        decision = decideRouting(inputs);
    } else {
        decision.reason = RoutingReason::WithHuman;
        decision.botFailures = inputs.botFailures;
    }
    QJsonObject record = decision.toJson(inputs);
    record.insert(QStringLiteral("messageId"), messageId);

    QJsonArray routing = assist.value(QStringLiteral("routing")).toArray();
    routing.append(
        QJsonObject{{QStringLiteral("decision"), record.value(QStringLiteral("decision"))},
                    {QStringLiteral("reason"), record.value(QStringLiteral("reason"))},
                    {QStringLiteral("messageId"), messageId},
                    {QStringLiteral("atMs"), ctx.nowMs},
                    {QStringLiteral("intent"), topIntent},
                    {QStringLiteral("confidence"), top.value(QStringLiteral("confidence"))}});
    while (routing.size() > kRoutingHistory)
        routing.removeFirst();
    assist.insert(QStringLiteral("routing"), routing);

    const QString answer = top.value(QStringLiteral("answer")).toString();
    auto shopNames = ctx.store.kbShopName();
    if (!shopNames.ok())
        return internal(shopNames.error());
    const QString senderName = botName(*shopNames, prepared->language);

    if (decision.botAnswers && decision.reason == RoutingReason::Greeting) {
        assist.insert(QStringLiteral("bot"), bot);
        auto updated = publishDecision(ctx, c.id, assist, record);
        if (!updated.ok())
            return updated;
        return botSays(ctx, *updated, senderName, greetingReply(prepared->language, senderName));
    }
    if (decision.botAnswers) {
        answered.append(topIntent);
        bot.insert(QStringLiteral("answeredIntents"), answered);
        bot.insert(QStringLiteral("failures"), decision.botFailures);
        QJsonArray botAnswers = bot.value(QStringLiteral("answers")).toArray();
        botAnswers.append(QJsonObject{
            {QStringLiteral("text"), answer},
            {QStringLiteral("articleId"), top.value(QStringLiteral("articleId"))},
            {QStringLiteral("articleVersion"), top.value(QStringLiteral("articleVersion"))}});
        while (botAnswers.size() > 5)
            botAnswers.removeFirst();
        bot.insert(QStringLiteral("answers"), botAnswers);
        assist.insert(QStringLiteral("bot"), bot);
        auto updated = publishDecision(ctx, c.id, assist, record);
        if (!updated.ok())
            return updated;
        return botSays(ctx, *updated, senderName, answer);
    }

    bot.insert(QStringLiteral("failures"), decision.botFailures);
    if (c.state == ConversationState::Bot) {
        // The handoff card: everything an agent needs to pick up without scrolling back.
        QJsonArray articles;
        for (const QJsonValue &a : bot.value(QStringLiteral("answers")).toArray()) {
            articles.append(QJsonObject{
                {QStringLiteral("articleId"), a.toObject().value(QStringLiteral("articleId"))},
                {QStringLiteral("version"), a.toObject().value(QStringLiteral("articleVersion"))}});
        }
        QJsonArray botAnswers;
        for (const QJsonValue &a : bot.value(QStringLiteral("answers")).toArray())
            botAnswers.append(a.toObject().value(QStringLiteral("text")));
        QJsonObject handoff{{QStringLiteral("reason"), record.value(QStringLiteral("reason"))},
                            {QStringLiteral("atMs"), ctx.nowMs},
                            {QStringLiteral("messageId"), messageId},
                            {QStringLiteral("question"), oneLine(text)},
                            {QStringLiteral("sentimentTrend"), c.sentimentTrend},
                            {QStringLiteral("botAnswers"), botAnswers},
                            {QStringLiteral("articles"), articles}};
        if (c.sentiment)
            handoff.insert(QStringLiteral("sentiment"), *c.sentiment);
        if (!top.isEmpty()) {
            handoff.insert(QStringLiteral("intent"), topIntent);
            handoff.insert(QStringLiteral("confidence"), top.value(QStringLiteral("confidence")));
        }
        assist.insert(QStringLiteral("handoff"), handoff);
    }
    assist.insert(QStringLiteral("bot"), bot);
    auto updated = publishDecision(ctx, c.id, assist, record);
    if (!updated.ok())
        return updated;
    if (c.state == ConversationState::Bot) {
        auto moved =
            moveAsBot(ctx, *updated, ConversationState::Waiting, QStringLiteral("handed_over"),
                      {{QStringLiteral("by"), QStringLiteral("bot")},
                       {QStringLiteral("reason"), record.value(QStringLiteral("reason"))}});
        if (!moved.ok())
            return moved;
        updated = moved;
    }

    // Peak load: one honest holding message, with the best answer marked as automatic.
    if (updated->state == ConversationState::Waiting &&
        bot.value(QStringLiteral("holdingSentAtMs")).toInteger() == 0 &&
        ctx.settings.peakWaitMs > 0) {
        auto longest = longestWaitMs(ctx);
        if (!longest.ok())
            return longest.error();
        if (longest.value() >= ctx.settings.peakWaitMs) {
            const bool confident = !top.isEmpty() && !top.value(QStringLiteral("weak")).toBool();
            bot.insert(QStringLiteral("holdingSentAtMs"), ctx.nowMs);
            assist.insert(QStringLiteral("bot"), bot);
            if (Status s = saveAssist(ctx, c.id, assist); !s.ok())
                return s.error();
            auto refreshed = load(ctx, c.id);
            if (!refreshed.ok())
                return refreshed;
            return botSays(ctx, *refreshed, senderName,
                           holdingMessage(prepared->language, confident ? answer : QString()));
        }
    }
    return updated;
}

Result<QJsonObject> recordReplyOutcome(Context &ctx, const Conversation &c,
                                       const QJsonObject &sentMessage)
{
    const QJsonObject meta = ctx.args.value(QStringLiteral("assist")).toObject();
    const QString action = meta.value(QStringLiteral("action")).toString();
    if (!suggestion::isAction(action) || action == QLatin1String("ignored"))
        return fail(errc::InvalidField,
                    QStringLiteral("assist.action must be accepted, edited or overridden"));
    const int rank = meta.value(QStringLiteral("rank")).toInt();
    if (action != QLatin1String("overridden") && (rank < 1 || rank > 3))
        return fail(errc::InvalidField, QStringLiteral("assist.rank must be 1, 2 or 3"));

    SuggestionOutcome o;
    o.conversationId = c.id;
    o.messageId = meta.value(QStringLiteral("messageId")).toInteger();
    o.userId = ctx.actor.user.id;
    o.username = ctx.actor.user.username;
    o.action = action;
    o.sentText = sentMessage.value(QStringLiteral("text")).toString();
    o.createdAtMs = ctx.nowMs;
    if (meta.value(QStringLiteral("displayMs")).isDouble())
        o.displayMs = qint64(meta.value(QStringLiteral("displayMs")).toDouble());

    // The suggestions shown are the ones the hub prepared for that customer message.
    const QJsonObject shown = c.assist.value(QStringLiteral("suggestions")).toObject();
    const bool matches = shown.value(QStringLiteral("messageId")).toInteger() == o.messageId;
    const QJsonArray items =
        matches ? shown.value(QStringLiteral("items")).toArray() : QJsonArray();
    o.shown = shownSummary(items);
    o.modelVersion = shown.value(QStringLiteral("modelVersion")).toString();
    const int used = action == QLatin1String("overridden") ? 1 : rank; // compared with the top
    if (used >= 1 && used <= items.size()) {
        const QJsonObject item = items.at(used - 1).toObject();
        if (action != QLatin1String("overridden")) {
            o.rank = rank;
            o.articleId = item.value(QStringLiteral("articleId")).toString();
            o.articleVersion = item.value(QStringLiteral("articleVersion")).toInt();
            o.intent = item.value(QStringLiteral("intent")).toString();
            o.confidence = item.value(QStringLiteral("confidence")).toDouble();
        }
        o.editDistance = suggestion::normalizedEditDistance(
            item.value(QStringLiteral("answer")).toString(), o.sentText);
    } else if (action != QLatin1String("overridden")) {
        return fail(errc::Conflict,
                    QStringLiteral("suggestion %1 for message %2 is no longer current")
                        .arg(rank)
                        .arg(o.messageId));
    }
    auto stored = ctx.store.addSuggestionOutcome(o);
    if (!stored.ok())
        return internal(stored.error());

    // Accepted and lightly edited replies teach the bot the customer's wording.
    const bool learned =
        !o.articleId.isEmpty() && (action == QLatin1String("accepted") ||
                                   (o.editDistance && *o.editDistance <= kLearnEditDistance));
    const QString question = shown.value(QStringLiteral("question")).toString();
    if (learned && !question.trimmed().isEmpty()) {
        if (Status s =
                ctx.store.addLearnedExample(question, o.articleId, o.intent, stored->id, ctx.nowMs);
            !s.ok())
            return internal(s.error());
    }
    QJsonObject outcome = stored->toJson();
    outcome.insert(QStringLiteral("learned"), learned);
    if (Status s = emitEvent(ctx, QStringLiteral("suggestion.recorded"), c,
                             {{QStringLiteral("outcome"), outcome}});
        !s.ok())
        return s.error();
    return outcome;
}

Result<QJsonObject> suggestionReason(Context &ctx)
{
    if (Status s = requireWorker(ctx); !s.ok())
        return s.error();
    const QString reason = argText(ctx, "reason");
    if (!suggestion::isReason(reason))
        return fail(errc::InvalidField,
                    QStringLiteral("unknown reason \"%1\" (wrong_intent, outdated_article, tone, "
                                   "policy, missing_data, already_answered, other)")
                        .arg(reason));
    auto outcome = ctx.store.suggestionOutcome(argId(ctx, "outcomeId"));
    if (!outcome.ok()) {
        if (outcome.error().code == QLatin1String(errc::NotFound))
            return fail(errc::NotFound, outcome.error().message);
        return internal(outcome.error());
    }
    if (outcome->userId != ctx.actor.user.id && !permissions::canManageOthers(ctx.actor.user.role))
        return fail(errc::Forbidden,
                    QStringLiteral("outcome %1 was recorded by someone else").arg(outcome->id));
    if (Status s = ctx.store.setSuggestionOutcomeReason(outcome->id, reason); !s.ok())
        return internal(s.error());
    outcome->reason = reason;
    return QJsonObject{{QStringLiteral("outcome"), outcome->toJson()}};
}

Result<QJsonObject> suggestionIgnored(Context &ctx)
{
    auto c = ownedOpenConversation(ctx);
    if (!c.ok())
        return c.error();
    const QJsonObject shown = c->assist.value(QStringLiteral("suggestions")).toObject();
    SuggestionOutcome o;
    o.conversationId = c->id;
    o.messageId = argId(ctx, "messageId");
    o.userId = ctx.actor.user.id;
    o.username = ctx.actor.user.username;
    o.action = QStringLiteral("ignored");
    o.createdAtMs = ctx.nowMs;
    if (ctx.args.value(QStringLiteral("displayMs")).isDouble())
        o.displayMs = qint64(ctx.args.value(QStringLiteral("displayMs")).toDouble());
    if (shown.value(QStringLiteral("messageId")).toInteger() == o.messageId) {
        o.modelVersion = shown.value(QStringLiteral("modelVersion")).toString();
        o.shown = shownSummary(shown.value(QStringLiteral("items")).toArray());
    }
    auto stored = ctx.store.addSuggestionOutcome(o);
    if (!stored.ok())
        return internal(stored.error());
    return QJsonObject{{QStringLiteral("outcome"), stored->toJson()}};
}

Result<QJsonObject> botHandBack(Context &ctx)
{
    auto c = ownedOpenConversation(ctx);
    if (!c.ok())
        return c.error();
    if (c->state == ConversationState::Bot)
        return QJsonObject{{QStringLiteral("conversation"), c->toJson()}};
    QJsonObject assist = c->assist;
    QJsonObject bot = assist.value(QStringLiteral("bot")).toObject();
    bot.insert(QStringLiteral("failures"), 0); // a fresh start: the agent vouches for the bot
    bot.insert(QStringLiteral("answeredIntents"), QJsonArray());
    bot.insert(QStringLiteral("holdingSentAtMs"), 0);
    assist.insert(QStringLiteral("bot"), bot);
    assist.remove(QStringLiteral("handoff"));
    if (Status s = saveAssist(ctx, c->id, assist); !s.ok())
        return s.error();
    auto refreshed = load(ctx, c->id);
    if (!refreshed.ok())
        return refreshed.error();
    auto moved = moveAsBot(ctx, *refreshed, ConversationState::Bot, QStringLiteral("handed_to_bot"),
                           {{QStringLiteral("by"), ctx.actor.user.username}});
    if (!moved.ok())
        return moved.error();
    return QJsonObject{{QStringLiteral("conversation"), moved->toJson()}};
}

Status checkAutoAnswerChange(Context &ctx, const KbArticle &article)
{
    if (permissions::canManageOthers(ctx.actor.user.role))
        return {};
    auto existing = ctx.store.article(article.id);
    bool current = false;
    if (existing.ok())
        current = existing->autoAnswer;
    else if (existing.error().code != QLatin1String(errc::NotFound))
        return internal(existing.error());
    if (article.autoAnswer != current)
        return Status::failure(QString::fromLatin1(errc::Forbidden),
                               QStringLiteral("only supervisors and admins may change whether "
                                              "\"%1\" is answered automatically")
                                   .arg(article.id));
    return {};
}

Result<QJsonObject> kbAutoAnswer(Context &ctx)
{
    if (ctx.actor.kind != Actor::Kind::User || !permissions::canManageOthers(ctx.actor.user.role))
        return fail(errc::Forbidden,
                    QStringLiteral("only supervisors and admins may clear intents for automatic "
                                   "answers"));
    auto article = ctx.store.article(argText(ctx, "articleId"));
    if (!article.ok()) {
        if (article.error().code == QLatin1String(errc::NotFound))
            return fail(errc::NotFound,
                        QStringLiteral("no article \"%1\"").arg(argText(ctx, "articleId")));
        return internal(article.error());
    }
    const bool wanted = ctx.args.value(QStringLiteral("autoAnswer")).toBool();
    const bool before = article->autoAnswer;
    if (before != wanted) {
        KbArticle changed = article.value();
        changed.autoAnswer = wanted;
        if (Status s = ctx.store.upsertArticle(changed, ctx.nowMs); !s.ok())
            return internal(s.error());
    }
    auto saved = ctx.store.article(article->id);
    if (!saved.ok())
        return internal(saved.error());
    const QJsonObject summary{{QStringLiteral("articleId"), saved->id},
                              {QStringLiteral("intent"), saved->intent},
                              {QStringLiteral("version"), saved->version},
                              {QStringLiteral("autoAnswer"), wanted},
                              {QStringLiteral("was"), before},
                              {QStringLiteral("by"), ctx.actor.user.username}};
    if (before != wanted) {
        if (Status s = announceKbChange(ctx, QStringLiteral("kb.autoAnswer"), summary); !s.ok())
            return s.error();
    }
    return QJsonObject{{QStringLiteral("article"), saved->toJson()}};
}

} // namespace tandem::commands
