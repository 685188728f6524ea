#include "priority.h"

namespace tandem {

QString trendName(SentimentTrend::Direction direction)
{
    switch (direction) {
    case SentimentTrend::Falling:
        return QStringLiteral("falling");
    case SentimentTrend::Rising:
        return QStringLiteral("rising");
    case SentimentTrend::Steady:
        break;
    }
    return QStringLiteral("steady");
}

int sentimentPriority(double score, SentimentTrend::Direction direction, bool escalation)
{
    if (escalation)
        return 3;
    const bool negative = moodOf(score) == Mood::Negative;
    const bool falling = direction == SentimentTrend::Falling;
    if (negative && falling)
        return 2;
    return negative || falling ? 1 : 0;
}

} // namespace tandem
