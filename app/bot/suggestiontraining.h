#pragma once

// Internal to tandem_bot: the steps of SuggestionModel::train() before the fusion — checking the
// sources, analysing them once, and training the final model set beside the held-out folds
// (each fold: a fastText model, a BM25 index and a linear model, then the candidates of the
// questions it held out).

#include "suggester.h"
#include "suggestionfeatures.h"

#include <QList>
#include <QLoggingCategory>
#include <QStringList>

namespace tandem {

namespace detail {

Q_DECLARE_LOGGING_CATEGORY(lcSuggest)

/// A question held out of one fold's training, and what it should have matched.
struct HeldOut
{
    int source = -1;
    bool outOfScope = false; // its intent was held out entirely
};

/// One fold: the questions it held out and their candidates from the models it trained.
struct FoldResult
{
    QList<QList<Candidate>> candidates; // per held-out question
    QList<HeldOut> questions;
    Error error;
    bool failed = false;
};

} // namespace detail

/// Everything train() needs between its steps.
struct SuggestionTraining
{
    const QList<SuggestionSource> &sources;
    const SuggesterOptions &options;
    IntentOptions intent; // options.intent, with the epochs for this knowledge base's size
    LinearOptions linear; // options.linear, one thread (the folds already run in parallel)
    detail::Catalogue catalogue;
    QList<AnalyzedText> analyzed; // per source, analysed once for every fold
    QList<QStringList> tokens;

    Status prepare();
    /// The held-out folds and, in the same pool of threads, the final model of every question
    /// (it does not depend on the folds, so it need not wait for them).
    QList<detail::FoldResult> runFolds(Result<detail::Retriever> *final) const;
};

} // namespace tandem
