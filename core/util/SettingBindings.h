// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How a declared setting binds to a member of its struct, and how enum values are named: the
// one home of both, for every settings table (feature parameters, health thresholds, export
// options). Values arrive already checked by parseSettingValue().

#include "core/util/Settings.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string_view>
#include <type_traits>

namespace cepstra {

/// The JSON name of an enum value. A table of them is the one place the names are spelled.
template <typename Enum> struct EnumName {
    Enum value;
    std::string_view name;
};

template <typename Enum, std::size_t N>
constexpr std::string_view nameOf(const std::array<EnumName<Enum>, N>& names, Enum value) {
    for (const auto& entry : names)
        if (entry.value == value)
            return entry.name;
    return "?";
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> valueOf(const std::array<EnumName<Enum>, N>& names,
                                      std::string_view name) {
    for (const auto& entry : names)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

/// A number, boolean or string member.
template <auto Member, typename Target> void bindScalar(Setting<Target>& setting) {
    setting.get = [](const Target& t) { return nlohmann::json(t.*Member); };
    setting.set = [](Target& t, const nlohmann::json& v) {
        t.*Member = v.get<std::remove_reference_t<decltype(t.*Member)>>();
    };
}

/// A std::optional member: null when unset.
template <auto Member, typename Target> void bindOptional(Setting<Target>& setting) {
    setting.get = [](const Target& t) {
        return (t.*Member) ? nlohmann::json(*(t.*Member)) : nlohmann::json(nullptr);
    };
    setting.set = [](Target& t, const nlohmann::json& v) {
        using Value = typename std::remove_reference_t<decltype(t.*Member)>::value_type;
        t.*Member = v.is_null() ? std::nullopt : std::optional<Value>(v.get<Value>());
    };
}

/// An enum member, by name.
template <auto Member, typename Target, typename Enum, std::size_t N>
void bindChoice(Setting<Target>& setting, const std::array<EnumName<Enum>, N>& names) {
    for (const auto& entry : names)
        setting.choices.push_back(entry.name);
    setting.get = [&names](const Target& t) { return nlohmann::json(nameOf(names, t.*Member)); };
    setting.set = [&names](Target& t, const nlohmann::json& v) {
        t.*Member = *valueOf(names, v.get<std::string>());
    };
}

/// A std::optional<enum> member: null when unset.
template <auto Member, typename Target, typename Enum, std::size_t N>
void bindOptionalChoice(Setting<Target>& setting, const std::array<EnumName<Enum>, N>& names) {
    for (const auto& entry : names)
        setting.choices.push_back(entry.name);
    setting.get = [&names](const Target& t) {
        return (t.*Member) ? nlohmann::json(nameOf(names, *(t.*Member))) : nlohmann::json(nullptr);
    };
    setting.set = [&names](Target& t, const nlohmann::json& v) {
        t.*Member = v.is_null() ? std::nullopt : valueOf(names, v.get<std::string>());
    };
}

/// An enum member whose "off" value is written as null (librosa's norm=None).
template <auto Member, typename Target, typename Enum, std::size_t N>
void bindNullableChoice(Setting<Target>& setting, const std::array<EnumName<Enum>, N>& names,
                        Enum nullValue) {
    for (const auto& entry : names)
        setting.choices.push_back(entry.name);
    setting.get = [&names, nullValue](const Target& t) {
        return t.*Member == nullValue ? nlohmann::json(nullptr)
                                      : nlohmann::json(nameOf(names, t.*Member));
    };
    setting.set = [&names, nullValue](Target& t, const nlohmann::json& v) {
        t.*Member = v.is_null() ? nullValue : *valueOf(names, v.get<std::string>());
    };
}

/// A std::vector<enum> member, as a list of names.
template <auto Member, typename Target, typename Enum, std::size_t N>
void bindChoiceList(Setting<Target>& setting, const std::array<EnumName<Enum>, N>& names) {
    for (const auto& entry : names)
        setting.choices.push_back(entry.name);
    setting.get = [&names](const Target& t) {
        nlohmann::json list = nlohmann::json::array();
        for (Enum value : t.*Member)
            list.push_back(nameOf(names, value));
        return list;
    };
    setting.set = [&names](Target& t, const nlohmann::json& v) {
        (t.*Member).clear();
        if (!v.is_null())
            for (const auto& item : v)
                (t.*Member).push_back(*valueOf(names, item.get<std::string>()));
    };
}

/// A std::filesystem::path member, as a string; "" when unset.
template <auto Member, typename Target> void bindPath(Setting<Target>& setting) {
    setting.get = [](const Target& t) {
        return (t.*Member).empty() ? nlohmann::json(nullptr) : nlohmann::json((t.*Member).string());
    };
    setting.set = [](Target& t, const nlohmann::json& v) {
        t.*Member =
            v.is_null() ? std::filesystem::path() : std::filesystem::path(v.get<std::string>());
    };
}

} // namespace cepstra
