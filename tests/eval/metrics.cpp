#include "metrics.h"

namespace tandem::eval {

namespace {

double ratio(qsizetype numerator, qsizetype denominator)
{
    return denominator == 0 ? 0.0 : double(numerator) / double(denominator);
}

} // namespace

ConfusionMatrix::ConfusionMatrix(int classCount)
    : m_classCount(classCount)
    , m_counts(qsizetype(classCount) * classCount, 0)
{}

void ConfusionMatrix::add(int gold, int predicted)
{
    ++m_counts[qsizetype(gold) * m_classCount + predicted];
    ++m_total;
}

qsizetype ConfusionMatrix::count(int gold, int predicted) const
{
    return m_counts.at(qsizetype(gold) * m_classCount + predicted);
}

qsizetype ConfusionMatrix::goldCount(int cls) const
{
    qsizetype sum = 0;
    for (int p = 0; p < m_classCount; ++p)
        sum += count(cls, p);
    return sum;
}

qsizetype ConfusionMatrix::predictedCount(int cls) const
{
    qsizetype sum = 0;
    for (int g = 0; g < m_classCount; ++g)
        sum += count(g, cls);
    return sum;
}

double ConfusionMatrix::accuracy() const
{
    qsizetype correct = 0;
    for (int c = 0; c < m_classCount; ++c)
        correct += count(c, c);
    return ratio(correct, m_total);
}

double ConfusionMatrix::precision(int cls) const
{
    return ratio(count(cls, cls), predictedCount(cls));
}

double ConfusionMatrix::recall(int cls) const
{
    return ratio(count(cls, cls), goldCount(cls));
}

double ConfusionMatrix::f1(int cls) const
{
    // 2TP / (2TP + FP + FN): equal to the harmonic mean and defined when precision is 0/0.
    const qsizetype tp = count(cls, cls);
    return ratio(2 * tp, goldCount(cls) + predictedCount(cls));
}

double ConfusionMatrix::macroF1(const QList<int> &classes) const
{
    if (classes.isEmpty())
        return 0;
    double sum = 0;
    for (int cls : classes)
        sum += f1(cls);
    return sum / double(classes.size());
}

} // namespace tandem::eval
