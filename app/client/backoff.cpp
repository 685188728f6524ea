#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace tandem {

Backoff::Backoff(int initialMs, int maxMs, double jitter)
{
    configure(initialMs, maxMs, jitter);
}

void Backoff::configure(int initialMs, int maxMs, double jitter)
{
    m_initialMs = std::max(1, initialMs);
    m_maxMs = std::max(m_initialMs, maxMs);
    m_jitter = std::clamp(jitter, 0.0, 1.0);
}

int Backoff::next()
{
    // Doubling in floating point avoids overflow however many attempts fail.
    double base = m_initialMs;
    for (int i = 0; i < m_attempt && base < m_maxMs; ++i)
        base *= 2;
    base = std::min(base, double(m_maxMs));
    ++m_attempt;
    const double spread = (QRandomGenerator::global()->generateDouble() * 2 - 1) * m_jitter;
    return std::max(1, int(base * (1 + spread)));
}

} // namespace tandem
