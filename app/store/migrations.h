#pragma once

#include "connection.h"
#include "result.h"

namespace tandem::migrations {

int latestVersion();

/// The version recorded in schema_version; 0 for an empty database.
Result<int> storedVersion(Connection &connection);

/// Brings the schema to latestVersion(), one transaction per step, so a crash leaves the
/// database at some whole version. A database newer than this build is refused before anything
/// is written to it.
Status migrate(Connection &connection);

} // namespace tandem::migrations
