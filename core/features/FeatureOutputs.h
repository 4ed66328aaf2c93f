// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/ClipOutputs.h"
#include "core/features/FeatureExtractor.h"
#include "core/scaling/RowStatistics.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cepstra {

/// One array to save, named as ClipOutputs names it: `suffix` is its array name ("mfcc_minmax").
struct NamedOutput {
    std::string suffix;
    FeatureMatrix values;
    Feature feature = Feature::MelSpectrogram;
    std::optional<Scaler> scaler; ///< none for the raw feature
};

/// Dataset-wide statistics per feature, for scale_axis="dataset".
using DatasetStatistics = std::map<Feature, RowStatistics>;

/// Each configured feature, then each of its scaled copies; stops early (incomplete) when
/// `cancel` asks, between features. With scale_axis="dataset",
/// `dataset` supplies the fitted statistics; without it a clip is its own dataset.
std::vector<NamedOutput> buildOutputs(const ClipFeatures& clip, const FeatureConfig& config,
                                      const DatasetStatistics* dataset = nullptr,
                                      const CancelToken* cancel = nullptr);

/// Writes each output to its file as `clip` names it, under `root`, each atomically, and
/// returns the paths (relative, as `clip` gives them). A set is never left half-written: a
/// name too long is refused before anything is written, and a failed write, or a stop `cancel`
/// asks for, removes what this call wrote.
Result<std::vector<std::string>> writeOutputs(const std::filesystem::path& root,
                                              const ClipOutputs& clip,
                                              const std::vector<NamedOutput>& outputs,
                                              const CancelToken* cancel = nullptr);

} // namespace cepstra
