// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthThresholds.h"

#include "core/features/ConfigParameters.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace cepstra {

const std::vector<HealthThresholdSpec>& healthThresholdTable() {
    using T = HealthThresholds;
    static const std::vector<HealthThresholdSpec> table{
        {"silent.min_active_share", "share",
         "share of frames above the floor and within 60 dB of the loudest; below it: silent",
         &T::silentMinActiveShare, nullptr, 0, 1},
        {"silent.floor_dbfs", "dBFS", "frames quieter than this count as silence",
         &T::silentFloorDbfs, nullptr, -200, 0},
        {"clipping.max_share", "share", "share of samples at full scale that is tolerated",
         &T::clippingMaxShare, nullptr, 0, 1},
        {"clipping.max_run", "samples", "longest run of full-scale samples that is tolerated",
         nullptr, &T::clippingMaxRun, 1, 1e9},
        {"dc_offset.max", "full scale", "largest absolute mean of a channel that is tolerated",
         &T::dcOffsetMax, nullptr, 0, 1},
        {"low_bandwidth.min_ratio", "of Nyquist",
         "the highest frequency with energy, as a share of Nyquist, below which a clip looks "
         "upsampled",
         &T::lowBandwidthMinRatio, nullptr, 0, 1},
        {"low_bandwidth.floor_db", "dB", "how far below the loudest band still counts as energy",
         &T::lowBandwidthFloorDb, nullptr, -200, 0},
        {"duration_outlier.max_deviation", "share",
         "how far from its label's median duration a clip may be", &T::durationMaxDeviation,
         nullptr, 0, 1e9},
        {"format_mismatch.min_share", "share",
         "a sample rate, channel count or format held by less than this share of the clips is "
         "a mismatch",
         &T::formatMinShare, nullptr, 0, 1},
        {"near_duplicate.min_overlap", "s",
         "seconds of the same audio two clips must share (capped at 80% of the shorter one)",
         &T::nearDuplicateMinOverlap, nullptr, 0, 1e9},
        {"near_duplicate.max_bit_error", "share",
         "share of fingerprint bits that may differ where two clips match",
         &T::nearDuplicateMaxBitError, nullptr, 0, 0.5},
        {"near_duplicate.min_loudness_correlation", "correlation",
         "how closely a match's loudness must rise and fall with its original's (chroma alone "
         "cannot tell drum loops or noise apart)",
         &T::nearDuplicateMinLoudnessCorrelation, nullptr, -1, 1},
        {"label_imbalance.max_ratio", "ratio",
         "largest label's clip count over the smallest's that is tolerated",
         &T::labelImbalanceMaxRatio, nullptr, 1, 1e9},
    };
    return table;
}

Status applyHealthSetting(HealthThresholds& thresholds, std::string_view keyEqualsValue) {
    const auto equals = keyEqualsValue.find('=');
    if (equals == std::string_view::npos)
        return Error{ErrorKind::InvalidConfig, "expected check.key=value, such as "
                                               "clipping.max_share=0.01 (got \"" +
                                                   displayText(keyEqualsValue) + "\")"};
    const std::string_view key = keyEqualsValue.substr(0, equals);
    const std::string text(keyEqualsValue.substr(equals + 1));
    for (const HealthThresholdSpec& spec : healthThresholdTable()) {
        if (spec.key != key)
            continue;
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(value) || value < spec.minimum ||
            value > spec.maximum || (spec.integer && std::floor(value) != value))
            return Error{ErrorKind::InvalidConfig,
                         std::string(key) + " must be " +
                             (spec.integer ? "an integer" : "a number") + ", " +
                             describeRange(spec) + " (got \"" + displayText(text) +
                             "\"); `cepstra-cli check --help` lists the defaults"};
        if (spec.integer)
            thresholds.*spec.integer = int(value);
        else
            thresholds.*spec.real = value;
        return success();
    }
    std::string known;
    for (const HealthThresholdSpec& spec : healthThresholdTable())
        known += (known.empty() ? "" : ", ") + std::string(spec.key);
    return Error{ErrorKind::InvalidConfig,
                 "unknown threshold \"" + displayText(key) + "\"; the thresholds are " + known};
}

std::string describeRange(const HealthThresholdSpec& spec) {
    std::string range = spec.maximum >= 1e9
                            ? "at least " + formatNumber(spec.minimum)
                            : formatNumber(spec.minimum) + " to " + formatNumber(spec.maximum);
    if (!spec.unit.empty())
        range.append(" ").append(spec.unit);
    return range;
}

std::string healthThresholdMarkdown() {
    const nlohmann::json defaults = toJson(HealthThresholds{});
    std::string table = "| key | default | range | meaning |\n|---|---|---|---|\n";
    for (const HealthThresholdSpec& spec : healthThresholdTable())
        table += "| `" + std::string(spec.key) + "` | `" + defaults[std::string(spec.key)].dump() +
                 "` | " + describeRange(spec) + " | " + std::string(spec.doc) + " |\n";
    return table;
}

nlohmann::json toJson(const HealthThresholds& thresholds) {
    nlohmann::json object = nlohmann::json::object();
    for (const HealthThresholdSpec& spec : healthThresholdTable())
        object[std::string(spec.key)] = spec.integer ? nlohmann::json(thresholds.*spec.integer)
                                                     : nlohmann::json(thresholds.*spec.real);
    return object;
}

} // namespace cepstra
