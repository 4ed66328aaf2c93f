// SPDX-License-Identifier: GPL-3.0-or-later
// `cepstra-cli params`: the settings tables, listed from their declarations.
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/export/ExportOptions.h"
#include "core/features/ConfigParameters.h"
#include "core/health/HealthThresholds.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace cepstra::cli {
namespace {

struct ParamsOptions {
    std::string format = "text";
    bool checks = false;
    bool exportOptions = false;
};

/// One table in the format asked for: markdown (the README's), JSON, or text for people.
void list(const std::vector<const SettingDeclaration*>& declarations,
          const nlohmann::json& defaults, const std::string& format) {
    if (format == "markdown") {
        std::cout << settingsMarkdown(declarations, defaults);
        return;
    }
    if (format == "json") {
        std::cout << dumpJson(settingsJson(declarations, defaults), 2) << "\n";
        return;
    }
    std::size_t width = 0;
    for (const SettingDeclaration* setting : declarations)
        width = std::max(width, setting->key.size());
    for (const SettingDeclaration* setting : declarations)
        std::printf("%-*s %-10s %s\n%*s %s\n", int(width), std::string(setting->key).c_str(),
                    dumpJson(defaults.value(std::string(setting->key), nlohmann::json())).c_str(),
                    describeAccepts(*setting).c_str(), int(width), "",
                    std::string(setting->doc).c_str());
}

int runParams(const ParamsOptions& options) {
    if (options.checks)
        list(declarationsOf(healthThresholdTable()), toJson(HealthThresholds{}), options.format);
    else if (options.exportOptions)
        list(declarationsOf(exportOptionTable()), toJson(ExportOptions{}), options.format);
    else if (options.format == "json") // with each key's pipeline stage
        std::cout << dumpJson(parameterTableJson(), 2) << "\n";
    else
        list(declarationsOf(parameterTable()), toJson(FeatureConfig{}), options.format);
    return flushStandardOutput("the listing");
}

} // namespace

std::function<int()> addParamsCommand(CLI::App& app) {
    auto options = std::make_shared<ParamsOptions>();
    CLI::App* command = app.add_subcommand(
        "params", "List every config key with its default, unit, range and meaning");
    command->add_option("--format", options->format, "text, json or markdown (the README's table)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    CLI::Option* checks =
        command->add_flag("--checks", options->checks,
                          "List the thresholds of `cepstra-cli check` (for --set) instead");
    command
        ->add_flag("--export", options->exportOptions,
                   "List the options of `cepstra-cli export` instead")
        ->excludes(checks);
    return [options] { return runParams(*options); };
}

} // namespace cepstra::cli
