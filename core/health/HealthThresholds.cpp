// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthThresholds.h"

#include "core/util/JsonText.h"
#include "core/util/SettingBindings.h"

#include <limits>
#include <type_traits>
#include <utility>

namespace cepstra {
namespace {

using Threshold = Setting<HealthThresholds>;

template <auto Member>
Threshold threshold(std::string_view key, std::string_view unit, double minimum, double maximum,
                    std::string_view doc) {
    Threshold made;
    made.key = key;
    using Value = std::remove_cvref_t<decltype(std::declval<HealthThresholds&>().*Member)>;
    made.type = std::is_same_v<Value, int> ? SettingType::Integer : SettingType::Number;
    made.unit = unit;
    made.minimum = minimum;
    made.maximum = maximum;
    made.doc = doc;
    bindScalar<Member>(made);
    return made;
}

constexpr double kUnbounded = std::numeric_limits<double>::infinity();
constexpr double kMostInt = std::numeric_limits<int>::max();

} // namespace

const std::vector<Threshold>& healthThresholdTable() {
    using T = HealthThresholds;
    static const std::vector<Threshold> table{
        threshold<&T::silentMinActiveShare>(
            "silent.min_active_share", "share", 0, 1,
            "share of frames above the floor and within 60 dB of the loudest; below it: silent"),
        threshold<&T::silentFloorDbfs>("silent.floor_dbfs", "dBFS", -200, 0,
                                       "frames quieter than this count as silence"),
        threshold<&T::clippingMaxShare>("clipping.max_share", "share", 0, 1,
                                        "share of samples at full scale that is tolerated"),
        threshold<&T::clippingMaxRun>("clipping.max_run", "samples", 1, kMostInt,
                                      "longest run of full-scale samples that is tolerated"),
        threshold<&T::dcOffsetMax>("dc_offset.max", "full scale", 0, 1,
                                   "largest absolute mean of a channel that is tolerated"),
        threshold<&T::lowBandwidthMinRatio>(
            "low_bandwidth.min_ratio", "of Nyquist", 0, 1,
            "the highest frequency with energy, as a share of Nyquist, below which a clip looks "
            "upsampled"),
        threshold<&T::lowBandwidthFloorDb>("low_bandwidth.floor_db", "dB", -200, 0,
                                           "how far below the loudest band still counts as energy"),
        threshold<&T::durationMaxDeviation>(
            "duration_outlier.max_deviation", "share", 0, kUnbounded,
            "how far from its label's median duration a clip may be"),
        threshold<&T::formatMinShare>(
            "format_mismatch.min_share", "share", 0, 1,
            "a sample rate, channel count or format held by less than this share of the clips is "
            "a mismatch"),
        threshold<&T::nearDuplicateMinOverlap>(
            "near_duplicate.min_overlap", "s", 0, kUnbounded,
            "seconds of the same audio two clips must share (capped at 80% of the shorter one)"),
        threshold<&T::nearDuplicateMaxBitError>(
            "near_duplicate.max_bit_error", "share", 0, 0.5,
            "share of fingerprint bits that may differ where two clips match"),
        threshold<&T::nearDuplicateMinLoudnessCorrelation>(
            "near_duplicate.min_loudness_correlation", "correlation", -1, 1,
            "how closely a match's loudness must rise and fall with its original's (chroma alone "
            "cannot tell drum loops or noise apart)"),
        threshold<&T::labelImbalanceMaxRatio>(
            "label_imbalance.max_ratio", "ratio", 1, kUnbounded,
            "largest label's clip count over the smallest's that is tolerated"),
    };
    return table;
}

Status applyHealthSetting(HealthThresholds& thresholds, std::string_view keyEqualsValue) {
    const auto equals = keyEqualsValue.find('=');
    if (equals == std::string_view::npos)
        return Error{ErrorKind::InvalidConfig, "expected check.key=value, such as "
                                               "clipping.max_share=0.01 (got \"" +
                                                   displayText(keyEqualsValue) + "\")"};
    const std::string key(keyEqualsValue.substr(0, equals));
    if (!findSetting(healthThresholdTable(), key)) {
        std::string known;
        for (const Threshold& each : healthThresholdTable())
            known += (known.empty() ? "" : ", ") + std::string(each.key);
        return Error{ErrorKind::InvalidConfig,
                     "unknown threshold \"" + displayText(key) + "\"; the thresholds are " + known};
    }
    HealthThresholds updated = thresholds;
    auto applied = applySettingText(updated, healthThresholdTable(), key,
                                    keyEqualsValue.substr(equals + 1), key);
    std::string problem = applied ? std::string() : applied.error().message;
    if (applied) {
        const Threshold& setting = *findSetting(healthThresholdTable(), key);
        problem = rangeProblem(setting, setting.get(updated), key);
    }
    if (!problem.empty())
        return Error{ErrorKind::InvalidConfig,
                     problem + "; `cepstra-cli params --checks` lists the thresholds"};
    thresholds = updated;
    return success();
}

std::string healthThresholdMarkdown() {
    return settingsMarkdown(declarationsOf(healthThresholdTable()), toJson(HealthThresholds{}));
}

nlohmann::json toJson(const HealthThresholds& thresholds) {
    return settingsToJson(thresholds, healthThresholdTable());
}

} // namespace cepstra
