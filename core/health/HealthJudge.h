// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/DatasetScanner.h"
#include "core/health/HealthCache.h"
#include "core/health/HealthCheck.h"

#include <vector>

namespace cepstra {

/// One listed clip and what is known of it (measured now or cached).
struct ClipResult {
    const DatasetFile* file = nullptr;
    CachedMeasurement entry;
};

/// Applies every check to measured clips: per clip (unreadable, silent, clipping, dc_offset,
/// low_bandwidth, dual_mono), against the dataset (duration_outlier, format_mismatch), across
/// clips (exact_duplicate, near_duplicate, label_conflict) and over labels (label_imbalance).
/// Pure: the same measurements and thresholds give the same report.
/// exact_duplicate, near_duplicate and label_conflict: `files[i]` is `clips[i]`'s entry.
void addDuplicateFindings(std::vector<HealthFile>& files, const std::vector<ClipResult>& clips,
                          const HealthThresholds& thresholds, std::vector<HealthGroup>& groups);

HealthReport judgeDataset(const DatasetListing& listing, const std::vector<ClipResult>& clips,
                          const HealthThresholds& thresholds);

} // namespace cepstra
