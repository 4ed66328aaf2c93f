// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Cepstrum.h"

#include <cmath>
#include <numbers>

namespace cepstra {

FeatureMatrix powerToDb(const FeatureMatrix& power, double ref, double amin,
                        std::optional<double> topDb) {
    const float refDb = float(10.0 * std::log10(std::max(amin, ref)));
    const float floorValue = float(amin);
    // 10 log10(x) as (10 / ln 10) ln(x): Eigen vectorises log() but calls libm per element
    // for log10(). The difference is an ulp, far inside the 2e-3 dB tolerance.
    const float decibelsPerNeper = float(10.0 / std::numbers::ln10);
    FeatureMatrix db = (power.array().max(floorValue).log() * decibelsPerNeper - refDb).matrix();
    if (topDb && db.size() > 0) {
        const float lowest = db.maxCoeff() - float(*topDb);
        db = db.array().max(lowest).matrix();
    }
    return db;
}

Eigen::MatrixXd orthonormalDctMatrix(int dctType, int inputCount, int outputCount) {
    const double pi = std::numbers::pi;
    const double N = inputCount;
    Eigen::MatrixXd dct(outputCount, inputCount);
    for (int k = 0; k < outputCount; ++k) {
        for (int n = 0; n < inputCount; ++n) {
            double value = 0.0;
            if (dctType == 1) {
                // Orthonormal DCT-I: end samples weighted by sqrt(2) instead of 2, the end
                // outputs divided by sqrt(2), all scaled by 1/sqrt(2(N-1)).
                const bool endInput = n == 0 || n == inputCount - 1;
                const bool endOutput = k == 0 || k == inputCount - 1;
                value = (endInput ? std::numbers::sqrt2 : 2.0) * std::cos(pi * k * n / (N - 1)) /
                        std::sqrt(2.0 * (N - 1));
                if (endOutput)
                    value /= std::numbers::sqrt2;
            } else if (dctType == 2) {
                value = std::sqrt(2.0 / N) * std::cos(pi * k * (2.0 * n + 1.0) / (2.0 * N));
                if (k == 0)
                    value /= std::numbers::sqrt2;
            } else {
                value = n == 0
                            ? 1.0 / std::sqrt(N)
                            : std::sqrt(2.0 / N) * std::cos(pi * n * (2.0 * k + 1.0) / (2.0 * N));
            }
            dct(k, n) = value;
        }
    }
    return dct;
}

FeatureMatrix cepstralCoefficients(const Eigen::MatrixXd& dct, const FeatureMatrix& logMel,
                                   double lifter) {
    Eigen::MatrixXd coefficients = dct * logMel.cast<double>();
    if (lifter > 0.0) {
        for (Eigen::Index k = 0; k < coefficients.rows(); ++k)
            coefficients.row(k) *=
                1.0 + (lifter / 2.0) * std::sin(std::numbers::pi * double(k + 1) / lifter);
    }
    return coefficients.cast<float>();
}

} // namespace cepstra
