#pragma once

#include "commands.h"

/// Commands for what agents add beside their replies: sentiment tags and canned responses.
/// They run inside the engine's transaction like every other state change (see commands.h).
namespace tandem::commands {

/// `sentiment.tag`: the agent's label for a conversation or one customer message, stored with
/// the model's label and score at that moment and announced as a `sentiment.tagged` event.
Result<QJsonObject> sentimentTag(Context &ctx);
/// `canned.save`: creates (no id) or edits a canned response; own ones by anyone who works
/// conversations, shared ones by supervisors and admins. Audited, announced as `canned.updated`.
Result<QJsonObject> cannedSave(Context &ctx);
/// `canned.delete`: the same rules as editing.
Result<QJsonObject> cannedDelete(Context &ctx);

} // namespace tandem::commands
