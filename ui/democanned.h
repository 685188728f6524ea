#pragma once

#include "result.h"

namespace tandem {

class Store;

/// Shared canned responses for a fresh embedded hub, in Simplified Chinese, Traditional Chinese
/// and English, so `/` in the composer offers something from the first conversation. Adds them
/// only when there are no shared ones yet.
Status seedDemoCannedResponses(Store &store, qint64 nowMs);

} // namespace tandem
