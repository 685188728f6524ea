#pragma once

#include <QLoggingCategory>

namespace tandem {

// Named apart from the hub's categories: tests link both libraries into one binary.
Q_DECLARE_LOGGING_CATEGORY(lcClientConnection) // tandem.client.connection
Q_DECLARE_LOGGING_CATEGORY(lcClientOutbox)     // tandem.client.outbox
Q_DECLARE_LOGGING_CATEGORY(lcClientState)      // tandem.client.state

} // namespace tandem
