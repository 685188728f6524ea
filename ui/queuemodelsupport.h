#pragma once

// Internal to QueueModel (queuemodel.cpp and queuemodeldisplay.cpp): keys, folding and moods.

#include "queuestate.h"
#include "roles.h"
#include "textanalysis.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

namespace tandem::queuemodel {

// Past this many separate runs of rows entering or leaving, a filter change resets the model:
// each run costs the views O(rows), a reset costs them one re-layout.
inline constexpr int kMaxRuns = 32;

inline constexpr qint64 kNotWaiting = std::numeric_limits<qint64>::max();

inline int stateOrder(ConversationState state)
{
    switch (state) {
    case ConversationState::Waiting:
        return 0;
    case ConversationState::Assigned:
        return 1;
    case ConversationState::Bot:
        return 2;
    case ConversationState::Closed:
        return 3;
    }
    return 3;
}

template <typename T>
inline int compareValues(T a, T b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

inline bool isAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

/// Traditional to Simplified one character at a time, asking OpenCC once per distinct
/// character. Whole-text conversion costs ~10 µs per queue row (a second for 100k rows), and it
/// converts by phrase, so a word alone can fold differently than inside a sentence; for matching
/// a substring, both sides only need to fold the same way, character by character.
inline QString foldHan(QString text)
{
    static std::vector<char16_t> simplified(0x10000, 0); // 0: not asked yet
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        if (u < 0x2e80 || c.isSurrogate()) // below the CJK blocks; astral Han stays as it is
            continue;
        char16_t &mapped = simplified[u];
        if (mapped == 0) {
            const QString folded = TextAnalyzer::instance().foldToSimplified(QString(c));
            mapped = folded.size() == 1 ? folded.at(0).unicode() : u;
        }
        c = QChar(mapped);
    }
    return text;
}

/// The form both the filter text and the searched text are brought to before matching.
inline QString fold(const QString &text)
{
    if (isAscii(text))
        return text.toCaseFolded(); // NFKC and OpenCC leave ASCII alone; skip their cost
    // NFKC first: full-width letters become ASCII and then fold with it.
    return foldHan(text.normalized(QString::NormalizationForm_KC).toCaseFolded());
}

inline QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

/// When a waiting conversation entered the queue; the same rule as QueueState::nextWaiting().
inline qint64 waitingSince(const Conversation &c)
{
    return c.waitingSinceMs ? c.waitingSinceMs : c.createdAtMs;
}

inline bool darkPalette()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

inline QColor overdueColor()
{
    return darkPalette() ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
}

enum Trend
{
    Steady,
    Falling,
    Rising
};

inline Trend trendOf(const QString &trend)
{
    if (trend == QLatin1String("falling"))
        return Falling;
    return trend == QLatin1String("rising") ? Rising : Steady;
}

/// Display texts that the filter searches too (defined in queuemodeldisplay.cpp).
QString channelLabel(const QString &channel);
QString customerLabel(const Conversation &c);

} // namespace tandem::queuemodel
