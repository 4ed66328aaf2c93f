// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/features/ConfigParameters.h"
#include "core/health/HealthThresholds.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace cepstra::cli {
namespace {

/// The thresholds of `cepstra-cli check`, from their own table.
int runThresholds(const std::string& format) {
    if (format == "markdown") {
        std::cout << healthThresholdMarkdown();
        return kExitOk;
    }
    const nlohmann::json defaults = toJson(HealthThresholds{});
    if (format == "json") {
        nlohmann::json table = nlohmann::json::array();
        for (const HealthThresholdSpec& spec : healthThresholdTable())
            table.push_back({{"key", spec.key},
                             {"default", defaults[std::string(spec.key)]},
                             {"minimum", spec.minimum},
                             {"maximum", spec.maximum},
                             {"unit", spec.unit},
                             {"doc", spec.doc}});
        std::cout << dumpJson(table, 2) << "\n";
        return kExitOk;
    }
    for (const HealthThresholdSpec& spec : healthThresholdTable())
        std::printf("%-40s %-8s %s\n%40s %s\n", std::string(spec.key).c_str(),
                    defaults[std::string(spec.key)].dump().c_str(), describeRange(spec).c_str(), "",
                    std::string(spec.doc).c_str());
    return kExitOk;
}

int runParams(const std::string& format) {
    if (format == "json") {
        std::cout << dumpJson(parameterTableJson(), 2) << "\n";
        return kExitOk;
    }
    if (format == "markdown") {
        std::cout << parameterTableMarkdown();
        return kExitOk;
    }
    const FeatureConfig defaults;
    for (const ParameterSpec& entry : parameterTable()) {
        std::string accepts;
        if (entry.isNumeric())
            accepts = describeRange(entry);
        else if (!entry.choices.empty())
            for (std::size_t i = 0; i < entry.choices.size(); ++i)
                accepts += (i ? ", " : "") + std::string(entry.choices[i]);
        else
            accepts = "true, false";
        if (entry.nullable())
            accepts += "; null: " + std::string(entry.nullMeaning);
        std::printf("%-11s %-28s %s\n%11s %s\n", std::string(entry.key).c_str(),
                    dumpJson(entry.get(defaults)).c_str(), accepts.c_str(), "",
                    std::string(entry.doc).c_str());
    }
    return kExitOk;
}

} // namespace

std::function<int()> addParamsCommand(CLI::App& app) {
    auto format = std::make_shared<std::string>("text");
    auto thresholds = std::make_shared<bool>(false);
    CLI::App* command = app.add_subcommand(
        "params", "List every config key with its default, unit, range and meaning");
    command->add_option("--format", *format, "text, json or markdown (the README's table)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    command->add_flag("--checks", *thresholds,
                      "List the thresholds of `cepstra-cli check` (for --set) instead");
    return
        [format, thresholds] {
            const int code = *thresholds ? runThresholds(*format) : runParams(*format);
            return code != kExitOk ? code : flushStandardOutput("the listing");
        };
}

} // namespace cepstra::cli
