#pragma once

#include "questionindex.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace tandem::eval {

/// How a text becomes the tokens it is indexed and searched by.
using Tokenizer = std::function<QStringList(const QString &)>;

/// The engine's retrieval tokens: analysed words plus Han character bigrams
/// (detail::retrievalTokens).
QStringList engineTokens(const QString &text);
/// Analysed words only (stop words dropped unless nothing else is left): the plain BM25
/// baseline.
QStringList wordTokens(const QString &text);

/// Symmetric BM25 similarity of two sentences of a collection: a QuestionIndex over every
/// distinct sentence (so IDF comes from the collection), BM25 of a against b divided by a's
/// score against itself, averaged with the same from b's side; 0 when b is not among a's
/// `depth` best hits. In [0, 1] up to BM25's length normalisation.
class PairSimilarity
{
public:
    /// Searches every sentence once up front, on `threads` threads.
    PairSimilarity(const QStringList &sentences, const Tokenizer &tokenizer, int depth = 100,
                   int threads = 2);

    bool isValid() const { return m_index != nullptr; }
    QString error() const { return m_error; }
    double similarity(const QString &a, const QString &b) const;

private:
    /// Normalised scores of the hits of sentence `document`.
    QHash<int, double> search(int document, int depth) const;

    std::shared_ptr<const QuestionIndex> m_index;
    QHash<QString, int> m_documentOf;
    QList<QStringList> m_tokens;
    std::vector<QHash<int, double>> m_hits; // per document
    QString m_error;
};

} // namespace tandem::eval
