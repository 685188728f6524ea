#pragma once

namespace tandem {

/// Timings of a hub connection. The defaults suit a desktop; tests shorten them.
struct ConnectionOptions
{
    int keepAliveIntervalMs = 15000; // a ping this often while connected…
    int keepAliveTimeoutMs = 10000;  // …must be answered within this, or the connection is cut
    int answerTimeoutMs = 20000;     // opening the socket, and the gaps while signing in/replaying
    int backoffInitialMs = 500;      // first reconnect delay, doubling…
    int backoffMaxMs = 30000;        // …up to this
    double backoffJitter = 0.2;      // each delay spread by ±20%
    // Pacing below the hub's desktop limit (50 frames/s, bursts of 200): refused frames count
    // as abuse, and 20 of them close the socket.
    double sendRatePerSecond = 40;
    double sendBurst = 100;
    int retryDelayMs = 1000;    // wait after rate_limited, doubled per internal error
    int maxInternalRetries = 5; // internal errors before the command is reported failed
};

} // namespace tandem
