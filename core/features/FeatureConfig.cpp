// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureConfig.h"

#include "core/features/ConfigParameters.h"
#include "core/features/EnumNames.h"
#include "core/util/JsonText.h"
#include "core/util/NumberText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace cepstra {
namespace {

using nlohmann::json;

/// The checks that involve more than one key; single-key ranges come from the table.
void crossKeyProblems(const FeatureConfig& c, std::vector<ConfigProblem>& problems) {
    auto problem = [&](const char* key, std::string message) {
        problems.push_back({key, std::string(key) + " " + std::move(message)});
    };
    const double nyquist = c.sampleRateHz / 2.0;
    if (c.winLength && *c.winLength > c.nFft)
        problem("win_length", "must be between 1 and n_fft=" + std::to_string(c.nFft) +
                                  " samples, or null (got " + std::to_string(*c.winLength) + ")");
    if (c.fminHz >= 0.0 && !(c.fminHz < c.effectiveFmaxHz()))
        problem("fmin", "must be at least 0 and below fmax=" + formatNumber(c.effectiveFmaxHz()) +
                            " Hz (got " + formatNumber(c.fminHz) + ")");
    if (c.fmaxHz && *c.fmaxHz > 0.0 && *c.fmaxHz > nyquist)
        problem("fmax", "must be above 0 and at most sr/2=" + formatNumber(nyquist) +
                            " Hz, or null (got " + formatNumber(*c.fmaxHz) + ")");
    if (c.nMfcc >= 1 && c.nMfcc > c.nMels)
        problem("n_mfcc", "must be between 1 and n_mels=" + std::to_string(c.nMels) + " (got " +
                              std::to_string(c.nMfcc) + ")");
    if (c.dctType == 1 && c.nMels < 2)
        problem("dct_type",
                "1 needs n_mels of at least 2 (got n_mels=" + std::to_string(c.nMels) + ")");
    // Below 1e-300, pi * n / lifter overflows to infinity and librosa's sin() gives NaN.
    if (c.lifter > 0.0 && c.lifter < 1e-300)
        problem("lifter", "must be 0 (off) or a positive number of at least 1e-300 (got " +
                              formatNumber(c.lifter) + ")");
    if (c.features.empty())
        problem("features", "must list at least one of \"melspectrogram\", \"mfcc\", \"logmel\"");
    auto hasDuplicates = [](auto values) {
        std::sort(values.begin(), values.end());
        return std::adjacent_find(values.begin(), values.end()) != values.end();
    };
    if (hasDuplicates(c.features))
        problem("features", "lists a feature twice");
    if (hasDuplicates(c.scalers))
        problem("scalers", "lists a scaler twice");
}

} // namespace

const std::vector<std::string>& configKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> names;
        for (const auto& entry : parameterTable())
            names.emplace_back(entry.key);
        return names;
    }();
    return keys;
}

Status applyConfigJson(FeatureConfig& config, const json& object) {
    return applySettingsJson(config, parameterTable(), object, "config");
}

Status applyConfigText(FeatureConfig& config, std::string_view jsonText) {
    auto object = parseJsonText(jsonText);
    if (!object)
        return Error{ErrorKind::InvalidConfig, "the config " + object.error().message};
    return applyConfigJson(config, *object);
}

Status applyConfigSetting(FeatureConfig& config, std::string_view keyEqualsValue) {
    const auto equals = keyEqualsValue.find('=');
    if (equals == std::string_view::npos || equals == 0)
        return Error{ErrorKind::InvalidConfig,
                     "--set expects key=value, such as n_mels=64 (got \"" +
                         displayText(keyEqualsValue) + "\")"};
    const std::string key(keyEqualsValue.substr(0, equals));
    auto value = settingValueFromText(keyEqualsValue.substr(equals + 1));
    if (!value)
        return Error{ErrorKind::InvalidConfig, key + ": " + value.error().message};
    return applyConfigJson(config, json{{key, *value}});
}

std::vector<ConfigProblem> validate(const FeatureConfig& config) {
    std::vector<ConfigProblem> problems;
    for (const ParameterSpec& entry : parameterTable())
        if (std::string message = rangeProblem(entry, entry.get(config)); !message.empty())
            problems.push_back({std::string(entry.key), std::move(message)});
    crossKeyProblems(config, problems);
    // One message per key: a range problem says enough.
    std::vector<ConfigProblem> unique;
    for (auto& problem : problems)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const ConfigProblem& kept) { return kept.key == problem.key; }))
            unique.push_back(std::move(problem));
    return unique;
}

json toJson(const FeatureConfig& config) {
    return settingsToJson(config, parameterTable());
}

std::string_view toString(Feature feature) {
    return nameOf(kFeatureNames, feature);
}
std::string_view toString(Scaler scaler) {
    return nameOf(kScalerNames, scaler);
}
std::string_view toString(ScaleAxis axis) {
    return nameOf(kScaleAxisNames, axis);
}
std::string_view toString(WindowType window) {
    return nameOf(kWindowNames, window);
}

} // namespace cepstra
