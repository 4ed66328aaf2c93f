// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/features/ConfigParameters.h"
#include "core/util/JsonText.h"

#include <cstdio>
#include <iostream>
#include <memory>

namespace cepstra::cli {
namespace {

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
    CLI::App* command = app.add_subcommand(
        "params", "List every config key with its default, unit, range and meaning");
    command->add_option("--format", *format, "text, json or markdown (the README's table)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    return [format] { return runParams(*format); };
}

} // namespace cepstra::cli
