#pragma once

#include "evalreport.h"

#include <QString>

namespace tandem::eval {

/// The matching family: AFQMC "same question" accuracy and F1 from the retriever's similarity
/// (QuestionIndex BM25), the decision threshold chosen on ATEC dev.
EvalOutcome evalMatching(const QString &datasetsDir);

/// The replies family: ECD sample response selection (recall@1 of 10, MRR), candidates ranked
/// by BM25 similarity to the dialogue context.
EvalOutcome evalReplies(const QString &datasetsDir);

/// The speed family: suggestion latency at knowledge bases of 1k, 10k and 100k example
/// questions, training time for 15k, and memory, built from the intent datasets' questions.
EvalOutcome evalSpeed(const QString &datasetsDir);

} // namespace tandem::eval
