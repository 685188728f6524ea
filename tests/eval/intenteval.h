#pragma once

#include "evalreport.h"

#include <QString>

namespace tandem::eval {

/// The intent family: Banking77 (train → dev: top-1, top-3, calibration error) and CLINC150
/// (train + val + oos_train → test_dev and oos_test_dev: in-scope accuracy and out-of-scope
/// recall at the threshold the engine chose on its own held-out folds), each next to fastText
/// alone and the BM25 nearest example alone, measured in the same run on the same models.
EvalOutcome evalIntent(const QString &datasetsDir);

} // namespace tandem::eval
