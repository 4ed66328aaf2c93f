// SPDX-License-Identifier: GPL-3.0-or-later
// Scaling semantics (sklearn scale / minmax_scale) and mergeable dataset statistics.
#include "core/scaling/RowStatistics.h"
#include "core/scaling/Scaling.h"

#include <QtTest>

#include <random>

using namespace cepstra;

namespace {
FeatureMatrix randomMatrix(int rows, int cols, unsigned seed) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> distribution(3.0f, 2.0f);
    FeatureMatrix matrix(rows, cols);
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        matrix.data()[i] = distribution(generator);
    return matrix;
}
} // namespace

class TestScaling : public QObject {
    Q_OBJECT

private slots:
    void standardGivesZeroMeanUnitStdPerGroup() {
        const FeatureMatrix raw = randomMatrix(16, 50, 1);
        const FeatureMatrix byFrame = scaleFeature(raw, Scaler::Standard, ScaleAxis::Frame);
        for (Eigen::Index c = 0; c < raw.cols(); ++c) {
            const Eigen::VectorXd column = byFrame.col(c).cast<double>();
            QVERIFY(std::abs(column.mean()) < 1e-6);
            QVERIFY(std::abs(std::sqrt((column.array() - column.mean()).square().mean()) - 1.0) <
                    1e-6);
        }
        const FeatureMatrix byBand = scaleFeature(raw, Scaler::Standard, ScaleAxis::Band);
        for (Eigen::Index r = 0; r < raw.rows(); ++r)
            QVERIFY(std::abs(byBand.row(r).cast<double>().mean()) < 1e-6);
        const FeatureMatrix global = scaleFeature(raw, Scaler::Standard, ScaleAxis::Global);
        QVERIFY(std::abs(global.cast<double>().mean()) < 1e-6);
        QVERIFY(std::abs(global.cast<double>().squaredNorm() / double(global.size()) - 1.0) < 1e-5);
    }

    void minMaxSpansZeroToOnePerGroup() {
        const FeatureMatrix raw = randomMatrix(8, 30, 2);
        const FeatureMatrix byFrame = scaleFeature(raw, Scaler::MinMax, ScaleAxis::Frame);
        for (Eigen::Index c = 0; c < raw.cols(); ++c) {
            QCOMPARE(byFrame.col(c).minCoeff(), 0.0f);
            QVERIFY(std::abs(byFrame.col(c).maxCoeff() - 1.0f) < 1e-6f);
        }
        const FeatureMatrix byBand = scaleFeature(raw, Scaler::MinMax, ScaleAxis::Band);
        for (Eigen::Index r = 0; r < raw.rows(); ++r)
            QCOMPARE(byBand.row(r).minCoeff(), 0.0f);
    }

    void zeroSpreadDividesByOne() {
        FeatureMatrix constant = FeatureMatrix::Constant(4, 5, 7.0f);
        QCOMPARE(scaleFeature(constant, Scaler::Standard, ScaleAxis::Frame),
                 FeatureMatrix::Zero(4, 5).eval());
        QCOMPARE(scaleFeature(constant, Scaler::MinMax, ScaleAxis::Global),
                 FeatureMatrix::Zero(4, 5).eval());
        // sklearn treats spreads below 10 * eps(float32) as zero: values are only centred.
        FeatureMatrix tiny(1, 2);
        tiny << 1e-7f, 2e-7f;
        const FeatureMatrix scaled = scaleFeature(tiny, Scaler::MinMax, ScaleAxis::Band);
        QVERIFY(std::abs(scaled(0, 1) - 1e-7f) < 1e-12f);
    }

    void chanMergeEqualsOnePass() {
        const FeatureMatrix all = randomMatrix(6, 1000, 3);
        RowStatistics onePass;
        onePass.addFrames(all);
        RowStatistics merged;
        const int boundaries[] = {0, 1, 250, 251, 700, 1000}; // uneven parts, one of a single frame
        for (int part = 0; part + 1 < 6; ++part) {
            RowStatistics partial;
            partial.addFrames(
                all.middleCols(boundaries[part], boundaries[part + 1] - boundaries[part]));
            merged.merge(partial);
        }
        for (int r = 0; r < 6; ++r) {
            QCOMPARE(merged.row(r).count, 1000);
            QVERIFY(std::abs(merged.row(r).mean - onePass.row(r).mean) < 1e-12);
            QVERIFY(std::abs(merged.row(r).m2 - onePass.row(r).m2) < 1e-9 * onePass.row(r).m2);
            QCOMPARE(merged.row(r).min, onePass.row(r).min);
            QCOMPARE(merged.row(r).max, onePass.row(r).max);
        }
    }

    void oneClipDatasetEqualsBandScaling() {
        const FeatureMatrix raw = randomMatrix(10, 40, 4);
        RowStatistics statistics;
        statistics.addFrames(raw);
        for (Scaler scaler : {Scaler::Standard, Scaler::MinMax}) {
            const FeatureMatrix viaStats = scaleWithStatistics(raw, scaler, statistics);
            const FeatureMatrix viaBand = scaleFeature(raw, scaler, ScaleAxis::Band);
            QVERIFY((viaStats - viaBand).cwiseAbs().maxCoeff() < 1e-6f);
        }
    }
};

QTEST_GUILESS_MAIN(TestScaling)
#include "tst_scaling.moc"
