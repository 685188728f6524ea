#pragma once

#include "result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tandem {

/// What one lexicon entry does; a word may play several roles ("好" is good, and a degree word in
/// "好慢").
struct LexiconEntry
{
    QString display;         // as written in the lexicon, shown to agents as a cue
    double sentiment = 0;    // signed word weight, 0 for none
    double degree = 0;       // multiplier for the next sentiment word, 0 for none
    double postDegree = 0;   // multiplier for the previous sentiment word, 0 for none
    double negation = 0;     // strength of a negation, 0 for none
    double contrast = 0;     // scale for what follows a "but", 0 for none
    bool escalation = false; // a cue that needs a senior agent
};

/// One matched word or phrase (or an unknown word) in reading order.
struct LexiconUnit
{
    QString text;                        // normalised surface form or stem
    const LexiconEntry *entry = nullptr; // null for words the lexicon does not know
};

/// The sentiment word lists, read once and immutable afterwards. Chinese entries are matched
/// longest-first on the folded text, because ICU segments "太慢" or "不满意" differently depending
/// on the context; English entries are matched longest-first on stemmed word sequences.
class SentimentLexicon
{
public:
    enum class Kind
    {
        Positive,
        Negative,
        Degree,
        Negation,
        Contrast,
        Neutral,
        Escalation
    };

    /// Adds the entries of one lexicon file's text; `source` names it in error messages.
    Status addText(Kind kind, const QString &text, const QString &source);

    /// The units of one clause's normalised text (see AnalyzedText::normalized).
    QList<LexiconUnit> segment(const QString &normalized) const;
    /// Entries matched by symbols that the word breaker drops (emoji) in `normalized`.
    QList<const LexiconEntry *> symbols(const QString &normalized) const;

    qsizetype chineseCount() const { return m_chinese.size(); }
    qsizetype englishCount() const { return m_english.size(); }
    qsizetype symbolCount() const { return m_symbols.size(); }

private:
    Status addEntry(Kind kind, QString word, double weight, const QString &where);
    void segmentHan(QStringView run, QList<LexiconUnit> &units) const;
    void segmentOther(const QString &text, QList<LexiconUnit> &units) const;

    QHash<QString, LexiconEntry> m_chinese; // folded Han text → entry
    QHash<QString, LexiconEntry> m_english; // stems joined by spaces → entry
    QHash<QString, LexiconEntry> m_symbols; // emoji and other symbols → entry
    int m_chineseMaxLength = 0;
    int m_englishMaxTokens = 0;
};

} // namespace tandem
