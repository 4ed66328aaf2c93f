// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"
#include "core/util/Settings.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// The pipeline stage a key belongs to, named after the librosa call that takes it: what the
/// Python module's librosa-named functions accept is derived from it.
enum class ParameterStage {
    Load,          ///< librosa.load (sr)
    Stft,          ///< the STFT and magnitude of feature.melspectrogram
    MelFilterbank, ///< filters.mel, melspectrogram's **kwargs
    Cepstrum,      ///< feature.mfcc's own arguments
    Trim,          ///< effects.trim, before the features
    Outputs,       ///< Cepstra's own: which arrays, scaled how, named how
};

/// "load", "stft", "mel", "mfcc", "trim", "outputs".
std::string_view toString(ParameterStage stage);

/// One FeatureConfig key, declared once (core/util/Settings.h): parsing, the single-key checks
/// of validate(), the app's editors, the README's parameter table and `cepstra-cli params` are
/// derived from it, as are the Python module's librosa-named arguments, by `stage`.
struct ParameterSpec : Setting<FeatureConfig> {
    ParameterStage stage = ParameterStage::Load;
};

/// Every key, in the order configs and listings show them.
const std::vector<ParameterSpec>& parameterTable();

/// The spec of `key`, or nullptr.
const ParameterSpec* findParameter(std::string_view key);

/// The table as Markdown, one row per key: what the README's Parameters section shows.
std::string parameterTableMarkdown();

/// The table as JSON: [{key, type, stage, default, unit, minimum, maximum, null, choices,
/// doc}...].
nlohmann::ordered_json parameterTableJson();

} // namespace cepstra
