#pragma once

#include "result.h"

namespace tandem::client {

/// Error codes the client adds to the hub's (see docs/protocol.md for those).
namespace errc {
/// The hub could not be reached for a password sign-in.
inline constexpr char Unreachable[] = "unreachable";
/// A command was dropped before the hub answered: signed out, or another user signed in.
inline constexpr char Cancelled[] = "cancelled";
/// The outbox's local database could not be opened or written.
inline constexpr char Storage[] = "storage";
} // namespace errc

Error makeError(const char *code, QString message);

/// True when sending the same command again would fail the same way (forbidden, not_found,
/// conflict, invalid fields, …). Transient failures (rate_limited, internal, cancelled,
/// unreachable, storage) are worth another attempt with the same id.
bool isPermanent(const Error &error);

} // namespace tandem::client
