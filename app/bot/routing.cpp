#include "routing.h"

#include "textanalysis.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace tandem {

QString routingReasonName(RoutingReason reason)
{
    switch (reason) {
    case RoutingReason::BotAnswered:
        return QStringLiteral("bot_answered");
    case RoutingReason::Greeting:
        return QStringLiteral("greeting");
    case RoutingReason::NeedsDetails:
        return QStringLiteral("needs_details");
    case RoutingReason::HumanRequested:
        return QStringLiteral("human_requested");
    case RoutingReason::NegativeSentiment:
        return QStringLiteral("negative_sentiment");
    case RoutingReason::UnknownQuestion:
        return QStringLiteral("unknown_question");
    case RoutingReason::NotCleared:
        return QStringLiteral("not_cleared");
    case RoutingReason::BotFailedTwice:
        return QStringLiteral("bot_failed_twice");
    case RoutingReason::BotUnavailable:
        return QStringLiteral("bot_unavailable");
    case RoutingReason::WithHuman:
        return QStringLiteral("with_human");
    }
    return QStringLiteral("unknown_question");
}

RoutingDecision decideRouting(const RoutingInputs &in)
{
    RoutingDecision d;
    d.botFailures = in.botFailures + (in.repeatsAnsweredIntent ? 1 : 0);
    const bool negative = in.sentiment.label == SentimentLabel::Negative || in.sentiment.escalation;
    const SuggestionResult &s = in.suggestions;
    if (!in.modelReady)
        d.reason = RoutingReason::BotUnavailable;
    else if (in.humanRequested)
        d.reason = RoutingReason::HumanRequested;
    else if (negative || in.sentimentTrend == QLatin1String("falling"))
        d.reason = RoutingReason::NegativeSentiment;
    else if (in.greetingOnly) {
        d.reason = RoutingReason::Greeting;
        d.botAnswers = true;
        d.botFailures = in.botFailures; // a greeting repeats nothing the bot answered
    } else if (d.botFailures >= 2)
        d.reason = RoutingReason::BotFailedTwice;
    else if (s.outOfScope || s.suggestions.isEmpty())
        d.reason = RoutingReason::UnknownQuestion;
    else if (!in.autoAnswerCleared)
        d.reason = RoutingReason::NotCleared;
    else if (!in.answerComplete)
        d.reason = RoutingReason::NeedsDetails;
    else {
        d.reason = RoutingReason::BotAnswered;
        d.botAnswers = true;
    }
    return d;
}

QJsonObject RoutingDecision::toJson(const RoutingInputs &in) const
{
    QJsonObject inputs{
        {QStringLiteral("modelReady"), in.modelReady},
        {QStringLiteral("humanRequested"), in.humanRequested},
        {QStringLiteral("sentiment"), in.sentiment.score},
        {QStringLiteral("sentimentLabel"), sentimentLabelName(in.sentiment.label)},
        {QStringLiteral("sentimentTrend"), in.sentimentTrend},
        {QStringLiteral("escalation"), in.sentiment.escalation},
        {QStringLiteral("botFailures"), botFailures},
        {QStringLiteral("autoAnswerCleared"), in.autoAnswerCleared},
        {QStringLiteral("greetingOnly"), in.greetingOnly},
    };
    if (in.modelReady) {
        inputs.insert(QStringLiteral("threshold"), in.suggestions.threshold);
        inputs.insert(QStringLiteral("modelVersion"), in.suggestions.modelVersion);
        if (!in.suggestions.suggestions.isEmpty()) {
            const Suggestion &top = in.suggestions.suggestions.first();
            inputs.insert(QStringLiteral("intent"), top.intent);
            inputs.insert(QStringLiteral("confidence"), top.confidence);
            inputs.insert(QStringLiteral("articleId"), top.articleId);
            inputs.insert(QStringLiteral("articleVersion"), top.articleVersion);
        }
    }
    return QJsonObject{
        {QStringLiteral("decision"), botAnswers ? QStringLiteral("bot") : QStringLiteral("human")},
        {QStringLiteral("reason"), routingReasonName(reason)},
        {QStringLiteral("inputs"), inputs}};
}

bool isGreetingOnly(const QString &text)
{
    // Written for this project: what customers open with before saying what they need.
    static const QRegularExpression greeting(QStringLiteral(
        "^(?:(?:hi|hello|hey|hiya|good\\s+(?:morning|afternoon|evening)|anyone\\s+there|"
        "is\\s+anyone\\s+there|are\\s+you\\s+there|yo|"
        "在吗|在不在|在么|在嘛|有人吗|有人在吗|你好|您好|哈喽|哈啰|嗨|早上好|下午好|晚上好|"
        "客服在吗|亲在吗|亲|hello在吗|请问|打扰了|不好意思)"
        "[\\s,，.。!！?？~～、…]*)+$"));
    const QString normalized = TextAnalyzer::instance().analyze(text).normalized.trimmed();
    return !normalized.isEmpty() && greeting.match(normalized).hasMatch();
}

QString greetingReply(const QString &language, const QString &botName)
{
    if (language == QLatin1String("zh-CN"))
        return QStringLiteral("您好，我是%1，请问有什么可以帮您？直接告诉我您的问题就好；"
                              "需要人工客服时说“转人工”。")
            .arg(botName);
    if (language == QLatin1String("zh-TW"))
        return QStringLiteral("您好，我是%1，請問有什麼可以幫您？直接告訴我您的問題就好；"
                              "需要真人客服時說「轉人工」。")
            .arg(botName);
    return QStringLiteral("Hello, I'm the %1. How can I help? Just tell me your question; say "
                          "\"agent please\" any time to talk to a person.")
        .arg(botName);
}

bool asksForHuman(const QString &text)
{
    // Matched on the normalised text (NFKC, case folded, Traditional folded to Simplified), so
    // "轉人工" and "AGENT please" are found too. Written for this project.
    static const QStringList phrases{
        QStringLiteral("转人工"),   QStringLiteral("人工客服"),   QStringLiteral("人工服务"),
        QStringLiteral("找人工"),   QStringLiteral("要人工"),     QStringLiteral("接人工"),
        QStringLiteral("转接人工"), QStringLiteral("真人"),       QStringLiteral("找客服"),
        QStringLiteral("客服人员"), QStringLiteral("找你们经理"), QStringLiteral("找主管"),
    };
    static const QRegularExpression english(
        QStringLiteral("\\b(?:(?:talk|speak|chat)\\s+(?:to|with)\\s+(?:a\\s+|an\\s+|some\\s+)?"
                       "(?:human|person|agent|someone|somebody|representative|rep|manager|"
                       "supervisor|real\\s+person)"
                       "|(?:human|live|real)\\s+(?:agent|person|being|support)"
                       "|agent\\s*,?\\s*please|representative\\s*,?\\s*please"
                       "|operator\\s*,?\\s*please"
                       "|customer\\s+service\\s+(?:agent|rep|representative)"
                       "|not\\s+(?:a|the|this)\\s+bot|stop\\s+the\\s+bot|no\\s+more\\s+bots?"
                       "|(?:get|give|connect|transfer)\\s+me\\s+(?:to\\s+)?(?:a\\s+|an\\s+)?"
                       "(?:human|person|agent|representative|manager))\\b"));
    const QString normalized = TextAnalyzer::instance().analyze(text).normalized;
    for (const QString &phrase : phrases) {
        if (normalized.contains(phrase))
            return true;
    }
    return english.match(normalized).hasMatch();
}

QString answerLanguage(const QString &text, const QString &locale)
{
    bool han = false;
    for (const QChar c : text) {
        // Basic CJK block is enough to tell Chinese text from Latin.
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) {
            han = true;
            break;
        }
    }
    const QString lowerLocale = locale.toLower();
    const bool traditionalLocale = lowerLocale.startsWith(QLatin1String("zh-tw")) ||
                                   lowerLocale.startsWith(QLatin1String("zh_tw")) ||
                                   lowerLocale.startsWith(QLatin1String("zh-hk")) ||
                                   lowerLocale.contains(QLatin1String("hant"));
    if (han) {
        // Characters that change under Traditional→Simplified folding are Traditional.
        if (TextAnalyzer::instance().foldToSimplified(text) != text)
            return QStringLiteral("zh-TW");
        return traditionalLocale ? QStringLiteral("zh-TW") : QStringLiteral("zh-CN");
    }
    return QStringLiteral("en");
}

QString fillAnswerVariables(QString answer, const QHash<QString, QString> &values)
{
    static const QRegularExpression variable(QStringLiteral("\\{\\{\\s*([a-z.]+)\\s*\\}\\}"));
    QString result;
    qsizetype last = 0;
    for (auto it = variable.globalMatch(answer); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        result += QStringView(answer).sliced(last, m.capturedStart() - last);
        const QString value = values.value(m.captured(1));
        result += value.isEmpty() ? m.captured(0) : value;
        last = m.capturedEnd();
    }
    result += QStringView(answer).sliced(last);
    return result;
}

} // namespace tandem
