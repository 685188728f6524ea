#pragma once

#include <QList>

namespace tandem {

/// A confidence the bot gave and whether the answer it belonged to was right.
struct CalibrationPoint
{
    double confidence = 0;
    bool correct = false;
};

/// One equal-width confidence bin of a reliability diagram.
struct ReliabilityBin
{
    double lower = 0;
    double upper = 0;
    int count = 0;
    double meanConfidence = 0;
    double accuracy = 0;
};

/// Equal-width bins over [0, 1] (a confidence of exactly 1 goes in the last bin); empty bins are
/// kept with count 0. `bins` < 1 is treated as 1.
QList<ReliabilityBin> reliabilityDiagram(const QList<CalibrationPoint> &points, int bins = 15);

/// Expected calibration error: the count-weighted mean of |accuracy − mean confidence| over the
/// bins of reliabilityDiagram(). 0 for no points.
double expectedCalibrationError(const QList<CalibrationPoint> &points, int bins = 15);

/// L2-regularised logistic regression fitted by Newton's method (deterministic; meant for a
/// handful of features and up to a few hundred thousand rows).
class LogisticRegression
{
public:
    LogisticRegression() = default;
    /// Weights (last = bias) as stored by weights(); wrong lengths give a model of all zeros.
    explicit LogisticRegression(QList<double> weights);

    /// Fits rows of `features` (all the same length) to `labels`. `l2` penalises the weights
    /// (not the bias). Returns false (and leaves the model unchanged) on empty or ragged input.
    bool fit(const QList<QList<double>> &features, const QList<bool> &labels, double l2 = 1e-3,
             int maxIterations = 50);

    /// The linear score w·x + b; 0 for an unfitted model or a row of the wrong length.
    double logit(const QList<double> &row) const;
    /// σ(logit(row)).
    double probability(const QList<double> &row) const;

    QList<double> weights() const { return m_weights; }
    int featureCount() const { return m_weights.isEmpty() ? 0 : int(m_weights.size()) - 1; }

private:
    QList<double> m_weights; // feature weights followed by the bias
};

/// Platt scaling: p = σ(a·s + b), fitted on scores with known outcomes.
struct PlattScaling
{
    double a = 1;
    double b = 0;

    /// Fits a and b; with no points or only one outcome the identity (a = 1, b = 0) stays.
    bool fit(const QList<double> &scores, const QList<bool> &correct);
    double apply(double score) const;
};

/// How a held-out question turned out at its top suggestion.
enum class HeldOutOutcome
{
    Correct,   // in scope, top suggestion right
    Wrong,     // in scope, top suggestion wrong
    OutOfScope // the knowledge base has no answer for it
};

struct ThresholdPoint
{
    double confidence = 0;
    HeldOutOutcome outcome = HeldOutOutcome::Correct;
};

/// What abstaining is worth. Answering a Correct point gains 1. Abstaining on an OutOfScope
/// point gains 1. Abstaining on a Wrong point gains `abstainOnWrongGain` (1: "I don't know" is
/// as good as a right answer when the answer would have been wrong; 0: a wrong in-scope answer is
/// a loss either way, as in CLINC150's in-scope accuracy).
struct ThresholdObjective
{
    double abstainOnWrongGain = 1;
};

struct ThresholdChoice
{
    double threshold = 0; // answer when confidence >= threshold
    double gain = 0;      // objective value, divided by the number of points
    double coverage = 0;  // share of in-scope points answered
    double answeredAccuracy = 0;
    double outOfScopeRecall = 0; // share of out-of-scope points abstained on (0 when none)
};

/// The threshold that maximises the objective over `points`; candidates are midpoints between
/// consecutive distinct confidences (and 0 and just above the maximum). Ties go to the lower
/// threshold (answer more). No points: threshold 0.
ThresholdChoice chooseThreshold(const QList<ThresholdPoint> &points,
                                const ThresholdObjective &objective = {});

} // namespace tandem
