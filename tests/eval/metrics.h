#pragma once

#include <QList>

namespace tandem::eval {

/// Counts of (gold, predicted) class pairs, and the classification metrics derived from them.
/// Ratios are in [0, 1]; a ratio with an empty denominator is 0.
class ConfusionMatrix
{
public:
    explicit ConfusionMatrix(int classCount);

    void add(int gold, int predicted);

    qsizetype total() const { return m_total; }
    qsizetype count(int gold, int predicted) const;
    qsizetype goldCount(int cls) const;
    qsizetype predictedCount(int cls) const;

    double accuracy() const;
    double precision(int cls) const;
    double recall(int cls) const;
    double f1(int cls) const;
    /// Unweighted mean of F1 over `classes`.
    double macroF1(const QList<int> &classes) const;

private:
    int m_classCount;
    QList<qsizetype> m_counts; // row-major [gold][predicted]
    qsizetype m_total = 0;
};

} // namespace tandem::eval
