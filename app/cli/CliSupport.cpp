// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace cepstra::cli {

void printError(const std::string& message) {
    std::cerr << "cepstra-cli: error: " << message << '\n';
}

std::optional<FeatureConfig> buildConfig(const std::string& configFile,
                                         const std::vector<std::string>& settings) {
    FeatureConfig config;
    if (!configFile.empty()) {
        std::ifstream file(configFile);
        if (!file) {
            printError("cannot read config file " + configFile + "; check the path");
            return std::nullopt;
        }
        std::stringstream text;
        text << file.rdbuf();
        if (auto status = applyConfigText(config, text.str()); !status) {
            printError("invalid config file " + configFile + ": " + status.error().message);
            return std::nullopt;
        }
    }
    for (const auto& setting : settings) {
        if (auto status = applyConfigSetting(config, setting); !status) {
            printError("invalid --set: " + status.error().message);
            return std::nullopt;
        }
    }
    const auto problems = validate(config);
    if (!problems.empty()) {
        std::string message = "invalid config: ";
        for (std::size_t i = 0; i < problems.size(); ++i)
            message += (i ? "; " : "") + problems[i].message;
        printError(message);
        return std::nullopt;
    }
    return config;
}

} // namespace cepstra::cli
