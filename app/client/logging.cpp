#include "logging.h"

namespace tandem {

Q_LOGGING_CATEGORY(lcClientConnection, "tandem.client.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientOutbox, "tandem.client.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientState, "tandem.client.state", QtInfoMsg)

} // namespace tandem
