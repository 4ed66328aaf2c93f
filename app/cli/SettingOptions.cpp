// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/SettingOptions.h"

#include "core/util/JsonText.h"

namespace cepstra::cli {
namespace {

/// What CLI11 shows after the option name: N, X, a|b|c, a,b, PATH, TEXT.
std::string typeNameOf(const SettingDeclaration& declaration) {
    switch (declaration.type) {
    case SettingType::Integer:
        return "N";
    case SettingType::Number:
        return "X";
    case SettingType::Boolean:
        return "true|false";
    case SettingType::Choice: {
        std::string names;
        for (std::string_view choice : declaration.choices)
            names += (names.empty() ? "" : "|") + std::string(choice);
        return names;
    }
    case SettingType::ChoiceList:
        return "a,b";
    case SettingType::Text:
        return "TEXT";
    case SettingType::Path:
        return "PATH";
    }
    return "VALUE";
}

} // namespace

std::string SettingOptions::helpOf(const SettingDeclaration& declaration,
                                   const nlohmann::json& defaults) {
    std::string help(declaration.doc);
    if (declaration.isNumeric())
        help += "; " + describeRange(declaration);
    const nlohmann::json value = defaults.value(std::string(declaration.key), nlohmann::json());
    if (!value.is_null())
        help +=
            " (default: " + (value.is_string() ? value.get<std::string>() : dumpJson(value)) + ")";
    else if (declaration.nullable())
        help += " (default: " + std::string(declaration.nullMeaning) + ")";
    return help;
}

SettingOptions::SettingOptions(CLI::App& command,
                               const std::vector<const SettingDeclaration*>& declarations,
                               const nlohmann::json& defaults) {
    for (const SettingDeclaration* declaration : declarations) {
        Given& given = m_values[std::string(declaration->key)];
        if (declaration->type == SettingType::Boolean) { // --overwrite, not --overwrite true
            given.text = "true";
            given.option = command.add_flag(declaration->optionName())
                               ->description(helpOf(*declaration, defaults));
            continue;
        }
        given.option =
            command
                .add_option(declaration->optionName(), given.text, helpOf(*declaration, defaults))
                ->type_name(typeNameOf(*declaration));
    }
}

} // namespace cepstra::cli
