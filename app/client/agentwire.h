#pragma once

#include "domain.h"
#include "result.h"

#include <QJsonObject>
#include <QUrl>

/// Reading the hub's agent-protocol frames on the client side (docs/protocol.md).
namespace tandem::client {

/// Accepts the address users type (http://host:port) as well as the socket's own URL.
QUrl agentUrl(QUrl url);
/// A new command id: a UUID, unique across restarts (the hub dedupes on it).
QString newCommandId();
User userFromJson(const QJsonObject &o);
Error errorFromFrame(const QJsonObject &frame);
Event eventFromFrame(const QJsonObject &frame);

} // namespace tandem::client
