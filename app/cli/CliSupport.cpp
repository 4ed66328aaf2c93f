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

ManifestRequest ManifestOptions::request() const {
    return ManifestRequest::named(manifest, columns, subset);
}

void addManifestOptions(CLI::App& command, ManifestOptions& options) {
    command
        .add_option("--manifest", options.manifest,
                    "Labels, folds, groups and splits from this CSV, TSV or JSONL file; none: "
                    "from folders (default: the ESC-50, UrbanSound8K, FMA or AudioFolder "
                    "metadata at INPUT's root, else folders)")
        ->type_name("FILE|none");
    command
        .add_option("--manifest-columns", options.columns,
                    "The column of each role in a --manifest table, e.g. "
                    "path=file,label=class,fold=fold,group=source,split=set")
        ->type_name("ROLE=COLUMN,...");
    command
        .add_option("--subset", options.subset,
                    "FMA: the subset to read (default: the one whose audio folder is present)")
        ->check(CLI::IsMember({"small", "medium", "large", "full"}));
}

std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string manifestArguments(const ManifestOptions& options) {
    std::string arguments;
    if (!options.manifest.empty())
        arguments += " --manifest " + shellQuoted(options.manifest);
    if (!options.columns.empty())
        arguments += " --manifest-columns " + shellQuoted(options.columns);
    if (!options.subset.empty())
        arguments += " --subset " + shellQuoted(options.subset);
    return arguments;
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
