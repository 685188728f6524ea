#pragma once

namespace tandem {

/// Exponential backoff with jitter for reconnect attempts: initial, doubling up to a ceiling,
/// each delay spread by ±jitter so that many desktops cut at once do not return in lockstep.
class Backoff
{
public:
    Backoff(int initialMs = 500, int maxMs = 30000, double jitter = 0.2);

    void configure(int initialMs, int maxMs, double jitter);
    /// The delay before the next attempt; each call doubles the base until the ceiling.
    int next();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_initialMs;
    int m_maxMs;
    double m_jitter;
    int m_attempt = 0;
};

} // namespace tandem
