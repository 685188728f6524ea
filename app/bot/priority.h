#pragma once

#include "sentiment.h"

namespace tandem {

/// How many recent customer scores a conversation keeps for its trend.
constexpr int kSentimentHistory = 5;

QString trendName(SentimentTrend::Direction direction);

/// The part of a conversation's queue priority that comes from the customer's mood: an
/// escalation cue outranks everything, then negative and falling together, then either.
/// (Waiting time is added by whoever shows the queue, since it changes every second.)
int sentimentPriority(double score, SentimentTrend::Direction direction, bool escalation);

} // namespace tandem
