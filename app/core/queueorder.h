#pragma once

#include "domain.h"

namespace tandem {

/// The default order of the waiting queue: time waited measured against a target wait (the SLA)
/// plus a weight per priority level (0–3, from the customer's mood, see Conversation::priority).
///
///     score = waited / target + weight × priority        (the highest score is served first)
///
/// An escalated customer (priority 3 at weight 0.5) is treated as if they had waited 1.5 targets
/// longer, so they jump ahead, but anyone who has waited more than that much longer still comes
/// first: nobody starves. Since every waiting customer's score grows at the same rate, the order
/// never changes with the clock, and key() gives it without knowing the time.
struct QueueOrder
{
    static constexpr qint64 kDefaultTargetWaitMs = 120 * 1000;
    static constexpr double kDefaultPriorityWeight = 0.5;

    qint64 targetWaitMs = kDefaultTargetWaitMs;
    double priorityWeight = kDefaultPriorityWeight;

    /// When the conversation (re-)entered the queue.
    static qint64 waitingSince(const Conversation &c)
    {
        return c.waitingSinceMs ? c.waitingSinceMs : c.createdAtMs;
    }
    /// How much the priority counts, in milliseconds of waiting.
    qint64 priorityBonusMs(int priority) const
    {
        return qint64(priority * priorityWeight * double(targetWaitMs));
    }
    /// Ascending key with the order of score(): an earlier "virtual arrival" is served sooner.
    qint64 key(qint64 waitingSinceMs, int priority) const
    {
        return waitingSinceMs - priorityBonusMs(priority);
    }
    double score(qint64 waitingSinceMs, int priority, qint64 nowMs) const
    {
        return double(nowMs - waitingSinceMs) / double(targetWaitMs) + priorityWeight * priority;
    }
};

} // namespace tandem
