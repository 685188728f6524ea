#pragma once

#include "domain.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tandem {

class SentimentLexicon;

/// The label the bot gives a message is the mood the product shows: one enum, so an agent's tag
/// (Mood) and a model's prediction compare directly and tags train the model as they are.
using SentimentLabel = Mood;

/// How a customer message sounds, and the words that made it sound so.
struct SentimentResult
{
    SentimentLabel label = SentimentLabel::Neutral;
    double score = 0;        // in [-1, 1], negative = unhappy
    double confidence = 0;   // in [0, 1]
    QStringList cues;        // words and phrases that decided it, for explaining to agents
    bool escalation = false; // threat to leave, regulator or lawyer, abuse, "worst ever"
    QStringList escalationCues;

    friend bool operator==(const SentimentResult &, const SentimentResult &) = default;
};

/// Rule-based sentiment for Simplified Chinese, Traditional Chinese and English, usable before any
/// conversation data exists. Immutable after construction: analyze() is safe from any number of
/// threads and gives the same result for the same text.
class LexiconSentiment
{
public:
    /// Score beyond which a message is Positive (and below whose negation it is Negative).
    static constexpr double kLabelThreshold = kMoodThreshold;

    /// The built-in lexicon compiled into the resources (:/tandem/lexicon).
    static const LexiconSentiment &instance();
    /// Reads positive.txt, negative.txt, degree.txt, negation.txt, contrast.txt, neutral.txt
    /// and escalation.txt from `directory` (a path or resource path); a missing file is an error.
    static Result<LexiconSentiment> fromFiles(const QString &directory);

    SentimentResult analyze(const QString &text) const;

    /// Entries by language after merging, for reports and tests.
    qsizetype chineseEntryCount() const;
    qsizetype englishEntryCount() const;

private:
    LexiconSentiment();

    std::shared_ptr<const SentimentLexicon> m_lexicon;
};

/// Where a conversation is heading, from the last few customer messages' scores.
struct SentimentTrend
{
    double current = 0; // the latest score
    double slope = 0;   // least-squares change per message over the window
    enum Direction
    {
        Falling,
        Steady,
        Rising
    } direction = Steady;
};

/// Trend over the last (up to five) scores; non-finite scores are ignored.
SentimentTrend sentimentTrend(const QList<double> &scoresOldestFirst);

/// "negative", "neutral" or "positive".
QString sentimentLabelName(SentimentLabel label);

} // namespace tandem
