#include "clienterrors.h"

#include "protocol.h"

namespace tandem::client {

Error makeError(const char *code, QString message)
{
    return Error{QString::fromLatin1(code), std::move(message)};
}

bool isPermanent(const Error &error)
{
    // A list of the transient ones: an unknown future code is safer treated as permanent (shown
    // to the user) than retried forever.
    static const char *const transient[] = {
        protocol::errc::RateLimited,
        protocol::errc::Internal,
        errc::Cancelled,
        errc::Unreachable,
        errc::Storage,
    };
    for (const char *code : transient) {
        if (error.code == QLatin1String(code))
            return false;
    }
    return true;
}

} // namespace tandem::client
