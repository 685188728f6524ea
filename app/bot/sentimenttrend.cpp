#include "sentiment.h"

#include <algorithm>
#include <cmath>

namespace tandem {

SentimentTrend sentimentTrend(const QList<double> &scoresOldestFirst)
{
    // Five messages: long enough to smooth one odd message, short enough to notice a turn.
    constexpr qsizetype kWindow = 5;
    constexpr double kTurn = 0.1; // per message
    QList<double> window;
    for (double score : scoresOldestFirst) {
        if (std::isfinite(score))
            window.append(std::clamp(score, -1.0, 1.0));
    }
    if (window.size() > kWindow)
        window = window.mid(window.size() - kWindow);
    SentimentTrend trend;
    if (window.isEmpty())
        return trend;
    trend.current = window.last();
    if (window.size() < 2)
        return trend;
    const double n = double(window.size());
    const double meanX = (n - 1) / 2;
    double meanY = 0;
    for (double y : window)
        meanY += y / n;
    double covariance = 0;
    double variance = 0;
    for (qsizetype i = 0; i < window.size(); ++i) {
        covariance += (double(i) - meanX) * (window.at(i) - meanY);
        variance += (double(i) - meanX) * (double(i) - meanX);
    }
    trend.slope = covariance / variance;
    if (trend.slope <= -kTurn)
        trend.direction = SentimentTrend::Falling;
    else if (trend.slope >= kTurn)
        trend.direction = SentimentTrend::Rising;
    return trend;
}

} // namespace tandem
