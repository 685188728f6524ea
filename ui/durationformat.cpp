#include "durationformat.h"

#include <QLocale>

namespace tandem {

QString DurationFormat::format(qint64 ms, Precision precision)
{
    const qint64 seconds = qMax<qint64>(0, ms) / 1000;
    const qint64 minutes = seconds / 60;
    const qint64 hours = minutes / 60;
    const qint64 days = hours / 24;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (minutes < 60) {
        if (precision == Precision::Fine && seconds % 60)
            return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
        return tr("%1 min").arg(minutes);
    }
    // Zero-padded minutes keep the column from jittering as the counter ticks.
    if (days < 1)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(days).arg(hours % 24);
}

QString DurationFormat::clock(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QString digits = time.toString(QStringLiteral("HH:mm"));
    if (time.date() == QDate::currentDate())
        return digits;
    return QLocale().toString(time.date(), QLocale::ShortFormat) + QLatin1Char(' ') + digits;
}

} // namespace tandem
