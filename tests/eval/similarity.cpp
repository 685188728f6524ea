#include "similarity.h"

#include "suggestionfeatures.h"
#include "textanalysis.h"

#include <atomic>
#include <thread>

namespace tandem::eval {

QStringList engineTokens(const QString &text)
{
    return detail::retrievalTokens(text);
}

QStringList wordTokens(const QString &text)
{
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(text);
    return analyzed.tokens.isEmpty() ? analyzed.allTokens : analyzed.tokens;
}

PairSimilarity::PairSimilarity(const QStringList &sentences, const Tokenizer &tokenizer, int depth,
                               int threads)
{
    for (const QString &sentence : sentences) {
        const QString key = sentence.trimmed();
        if (m_documentOf.contains(key))
            continue;
        m_documentOf.insert(key, int(m_tokens.size()));
        m_tokens.append(tokenizer(key));
    }
    auto index = QuestionIndex::build(m_tokens);
    if (!index) {
        m_error = index.error().message;
        return;
    }
    m_index = *index;
    // QuestionIndex answers several threads at once; each writes only its own documents.
    m_hits.resize(m_tokens.size());
    std::atomic<int> next{0};
    auto worker = [&] {
        for (int d = next++; d < int(m_tokens.size()); d = next++)
            m_hits[size_t(d)] = search(d, depth);
    };
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < threads; ++t)
            pool.emplace_back(worker);
        worker();
    }
}

QHash<int, double> PairSimilarity::search(int document, int depth) const
{
    QHash<int, double> normalised;
    const QList<QuestionHit> hits = m_index->search(m_tokens[document], depth);
    double self = 0;
    for (const QuestionHit &hit : hits) {
        if (hit.document == document)
            self = hit.score;
    }
    // A sentence is nearly always its own best hit; if BM25's length normalisation put it
    // elsewhere (or past `depth`), the best score stands in.
    if (self <= 0 && !hits.isEmpty())
        self = hits.first().score;
    for (const QuestionHit &hit : hits)
        normalised.insert(hit.document, hit.score / self);
    return normalised;
}

double PairSimilarity::similarity(const QString &a, const QString &b) const
{
    const int da = m_documentOf.value(a.trimmed(), -1);
    const int db = m_documentOf.value(b.trimmed(), -1);
    if (!m_index || da < 0 || db < 0)
        return 0;
    if (da == db)
        return 1;
    const double ab = m_hits[size_t(da)].value(db, 0.0);
    const double ba = m_hits[size_t(db)].value(da, 0.0);
    return (ab + ba) / 2;
}

} // namespace tandem::eval
