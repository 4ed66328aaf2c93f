// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ConfigParameters.h"

#include "core/features/EnumNames.h"
#include "core/util/JsonText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace cepstra {
namespace {

using nlohmann::json;

// Bindings from a spec to its FeatureConfig member. Values arrive already parsed.
template <auto Member> void bindScalar(ParameterSpec& spec) {
    spec.get = [](const FeatureConfig& c) { return json(c.*Member); };
    spec.set = [](FeatureConfig& c, const json& v) {
        c.*Member = v.get<std::remove_reference_t<decltype(c.*Member)>>();
    };
}

template <auto Member> void bindOptional(ParameterSpec& spec) {
    spec.get = [](const FeatureConfig& c) {
        return (c.*Member) ? json(*(c.*Member)) : json(nullptr);
    };
    spec.set = [](FeatureConfig& c, const json& v) {
        using Value = typename std::remove_reference_t<decltype(c.*Member)>::value_type;
        c.*Member = v.is_null() ? std::nullopt : std::optional<Value>(v.get<Value>());
    };
}

template <auto Member, typename Enum, std::size_t N>
void bindChoice(ParameterSpec& spec, const std::array<EnumName<Enum>, N>& names) {
    for (const auto& entry : names)
        spec.choices.push_back(entry.name);
    spec.get = [&names](const FeatureConfig& c) { return json(nameOf(names, c.*Member)); };
    spec.set = [&names](FeatureConfig& c, const json& v) {
        c.*Member = *valueOf(names, v.get<std::string>());
    };
}

/// A choice whose "off" value is written as null (librosa's norm=None).
template <auto Member, typename Enum, std::size_t N>
void bindNullableChoice(ParameterSpec& spec, const std::array<EnumName<Enum>, N>& names,
                        Enum nullValue) {
    for (const auto& entry : names)
        spec.choices.push_back(entry.name);
    spec.get = [&names, nullValue](const FeatureConfig& c) {
        return c.*Member == nullValue ? json(nullptr) : json(nameOf(names, c.*Member));
    };
    spec.set = [&names, nullValue](FeatureConfig& c, const json& v) {
        c.*Member = v.is_null() ? nullValue : *valueOf(names, v.get<std::string>());
    };
}

template <auto Member, typename Enum, std::size_t N>
void bindChoiceList(ParameterSpec& spec, const std::array<EnumName<Enum>, N>& names) {
    for (const auto& entry : names)
        spec.choices.push_back(entry.name);
    spec.get = [&names](const FeatureConfig& c) {
        json list = json::array();
        for (Enum value : c.*Member)
            list.push_back(nameOf(names, value));
        return list;
    };
    spec.set = [&names](FeatureConfig& c, const json& v) {
        (c.*Member).clear();
        for (const auto& item : v)
            (c.*Member).push_back(*valueOf(names, item.get<std::string>()));
    };
}

ParameterSpec spec(std::string_view key, ParameterType type, std::string_view doc) {
    ParameterSpec made;
    made.key = key;
    made.type = type;
    made.doc = doc;
    return made;
}

std::vector<ParameterSpec> buildTable() {
    using enum ParameterType;
    constexpr double kMaxRateHz = 384000.0;
    std::vector<ParameterSpec> table;
    // The table runs stage by stage; each key takes the stage set last before it.
    ParameterStage stage = ParameterStage::Load;
    auto add = [&](ParameterSpec entry, auto bind) {
        bind(entry);
        entry.stage = stage;
        table.push_back(std::move(entry));
    };
    auto range = [](ParameterSpec s, std::string_view unit, double low, double high) {
        s.unit = unit;
        s.minimum = low;
        s.maximum = high;
        return s;
    };

    add(range(spec("sr", Integer,
                   "target sample rate; clips are resampled with libsoxr HQ, as "
                   "librosa.load does"),
              "Hz", 1000, kMaxRateHz),
        bindScalar<&FeatureConfig::sampleRateHz>);
    stage = ParameterStage::Stft;
    auto nFft = range(spec("n_fft", Integer, "FFT size; the frequency resolution is sr / n_fft"),
                      "samples", 2, 65536);
    nFft.basic = true;
    add(nFft, bindScalar<&FeatureConfig::nFft>);
    auto hop = range(spec("hop_length", Integer, "samples between frames; sets the time step"),
                     "samples", 1, 65536);
    hop.basic = true;
    add(hop, bindScalar<&FeatureConfig::hopLength>);
    auto win = range(spec("win_length", Integer, "window length, at most n_fft; centred in it"),
                     "samples", 1, 65536);
    win.nullMeaning = "n_fft";
    add(win, bindOptional<&FeatureConfig::winLength>);
    add(spec("window", Choice, "the periodic analysis window, as scipy.signal.get_window"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::window>(s, kWindowNames); });
    add(spec("center", Boolean, "pad n_fft/2 samples on both sides so frames are centred"),
        bindScalar<&FeatureConfig::center>);
    add(spec("pad_mode", Choice, "how the centre padding is filled: zeros or a mirror image"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::padMode>(s, kPadModeNames); });
    auto power = range(
        spec("power", Number, "exponent on the STFT magnitude: 2 power, 1 magnitude"), "", 0, 4);
    power.minimumExclusive = true;
    power.hint = "usually 1.0 or 2.0";
    add(power, bindScalar<&FeatureConfig::power>);
    stage = ParameterStage::MelFilterbank;
    auto nMels = range(spec("n_mels", Integer, "number of mel bands"), "", 1, 1024);
    nMels.basic = true;
    add(nMels, bindScalar<&FeatureConfig::nMels>);
    add(range(spec("fmin", Number, "lowest mel filter edge"), "Hz", 0, kMaxRateHz / 2),
        bindScalar<&FeatureConfig::fminHz>);
    auto fmax = range(spec("fmax", Number, "highest mel filter edge, at most sr/2"), "Hz", 0,
                      kMaxRateHz / 2);
    fmax.minimumExclusive = true;
    fmax.nullMeaning = "sr/2";
    add(fmax, bindOptional<&FeatureConfig::fmaxHz>);
    add(spec("htk", Boolean, "the HTK mel formula instead of Slaney's"),
        bindScalar<&FeatureConfig::htk>);
    auto norm = spec("norm", Choice, "mel filter normalisation: slaney gives each equal area");
    norm.nullMeaning = "no normalisation";
    add(norm, [](ParameterSpec& s) {
        bindNullableChoice<&FeatureConfig::melNorm>(s, kMelNormNames, MelNorm::None);
    });
    stage = ParameterStage::Cepstrum;
    auto nMfcc =
        range(spec("n_mfcc", Integer, "cepstral coefficients kept, at most n_mels"), "", 1, 1024);
    nMfcc.basic = true;
    add(nMfcc, bindScalar<&FeatureConfig::nMfcc>);
    add(range(spec("dct_type", Integer, "the orthonormal DCT type of the MFCCs"), "", 1, 3),
        bindScalar<&FeatureConfig::dctType>);
    auto lifter = range(spec("lifter", Number, "sinusoidal liftering 1 + (L/2) sin(pi (k+1) / L)"),
                        "", 0, std::numeric_limits<double>::infinity());
    lifter.hint = "0 turns it off";
    add(lifter, bindScalar<&FeatureConfig::lifter>);
    stage = ParameterStage::Trim;
    add(spec("trim", Boolean, "librosa.effects.trim (frame 2048, hop 512) before the features"),
        bindScalar<&FeatureConfig::trim>);
    auto topDb = range(spec("top_db", Number, "the trim threshold below the loudest frame"), "dB",
                       0, std::numeric_limits<double>::infinity());
    topDb.minimumExclusive = true;
    add(topDb, bindScalar<&FeatureConfig::topDb>);
    stage = ParameterStage::Outputs;
    add(spec("features", ChoiceList,
             "arrays written per clip; logmel is power_to_db of the mel spectrogram"),
        [](ParameterSpec& s) { bindChoiceList<&FeatureConfig::features>(s, kFeatureNames); });
    add(spec("scalers", ChoiceList,
             "scaled copies: standard (sklearn scale), minmax (minmax_scale); [] for none"),
        [](ParameterSpec& s) { bindChoiceList<&FeatureConfig::scalers>(s, kScalerNames); });
    add(spec("scale_axis", Choice,
             "frame: sklearn axis=0, each frame across its features (the old pipeline); band: "
             "axis=1, each row across time; global: the whole array; dataset: each row over "
             "every frame of every clip in the run"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::scaleAxis>(s, kScaleAxisNames); });
    add(spec("naming", Choice,
             "scaled-file suffixes: clean (_standard, _minmax) or legacy (_standardcaler, "
             "_minmaxnormalizer)"),
        [](ParameterSpec& s) { bindChoice<&FeatureConfig::naming>(s, kNamingNames); });
    return table;
}

std::string quoteChoices(const ParameterSpec& spec) {
    std::string text;
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
        text += (i == 0 ? "\"" : ", \"") + std::string(spec.choices[i]) + "\"";
    return text;
}

/// What the key accepts, as "must be ..." continues.
std::string expectation(const ParameterSpec& spec) {
    std::string text;
    switch (spec.type) {
    case ParameterType::Integer:
        text = "an integer";
        break;
    case ParameterType::Number:
        text = "a number";
        break;
    case ParameterType::Boolean:
        text = "true or false";
        break;
    case ParameterType::Choice:
        text = spec.choices.size() == 1 ? quoteChoices(spec) : "one of " + quoteChoices(spec);
        break;
    case ParameterType::ChoiceList:
        text = "a list of " + quoteChoices(spec);
        break;
    }
    return spec.nullable() ? text + " or null" : text;
}

Error wrongType(const ParameterSpec& spec, const json& got, std::string_view what = {}) {
    std::string shown = dumpJson(got);
    if (shown.size() > 60)
        shown = displayText(shown.substr(0, 60)) + "...";
    return {ErrorKind::InvalidConfig, std::string(spec.key) + std::string(what) + " must be " +
                                          expectation(spec) + " (got " + shown + ")"};
}

Result<json> parseChoice(const ParameterSpec& spec, const json& value, std::string_view what) {
    if (value.is_string() && std::find(spec.choices.begin(), spec.choices.end(),
                                       value.get_ref<const std::string&>()) != spec.choices.end())
        return value;
    ParameterSpec single = spec;
    single.nullMeaning = what.empty() ? spec.nullMeaning : "";
    single.type = ParameterType::Choice;
    return wrongType(single, value, what);
}

Result<json> parseChoiceList(const ParameterSpec& spec, const json& value) {
    json items = value;
    if (value.is_string()) { // "--set features=mfcc,logmel"
        items = json::array();
        std::stringstream stream(value.get<std::string>());
        for (std::string item; std::getline(stream, item, ',');)
            if (!item.empty())
                items.push_back(item);
    }
    if (!items.is_array())
        return wrongType(spec, value);
    std::vector<std::size_t> indices;
    for (const auto& item : items) {
        auto parsed = parseChoice(spec, item, " entries");
        if (!parsed)
            return parsed.error();
        indices.push_back(std::size_t(
            std::find(spec.choices.begin(), spec.choices.end(), item.get<std::string>()) -
            spec.choices.begin()));
    }
    // Canonical (enum) order, so ["mfcc", "melspectrogram"] is the same config and hash.
    std::stable_sort(indices.begin(), indices.end());
    json sorted = json::array();
    for (std::size_t index : indices)
        sorted.push_back(spec.choices[index]);
    return sorted;
}

} // namespace

std::string_view toString(ParameterStage stage) {
    switch (stage) {
    case ParameterStage::Load:
        return "load";
    case ParameterStage::Stft:
        return "stft";
    case ParameterStage::MelFilterbank:
        return "mel";
    case ParameterStage::Cepstrum:
        return "mfcc";
    case ParameterStage::Trim:
        return "trim";
    case ParameterStage::Outputs:
        return "outputs";
    }
    return "?";
}

const std::vector<ParameterSpec>& parameterTable() {
    static const std::vector<ParameterSpec> table = buildTable();
    return table;
}

const ParameterSpec* findParameter(std::string_view key) {
    for (const auto& entry : parameterTable())
        if (entry.key == key)
            return &entry;
    return nullptr;
}

std::string formatNumber(double value) {
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char text[32];
    if (std::floor(value) == value && std::abs(value) < 1e15)
        std::snprintf(text, sizeof(text), "%.0f", value);
    else
        std::snprintf(text, sizeof(text), "%g", value);
    return text;
}

std::string describeRange(const ParameterSpec& spec) {
    const std::string unit = spec.unit.empty() ? "" : " " + std::string(spec.unit);
    const bool bounded = !std::isinf(spec.maximum);
    if (spec.minimumExclusive)
        return bounded ? "greater than " + formatNumber(spec.minimum) + " and at most " +
                             formatNumber(spec.maximum) + unit
                       : "greater than " + formatNumber(spec.minimum) + unit;
    return bounded ? "between " + formatNumber(spec.minimum) + " and " +
                         formatNumber(spec.maximum) + unit
                   : "at least " + formatNumber(spec.minimum) + unit;
}

std::string rangeProblem(const ParameterSpec& spec, const json& value) {
    if (!spec.isNumeric() || !value.is_number())
        return {};
    const double number = value.get<double>();
    const bool tooLow =
        spec.minimumExclusive ? !(number > spec.minimum) : !(number >= spec.minimum);
    if (!tooLow && number <= spec.maximum)
        return {};
    std::string message = std::string(spec.key) + " must be " + describeRange(spec);
    if (spec.nullable())
        message += ", or null for " + std::string(spec.nullMeaning);
    if (!spec.hint.empty())
        message += ", " + std::string(spec.hint);
    return message + " (got " + formatNumber(number) + ")";
}

Result<json> parseParameterValue(const ParameterSpec& spec, const json& value) {
    if (value.is_null())
        return spec.nullable() ? Result<json>(value) : Result<json>(wrongType(spec, value));
    switch (spec.type) {
    case ParameterType::Integer: {
        if (!value.is_number())
            return wrongType(spec, value);
        const double number = value.get<double>();
        if (!std::isfinite(number) || std::floor(number) != number)
            return wrongType(spec, value);
        // Integral but out of any int's range (1e12): say the range, not "not an integer".
        if (std::abs(number) > 2147483647.0) {
            const std::string problem = rangeProblem(spec, value);
            return Error{ErrorKind::InvalidConfig, problem.empty() ? "out of range" : problem};
        }
        return json(static_cast<int>(number));
    }
    case ParameterType::Number:
        if (!value.is_number())
            return wrongType(spec, value);
        return json(value.get<double>());
    case ParameterType::Boolean:
        if (!value.is_boolean())
            return wrongType(spec, value);
        return value;
    case ParameterType::Choice:
        return parseChoice(spec, value, {});
    case ParameterType::ChoiceList:
        return parseChoiceList(spec, value);
    }
    return wrongType(spec, value);
}

std::string parameterTableMarkdown() {
    const FeatureConfig defaults;
    std::string text = "| key | default | accepts | meaning |\n|---|---|---|---|\n";
    for (const ParameterSpec& entry : parameterTable()) {
        std::string accepts;
        if (entry.isNumeric())
            accepts = (entry.type == ParameterType::Integer ? "integer " : "number ") +
                      describeRange(entry);
        else if (entry.type == ParameterType::Boolean)
            accepts = "true or false";
        else
            accepts =
                (entry.type == ParameterType::ChoiceList ? "list of " : "") + quoteChoices(entry);
        if (entry.nullable())
            accepts += "; null: " + std::string(entry.nullMeaning);
        std::string doc(entry.doc);
        if (!entry.hint.empty())
            doc += "; " + std::string(entry.hint);
        text += "| `" + std::string(entry.key) + "` | `" + dumpJson(entry.get(defaults)) + "` | " +
                accepts + " | " + doc + " |\n";
    }
    return text;
}

nlohmann::ordered_json parameterTableJson() {
    static constexpr const char* kTypeNames[] = {"integer", "number", "boolean", "choice",
                                                 "choice_list"};
    const FeatureConfig defaults;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ParameterSpec& entry : parameterTable()) {
        nlohmann::ordered_json item = {{"key", entry.key},
                                       {"type", kTypeNames[int(entry.type)]},
                                       {"stage", toString(entry.stage)},
                                       {"default", entry.get(defaults)},
                                       {"unit", entry.unit}};
        if (entry.isNumeric()) {
            item["minimum"] = entry.minimum;
            item["minimum_exclusive"] = entry.minimumExclusive;
            item["maximum"] = std::isinf(entry.maximum) ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(entry.maximum);
        }
        item["null"] = entry.nullable() ? nlohmann::ordered_json(entry.nullMeaning)
                                        : nlohmann::ordered_json(nullptr);
        if (!entry.choices.empty())
            item["choices"] = entry.choices;
        item["doc"] = entry.doc;
        list.push_back(std::move(item));
    }
    return list;
}

} // namespace cepstra
