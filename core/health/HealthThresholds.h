// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// The thresholds of `cepstra-cli check`, each declared once in healthThresholdTable() with
/// its key (`check.name`), unit and doc; `--set key=value` changes one. Defaults are the
/// member initialisers.
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

/// One threshold: its key, unit and doc, and the member it sets.
struct HealthThresholdSpec {
    std::string_view key;  ///< "clipping.max_share"
    std::string_view unit; ///< "share", "dBFS", "s"...
    std::string_view doc;
    double HealthThresholds::*real = nullptr;
    int HealthThresholds::*integer = nullptr;
    double minimum = 0.0, maximum = 0.0;
};

const std::vector<HealthThresholdSpec>& healthThresholdTable();

/// Applies `check.key=value` (a number in the key's range); errors name the key.
Status applyHealthSetting(HealthThresholds& thresholds, std::string_view keyEqualsValue);

/// "0 to 1 share", "at least 1 ratio".
std::string describeRange(const HealthThresholdSpec& spec);

/// The table as Markdown, one row per threshold: what the README's check section shows.
std::string healthThresholdMarkdown();

/// Every threshold by key, for reports.
nlohmann::json toJson(const HealthThresholds& thresholds);

} // namespace cepstra
