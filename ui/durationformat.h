#pragma once

#include <QCoreApplication>
#include <QDateTime>
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

    /// "14:03" today, with the locale's short date on other days. The clock is always 24-hour
    /// digits: Qt 6.4's short time formats for some locales (zh_TW) carry a day-period pattern
    /// it prints literally ("B1:15").
    static QString clock(const QDateTime &time);
};

} // namespace tandem
