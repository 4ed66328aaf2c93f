// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"

#include "core/io/TextFile.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace cepstra::cli {
namespace {

CancelToken g_interrupt;

extern "C" void onInterrupt(int signalNumber) {
    g_interrupt.requestStop();
    // A second Ctrl-C ends the process at once.
    std::signal(signalNumber, SIG_DFL);
}

} // namespace

const CancelToken& stopOnInterrupt() {
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    std::signal(SIGHUP, onInterrupt); // a closed terminal stops the work as Ctrl-C does
    return g_interrupt;
}

void printError(const std::string& message) {
    std::cerr << "cepstra-cli: error: " << message << '\n';
}

int flushStandardOutput(const std::string& what, const std::string& advice) {
    std::cout.flush();
    if (std::cout)
        return kExitOk;
    printError("could not write " + what + " to standard output (" + std::strerror(errno) + "); " +
               advice);
    return kExitProcessingFailed;
}

void printWarning(const std::string& message) {
    std::cerr << "cepstra-cli: warning: " << message << '\n';
}

void addConfigOptions(CLI::App& command, ConfigOptions& options) {
    command.add_option("--config", options.configFile, "JSON config, keys as librosa names them");
    command
        .add_option("--set", options.settings,
                    "Override one key, e.g. --set n_mels=64 (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
}

std::string formatDuration(double seconds) {
    const auto total = static_cast<long long>(seconds + 0.5);
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof(text), "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                      total % 60);
    else
        std::snprintf(text, sizeof(text), "%lld:%02lld", total / 60, total % 60);
    return text;
}

std::optional<FeatureConfig> buildConfig(const ConfigOptions& options) {
    const std::string& configFile = options.configFile;
    const std::vector<std::string>& settings = options.settings;
    FeatureConfig config;
    if (!configFile.empty()) {
        auto text = readTextFile(configFile, kMaxConfigFileBytes, "config file " + configFile);
        if (!text) {
            printError(text.error().message);
            return std::nullopt;
        }
        if (auto status = applyConfigText(config, *text); !status) {
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
