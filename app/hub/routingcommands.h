#pragma once

#include "commands.h"

/// The bot in the conversation loop: routing of customer messages (the bot answers or hands over
/// with a card), suggestions prepared for agents, what agents do with them, hand-back to the bot
/// and clearance of intents for automatic answers. See docs/protocol.md, "The bot".
namespace tandem::commands {

/// Runs a just-posted customer message through the bot: suggestions for agents, and while the
/// bot has the conversation, the decision whether it answers or hands over. Emits
/// `routing.decided` (and the bot's reply or the handover). Returns the conversation as it is
/// afterwards.
Result<Conversation> routeCustomerMessage(Context &ctx, qint64 conversationId,
                                          const QJsonObject &message);

/// For `send` with an `assist` object: records what the agent did with the suggestions shown.
/// Returns the outcome's JSON.
Result<QJsonObject> recordReplyOutcome(Context &ctx, const Conversation &c,
                                       const QJsonObject &sentMessage);

Result<QJsonObject> suggestionReason(Context &ctx);
Result<QJsonObject> suggestionIgnored(Context &ctx);
Result<QJsonObject> botHandBack(Context &ctx);
Result<QJsonObject> kbAutoAnswer(Context &ctx);
/// `kb.save` may change `autoAnswer` only for supervisors and admins.
Status checkAutoAnswerChange(Context &ctx, const KbArticle &article);

/// How close an edited reply may stay to the suggestion to count as a training example.
constexpr double kLearnEditDistance = 0.3;

} // namespace tandem::commands
