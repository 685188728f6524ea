#pragma once

// Helpers every command file shares (commands.cpp, assistcommands.cpp, routingcommands.cpp).
// Internal to the hub.

#include "commands.h"
#include "protocol.h"

namespace tandem::commands {

namespace errc = protocol::errc;

template <typename T = QJsonObject>
Result<T> fail(const char *code, QString message)
{
    return Result<T>::failure(QString::fromLatin1(code), std::move(message));
}

/// A store failure as the `internal` protocol error.
Error internal(const Error &e);
qint64 argId(const Context &ctx, const char *name);
QString argText(const Context &ctx, const char *name);
/// Appends an event carrying the conversation as it is now.
Status emitEvent(Context &ctx, const QString &kind, const Conversation &c, QJsonObject data);
Result<Conversation> load(Context &ctx, qint64 id);
QString userLabel(const User &u);
/// Adds a message (a customer's is scored for sentiment) and publishes it with the conversation
/// it changed: {"message": …, "conversation": …}.
Result<QJsonObject> postMessage(Context &ctx, const Conversation &c, SenderKind kind,
                                qint64 senderUserId, const QString &senderName,
                                const QString &text);
Status requireWorker(const Context &ctx);
/// The acting user owns the conversation, or may manage everyone's.
Status requireOwnerOrManager(const Context &ctx, const Conversation &c);
/// The open conversation a worker command acts on, owned by the actor (or the actor manages
/// everyone's). `ownershipHint` is added to the refusal, e.g. "claim it first".
Result<Conversation> ownedOpenConversation(Context &ctx, const QString &ownershipHint = {});
/// A knowledge-base change: audited as `action` and announced as a `kb.updated` event (the hub
/// retrains its suggestions on it).
Status announceKbChange(Context &ctx, const QString &action, const QJsonObject &summary);
Result<QJsonObject> transitionAndPublish(Context &ctx, const Conversation &c, ConversationState to,
                                         qint64 assignee, const QString &change, QJsonObject extra);

} // namespace tandem::commands
