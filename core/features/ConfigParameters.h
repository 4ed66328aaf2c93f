// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// How a parameter is written in JSON.
enum class ParameterType {
    Integer,    ///< a JSON integer (an integral float such as 2048.0 is accepted)
    Number,     ///< any JSON number
    Boolean,    ///< true or false
    Choice,     ///< one of `choices`, as a string
    ChoiceList, ///< a list of distinct `choices` (or "a,b" on the command line)
};

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

/// One FeatureConfig key, declared once, as Essentia's declareParameter and Kaldi's Register
/// declare theirs: parsing, the single-key checks of validate(), the app's editors, the
/// README's parameter table and `cepstra-cli params` are all derived from it. The default is
/// FeatureConfig's own member initialiser, read through `get`.
struct ParameterSpec {
    std::string_view key; ///< librosa's name, the JSON key
    ParameterType type = ParameterType::Integer;
    std::string_view unit; ///< "Hz", "samples", "dB" or empty
    /// Inclusive bounds for Integer and Number; an exclusive minimum is marked. Cross-key
    /// limits (win_length <= n_fft, fmax <= sr/2...) are checked by validate() itself.
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    bool minimumExclusive = false;
    std::string_view nullMeaning; ///< what null stands for ("n_fft"); empty when null is refused
    std::vector<std::string_view> choices; ///< Choice and ChoiceList names, in enum order
    std::string_view doc;                  ///< one line, for tooltips, --help and the README
    std::string_view hint;                 ///< appended to a range message ("usually 1 or 2")
    bool basic = false;                    ///< shown up front in the app, not under Advanced
    ParameterStage stage = ParameterStage::Load;

    /// The key's value in `config`, as JSON.
    std::function<nlohmann::json(const FeatureConfig&)> get;
    /// Stores a value that parseParameterValue() has already checked.
    std::function<void(FeatureConfig&, const nlohmann::json&)> set;

    bool nullable() const { return !nullMeaning.empty(); }
    bool isNumeric() const {
        return type == ParameterType::Integer || type == ParameterType::Number;
    }
};

/// Every key, in the order configs and listings show them.
const std::vector<ParameterSpec>& parameterTable();

/// The spec of `key`, or nullptr.
const ParameterSpec* findParameter(std::string_view key);

/// Checks a JSON value against its spec's type, null rule, choices and range, and returns it
/// normalised (2048.0 -> 2048, "mfcc,logmel" -> ["mfcc", "logmel"] in enum order). Errors name
/// the key and what it accepts.
Result<nlohmann::json> parseParameterValue(const ParameterSpec& spec, const nlohmann::json& value);

/// The single-key problem with `value` for `spec` (its range), or empty.
std::string rangeProblem(const ParameterSpec& spec, const nlohmann::json& value);

/// "between 1000 and 384000 Hz", "greater than 0 dB", "at least 0"...: the range in words.
std::string describeRange(const ParameterSpec& spec);

/// A number as configs print it: integers without a fraction, others as %g.
std::string formatNumber(double value);

/// The table as Markdown, one row per key: what the README's Parameters section shows.
std::string parameterTableMarkdown();

/// The table as JSON: [{key, type, stage, default, unit, minimum, maximum, null, choices,
/// doc}...].
nlohmann::ordered_json parameterTableJson();

} // namespace cepstra
