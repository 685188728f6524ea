#pragma once

#include <QString>
#include <QStringList>

#include <memory>

namespace tandem {

/// Which writing systems a text's letters belong to; digits, punctuation and emoji do not count,
/// so "12345" and "😀" are Unknown.
enum class Script
{
    Unknown,
    Latin,
    Han,
    Mixed
};

/// Customer text prepared for matching (retrieval, intent, sentiment). Never shown to anyone.
struct AnalyzedText
{
    /// NFKC, case folded, Traditional folded to Simplified, Taiwan customer-service words folded
    /// to their Mainland equivalents (点数→积分, 简讯→短信, 出货→发货, account 帐→账), control
    /// characters made spaces and ’ made ' (so "didn’t" matches "didn't").
    QString normalized;
    /// Word tokens without stop words: Chinese words, Snowball-stemmed English words, numbers and
    /// alphanumerics ("a1234"). Negations ("not", "不", "没有") are never stop words.
    QStringList tokens;
    /// The same tokens with stop words kept (sentiment needs "not" and "不" in context).
    QStringList allTokens;
    Script script = Script::Unknown;

    /// Tokens joined by single spaces, for an FTS5 column with the default tokenizer (which
    /// cannot segment Chinese itself).
    QString ftsText() const;
    /// Character n-grams over each run of Han characters in `normalized`; a run shorter than n
    /// is returned whole so lone characters still match. Empty for n < 1.
    QStringList charNgrams(int n) const;

    friend bool operator==(const AnalyzedText &, const AnalyzedText &) = default;
};

/// Deterministic text analysis for Simplified Chinese, Traditional Chinese and English. Built
/// once; analyze() and foldToSimplified() may be called from any number of threads at once.
class TextAnalyzer
{
public:
    static const TextAnalyzer &instance();

    ~TextAnalyzer();
    TextAnalyzer(const TextAnalyzer &) = delete;
    TextAnalyzer &operator=(const TextAnalyzer &) = delete;

    AnalyzedText analyze(const QString &text) const;
    /// OpenCC t2s only (no case or width folding); returns the text unchanged if OpenCC failed.
    QString foldToSimplified(const QString &text) const;

private:
    TextAnalyzer();

    struct Private;
    std::unique_ptr<const Private> m_d;
};

} // namespace tandem
