// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scaling/Scaling.h"

#include <cmath>
#include <limits>

namespace cepstra {
namespace {

// sklearn treats a spread this small as zero and divides by 1 instead.
constexpr double kZeroSpread = 10.0 * std::numeric_limits<float>::epsilon();

double safeSpread(double spread) {
    return spread < kZeroSpread ? 1.0 : spread;
}

/// Scales one group of values (a frame, a band or everything) in place.
template <typename Block> void scaleGroup(Block values, Scaler scaler) {
    const auto count = double(values.size());
    if (count == 0)
        return;
    if (scaler == Scaler::Standard) {
        const double mean = values.sum() / count;
        const double variance = (values.array() - mean).square().sum() / count;
        values = (values.array() - mean) / safeSpread(std::sqrt(variance));
    } else {
        const double low = values.minCoeff();
        const double high = values.maxCoeff();
        values = (values.array() - low) / safeSpread(high - low);
    }
}

/// sklearn axis=0: each frame (column) across its features. Row-major storage makes columns
/// strided, so statistics accumulate a row at a time over every column at once.
FeatureMatrix scaleFrames(const FeatureMatrix& feature, Scaler scaler) {
    const Eigen::Index rows = feature.rows();
    const Eigen::Index cols = feature.cols();
    Eigen::ArrayXd offset, spread;
    if (scaler == Scaler::Standard) {
        offset = Eigen::ArrayXd::Zero(cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            offset += feature.row(r).transpose().cast<double>().array();
        offset /= double(rows);
        Eigen::ArrayXd squares = Eigen::ArrayXd::Zero(cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            squares += (feature.row(r).transpose().cast<double>().array() - offset).square();
        spread = (squares / double(rows)).sqrt();
    } else {
        Eigen::ArrayXd low = feature.row(0).transpose().cast<double>();
        Eigen::ArrayXd high = low;
        for (Eigen::Index r = 1; r < rows; ++r) {
            low = low.min(feature.row(r).transpose().cast<double>().array());
            high = high.max(feature.row(r).transpose().cast<double>().array());
        }
        offset = low;
        spread = high - low;
    }
    spread = spread.unaryExpr([](double value) { return safeSpread(value); });
    FeatureMatrix scaled(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
        scaled.row(r) = ((feature.row(r).transpose().cast<double>().array() - offset) / spread)
                            .cast<float>()
                            .transpose();
    return scaled;
}

} // namespace

FeatureMatrix scaleFeature(const FeatureMatrix& feature, Scaler scaler, ScaleAxis axis) {
    if (axis == ScaleAxis::Frame)
        return feature.size() ? scaleFrames(feature, scaler) : feature;
    using RowMajorDouble = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    RowMajorDouble values = feature.cast<double>();
    if (axis == ScaleAxis::Global) {
        scaleGroup(values.reshaped<Eigen::RowMajor>(), scaler);
    } else { // Band; and Dataset, where a single clip is its own dataset
        for (Eigen::Index r = 0; r < values.rows(); ++r)
            scaleGroup(values.row(r), scaler);
    }
    return values.cast<float>();
}

FeatureMatrix scaleWithStatistics(const FeatureMatrix& feature, Scaler scaler,
                                  const RowStatistics& statistics) {
    FeatureMatrix scaled(feature.rows(), feature.cols());
    for (Eigen::Index r = 0; r < feature.rows(); ++r) {
        const RunningStat& stat = statistics.row(int(r));
        const double offset = scaler == Scaler::Standard ? stat.mean : stat.min;
        const double spread =
            safeSpread(scaler == Scaler::Standard ? stat.populationStd() : stat.max - stat.min);
        scaled.row(r) = ((feature.row(r).cast<double>().array() - offset) / spread).cast<float>();
    }
    return scaled;
}

} // namespace cepstra
