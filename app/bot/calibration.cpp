#include "calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tandem {

namespace {

double sigmoid(double z)
{
    if (z >= 0)
        return 1 / (1 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1 + e);
}

/// Solves A x = b in place (A symmetric positive definite after regularisation) by Gaussian
/// elimination with partial pivoting; false when A is singular.
bool solve(QList<QList<double>> a, QList<double> b, QList<double> &x)
{
    const qsizetype n = b.size();
    for (qsizetype col = 0; col < n; ++col) {
        qsizetype pivot = col;
        for (qsizetype row = col + 1; row < n; ++row) {
            if (std::abs(a[row][col]) > std::abs(a[pivot][col]))
                pivot = row;
        }
        if (std::abs(a[pivot][col]) < 1e-12)
            return false;
        std::swap(a[col], a[pivot]);
        std::swap(b[col], b[pivot]);
        for (qsizetype row = col + 1; row < n; ++row) {
            const double f = a[row][col] / a[col][col];
            for (qsizetype k = col; k < n; ++k)
                a[row][k] -= f * a[col][k];
            b[row] -= f * b[col];
        }
    }
    x = QList<double>(n, 0.0);
    for (qsizetype row = n - 1; row >= 0; --row) {
        double sum = b[row];
        for (qsizetype k = row + 1; k < n; ++k)
            sum -= a[row][k] * x[k];
        x[row] = sum / a[row][row];
    }
    return true;
}

} // namespace

QList<ReliabilityBin> reliabilityDiagram(const QList<CalibrationPoint> &points, int bins)
{
    bins = std::max(bins, 1);
    QList<ReliabilityBin> diagram(bins);
    QList<double> confidenceSum(bins, 0.0);
    QList<int> correct(bins, 0);
    for (int i = 0; i < bins; ++i) {
        diagram[i].lower = double(i) / bins;
        diagram[i].upper = double(i + 1) / bins;
    }
    for (const CalibrationPoint &p : points) {
        const double c = std::clamp(p.confidence, 0.0, 1.0);
        const int bin = std::min(int(c * bins), bins - 1);
        ++diagram[bin].count;
        confidenceSum[bin] += c;
        correct[bin] += p.correct ? 1 : 0;
    }
    for (int i = 0; i < bins; ++i) {
        if (diagram[i].count > 0) {
            diagram[i].meanConfidence = confidenceSum[i] / diagram[i].count;
            diagram[i].accuracy = double(correct[i]) / diagram[i].count;
        }
    }
    return diagram;
}

double expectedCalibrationError(const QList<CalibrationPoint> &points, int bins)
{
    if (points.isEmpty())
        return 0;
    double error = 0;
    for (const ReliabilityBin &bin : reliabilityDiagram(points, bins))
        error += bin.count * std::abs(bin.accuracy - bin.meanConfidence);
    return error / double(points.size());
}

LogisticRegression::LogisticRegression(QList<double> weights)
    : m_weights(std::move(weights))
{}

bool LogisticRegression::fit(const QList<QList<double>> &features, const QList<bool> &labels,
                             double l2, int maxIterations)
{
    if (features.isEmpty() || features.size() != labels.size())
        return false;
    const qsizetype dims = features.first().size();
    for (const QList<double> &row : features) {
        if (row.size() != dims)
            return false;
    }
    const qsizetype n = dims + 1; // + bias
    const qsizetype rows = features.size();
    // One contiguous row-major copy with the bias column: the loops below run over it many times.
    std::vector<double> x(std::size_t(rows * n));
    for (qsizetype i = 0; i < rows; ++i) {
        std::copy(features[i].cbegin(), features[i].cend(), x.begin() + i * n);
        x[std::size_t(i * n + dims)] = 1.0;
    }
    std::vector<double> w(std::size_t(n), 0.0);
    std::vector<double> h(std::size_t(n * n));
    double previousLoss = std::numeric_limits<double>::infinity();
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        QList<double> gradient(n, 0.0);
        std::fill(h.begin(), h.end(), 0.0);
        double loss = 0;
        for (qsizetype i = 0; i < rows; ++i) {
            const double *row = x.data() + i * n;
            double z = 0;
            for (qsizetype j = 0; j < n; ++j)
                z += w[std::size_t(j)] * row[j];
            const double p = sigmoid(z);
            const double y = labels[i] ? 1.0 : 0.0;
            loss -= y * std::log(std::max(p, 1e-15)) + (1 - y) * std::log(std::max(1 - p, 1e-15));
            const double r = p * (1 - p);
            for (qsizetype j = 0; j < n; ++j) {
                const double xj = row[j];
                gradient[j] += (p - y) * xj;
                const double rx = r * xj;
                double *hj = h.data() + j * n;
                for (qsizetype k = j; k < n; ++k)
                    hj[k] += rx * row[k];
            }
        }
        QList<QList<double>> hessian(n, QList<double>(n, 0.0));
        for (qsizetype j = 0; j < n; ++j) {
            for (qsizetype k = j; k < n; ++k)
                hessian[j][k] = hessian[k][j] = h[std::size_t(j * n + k)];
        }
        const double scale = double(rows);
        for (qsizetype j = 0; j < dims; ++j) {
            loss += 0.5 * l2 * scale * w[std::size_t(j)] * w[std::size_t(j)];
            gradient[j] += l2 * scale * w[std::size_t(j)];
            hessian[j][j] += l2 * scale;
        }
        hessian[n - 1][n - 1] += 1e-9 * scale; // a separable bias must not make it singular
        QList<double> step;
        if (!solve(hessian, gradient, step))
            break;
        for (qsizetype j = 0; j < n; ++j)
            w[std::size_t(j)] -= step[j];
        if (std::abs(previousLoss - loss) < 1e-9 * scale)
            break;
        previousLoss = loss;
    }
    for (const double v : w) {
        if (!std::isfinite(v))
            return false;
    }
    m_weights = QList<double>(w.begin(), w.end());
    return true;
}

double LogisticRegression::logit(const QList<double> &row) const
{
    if (m_weights.isEmpty() || row.size() != m_weights.size() - 1)
        return 0;
    double z = m_weights.constLast();
    for (qsizetype j = 0; j < row.size(); ++j)
        z += m_weights[j] * row[j];
    return z;
}

double LogisticRegression::probability(const QList<double> &row) const
{
    return sigmoid(logit(row));
}

bool PlattScaling::fit(const QList<double> &scores, const QList<bool> &correct)
{
    if (scores.isEmpty() || scores.size() != correct.size())
        return false;
    const bool allSame =
        std::all_of(correct.begin(), correct.end(), [&](bool c) { return c == correct.first(); });
    if (allSame)
        return false;
    QList<QList<double>> rows;
    rows.reserve(scores.size());
    for (const double s : scores)
        rows.append(QList<double>{s});
    LogisticRegression lr;
    if (!lr.fit(rows, correct, 1e-6))
        return false;
    a = lr.weights().at(0);
    b = lr.weights().at(1);
    return true;
}

double PlattScaling::apply(double score) const
{
    return sigmoid(a * score + b);
}

ThresholdChoice chooseThreshold(const QList<ThresholdPoint> &points,
                                const ThresholdObjective &objective)
{
    ThresholdChoice best;
    if (points.isEmpty())
        return best;
    QList<ThresholdPoint> sorted = points;
    std::sort(sorted.begin(), sorted.end(), [](const ThresholdPoint &a, const ThresholdPoint &b) {
        return a.confidence < b.confidence;
    });
    int inScope = 0;
    int outOfScope = 0;
    int correctTotal = 0;
    for (const ThresholdPoint &p : sorted) {
        if (p.outcome == HeldOutOutcome::OutOfScope)
            ++outOfScope;
        else
            ++inScope;
        if (p.outcome == HeldOutOutcome::Correct)
            ++correctTotal;
    }
    // Sweep thresholds upwards: everything below the threshold is abstained on.
    int abstainedCorrect = 0;
    int abstainedWrong = 0;
    int abstainedOut = 0;
    auto evaluate = [&](double threshold) {
        const double gain = (correctTotal - abstainedCorrect) +
                            objective.abstainOnWrongGain * abstainedWrong + abstainedOut;
        ThresholdChoice c;
        c.threshold = threshold;
        c.gain = gain / double(sorted.size());
        const int answeredInScope = inScope - abstainedCorrect - abstainedWrong;
        c.coverage = inScope ? double(answeredInScope) / inScope : 0;
        const int answered = answeredInScope + (outOfScope - abstainedOut);
        c.answeredAccuracy = answered ? double(correctTotal - abstainedCorrect) / answered : 0;
        c.outOfScopeRecall = outOfScope ? double(abstainedOut) / outOfScope : 0;
        return c;
    };
    best = evaluate(0);
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        switch (sorted[i].outcome) {
        case HeldOutOutcome::Correct:
            ++abstainedCorrect;
            break;
        case HeldOutOutcome::Wrong:
            ++abstainedWrong;
            break;
        case HeldOutOutcome::OutOfScope:
            ++abstainedOut;
            break;
        }
        // Only between distinct confidences can a threshold separate the points.
        if (i + 1 < sorted.size() && sorted[i + 1].confidence == sorted[i].confidence)
            continue;
        const double threshold = i + 1 < sorted.size()
                                     ? (sorted[i].confidence + sorted[i + 1].confidence) / 2
                                     : std::nextafter(sorted[i].confidence, 2.0);
        const ThresholdChoice candidate = evaluate(threshold);
        if (candidate.gain > best.gain + 1e-12)
            best = candidate;
    }
    return best;
}

} // namespace tandem
