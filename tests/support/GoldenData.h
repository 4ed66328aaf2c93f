// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"
#include "core/io/Npy.h"
#include "core/util/FeatureMatrix.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <QString>

#include <functional>
#include <string>

namespace cepstra::test {

/// A reference set's cases.json, parsed. Throws std::runtime_error with a clear message when
/// the folder or file is missing: golden tests must fail, never skip, without their data.
const nlohmann::json& goldenCases(GoldenSet set = GoldenSet::Reference);

/// The FeatureConfig for a named golden config ("C1", "Q1"...), with the features the config
/// lists, or melspectrogram and mfcc when it lists none.
FeatureConfig goldenConfig(const std::string& name, GoldenSet set = GoldenSet::Reference);

/// Reads a reference array named relative to the set's folder ("ref/...npy"); throws on error.
NpyArray goldenArray(const std::string& relativePath, GoldenSet set = GoldenSet::Reference);

/// The worst |ours - reference| / tolerance over a comparison; <= 1 passes.
struct Comparison {
    double worstRatio = 0.0;
    std::string where;
    bool passed() const { return worstRatio <= 1.0; }
};

/// Per-element tolerance, given the row, the column and the reference value.
using Tolerance = std::function<double(Eigen::Index row, Eigen::Index col, double reference)>;

/// Compares `ours` with a reference's first frames (head) and last frames (tail).
Comparison compareHeadTail(const FeatureMatrix& ours, const NpyArray& head, const NpyArray& tail,
                           const Tolerance& tolerance);

/// The golden tolerance of a raw feature element: mel power 1e-5 max|a| + 1e-4 |b|; MFCC and
/// log-mel 2e-3.
Tolerance rawTolerance(Feature feature, const FeatureMatrix& ours);

/// The golden tolerance of a scaled element, 1e-3 + 2 d / s over the element's group (frame,
/// band or whole array; `axis` Dataset means band groups with dataset-wide spreads given in
/// `datasetSpread` and `datasetRawTolerance`). Near-constant groups accept anything.
Tolerance scaledTolerance(Feature feature, Scaler scaler, ScaleAxis axis, const FeatureMatrix& raw,
                          const std::vector<double>& datasetSpread = {},
                          const std::vector<double>& datasetRawTolerance = {});

/// d for dataset scaling: per band, the largest raw tolerance over every member clip.
std::vector<double> datasetBandRawTolerance(Feature feature,
                                            const std::vector<FeatureMatrix>& members);

/// Reads a float32 .npy into a FeatureMatrix; throws on error.
FeatureMatrix readFeatureMatrix(const std::string& path);

} // namespace cepstra::test
