#pragma once

#include <QString>

/// The words the desktop uses for the bot's codes (routing reasons, trends, edit reasons), in
/// one place so the handoff card, the routing list and the reason picker say the same thing.
namespace tandem::assisttext {

/// Why the hub routed a message as it did ("human_requested" → "The customer asked for a person").
QString routingReason(const QString &reason);
/// "falling" → "falling" in the UI language.
QString trend(const QString &trend);
/// An edit/override reason (suggestionReasons()) in words.
QString suggestionReason(const QString &reason);
/// A confidence in [0, 1] as a whole percentage ("91%").
QString percent(double confidence);

} // namespace tandem::assisttext
