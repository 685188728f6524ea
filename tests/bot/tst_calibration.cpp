#include "calibration.h"

#include <QTest>

#include <cmath>

using namespace tandem;

/// Calibration math on hand-computed cases: reliability bins, expected calibration error,
/// logistic regression, Platt scaling and the out-of-scope threshold.
class TestCalibration : public QObject
{
    Q_OBJECT
private slots:
    void expectedCalibrationError_data();
    void expectedCalibrationError();
    void reliabilityBins();
    void reliabilityBinsEdgeCases();
    void logisticRegressionRecoversWeights();
    void logisticRegressionSeparableStaysFinite();
    void logisticRegressionRefusesBadInput();
    void logisticRegressionStoredWeights();
    void plattScalingFits();
    void plattScalingIdentityFallback();
    void chooseThreshold_data();
    void chooseThreshold();
    void chooseThresholdEmpty();
    void chooseThresholdNeverSplitsEqualConfidences();
};

namespace {

/// Points written compactly: "0.9+ 0.8- 1+" = (0.9, right), (0.8, wrong), (1.0, right).
QList<CalibrationPoint> calibrationPoints(const QString &spec)
{
    QList<CalibrationPoint> points;
    for (const QString &item : spec.split(u' ', Qt::SkipEmptyParts))
        points.append({item.chopped(1).toDouble(), item.endsWith(u'+')});
    return points;
}

/// Threshold points written compactly: "0.9C 0.6W 0.2O" (Correct, Wrong, OutOfScope).
QList<ThresholdPoint> thresholdPoints(const QString &spec)
{
    QList<ThresholdPoint> points;
    for (const QString &item : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QChar kind = item.back();
        const HeldOutOutcome outcome = kind == u'C'   ? HeldOutOutcome::Correct
                                       : kind == u'W' ? HeldOutOutcome::Wrong
                                                      : HeldOutOutcome::OutOfScope;
        points.append({item.chopped(1).toDouble(), outcome});
    }
    return points;
}

QList<CalibrationPoint> calibrationPoints(const char *spec)
{
    return calibrationPoints(QString::fromLatin1(spec));
}

QList<ThresholdPoint> thresholdPoints(const char *spec)
{
    return thresholdPoints(QString::fromLatin1(spec));
}

/// A fixed 64-bit LCG: the same numbers with every compiler and standard library (the
/// <random> distributions are implementation-defined).
class Lcg
{
public:
    explicit Lcg(quint64 seed)
        : m_state(seed)
    {}
    double uniform() // [0, 1)
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return double(m_state >> 11) / double(1ULL << 53);
    }

private:
    quint64 m_state;
};

double sigmoid(double z)
{
    return 1 / (1 + std::exp(-z));
}

} // namespace

void TestCalibration::expectedCalibrationError_data()
{
    QTest::addColumn<QString>("points");
    QTest::addColumn<int>("bins");
    QTest::addColumn<double>("expected");

    QTest::newRow("empty") << QString() << 15 << 0.0;
    // 0.8 right 4 times of 5 and 0.2 right once in 5: each bin's accuracy equals its
    // confidence.
    QTest::newRow("perfectly calibrated")
        << "0.8+ 0.8+ 0.8+ 0.8+ 0.8- 0.2+ 0.2- 0.2- 0.2- 0.2-" << 15 << 0.0;
    // 0.9 right half the time: |0.5 − 0.9| = 0.4 over 4 points; 0.2 right 1 of 4: 0.05.
    // (4 · 0.4 + 4 · 0.05) / 8 = 0.225.
    QTest::newRow("overconfident") << "0.9+ 0.9+ 0.9- 0.9- 0.2+ 0.2- 0.2- 0.2-" << 10 << 0.225;
    // Always 0.95, always wrong: the whole gap.
    QTest::newRow("always wrong") << "0.95- 0.95- 0.95-" << 10 << 0.95;
    // Exactly 1.0 goes into the last bin (not past it): |0.5 − 1| = 0.5.
    QTest::newRow("confidence exactly 1") << "1+ 1-" << 10 << 0.5;
    // Bins pool what they hold: 0.61 and 0.69 share [0.6, 0.7) with mean 0.65 and accuracy
    // 0.5 → 0.15; with 100 bins they are apart: (0.39 + 0.69) / 2 = 0.54.
    QTest::newRow("pooled in one bin") << "0.61+ 0.69-" << 10 << 0.15;
    QTest::newRow("apart in fine bins") << "0.61+ 0.69-" << 100 << 0.54;
    // Out-of-range confidences are clamped to [0, 1].
    QTest::newRow("clamped") << "1.5+ -0.5-" << 10 << 0.0;
    // bins < 1 is one bin: mean 0.5, accuracy 0.5.
    QTest::newRow("zero bins") << "0.9+ 0.1-" << 0 << 0.0;
}

void TestCalibration::expectedCalibrationError()
{
    QFETCH(QString, points);
    QFETCH(int, bins);
    QFETCH(double, expected);
    const double ece = tandem::expectedCalibrationError(calibrationPoints(points), bins);
    QVERIFY2(std::abs(ece - expected) < 1e-12,
             qPrintable(QStringLiteral("ECE %1, expected %2").arg(ece).arg(expected)));
}

void TestCalibration::reliabilityBins()
{
    const QList<ReliabilityBin> diagram =
        reliabilityDiagram(calibrationPoints("0.05+ 0.15- 0.17+ 0.95+ 0.42-"), 10);
    QCOMPARE(diagram.size(), 10);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(diagram[i].lower, i / 10.0);
        QCOMPARE(diagram[i].upper, (i + 1) / 10.0);
    }
    QCOMPARE(diagram[0].count, 1);
    QCOMPARE(diagram[0].accuracy, 1.0);
    QCOMPARE(diagram[0].meanConfidence, 0.05);
    QCOMPARE(diagram[1].count, 2);
    QCOMPARE(diagram[1].accuracy, 0.5);
    QVERIFY(std::abs(diagram[1].meanConfidence - 0.16) < 1e-12);
    QCOMPARE(diagram[4].count, 1);
    QCOMPARE(diagram[4].accuracy, 0.0);
    QCOMPARE(diagram[9].count, 1);
    // Empty bins are kept, with nothing in them.
    for (const int empty : {2, 3, 5, 6, 7, 8}) {
        QCOMPARE(diagram[empty].count, 0);
        QCOMPARE(diagram[empty].meanConfidence, 0.0);
        QCOMPARE(diagram[empty].accuracy, 0.0);
    }
}

void TestCalibration::reliabilityBinsEdgeCases()
{
    const QList<ReliabilityBin> empty = reliabilityDiagram({}, 15);
    QCOMPARE(empty.size(), 15);
    for (const ReliabilityBin &bin : empty)
        QCOMPARE(bin.count, 0);

    const QList<ReliabilityBin> top = reliabilityDiagram(calibrationPoints("1+ 1+ 1-"), 5);
    QCOMPARE(top.last().count, 3);
    QCOMPARE(top.last().meanConfidence, 1.0);
    QVERIFY(std::abs(top.last().accuracy - 2.0 / 3.0) < 1e-12);

    const QList<ReliabilityBin> one = reliabilityDiagram(calibrationPoints("0.2+ 0.7-"), -3);
    QCOMPARE(one.size(), 1);
    QCOMPARE(one[0].lower, 0.0);
    QCOMPARE(one[0].upper, 1.0);
    QCOMPARE(one[0].count, 2);
}

void TestCalibration::logisticRegressionRecoversWeights()
{
    // Labels drawn from σ(2·x1 − 1·x2 + 0.5) with x uniform in [−2, 2]: the maximum-likelihood
    // fit of 20,000 rows lands near the weights that generated them.
    const QList<double> truth{2.0, -1.0, 0.5};
    Lcg random(20240601);
    QList<QList<double>> rows;
    QList<bool> labels;
    for (int i = 0; i < 20000; ++i) {
        const QList<double> row{4 * random.uniform() - 2, 4 * random.uniform() - 2};
        rows.append(row);
        labels.append(random.uniform() < sigmoid(truth[0] * row[0] + truth[1] * row[1] + truth[2]));
    }
    LogisticRegression model;
    QVERIFY(model.fit(rows, labels, 1e-6));
    QCOMPARE(model.featureCount(), 2);
    const QList<double> w = model.weights();
    QCOMPARE(w.size(), 3);
    for (int j = 0; j < 3; ++j) {
        QVERIFY2(
            std::abs(w[j] - truth[j]) < 0.15,
            qPrintable(
                QStringLiteral("weight %1: %2, generated with %3").arg(j).arg(w[j]).arg(truth[j])));
    }
    // probability() is σ(logit()), logit() is w·x + b.
    const QList<double> x{0.3, -0.4};
    QVERIFY(std::abs(model.logit(x) - (w[0] * 0.3 - w[1] * 0.4 + w[2])) < 1e-12);
    QVERIFY(std::abs(model.probability(x) - sigmoid(model.logit(x))) < 1e-12);

    // The same data gives the same weights (deterministic).
    LogisticRegression again;
    QVERIFY(again.fit(rows, labels, 1e-6));
    QCOMPARE(again.weights(), w);
}

void TestCalibration::logisticRegressionSeparableStaysFinite()
{
    // Perfectly separable: without the L2 penalty the weights would run off to infinity.
    QList<QList<double>> rows;
    QList<bool> labels;
    for (int i = 0; i < 200; ++i) {
        const double x = (i - 100) / 50.0 + (i < 100 ? -0.1 : 0.1);
        rows.append(QList<double>{x});
        labels.append(i >= 100);
    }
    LogisticRegression model;
    QVERIFY(model.fit(rows, labels));
    for (const double w : model.weights())
        QVERIFY(std::isfinite(w));
    QVERIFY(model.weights()[0] > 0);
    QVERIFY(model.probability({1.0}) > 0.95);
    QVERIFY(model.probability({-1.0}) < 0.05);
}

void TestCalibration::logisticRegressionRefusesBadInput()
{
    LogisticRegression model;
    QVERIFY(model.fit({{1.0}, {-1.0}, {0.5}, {-0.5}}, {true, false, false, true}));
    const QList<double> before = model.weights();

    QVERIFY(!model.fit({}, {}));
    QVERIFY(!model.fit({{1.0, 2.0}, {1.0}}, {true, false})); // ragged
    QVERIFY(!model.fit({{1.0}, {2.0}}, {true}));             // labels do not match the rows
    QCOMPARE(model.weights(), before);

    LogisticRegression unfitted;
    QVERIFY(!unfitted.fit({}, {}));
    QCOMPARE(unfitted.featureCount(), 0);
    QCOMPARE(unfitted.logit({1.0}), 0.0);
    QCOMPARE(unfitted.probability({1.0}), 0.5);
}

void TestCalibration::logisticRegressionStoredWeights()
{
    const LogisticRegression model(QList<double>{1.0, 2.0, 3.0});
    QCOMPARE(model.featureCount(), 2);
    QCOMPARE(model.logit({1.0, 1.0}), 6.0);
    QCOMPARE(model.logit({0.0, 0.0}), 3.0); // the bias alone
    // A row of the wrong length scores 0 rather than reading past the weights.
    QCOMPARE(model.logit({1.0}), 0.0);
    QCOMPARE(model.logit({1.0, 1.0, 1.0}), 0.0);
    QCOMPARE(model.probability({1.0}), 0.5);
}

void TestCalibration::plattScalingFits()
{
    // Outcomes drawn from σ(1.5·s − 1): the fit recovers a and b.
    Lcg random(7);
    QList<double> scores;
    QList<bool> correct;
    for (int i = 0; i < 20000; ++i) {
        const double s = 6 * random.uniform() - 3;
        scores.append(s);
        correct.append(random.uniform() < sigmoid(1.5 * s - 1));
    }
    PlattScaling platt;
    QVERIFY(platt.fit(scores, correct));
    QVERIFY2(std::abs(platt.a - 1.5) < 0.1, qPrintable(QString::number(platt.a)));
    QVERIFY2(std::abs(platt.b + 1) < 0.1, qPrintable(QString::number(platt.b)));
    QVERIFY(std::abs(platt.apply(2.0) - sigmoid(platt.a * 2 + platt.b)) < 1e-12);
    // Monotone and inside (0, 1).
    double previous = 0;
    for (double s = -5; s <= 5; s += 0.5) {
        const double p = platt.apply(s);
        QVERIFY(p > previous);
        QVERIFY(p < 1);
        previous = p;
    }
}

void TestCalibration::plattScalingIdentityFallback()
{
    PlattScaling empty;
    QVERIFY(!empty.fit({}, {}));
    QCOMPARE(empty.a, 1.0);
    QCOMPARE(empty.b, 0.0);
    QCOMPARE(empty.apply(0), 0.5);
    QVERIFY(std::abs(empty.apply(2) - sigmoid(2)) < 1e-12);

    // Only one outcome: nothing to learn a slope from.
    PlattScaling allRight;
    QVERIFY(!allRight.fit({0.1, 0.5, 2.0}, {true, true, true}));
    QCOMPARE(allRight.a, 1.0);
    QCOMPARE(allRight.b, 0.0);
    PlattScaling allWrong;
    QVERIFY(!allWrong.fit({0.1, 0.5}, {false, false}));
    QCOMPARE(allWrong.a, 1.0);

    PlattScaling mismatched;
    QVERIFY(!mismatched.fit({0.1, 0.5}, {true}));
    QCOMPARE(mismatched.a, 1.0);
    QCOMPARE(mismatched.b, 0.0);
}

void TestCalibration::chooseThreshold_data()
{
    QTest::addColumn<QString>("points");
    QTest::addColumn<double>("abstainOnWrongGain");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<double>("gain");
    QTest::addColumn<double>("coverage");
    QTest::addColumn<double>("answeredAccuracy");
    QTest::addColumn<double>("outOfScopeRecall");

    // Sorted: 0.3C 0.4W 0.6W 0.8C 0.9C. Abstaining below 0.7 gives up one right answer and
    // avoids two wrong ones: gain (2 + 2) / 5.
    const QString inScope = QStringLiteral("0.9C 0.8C 0.6W 0.4W 0.3C");
    QTest::newRow("in scope, abstain worth 1") << inScope << 1.0 << 0.7 << 0.8 << 0.4 << 1.0 << 0.0;
    // When abstaining on a wrong answer is worth nothing, answering everything is best.
    QTest::newRow("in scope, abstain worth 0") << inScope << 0.0 << 0.0 << 0.6 << 1.0 << 0.6 << 0.0;

    // Sorted: 0.2O 0.45O 0.5O 0.65W 0.7C 0.85C 0.95C.
    const QString mixed = QStringLiteral("0.95C 0.85C 0.7C 0.5O 0.45O 0.65W 0.2O");
    // Gain 0: abstaining on 0.65W gains nothing, so 0.575 (below it) and 0.675 tie at 6/7 and
    // the lower threshold wins.
    QTest::newRow("out of scope, abstain worth 0")
        << mixed << 0.0 << 0.575 << 6.0 / 7 << 1.0 << 0.75 << 1.0;
    // Gain 1: 0.675 separates everything.
    QTest::newRow("out of scope, abstain worth 1")
        << mixed << 1.0 << 0.675 << 1.0 << 0.75 << 1.0 << 1.0;
    // Half credit: 0.675 gains 6.5/7 against 6/7.
    QTest::newRow("out of scope, abstain worth 0.5")
        << mixed << 0.5 << 0.675 << 6.5 / 7 << 0.75 << 1.0 << 1.0;

    // Every answer right: never abstain.
    QTest::newRow("all correct") << "0.2C 0.5C 0.9C" << 1.0 << 0.0 << 1.0 << 1.0 << 1.0 << 0.0;
    // Tie between threshold 0 (3 right of 4) and 0.35 (2 right + 1 abstained on a wrong answer):
    // the lower threshold wins.
    QTest::newRow("tie goes to the lower threshold")
        << "0.3W 0.4C 0.8C 0.1C" << 1.0 << 0.0 << 0.75 << 1.0 << 0.75 << 0.0;
}

void TestCalibration::chooseThreshold()
{
    QFETCH(QString, points);
    QFETCH(double, abstainOnWrongGain);
    QFETCH(double, threshold);
    QFETCH(double, gain);
    QFETCH(double, coverage);
    QFETCH(double, answeredAccuracy);
    QFETCH(double, outOfScopeRecall);

    const ThresholdChoice choice =
        tandem::chooseThreshold(thresholdPoints(points), ThresholdObjective{abstainOnWrongGain});
    auto near = [](double a, double b) { return std::abs(a - b) < 1e-9; };
    QVERIFY2(near(choice.threshold, threshold), qPrintable(QString::number(choice.threshold)));
    QVERIFY2(near(choice.gain, gain), qPrintable(QString::number(choice.gain)));
    QVERIFY2(near(choice.coverage, coverage), qPrintable(QString::number(choice.coverage)));
    QVERIFY2(near(choice.answeredAccuracy, answeredAccuracy),
             qPrintable(QString::number(choice.answeredAccuracy)));
    QVERIFY2(near(choice.outOfScopeRecall, outOfScopeRecall),
             qPrintable(QString::number(choice.outOfScopeRecall)));
}

void TestCalibration::chooseThresholdEmpty()
{
    const ThresholdChoice none = tandem::chooseThreshold({});
    QCOMPARE(none.threshold, 0.0);
    QCOMPARE(none.gain, 0.0);
    QCOMPARE(none.coverage, 0.0);
    QCOMPARE(none.outOfScopeRecall, 0.0);

    // Only out-of-scope points: abstain on everything, with the threshold just above the top.
    const ThresholdChoice onlyOut = tandem::chooseThreshold(thresholdPoints("0.3O 0.6O"));
    QVERIFY(onlyOut.threshold > 0.6);
    QVERIFY(onlyOut.threshold < 0.6 + 1e-9);
    QCOMPARE(onlyOut.gain, 1.0);
    QCOMPARE(onlyOut.outOfScopeRecall, 1.0);
    QCOMPARE(onlyOut.coverage, 0.0);
}

void TestCalibration::chooseThresholdNeverSplitsEqualConfidences()
{
    // Three points share 0.5: a threshold can only put all three on one side.
    const QList<ThresholdPoint> points = thresholdPoints("0.5C 0.5W 0.5O 0.9C");
    const ThresholdChoice worthOne = tandem::chooseThreshold(points, {1.0});
    // Abstaining on all three: 1 right answer kept + 1 wrong + 1 out of scope avoided = 3 / 4.
    QVERIFY(std::abs(worthOne.threshold - 0.7) < 1e-12);
    QVERIFY(std::abs(worthOne.gain - 0.75) < 1e-12);
    // Worth 0: 2/4 either way; the lower threshold wins.
    const ThresholdChoice worthZero = tandem::chooseThreshold(points, {0.0});
    QCOMPARE(worthZero.threshold, 0.0);
    QVERIFY(std::abs(worthZero.gain - 0.5) < 1e-12);
    // The order the points arrive in does not matter.
    QList<ThresholdPoint> reversed(points.rbegin(), points.rend());
    QCOMPARE(tandem::chooseThreshold(reversed, {1.0}).threshold, worthOne.threshold);
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
