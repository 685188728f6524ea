#pragma once

#include "domain.h"

#include <QColor>

#include <optional>

namespace tandem {

/// The desktop's mood colours, shared by the queue's marks and the transcript's dots so a red
/// mark means one thing everywhere; mid-tones that read on light and dark bases alike. No score
/// reads as neutral grey.
inline QColor moodColor(const std::optional<double> &score)
{
    switch (score ? moodOf(*score) : Mood::Neutral) {
    case Mood::Negative:
        return QColor(0xdc, 0x26, 0x26);
    case Mood::Positive:
        return QColor(0x16, 0xa3, 0x4a);
    case Mood::Neutral:
        break;
    }
    return QColor(0x9c, 0xa3, 0xaf);
}

} // namespace tandem
