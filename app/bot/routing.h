#pragma once

#include "sentiment.h"
#include "suggester.h"

#include <QJsonObject>
#include <QString>

namespace tandem {

/// Why a customer message went where it went. The names are the protocol's.
enum class RoutingReason
{
    BotAnswered,       // the bot answered alone
    Greeting,          // only a greeting ("在吗", "hello"): the bot greets back and asks
    NeedsDetails,      // the answer needs details only a person can fill in ({{order.id}})
    HumanRequested,    // the customer asked for a person ("转人工", "agent please")
    NegativeSentiment, // the customer is unhappy or getting unhappier
    UnknownQuestion,   // the bot's confidence is below its threshold (or no answer matched)
    NotCleared,        // the intent is not cleared for automatic answers
    BotFailedTwice,    // the customer asked the same thing again twice after the bot answered
    BotUnavailable,    // no suggestion model is ready (still training)
    WithHuman          // an agent has the conversation (or it waits for one): the bot only suggests
};

QString routingReasonName(RoutingReason reason);

/// Everything a routing decision looks at; recorded with the decision.
struct RoutingInputs
{
    bool modelReady = false;
    SuggestionResult suggestions;
    bool autoAnswerCleared = false; // the top suggestion's intent (article.autoAnswer)
    SentimentResult sentiment;      // of this message
    QString sentimentTrend;         // "falling", "steady", "rising" (after this message)
    bool humanRequested = false;
    int botFailures = 0; // before this message
    /// The top suggestion's intent is one the bot already answered in this conversation: the
    /// customer asking again means the answer did not help (one more failure).
    bool repeatsAnsweredIntent = false;
    bool greetingOnly = false;  // the message is nothing but a greeting
    bool answerComplete = true; // the top answer has every variable filled
};

struct RoutingDecision
{
    bool botAnswers = false;
    RoutingReason reason = RoutingReason::UnknownQuestion;
    int botFailures = 0; // after this message

    /// The decision with its inputs, as recorded in the conversation's routing event.
    QJsonObject toJson(const RoutingInputs &inputs) const;
};

/// The bot answers alone only when every condition holds: a model is ready, the customer did not
/// ask for a person, the mood is not negative and not falling, the bot has not failed twice, the
/// top suggestion is above the threshold, its intent is cleared for automatic answers and its
/// answer needs no details only a person has. Checked in that order; the first that fails is the
/// reason given. A message that is only a greeting gets a greeting back (reason Greeting) unless
/// the customer asked for a person or is unhappy.
RoutingDecision decideRouting(const RoutingInputs &inputs);

/// Whether the message is only a greeting or a "are you there?" ("在吗", "你好", "哈囉",
/// "hello?", "anyone there") with nothing to answer yet.
bool isGreetingOnly(const QString &text);

/// The bot's reply to a greeting, in the knowledge-base language ("en", "zh-CN", "zh-TW").
QString greetingReply(const QString &language, const QString &botName);

/// Whether the customer asks for a person: "转人工", "人工客服", "找真人", "轉人工", "agent
/// please", "talk to a human", "real person" … (Traditional folded to Simplified, case folded).
bool asksForHuman(const QString &text);

/// The knowledge-base language to answer `text` in: "zh-TW" for Traditional Chinese, "zh-CN" for
/// other Chinese, "en" for text without Han characters unless `locale` says Chinese.
QString answerLanguage(const QString &text, const QString &locale);

/// Fills {{customer.name}}, {{shop.name}}, {{agent.name}}, {{order.id}} from `values`; a variable
/// without a value is left as it is, for a person to fill in.
QString fillAnswerVariables(QString answer, const QHash<QString, QString> &values);

} // namespace tandem
