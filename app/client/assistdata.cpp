#include "assistdata.h"

#include <QJsonArray>

#include <algorithm>

namespace tandem {

namespace {
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

AssistSuggestion AssistSuggestion::fromJson(const QJsonObject &o)
{
    AssistSuggestion s;
    s.rank = o.value(QStringLiteral("rank")).toInt();
    s.articleId = str(o, "articleId");
    s.articleVersion = o.value(QStringLiteral("articleVersion")).toInt();
    s.intent = str(o, "intent");
    s.confidence = o.value(QStringLiteral("confidence")).toDouble();
    s.title = str(o, "title");
    s.answer = str(o, "answer");
    s.lastReviewed = str(o, "lastReviewed");
    s.matchedQuestion = str(o, "matchedQuestion");
    s.weak = o.value(QStringLiteral("weak")).toBool();
    return s;
}

std::optional<AssistSuggestion> AssistSuggestions::byRank(int rank) const
{
    for (const AssistSuggestion &s : items) {
        if (s.rank == rank)
            return s;
    }
    return std::nullopt;
}

AssistSuggestions AssistSuggestions::fromJson(const QJsonObject &o)
{
    AssistSuggestions set;
    set.messageId = o.value(QStringLiteral("messageId")).toInteger();
    set.modelVersion = str(o, "modelVersion");
    set.threshold = o.value(QStringLiteral("threshold")).toDouble();
    set.computedAtMs = o.value(QStringLiteral("computedAtMs")).toInteger();
    set.language = str(o, "language");
    const QJsonArray items = o.value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : items) {
        AssistSuggestion s = AssistSuggestion::fromJson(v.toObject());
        if (s.rank < 1 || s.rank > 3 || s.answer.isEmpty())
            continue; // the panel has keys for three
        set.items.append(s);
    }
    std::sort(set.items.begin(), set.items.end(),
              [](const AssistSuggestion &a, const AssistSuggestion &b) { return a.rank < b.rank; });
    return set;
}

AssistHandoff AssistHandoff::fromJson(const QJsonObject &o)
{
    AssistHandoff h;
    h.reason = str(o, "reason");
    h.atMs = o.value(QStringLiteral("atMs")).toInteger();
    h.question = str(o, "question");
    h.intent = str(o, "intent");
    h.confidence = o.value(QStringLiteral("confidence")).toDouble();
    if (o.value(QStringLiteral("sentiment")).isDouble())
        h.sentiment = o.value(QStringLiteral("sentiment")).toDouble();
    h.sentimentTrend = str(o, "sentimentTrend");
    for (const QJsonValue &v : o.value(QStringLiteral("botAnswers")).toArray())
        h.botAnswers.append(v.toString());
    for (const QJsonValue &v : o.value(QStringLiteral("articles")).toArray()) {
        const QJsonObject a = v.toObject();
        const int version = a.value(QStringLiteral("version")).toInt();
        h.articles.append(version ? QStringLiteral("%1 v%2").arg(str(a, "articleId")).arg(version)
                                  : str(a, "articleId"));
    }
    return h;
}

AssistRouting AssistRouting::fromJson(const QJsonObject &o)
{
    AssistRouting d;
    d.decision = str(o, "decision");
    d.reason = str(o, "reason");
    d.messageId = o.value(QStringLiteral("messageId")).toInteger();
    d.atMs = o.value(QStringLiteral("atMs")).toInteger();
    d.intent = str(o, "intent");
    d.confidence = o.value(QStringLiteral("confidence")).toDouble();
    return d;
}

AssistInfo AssistInfo::fromJson(const QJsonObject &assist)
{
    AssistInfo info;
    info.suggestions =
        AssistSuggestions::fromJson(assist.value(QStringLiteral("suggestions")).toObject());
    info.handoff = AssistHandoff::fromJson(assist.value(QStringLiteral("handoff")).toObject());
    for (const QJsonValue &v : assist.value(QStringLiteral("routing")).toArray())
        info.routing.append(AssistRouting::fromJson(v.toObject()));
    std::stable_sort(
        info.routing.begin(), info.routing.end(),
        [](const AssistRouting &a, const AssistRouting &b) { return a.atMs < b.atMs; });
    info.botFailures =
        assist.value(QStringLiteral("bot")).toObject().value(QStringLiteral("failures")).toInt();
    return info;
}

const QStringList &suggestionReasons()
{
    static const QStringList reasons{
        QStringLiteral("wrong_intent"), QStringLiteral("outdated_article"),
        QStringLiteral("tone"),         QStringLiteral("policy"),
        QStringLiteral("missing_data"), QStringLiteral("already_answered"),
        QStringLiteral("other")};
    return reasons;
}

} // namespace tandem
