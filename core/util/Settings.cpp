// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/Settings.h"

#include "core/util/JsonText.h"
#include "core/util/NumberText.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cepstra {
namespace {

using nlohmann::json;

std::string quoteChoices(const SettingDeclaration& setting) {
    std::string text;
    for (std::size_t i = 0; i < setting.choices.size(); ++i)
        text += (i == 0 ? "\"" : ", \"") + std::string(setting.choices[i]) + "\"";
    return text;
}

/// What the setting accepts, as "must be ..." continues.
std::string expectation(const SettingDeclaration& setting) {
    std::string text;
    switch (setting.type) {
    case SettingType::Integer:
        text = "an integer";
        break;
    case SettingType::Number:
        text = "a number";
        break;
    case SettingType::Boolean:
        text = "true or false";
        break;
    case SettingType::Choice:
        text =
            setting.choices.size() == 1 ? quoteChoices(setting) : "one of " + quoteChoices(setting);
        break;
    case SettingType::ChoiceList:
        text = "a list of " + quoteChoices(setting);
        break;
    case SettingType::Text:
        text = "text";
        break;
    case SettingType::Path:
        text = "a path";
        break;
    }
    return setting.nullable() ? text + " or null" : text;
}

std::string nameOr(const SettingDeclaration& setting, std::string_view name) {
    return std::string(name.empty() ? setting.key : name);
}

Error wrongType(const SettingDeclaration& setting, const json& got, std::string_view name,
                std::string_view what = {}) {
    std::string shown = dumpJson(got);
    if (shown.size() > 60)
        shown = displayText(shown.substr(0, 60)) + "...";
    return {ErrorKind::InvalidConfig, nameOr(setting, name) + std::string(what) + " must be " +
                                          expectation(setting) + " (got " + shown + ")"};
}

Result<json> parseChoice(const SettingDeclaration& setting, const json& value,
                         std::string_view name, std::string_view what) {
    if (value.is_string() &&
        std::find(setting.choices.begin(), setting.choices.end(),
                  value.get_ref<const std::string&>()) != setting.choices.end())
        return value;
    SettingDeclaration single = setting;
    single.nullMeaning = what.empty() ? setting.nullMeaning : "";
    single.type = SettingType::Choice;
    return wrongType(single, value, name, what);
}

Result<json> parseChoiceList(const SettingDeclaration& setting, const json& value,
                             std::string_view name) {
    json items = value;
    if (value.is_string()) { // "--set features=mfcc,logmel"
        items = json::array();
        std::stringstream stream(value.get<std::string>());
        for (std::string item; std::getline(stream, item, ',');)
            if (!item.empty())
                items.push_back(item);
    }
    if (!items.is_array())
        return wrongType(setting, value, name);
    if (value.is_string() && items.empty())
        return Error{ErrorKind::InvalidConfig, nameOr(setting, name) +
                                                   " is empty; name one or "
                                                   "more of " +
                                                   quoteChoices(setting)};
    std::vector<std::size_t> indices;
    for (const auto& item : items) {
        auto parsed = parseChoice(setting, item, name, " entries");
        if (!parsed)
            return parsed.error();
        indices.push_back(std::size_t(
            std::find(setting.choices.begin(), setting.choices.end(), item.get<std::string>()) -
            setting.choices.begin()));
    }
    // Canonical (enum) order, so ["mfcc", "melspectrogram"] is the same config and hash.
    std::stable_sort(indices.begin(), indices.end());
    json sorted = json::array();
    for (std::size_t index : indices)
        sorted.push_back(setting.choices[index]);
    return sorted;
}

/// An integer: exact when JSON holds one, or an integral float small enough to be exact
/// (2048.0); anything else (1e23, 2^64 written as a float) is no integer this side of doubles.
/// Ranges are the table's validation's to check, but for a value no int member could hold.
Result<json> parseInteger(const SettingDeclaration& setting, const json& value,
                          std::string_view name) {
    constexpr double kMostInt = 2147483647.0;
    constexpr double kExactLimit = 9007199254740992.0; // 2^53
    if (!value.is_number())
        return wrongType(setting, value, name);
    const double number = value.get<double>();
    if (value.is_number_float() && (!std::isfinite(number) || std::floor(number) != number ||
                                    (std::abs(number) > kExactLimit && setting.maximum > kMostInt)))
        return wrongType(setting, value, name);
    if (setting.rangeCheckedOnRead ||
        (setting.maximum <= kMostInt && std::abs(number) > kMostInt)) {
        const std::string problem = rangeProblem(setting, value, name);
        if (!problem.empty() || !setting.rangeCheckedOnRead)
            return Error{ErrorKind::InvalidConfig, problem.empty() ? "out of range" : problem};
    }
    if (value.is_number_float())
        return json(static_cast<std::int64_t>(number));
    return value;
}

} // namespace

std::string SettingDeclaration::optionName() const {
    std::string name = "--" + std::string(key);
    std::replace(name.begin(), name.end(), '_', '-');
    return name;
}

std::string displayKey(std::string_view key) {
    return displayText(key);
}

std::string describeRange(const SettingDeclaration& setting) {
    const std::string unit = setting.unit.empty() ? "" : " " + std::string(setting.unit);
    const bool bounded = !std::isinf(setting.maximum);
    if (setting.minimumExclusive)
        return bounded ? "greater than " + formatNumber(setting.minimum) + " and at most " +
                             formatNumber(setting.maximum) + unit
                       : "greater than " + formatNumber(setting.minimum) + unit;
    if (std::isinf(setting.minimum))
        return bounded ? "at most " + formatNumber(setting.maximum) + unit : std::string();
    return bounded ? "between " + formatNumber(setting.minimum) + " and " +
                         formatNumber(setting.maximum) + unit
                   : "at least " + formatNumber(setting.minimum) + unit;
}

std::string describeAccepts(const SettingDeclaration& setting) {
    std::string accepts;
    switch (setting.type) {
    case SettingType::Integer:
    case SettingType::Number: {
        const std::string range = describeRange(setting);
        accepts = (setting.type == SettingType::Integer ? "integer" : "number") +
                  (range.empty() ? "" : " " + range);
        break;
    }
    case SettingType::Boolean:
        accepts = "true or false";
        break;
    case SettingType::Choice:
        accepts = quoteChoices(setting);
        break;
    case SettingType::ChoiceList:
        accepts = "list of " + quoteChoices(setting);
        break;
    case SettingType::Text:
        accepts = "text";
        break;
    case SettingType::Path:
        accepts = "a path";
        break;
    }
    if (setting.nullable())
        accepts += "; null: " + std::string(setting.nullMeaning);
    return accepts;
}

std::string rangeProblem(const SettingDeclaration& setting, const json& value,
                         std::string_view name) {
    if (!setting.isNumeric() || !value.is_number())
        return {};
    const double number = value.get<double>();
    const bool tooLow =
        setting.minimumExclusive ? !(number > setting.minimum) : !(number >= setting.minimum);
    if (!tooLow && number <= setting.maximum)
        return {};
    std::string message = nameOr(setting, name) + " must be " + describeRange(setting);
    if (setting.nullable())
        message += ", or null for " + std::string(setting.nullMeaning);
    if (!setting.hint.empty())
        message += ", " + std::string(setting.hint);
    return message + " (got " + (value.is_number_float() ? formatNumber(number) : value.dump()) +
           ")";
}

Result<json> parseSettingValue(const SettingDeclaration& setting, const json& value,
                               std::string_view name) {
    if (value.is_null())
        return setting.nullable() ? Result<json>(value)
                                  : Result<json>(wrongType(setting, value, name));
    switch (setting.type) {
    case SettingType::Integer:
        return parseInteger(setting, value, name);
    case SettingType::Number:
        if (!value.is_number())
            return wrongType(setting, value, name);
        return json(value.get<double>());
    case SettingType::Boolean:
        if (!value.is_boolean())
            return wrongType(setting, value, name);
        return value;
    case SettingType::Choice:
        return parseChoice(setting, value, name, {});
    case SettingType::ChoiceList:
        return parseChoiceList(setting, value, name);
    case SettingType::Text:
    case SettingType::Path:
        if (!value.is_string())
            return wrongType(setting, value, name);
        if (setting.type == SettingType::Path && value.get_ref<const std::string&>().empty())
            return Error{ErrorKind::InvalidConfig,
                         nameOr(setting, name) + " is empty; give the path it asks for"};
        if (setting.parseText)
            return setting.parseText(value, nameOr(setting, name));
        return value;
    }
    return wrongType(setting, value, name);
}

Result<json> settingValueFromText(std::string_view text) {
    auto parsed = parseJsonText(text);
    if (parsed)
        return parsed;
    // Not JSON: a plain string ("hann", "train=0.8"); nested too deep is refused, not taken.
    if (parsed.error().kind != ErrorKind::Malformed)
        return Error{ErrorKind::InvalidConfig, "the value " + parsed.error().message};
    return json(std::string(text));
}

std::string settingsMarkdown(const std::vector<const SettingDeclaration*>& declarations,
                             const json& defaults) {
    std::string text = "| key | default | accepts | meaning |\n|---|---|---|---|\n";
    for (const SettingDeclaration* setting : declarations) {
        std::string doc(setting->doc);
        if (!setting->hint.empty())
            doc += "; " + std::string(setting->hint);
        text += "| `" + std::string(setting->key) + "` | `" +
                dumpJson(defaults.value(std::string(setting->key), json())) + "` | " +
                describeAccepts(*setting) + " | " + doc + " |\n";
    }
    return text;
}

nlohmann::ordered_json settingsJson(const std::vector<const SettingDeclaration*>& declarations,
                                    const json& defaults) {
    static constexpr const char* kTypeNames[] = {"integer",     "number", "boolean", "choice",
                                                 "choice_list", "text",   "path"};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const SettingDeclaration* setting : declarations) {
        nlohmann::ordered_json item = {
            {"key", setting->key},
            {"type", kTypeNames[int(setting->type)]},
            {"default", defaults.value(std::string(setting->key), json())},
            {"unit", setting->unit}};
        if (setting->isNumeric()) {
            item["minimum"] = std::isinf(setting->minimum)
                                  ? nlohmann::ordered_json(nullptr)
                                  : nlohmann::ordered_json(setting->minimum);
            item["minimum_exclusive"] = setting->minimumExclusive;
            item["maximum"] = std::isinf(setting->maximum)
                                  ? nlohmann::ordered_json(nullptr)
                                  : nlohmann::ordered_json(setting->maximum);
        }
        item["null"] = setting->nullable() ? nlohmann::ordered_json(setting->nullMeaning)
                                           : nlohmann::ordered_json(nullptr);
        if (!setting->choices.empty())
            item["choices"] = setting->choices;
        item["doc"] = setting->doc;
        list.push_back(std::move(item));
    }
    return list;
}

} // namespace cepstra
