// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/Manifest.h"
#include "core/features/FeatureConfig.h"
#include "core/util/CancelToken.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cepstra::cli {

/// Exit codes shared by every subcommand.
enum ExitCode : int {
    kExitOk = 0,
    kExitProcessingFailed = 1, ///< an input could not be processed
    kExitUsage = 2,            ///< bad arguments or configuration; nothing was written
    kExitInterrupted = 130,
};

/// Prints "cepstra-cli: error: <message>" on stderr, as one line.
void printError(const std::string& message);
/// Prints "cepstra-cli: warning: <message>" on stderr, as one line.
void printWarning(const std::string& message);

/// Flushes standard output: kExitOk, or one error line ("could not write <what> to standard
/// output (<reason>); <advice>") and kExitProcessingFailed when it cannot be written (a full
/// disk behind `>`, /dev/full). Every command that prints its result ends with it.
int flushStandardOutput(const std::string& what = "the output",
                        const std::string& advice = "free space, or send it elsewhere");

/// The --config and --set options every command that computes features takes.
struct ConfigOptions {
    std::string configFile;
    std::vector<std::string> settings;
};
void addConfigOptions(CLI::App& command, ConfigOptions& options);

/// --manifest, --manifest-columns and --subset, declared once for every command that reads a
/// dataset (scan, run, check, slurm, merge).
struct ManifestOptions {
    std::string manifest; ///< FILE, "none", or empty: a known file at INPUT's root
    std::string columns;
    std::string subset;
    ManifestRequest request() const;
};
void addManifestOptions(CLI::App& command, ManifestOptions& options);
/// The same options as a shell command line passes them on (slurm's tasks and merge), each
/// after a space; empty when none was given.
std::string manifestArguments(const ManifestOptions& options);
/// 'text' for the shell, whatever bytes it holds.
std::string shellQuoted(const std::string& text);

/// Makes SIGINT and SIGTERM request a stop on the returned token (a second signal ends the
/// process at once). Call once, on the main thread, before the long work starts.
const CancelToken& stopOnInterrupt();

/// "m:ss", or "h:mm:ss" from an hour on.
std::string formatDuration(double seconds);

/// Defaults, then the --config file, then each --set in order, then validate(). On failure
/// prints one error line and returns nothing.
std::optional<FeatureConfig> buildConfig(const ConfigOptions& options);

} // namespace cepstra::cli
