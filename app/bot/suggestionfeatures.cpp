#include "suggestionfeatures.h"

#include "textanalysis.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace tandem::detail {

QStringList retrievalTokens(const QString &text)
{
    return retrievalTokens(TextAnalyzer::instance().analyze(text));
}

QStringList retrievalTokens(const AnalyzedText &analyzed)
{
    QStringList tokens = analyzed.tokens.isEmpty() ? analyzed.allTokens : analyzed.tokens;
    tokens += analyzed.charNgrams(2);
    tokens.removeDuplicates();
    return tokens;
}

QList<double> retrievalWeights(const QStringList &tokens)
{
    // A Chinese question word counts as itself and as each Han bigram inside it, so unweighted
    // "什么时候" (four terms) outvotes the one topic word "积分" (one term) in "积分什么时候到账".
    // English question words are one term each, and IDF already weighs them: weighting "when"
    // and "how" too left Banking77 unchanged and lowered CLINC150's out-of-scope recall, so
    // only the Chinese ones count less (docs/benchmarks.md).
    // 0.3: a question word with its bigrams (up to four terms) weighs about one topic word.
    constexpr double kQuestionWordWeight = 0.3;
    static const QSet<QString> questionTerms = [] {
        constexpr QStringView kQuestionWords =
            u"什么时候 什么 怎么 怎么样 怎样 如何 为什么 为何 多久 多少 哪里 哪儿 哪个 哪 几 "
            u"是否 能不能 可不可以 可以 能否 会不会 有没有";
        QSet<QString> terms;
        for (QStringView word : kQuestionWords.split(u' ', Qt::SkipEmptyParts)) {
            const AnalyzedText analyzed = TextAnalyzer::instance().analyze(word.toString());
            for (const QString &token : analyzed.allTokens + analyzed.charNgrams(2))
                terms.insert(token);
        }
        return terms;
    }();
    QList<double> weights;
    weights.reserve(tokens.size());
    for (const QString &token : tokens)
        weights.append(questionTerms.contains(token) ? kQuestionWordWeight : 1.0);
    return weights;
}

QList<Candidate> Retriever::candidates(const Catalogue &catalogue, const AnalyzedText &analyzed,
                                       const QStringList &tokens, int retrievalDepth,
                                       int candidateIntents, const QString &outOfScopeIntent) const
{
    const QList<IntentPrediction> predicted = intents->predict(analyzed, -1);
    const QList<QuestionHit> hits = index->search(tokens, retrievalWeights(tokens), retrievalDepth);
    // The linear model's decision values (> 0: "this intent"), ranked.
    const QList<IntentPrediction> linearRanked = linear->rank(analyzed, -1);
    QHash<QString, double> decision;
    QHash<QString, int> linearRank;
    for (qsizetype i = 0; i < linearRanked.size(); ++i) {
        decision.insert(linearRanked[i].intent, linearRanked[i].probability);
        linearRank.insert(linearRanked[i].intent, int(i));
    }
    const double bestDecision = linearRanked.isEmpty() ? 0 : linearRanked.first().probability;
    const double secondDecision = linearRanked.size() > 1 ? linearRanked[1].probability : 0;
    const QString topLinear = linearRanked.isEmpty() ? QString() : linearRanked.first().intent;

    QHash<QString, double> probability;
    QHash<QString, int> intentRank;
    for (qsizetype i = 0; i < predicted.size(); ++i) {
        probability.insert(predicted[i].intent, predicted[i].probability);
        intentRank.insert(predicted[i].intent, int(i));
    }
    double bestOther = 0; // second-best probability, for margins
    const double bestProbability = predicted.isEmpty() ? 0 : predicted.first().probability;
    // What the classifier gives "not ours", when the knowledge base has such an intent.
    const double outOfScope = probability.value(outOfScopeIntent, 0.0);
    if (predicted.size() > 1)
        bestOther = predicted.at(1).probability;

    // Candidate articles: those of the top intents, and those whose questions matched.
    QHash<int, int> position; // article → index in `result`
    QList<Candidate> result;
    auto add = [&](int article) -> Candidate & {
        auto it = position.find(article);
        if (it != position.end())
            return result[*it];
        position.insert(article, int(result.size()));
        Candidate c;
        c.article = article;
        c.intentProbability = probability.value(catalogue.articleIntent[article], 0.0);
        result.append(c);
        return result.last();
    };
    for (qsizetype i = 0; i < predicted.size() && i < candidateIntents; ++i) {
        for (const int article : catalogue.articlesOfIntent.value(predicted[i].intent))
            add(article);
    }
    for (qsizetype i = 0; i < linearRanked.size() && i < candidateIntents; ++i) {
        for (const int article : catalogue.articlesOfIntent.value(linearRanked[i].intent))
            add(article);
    }
    const double topScore = hits.isEmpty() ? 0 : hits.first().score;
    QHash<int, int> topTenVotes;
    QHash<int, double> weightedVotes; // article → summed BM25 of its hits (a soft kNN vote)
    QHash<int, int> retrievalRank;    // article → rank of its best hit among the articles
    double totalScore = 0;
    for (qsizetype i = 0; i < hits.size(); ++i) {
        const int article = documentArticle[hits[i].document];
        Candidate &c = add(article);
        if (c.bestDocument < 0) {
            c.bestDocument = hits[i].document;
            c.retrievalScore = hits[i].score;
            retrievalRank.insert(article, int(retrievalRank.size()));
        }
        if (i < 10)
            ++topTenVotes[article];
        weightedVotes[article] += hits[i].score;
        totalScore += hits[i].score;
    }
    const int topArticle = hits.isEmpty() ? -1 : documentArticle[hits.first().document];
    const QString topIntent = predicted.isEmpty() ? QString() : predicted.first().intent;
    const int votes = int(std::min<qsizetype>(hits.size(), 10));
    const double queryLength = std::log1p(double(tokens.size()));

    for (Candidate &c : result) {
        const QString &intent = catalogue.articleIntent[c.article];
        const double p = c.intentProbability;
        const int rank = intentRank.value(intent, int(predicted.size()));
        const double margin =
            p - (intent == topIntent ? bestOther : bestProbability); // < 0 unless the top intent
        const double ratio = topScore > 0 ? c.retrievalScore / topScore : 0;
        const double d = decision.value(intent, -1.0);
        const bool linearTop = intent == topLinear;
        c.features = {
            p,
            std::log(p + 1e-4),
            1.0 / (rank + 1),
            margin,
            ratio,
            std::log1p(c.retrievalScore),
            c.article == topArticle ? 1.0 : 0.0,
            votes ? double(topTenVotes.value(c.article)) / votes : 0.0,
            (intent == topIntent && c.article == topArticle) ? 1.0 : 0.0,
            totalScore > 0 ? weightedVotes.value(c.article) / totalScore : 0.0,
            c.bestDocument >= 0 ? 1.0 / (retrievalRank.value(c.article) + 1) : 0.0,
            p * ratio,
            queryLength,
            outOfScope,
            d,
            1.0 / (linearRank.value(intent, int(linearRanked.size())) + 1),
            d - (linearTop ? secondDecision : bestDecision), // < 0 unless the top intent
            (linearTop && intent == topIntent) ? 1.0 : 0.0,  // both models agree
            decision.value(outOfScopeIntent, -1.0),
        };
    }
    return result;
}

} // namespace tandem::detail
