// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/Catalog.h"
#include "core/features/FeatureOutputs.h"

#include <filesystem>
#include <string>

namespace cepstra {

/// OUTPUT/<this>: the dataset fit of scale_axis "dataset", per feature row: count, mean, std,
/// M2, min and max. count, mean and M2 merge exactly across machines (Chan et al.).
inline constexpr const char* kDatasetStatisticsFileName = "cepstra-dataset-statistics.json";
/// The catalog meta key holding the hash of the fit every scaled output currently carries.
inline constexpr const char* kDatasetStatisticsHashKey = "dataset_statistics_hash";

/// The JSON document for a fit, deterministic for the same statistics.
std::string datasetStatisticsJson(const DatasetStatistics& statistics,
                                  const std::string& configHash);
std::string hashOfStatisticsDocument(const std::string& document);

/// Reads OUTPUT's fit back (the preview scales a clip exactly as the run did), when the file
/// exists and was made with `configHash`; nothing otherwise. The numbers round-trip exactly.
Result<std::optional<DatasetStatistics>>
readDatasetStatistics(const std::filesystem::path& outputRoot, const std::string& configHash);

/// Deletes the statistics file and its meta key when a run no longer scales by dataset.
Status removeDatasetStatistics(Catalog& catalog, const std::filesystem::path& outputRoot);

} // namespace cepstra
