#pragma once

#include "evalreport.h"

#include <QString>

namespace tandem::eval {

/// The sentiment family: ChnSentiCorp, waimai_10k, UCI Amazon/Yelp sentences and airline tweets,
/// scored with the built-in lexicon (LexiconSentiment::instance()).
EvalOutcome evalSentiment(const QString &datasetsDir);

} // namespace tandem::eval
