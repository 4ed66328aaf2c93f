// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureExtractor.h"
#include "core/scaling/RowStatistics.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cepstra {

/// One array to save: `suffix` goes after "<stem>_" in the file name, e.g. "mfcc_minmax".
struct NamedOutput {
    std::string suffix;
    FeatureMatrix values;
    Feature feature = Feature::MelSpectrogram;
    std::optional<Scaler> scaler; ///< none for the raw feature
};

/// Dataset-wide statistics per feature, for scale_axis="dataset".
using DatasetStatistics = std::map<Feature, RowStatistics>;

/// "<feature>" or "<feature>_<scaler>", with the scaler's clean name ("standard", "minmax") or
/// the old pipeline's ("standardcaler", "minmaxnormalizer") under naming="legacy".
std::string outputSuffix(Feature feature, std::optional<Scaler> scaler, OutputNaming naming);

/// "<stem>_<suffix>.npy": the one place an output's file name is spelled.
std::string outputFileName(const std::string& stem, const std::string& suffix);

/// The file names a clip with this stem produces under `config`, in write order.
std::vector<std::string> outputFileNames(const std::string& stem, const FeatureConfig& config);

/// Each configured feature, then each of its scaled copies; stops early (incomplete) when
/// `cancel` asks, between features. With scale_axis="dataset",
/// `dataset` supplies the fitted statistics; without it a clip is its own dataset.
std::vector<NamedOutput> buildOutputs(const ClipFeatures& clip, const FeatureConfig& config,
                                      const DatasetStatistics* dataset = nullptr,
                                      const CancelToken* cancel = nullptr);

/// Writes "<directory>/<stem>_<suffix>.npy" for each output, each atomically, and returns the
/// paths. A set is never left half-written: a name too long is refused before anything is
/// written, and a failed write, or a stop `cancel` asks for, removes what this call wrote.
Result<std::vector<std::filesystem::path>> writeOutputs(const std::filesystem::path& directory,
                                                        const std::string& stem,
                                                        const std::vector<NamedOutput>& outputs,
                                                        const CancelToken* cancel = nullptr);

} // namespace cepstra
