// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureConfig.h"

#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

namespace cepstra {
namespace {

using nlohmann::json;

template <typename Enum> struct EnumName {
    Enum value;
    std::string_view name;
};

constexpr std::array kWindowNames{EnumName<WindowType>{WindowType::Hann, "hann"},
                                  EnumName<WindowType>{WindowType::Hamming, "hamming"},
                                  EnumName<WindowType>{WindowType::Blackman, "blackman"},
                                  EnumName<WindowType>{WindowType::Boxcar, "boxcar"}};
constexpr std::array kPadModeNames{EnumName<PadMode>{PadMode::Constant, "constant"},
                                   EnumName<PadMode>{PadMode::Reflect, "reflect"}};
constexpr std::array kFeatureNames{EnumName<Feature>{Feature::MelSpectrogram, "melspectrogram"},
                                   EnumName<Feature>{Feature::Mfcc, "mfcc"},
                                   EnumName<Feature>{Feature::LogMel, "logmel"}};
constexpr std::array kScalerNames{EnumName<Scaler>{Scaler::Standard, "standard"},
                                  EnumName<Scaler>{Scaler::MinMax, "minmax"}};
constexpr std::array kAxisNames{EnumName<ScaleAxis>{ScaleAxis::Frame, "frame"},
                                EnumName<ScaleAxis>{ScaleAxis::Band, "band"},
                                EnumName<ScaleAxis>{ScaleAxis::Global, "global"},
                                EnumName<ScaleAxis>{ScaleAxis::Dataset, "dataset"}};
constexpr std::array kNamingNames{EnumName<OutputNaming>{OutputNaming::Clean, "clean"},
                                  EnumName<OutputNaming>{OutputNaming::Legacy, "legacy"}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<EnumName<Enum>, N>& names, Enum value) {
    for (const auto& entry : names)
        if (entry.value == value)
            return entry.name;
    return "?";
}

template <typename Enum, std::size_t N>
std::string choicesOf(const std::array<EnumName<Enum>, N>& names) {
    std::string text;
    for (const auto& entry : names)
        text += (text.empty() ? "\"" : ", \"") + std::string(entry.name) + "\"";
    return text;
}

/// A value as it appears in a message: any bytes, at most a line's worth.
std::string quoted(const json& value) {
    constexpr std::size_t kMaxBytes = 60;
    std::string text = dumpJson(value);
    if (text.size() > kMaxBytes)
        text = displayText(text.substr(0, kMaxBytes)) + "...";
    return text;
}

Error typeError(std::string_view key, std::string_view expected, const json& got) {
    return {ErrorKind::InvalidConfig,
            std::string(key) + " must be " + std::string(expected) + " (got " + quoted(got) + ")"};
}

Result<int> readInt(std::string_view key, const json& value) {
    if (value.is_number_integer()) {
        const auto number = value.get<long long>();
        if (number >= std::numeric_limits<int>::min() && number <= std::numeric_limits<int>::max())
            return static_cast<int>(number);
    }
    // JSON from Python may write 2048.0; accept integral floats.
    if (value.is_number_float()) {
        double number = value.get<double>();
        if (std::isfinite(number) && std::floor(number) == number && std::abs(number) < 1e9)
            return static_cast<int>(number);
    }
    return typeError(key, "an integer", value);
}

Result<double> readNumber(std::string_view key, const json& value) {
    if (value.is_number())
        return value.get<double>();
    return typeError(key, "a number", value);
}

Result<bool> readBool(std::string_view key, const json& value) {
    if (value.is_boolean())
        return value.get<bool>();
    return typeError(key, "true or false", value);
}

template <typename Enum, std::size_t N>
Result<Enum> readEnum(std::string_view key, const json& value,
                      const std::array<EnumName<Enum>, N>& names) {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        for (const auto& entry : names)
            if (entry.name == text)
                return entry.value;
    }
    return typeError(key, "one of " + choicesOf(names), value);
}

template <typename Enum, std::size_t N>
Result<std::vector<Enum>> readEnumList(std::string_view key, const json& value,
                                       const std::array<EnumName<Enum>, N>& names) {
    json items = value;
    // "--set features=mfcc,logmel" arrives as one string.
    if (value.is_string()) {
        items = json::array();
        std::stringstream stream(value.get<std::string>());
        for (std::string item; std::getline(stream, item, ',');)
            if (!item.empty())
                items.push_back(item);
    }
    if (!items.is_array())
        return typeError(key, "a list of " + choicesOf(names), value);
    std::vector<Enum> result;
    for (const auto& item : items) {
        auto parsed = readEnum(key, item, names);
        if (!parsed)
            return Error{ErrorKind::InvalidConfig, std::string(key) + " entries must be one of " +
                                                       choicesOf(names) + " (got " + quoted(item) +
                                                       ")"};
        result.push_back(*parsed);
    }
    // Canonical order, so ["mfcc", "melspectrogram"] is the same config (and hash) as the reverse.
    std::stable_sort(result.begin(), result.end());
    return result;
}

template <typename T> Status assign(Result<T> parsed, T& target) {
    if (!parsed)
        return parsed.error();
    target = std::move(*parsed);
    return success();
}

template <typename T, typename Reader>
Status assignOptional(const json& value, std::optional<T>& target, Reader reader) {
    if (value.is_null()) {
        target.reset();
        return success();
    }
    auto parsed = reader(value);
    if (!parsed)
        return parsed.error();
    target = *parsed;
    return success();
}

template <typename Enum> json enumListToJson(const std::vector<Enum>& values) {
    json list = json::array();
    for (Enum value : values)
        list.push_back(std::string(toString(value)));
    return list;
}

struct FieldSpec {
    const char* key;
    std::function<Status(FeatureConfig&, const json&)> apply;
    std::function<json(const FeatureConfig&)> dump;
};

const std::vector<FieldSpec>& fieldSpecs() {
    static const std::vector<FieldSpec> specs = {
        {"sr", [](auto& c, const json& v) { return assign(readInt("sr", v), c.sampleRateHz); },
         [](const auto& c) { return json(c.sampleRateHz); }},
        {"n_fft", [](auto& c, const json& v) { return assign(readInt("n_fft", v), c.nFft); },
         [](const auto& c) { return json(c.nFft); }},
        {"hop_length",
         [](auto& c, const json& v) { return assign(readInt("hop_length", v), c.hopLength); },
         [](const auto& c) { return json(c.hopLength); }},
        {"win_length",
         [](auto& c, const json& v) {
             return assignOptional(v, c.winLength,
                                   [](const json& x) { return readInt("win_length", x); });
         },
         [](const auto& c) { return c.winLength ? json(*c.winLength) : json(nullptr); }},
        {"window",
         [](auto& c, const json& v) {
             return assign(readEnum("window", v, kWindowNames), c.window);
         },
         [](const auto& c) { return json(toString(c.window)); }},
        {"center", [](auto& c, const json& v) { return assign(readBool("center", v), c.center); },
         [](const auto& c) { return json(c.center); }},
        {"pad_mode",
         [](auto& c, const json& v) {
             return assign(readEnum("pad_mode", v, kPadModeNames), c.padMode);
         },
         [](const auto& c) { return json(nameOf(kPadModeNames, c.padMode)); }},
        {"power", [](auto& c, const json& v) { return assign(readNumber("power", v), c.power); },
         [](const auto& c) { return json(c.power); }},
        {"n_mels", [](auto& c, const json& v) { return assign(readInt("n_mels", v), c.nMels); },
         [](const auto& c) { return json(c.nMels); }},
        {"fmin", [](auto& c, const json& v) { return assign(readNumber("fmin", v), c.fminHz); },
         [](const auto& c) { return json(c.fminHz); }},
        {"fmax",
         [](auto& c, const json& v) {
             return assignOptional(v, c.fmaxHz,
                                   [](const json& x) { return readNumber("fmax", x); });
         },
         [](const auto& c) { return c.fmaxHz ? json(*c.fmaxHz) : json(nullptr); }},
        {"htk", [](auto& c, const json& v) { return assign(readBool("htk", v), c.htk); },
         [](const auto& c) { return json(c.htk); }},
        {"norm",
         [](auto& c, const json& v) -> Status {
             if (v.is_null())
                 c.melNorm = MelNorm::None;
             else if (v.is_string() && v.get<std::string>() == "slaney")
                 c.melNorm = MelNorm::Slaney;
             else
                 return typeError("norm", "\"slaney\" or null", v);
             return success();
         },
         [](const auto& c) {
             return c.melNorm == MelNorm::Slaney ? json("slaney") : json(nullptr);
         }},
        {"n_mfcc", [](auto& c, const json& v) { return assign(readInt("n_mfcc", v), c.nMfcc); },
         [](const auto& c) { return json(c.nMfcc); }},
        {"dct_type",
         [](auto& c, const json& v) { return assign(readInt("dct_type", v), c.dctType); },
         [](const auto& c) { return json(c.dctType); }},
        {"lifter", [](auto& c, const json& v) { return assign(readNumber("lifter", v), c.lifter); },
         [](const auto& c) { return json(c.lifter); }},
        {"trim", [](auto& c, const json& v) { return assign(readBool("trim", v), c.trim); },
         [](const auto& c) { return json(c.trim); }},
        {"top_db", [](auto& c, const json& v) { return assign(readNumber("top_db", v), c.topDb); },
         [](const auto& c) { return json(c.topDb); }},
        {"features",
         [](auto& c, const json& v) {
             return assign(readEnumList("features", v, kFeatureNames), c.features);
         },
         [](const auto& c) { return enumListToJson(c.features); }},
        {"scalers",
         [](auto& c, const json& v) {
             return assign(readEnumList("scalers", v, kScalerNames), c.scalers);
         },
         [](const auto& c) { return enumListToJson(c.scalers); }},
        {"scale_axis",
         [](auto& c, const json& v) {
             return assign(readEnum("scale_axis", v, kAxisNames), c.scaleAxis);
         },
         [](const auto& c) { return json(toString(c.scaleAxis)); }},
        {"naming",
         [](auto& c, const json& v) {
             return assign(readEnum("naming", v, kNamingNames), c.naming);
         },
         [](const auto& c) { return json(nameOf(kNamingNames, c.naming)); }},
    };
    return specs;
}

const FieldSpec* findSpec(std::string_view key) {
    for (const auto& spec : fieldSpecs())
        if (key == spec.key)
            return &spec;
    return nullptr;
}

Error unknownKey(std::string_view key) {
    std::string known;
    for (const auto& name : configKeys())
        known += (known.empty() ? "" : ", ") + name;
    return {ErrorKind::InvalidConfig,
            "unknown config key \"" + std::string(key) + "\" (known keys: " + known + ")"};
}

/// A config is an object of scalars and flat lists. Deeper nesting is refused before parsing,
/// so a hostile value cannot exhaust the stack of the recursive code that prints or frees it.
Status checkNesting(std::string_view text) {
    constexpr int kMaxDepth = 8;
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth)
                return Error{ErrorKind::InvalidConfig,
                             "the config nests lists or objects more than " +
                                 std::to_string(kMaxDepth) +
                                 " deep; a config is one object of numbers, text and flat lists"};
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return success();
}

} // namespace

const std::vector<std::string>& configKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> names;
        for (const auto& spec : fieldSpecs())
            names.emplace_back(spec.key);
        return names;
    }();
    return keys;
}

Status applyConfigJson(FeatureConfig& config, const json& object) {
    if (!object.is_object())
        return Error{ErrorKind::InvalidConfig,
                     "a config must be a JSON object such as {\"n_mels\": 128} (got " +
                         std::string(object.type_name()) + ")"};
    FeatureConfig updated = config;
    for (const auto& [key, value] : object.items()) {
        const FieldSpec* spec = findSpec(key);
        if (!spec)
            return unknownKey(key);
        if (auto status = spec->apply(updated, value); !status)
            return status;
    }
    config = std::move(updated);
    return success();
}

Status applyConfigText(FeatureConfig& config, std::string_view jsonText) {
    if (auto status = checkNesting(jsonText); !status)
        return status;
    json object = json::parse(jsonText, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded())
        return Error{ErrorKind::InvalidConfig, "the config is not valid JSON"};
    return applyConfigJson(config, object);
}

Status applyConfigSetting(FeatureConfig& config, std::string_view keyEqualsValue) {
    const auto equals = keyEqualsValue.find('=');
    if (equals == std::string_view::npos || equals == 0)
        return Error{ErrorKind::InvalidConfig,
                     "--set expects key=value, such as n_mels=64 (got \"" +
                         std::string(keyEqualsValue) + "\")"};
    const std::string key(keyEqualsValue.substr(0, equals));
    const std::string valueText(keyEqualsValue.substr(equals + 1));
    if (auto status = checkNesting(valueText); !status)
        return status;
    json value = json::parse(valueText, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded())
        value = valueText;
    return applyConfigJson(config, json{{key, value}});
}

std::vector<ConfigProblem> validate(const FeatureConfig& c) {
    std::vector<ConfigProblem> problems;
    auto problem = [&](const char* key, std::string message) {
        problems.push_back({key, std::string(key) + " " + std::move(message)});
    };
    auto fmt = [](double value) {
        std::ostringstream stream;
        stream << value;
        return stream.str();
    };

    if (c.sampleRateHz < 1000 || c.sampleRateHz > 384000)
        problem("sr",
                "must be between 1000 and 384000 Hz (got " + std::to_string(c.sampleRateHz) + ")");
    if (c.nFft < 2 || c.nFft > 65536)
        problem("n_fft",
                "must be between 2 and 65536 samples (got " + std::to_string(c.nFft) + ")");
    if (c.hopLength < 1 || c.hopLength > 65536)
        problem("hop_length",
                "must be between 1 and 65536 samples (got " + std::to_string(c.hopLength) + ")");
    if (c.winLength && (*c.winLength < 1 || *c.winLength > c.nFft))
        problem("win_length", "must be between 1 and n_fft=" + std::to_string(c.nFft) +
                                  " samples, or null (got " + std::to_string(*c.winLength) + ")");
    if (!(c.power > 0.0 && c.power <= 4.0))
        problem("power", "must be greater than 0 and at most 4, usually 1.0 or 2.0 (got " +
                             fmt(c.power) + ")");
    if (c.nMels < 1 || c.nMels > 1024)
        problem("n_mels", "must be between 1 and 1024 (got " + std::to_string(c.nMels) + ")");
    const double nyquist = c.sampleRateHz / 2.0;
    if (!(c.fminHz >= 0.0 && c.fminHz < c.effectiveFmaxHz()))
        problem("fmin", "must be at least 0 and below fmax=" + fmt(c.effectiveFmaxHz()) +
                            " Hz (got " + fmt(c.fminHz) + ")");
    if (c.fmaxHz && !(*c.fmaxHz > 0.0 && *c.fmaxHz <= nyquist))
        problem("fmax", "must be above 0 and at most sr/2=" + fmt(nyquist) + " Hz, or null (got " +
                            fmt(*c.fmaxHz) + ")");
    if (c.nMfcc < 1 || c.nMfcc > c.nMels)
        problem("n_mfcc", "must be between 1 and n_mels=" + std::to_string(c.nMels) + " (got " +
                              std::to_string(c.nMfcc) + ")");
    if (c.dctType < 1 || c.dctType > 3)
        problem("dct_type", "must be 1, 2 or 3 (got " + std::to_string(c.dctType) + ")");
    else if (c.dctType == 1 && c.nMels < 2)
        problem("dct_type",
                "1 needs n_mels of at least 2 (got n_mels=" + std::to_string(c.nMels) + ")");
    // Below 1e-300, pi * n / lifter overflows to infinity and librosa's sin() gives NaN.
    if (!(c.lifter == 0.0 || (c.lifter >= 1e-300 && std::isfinite(c.lifter))))
        problem("lifter", "must be 0 (off) or a positive number of at least 1e-300 (got " +
                              fmt(c.lifter) + ")");
    if (!(c.topDb > 0.0 && std::isfinite(c.topDb)))
        problem("top_db", "must be a positive number of dB (got " + fmt(c.topDb) + ")");
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
    return problems;
}

json toJson(const FeatureConfig& config) {
    json object = json::object();
    for (const auto& spec : fieldSpecs())
        object[spec.key] = spec.dump(config);
    return object;
}

std::string_view toString(Feature feature) {
    return nameOf(kFeatureNames, feature);
}
std::string_view toString(Scaler scaler) {
    return nameOf(kScalerNames, scaler);
}
std::string_view toString(ScaleAxis axis) {
    return nameOf(kAxisNames, axis);
}
std::string_view toString(WindowType window) {
    return nameOf(kWindowNames, window);
}

} // namespace cepstra
