// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Settings.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace cepstra::cli {

/// The options a table of settings derives on one command: --key-with-dashes VALUE each, its
/// help from the declaration (the doc, what it accepts, its default). Filled in by CLI11.
class SettingOptions {
public:
    /// Adds one option per declaration to `command`; `defaults` gives each key's default.
    SettingOptions(CLI::App& command, const std::vector<const SettingDeclaration*>& declarations,
                   const nlohmann::json& defaults);
    SettingOptions(const SettingOptions&) = delete;
    SettingOptions& operator=(const SettingOptions&) = delete;

    /// Applies every option given onto `target`, in table order, each checked by its
    /// declaration; the first bad one is an InvalidUsage error naming the option.
    template <typename Target, typename Table>
    Status applyTo(Target& target, const Table& table) const {
        for (const auto& setting : table) {
            const auto found = m_values.find(std::string(setting.key));
            if (found == m_values.end() || found->second.option->count() == 0)
                continue;
            auto applied = applySettingText(target, table, setting.key, found->second.text,
                                            setting.optionName());
            if (!applied)
                return Error{ErrorKind::InvalidUsage, applied.error().message};
        }
        return success();
    }

    /// The help line of one declaration, as --help and the man page show it.
    static std::string helpOf(const SettingDeclaration& declaration,
                              const nlohmann::json& defaults);

private:
    struct Given {
        std::string text;
        CLI::Option* option = nullptr;
    };
    std::map<std::string, Given> m_values; ///< by key; nodes never move, so CLI11 may write
};

} // namespace cepstra::cli
