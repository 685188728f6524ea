#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tandem {

/// One retrieval hit: which document matched and how well (BM25, higher is better, > 0).
struct QuestionHit
{
    int document = -1;
    double score = 0;

    friend bool operator==(const QuestionHit &, const QuestionHit &) = default;
};

/// BM25 retrieval over analysed example questions in an in-memory SQLite FTS5 table. Documents
/// are the token lists TextAnalyzer produced (Chinese already segmented, English stemmed), so
/// FTS5's own tokenizer only splits at spaces. Immutable once built: search() may be called from
/// any number of threads at once (each thread borrows its own connection to the shared in-memory
/// database).
class QuestionIndex
{
public:
    /// Indexes `documents` (document i = analysed tokens of question i). Empty documents are
    /// kept as ids but never match.
    static Result<std::shared_ptr<const QuestionIndex>> build(const QList<QStringList> &documents);

    ~QuestionIndex();
    QuestionIndex(const QuestionIndex &) = delete;
    QuestionIndex &operator=(const QuestionIndex &) = delete;

    /// The `limit` best documents for the analysed query tokens (any token may match), best
    /// first, ties by document id. Empty when nothing matches or the query has no tokens.
    QList<QuestionHit> search(const QStringList &queryTokens, int limit) const;
    /// The same with a weight per query token (same length as queryTokens, > 0; a term's BM25
    /// contribution is multiplied by it). A repeated token keeps its first weight.
    QList<QuestionHit> search(const QStringList &queryTokens, const QList<double> &weights,
                              int limit) const;
    int documentCount() const;

private:
    QuestionIndex();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tandem
