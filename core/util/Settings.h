// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// How a setting is written in JSON (and typed on a command line or in a form).
enum class SettingType {
    Integer,    ///< a JSON integer (an integral float such as 2048.0 is accepted)
    Number,     ///< any JSON number
    Boolean,    ///< true or false
    Choice,     ///< one of `choices`, as a string
    ChoiceList, ///< a list of distinct `choices` (or "a,b" on the command line)
    Text,       ///< a string its own parser checks (`parseText`), e.g. "train=0.8,test=0.2"
    Path,       ///< a file or folder, as a string
};

/// One setting, declared once, as Essentia's declareParameter and openSMILE's setField declare
/// theirs: its name, type, unit, range or choices, what null stands for, and its doc. Its
/// check, JSON, command-line option and --help line, the app's form field, `cepstra-cli
/// params`, the README's table and the man page are all derived from it. The default is the
/// target struct's own member initialiser. Tables of them: the feature parameters
/// (features/ConfigParameters.h), the health thresholds (health/HealthThresholds.h) and the
/// export options (export/ExportOptions.h).
struct SettingDeclaration {
    std::string_view key; ///< the JSON key; the command line spells it --key-with-dashes
    SettingType type = SettingType::Integer;
    std::string_view unit; ///< "Hz", "samples", "dB", "frames" or empty
    /// Inclusive bounds for Integer and Number; an exclusive minimum is marked. Limits that
    /// involve other settings are checked by the table's own validation.
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    bool minimumExclusive = false;
    std::string_view nullMeaning; ///< what null (unset) stands for; empty when null is refused
    std::vector<std::string_view> choices; ///< Choice and ChoiceList names, in enum order
    std::string_view doc;                  ///< one line, for tooltips, --help and the README
    std::string_view hint;                 ///< appended to a range message ("usually 1 or 2")
    bool basic = false;                    ///< shown up front in a form, not under Advanced
    /// Integer only: the range is checked as the value is read, for a member that cannot hold
    /// a value outside it (an unsigned seed); otherwise the table's validation checks it.
    bool rangeCheckedOnRead = false;
    /// Text only: checks and normalises the string (the message names `name`).
    std::function<Result<nlohmann::json>(const nlohmann::json& value, std::string_view name)>
        parseText;

    bool nullable() const { return !nullMeaning.empty(); }
    bool isNumeric() const { return type == SettingType::Integer || type == SettingType::Number; }
    /// "--segment-hop" for "segment_hop": how the command line spells the key.
    std::string optionName() const;
};

/// A declaration bound to a member of `Target`: `get` reads it as JSON, `set` stores a value
/// parseSettingValue() has already checked.
template <typename Target> struct Setting : SettingDeclaration {
    std::function<nlohmann::json(const Target&)> get;
    std::function<void(Target&, const nlohmann::json&)> set;
};

/// Checks a JSON value against a declaration's type, null rule, choices and range, and returns
/// it normalised (2048.0 -> 2048, "mfcc,logmel" -> ["mfcc", "logmel"] in enum order). Messages
/// say `name` (the key, or "--frames" on a command line) and what it accepts.
Result<nlohmann::json> parseSettingValue(const SettingDeclaration& setting,
                                         const nlohmann::json& value, std::string_view name = {});

/// The single-setting range problem with `value`, or empty.
std::string rangeProblem(const SettingDeclaration& setting, const nlohmann::json& value,
                         std::string_view name = {});

/// "between 1000 and 384000 Hz", "greater than 0 dB", "at least 0"...: the range in words.
std::string describeRange(const SettingDeclaration& setting);

/// What a setting accepts, for tables and --help: "integer between 1 and 1024", "one of
/// \"pad\", \"crop\"", "true or false"; with what null stands for.
std::string describeAccepts(const SettingDeclaration& setting);

/// A value as a person types it on a command line: JSON when it parses ("64", "null",
/// "[1, 2]"), else the plain string ("hann", "train=0.8"). Text nested deeper than a setting
/// can be is InvalidConfig.
Result<nlohmann::json> settingValueFromText(std::string_view text);

/// The declarations of a table, for the derived views that need no target (forms, listings).
template <typename Table>
std::vector<const SettingDeclaration*> declarationsOf(const Table& table) {
    std::vector<const SettingDeclaration*> declarations;
    for (const auto& setting : table)
        declarations.push_back(&setting);
    return declarations;
}

/// The table as Markdown, one row per setting: | key | default | accepts | meaning |. What
/// the README shows (a test keeps the two equal).
std::string settingsMarkdown(const std::vector<const SettingDeclaration*>& declarations,
                             const nlohmann::json& defaults);

/// The table as JSON: [{key, type, default, unit, minimum, maximum, null, choices, doc}...].
nlohmann::ordered_json settingsJson(const std::vector<const SettingDeclaration*>& declarations,
                                    const nlohmann::json& defaults);

/// A key as typed, shown safely on one line (control characters and bytes that are not UTF-8
/// escaped).
std::string displayKey(std::string_view key);

/// Finds `key` in a table of Setting<T> (or of types derived from it); nullptr when unknown.
template <typename Table> auto findSetting(const Table& table, std::string_view key) {
    for (const auto& setting : table)
        if (setting.key == key)
            return &setting;
    return static_cast<decltype(&*table.begin())>(nullptr);
}

/// Every setting of `target` by key, in table order: the JSON form of the whole struct.
template <typename Target, typename Table>
nlohmann::json settingsToJson(const Target& target, const Table& table) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& setting : table)
        object[std::string(setting.key)] = setting.get(target);
    return object;
}

/// Applies the keys of a JSON object onto `target`, all or none: an unknown key or a value
/// of the wrong type or range is refused, naming it. `noun` says what the object is
/// ("config": "a config must be a JSON object", "unknown config key"). Keys absent from the
/// object keep their values.
template <typename Target, typename Table>
Status applySettingsJson(Target& target, const Table& table, const nlohmann::json& object,
                         std::string_view noun) {
    if (!object.is_object()) {
        const std::string article = std::string(noun).find_first_of("aeiou") == 0 ? "an " : "a ";
        return Error{ErrorKind::InvalidConfig, article + std::string(noun) +
                                                   " must be a JSON object (got " +
                                                   std::string(object.type_name()) + ")"};
    }
    Target updated = target;
    for (const auto& [key, value] : object.items()) {
        const auto* setting = findSetting(table, key);
        if (!setting) {
            std::string known;
            for (const auto& each : table)
                known += (known.empty() ? "" : ", ") + std::string(each.key);
            return Error{ErrorKind::InvalidConfig, "unknown " + std::string(noun) + " key \"" +
                                                       displayKey(key) +
                                                       "\" (known keys: " + known + ")"};
        }
        auto parsed = parseSettingValue(*setting, value);
        if (!parsed)
            return parsed.error();
        setting->set(updated, *parsed);
    }
    target = std::move(updated);
    return success();
}

/// Applies one value typed for `key` (settingValueFromText), naming it `name` in messages.
template <typename Target, typename Table>
Status applySettingText(Target& target, const Table& table, std::string_view key,
                        std::string_view text, std::string_view name) {
    const auto* setting = findSetting(table, key);
    if (!setting)
        return Error{ErrorKind::InvalidUsage, "unknown setting " + std::string(name)};
    auto value = settingValueFromText(text);
    if (!value)
        return Error{value.error().kind, std::string(name) + ": " + value.error().message};
    auto parsed = parseSettingValue(*setting, *value, name);
    if (!parsed)
        return parsed.error();
    setting->set(target, *parsed);
    return success();
}

} // namespace cepstra
