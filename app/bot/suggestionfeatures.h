#pragma once

// Internal to tandem_bot: how one trained (fold or final) pair of fastText model and BM25 index
// turns a question into scored candidate articles. Shared by training and suggest() so the
// fusion is learned on exactly the features it is later applied to.

#include "intentmodel.h"
#include "linearmodel.h"
#include "questionindex.h"
#include "textanalysis.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace tandem::detail {

/// The articles and intents of a training set, as dense indices.
struct Catalogue
{
    QStringList articleIds;
    QList<int> articleVersion;
    QList<QString> articleIntent;
    QHash<QString, int> articleIndex;
    QHash<QString, QList<int>> articlesOfIntent;
};

/// Tokens a question is retrieved by: analysed words plus Han character bigrams (so a
/// paraphrase segmented differently still shares terms).
QStringList retrievalTokens(const QString &text);
QStringList retrievalTokens(const AnalyzedText &analyzed);

/// BM25 weight of each retrieval token: Chinese question words ("什么时候", "怎么") and the Han
/// bigrams inside them say what kind of answer is wanted, not what it is about, so they count
/// less than topic words. Everything else, English question words included, weighs 1.
QList<double> retrievalWeights(const QStringList &tokens);

constexpr int kFeatureCount = 19;

struct Candidate
{
    int article = -1;
    double intentProbability = 0;
    double retrievalScore = 0;
    int bestDocument = -1; // index into the retriever's documents
    QList<double> features;
};

/// A fastText model, a linear TF-IDF model and a BM25 index over documents that belong to
/// catalogue articles.
struct Retriever
{
    std::shared_ptr<const IntentModel> intents;
    std::shared_ptr<const LinearTextModel> linear;
    std::shared_ptr<const QuestionIndex> index;
    QList<int> documentArticle; // per indexed document: catalogue article
    QList<int> documentSource;  // per indexed document: index into the training sources

    /// Candidate articles for a question (analysed once, its retrievalTokens() in `tokens`)
    /// with their fusion features, in no particular order. `outOfScopeIntent` (may be empty) is
    /// the intent that means "not ours"; its probability is a feature of every candidate.
    QList<Candidate> candidates(const Catalogue &catalogue, const AnalyzedText &analyzed,
                                const QStringList &tokens, int retrievalDepth, int candidateIntents,
                                const QString &outOfScopeIntent) const;
};

} // namespace tandem::detail
