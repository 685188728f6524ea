#pragma once

#include <QElapsedTimer>

#include <algorithm>

namespace tandem {

/// A token bucket: `ratePerSecond` sustained, `burst` at once. Cheap enough for one per socket.
class RateLimiter
{
public:
    explicit RateLimiter(double ratePerSecond = 1, double burst = 1)
        : m_rate(ratePerSecond)
        , m_burst(burst)
        , m_tokens(burst)
    {
        m_clock.start();
    }

    /// Takes one token if available.
    bool tryAcquire()
    {
        refill();
        if (m_tokens < 1.0)
            return false;
        m_tokens -= 1.0;
        return true;
    }

    /// Seconds until a token is available (for Retry-After).
    int secondsUntilAvailable() const
    {
        if (m_tokens >= 1.0 || m_rate <= 0)
            return 0;
        return std::max(1, static_cast<int>((1.0 - m_tokens) / m_rate + 0.999));
    }

private:
    void refill()
    {
        const qint64 elapsed = m_clock.restart();
        m_tokens = std::min(m_burst, m_tokens + elapsed * m_rate / 1000.0);
    }

    double m_rate;
    double m_burst;
    double m_tokens;
    QElapsedTimer m_clock;
};

} // namespace tandem
