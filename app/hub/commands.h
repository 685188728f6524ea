#pragma once

#include "actor.h"
#include "engine.h"
#include "result.h"
#include "sentimentmodel.h"
#include "store.h"

#include <QJsonObject>
#include <QList>

namespace tandem {
class SuggestionModel;
}

namespace tandem::commands {

/// Everything one command may touch. Handlers write through the store and append their events;
/// the engine owns the transaction around them.
struct Context
{
    Store &store;
    const HubSettings &settings;
    const Actor &actor;
    const QJsonObject &args;
    qint64 nowMs;
    QList<Event> &events;
    const HybridSentiment &sentiment; // scores customer messages; one snapshot per command
    /// Suggests answers and decides routing; null while no model is trained yet.
    const SuggestionModel *suggestions = nullptr;
};

/// Applies one command by type; unknown types are an internal error (the codec filters them).
Result<QJsonObject> apply(const QString &type, Context &ctx);

/// The conversation as a customer may see it (no internal ids or priorities).
QJsonObject customerView(const Conversation &c);
/// A message as a customer may see it: no sentiment score, no internal user ids.
QJsonObject customerView(QJsonObject message);

} // namespace tandem::commands
