#pragma once

#include "evalreport.h"

#include <QString>

namespace tandem::eval {

/// The sentiment family: ChnSentiCorp, waimai_10k, UCI Amazon/Yelp sentences and airline tweets,
/// scored with the built-in lexicon (LexiconSentiment::instance()), then with a SentimentModel
/// trained on ChnSentiCorp train.tsv or, for sets without a training split, by 5-fold
/// cross-validation.
EvalOutcome evalSentiment(const QString &datasetsDir);

} // namespace tandem::eval
