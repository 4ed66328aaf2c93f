// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"
#include "core/util/Settings.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// The thresholds of `cepstra-cli check`, each declared once in healthThresholdTable() with
/// its key (`check.name`), unit, range and doc; `--set key=value` changes one. Defaults are
/// the member initialisers.
struct HealthThresholds {
    double silentMinActiveShare = 0.05;     ///< frames loud enough to count, below this: silent
    double silentFloorDbfs = -70.0;         ///< a frame quieter than this is silence
    double clippingMaxShare = 0.001;        ///< samples at full scale, above this share: clipped
    int clippingMaxRun = 8;                 ///< consecutive full-scale samples, above this: clipped
    double dcOffsetMax = 0.05;              ///< |mean| of a channel, above this: DC offset
    double lowBandwidthMinRatio = 0.6;      ///< highest frequency with energy / Nyquist, below: low
    double lowBandwidthFloorDb = -70.0;     ///< the level (below the loudest band) that is "energy"
    double durationMaxDeviation = 0.25;     ///< |duration / label median - 1|, above this: outlier
    double formatMinShare = 0.5;            ///< a rate, channel count or format held by less of
                                            ///< the dataset than this, when the majority agrees
    double nearDuplicateMinOverlap = 10.0;  ///< seconds of shared audio that make a duplicate
    double nearDuplicateMaxBitError = 0.30; ///< fingerprint bits that may differ in a match
    double nearDuplicateMinLoudnessCorrelation = 0.8; ///< of a match's loudness envelopes
    double labelImbalanceMaxRatio = 1.5; ///< largest label / smallest label, above: imbalanced
};

/// Every threshold, declared once (core/util/Settings.h), as `check.key`: parsing, --set,
/// `params --checks`, the README's table and the man page come from it.
const std::vector<Setting<HealthThresholds>>& healthThresholdTable();

/// Applies `check.key=value` (a number in the key's range); errors name the key.
Status applyHealthSetting(HealthThresholds& thresholds, std::string_view keyEqualsValue);

/// The table as Markdown, one row per threshold: what the README's check section shows.
std::string healthThresholdMarkdown();

/// Every threshold by key, for reports.
nlohmann::json toJson(const HealthThresholds& thresholds);

} // namespace cepstra
