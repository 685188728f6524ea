#pragma once

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

namespace tandem {

/// Short, translatable durations for live counters ("45 s", "3 min", "1 h 05 min").
class DurationFormat
{
    Q_DECLARE_TR_FUNCTIONS(tandem::DurationFormat)
public:
    enum class Precision
    {
        /// Seconds only under a minute: what a counter that ticks every second shows.
        Coarse,
        /// Seconds under an hour too ("3 min 20 s"), for tooltips.
        Fine
    };

    /// Negative durations (a clock ahead of the hub's) read as zero.
    static QString format(qint64 ms, Precision precision = Precision::Coarse);
};

} // namespace tandem
