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
    else if (d.botFailures >= 2)
        d.reason = RoutingReason::BotFailedTwice;
    else if (s.outOfScope || s.suggestions.isEmpty())
        d.reason = RoutingReason::UnknownQuestion;
    else if (!in.autoAnswerCleared)
        d.reason = RoutingReason::NotCleared;
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
