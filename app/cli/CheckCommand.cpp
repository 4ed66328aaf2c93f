// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/JobProgress.h"
#include "core/dataset/Catalog.h"
#include "core/health/HealthCache.h"
#include "core/health/HealthReportFormats.h"
#include "core/io/AtomicFile.h"
#include "core/io/PathChecks.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace cepstra::cli {
namespace {

struct CheckOptions {
    std::string input;
    std::string format = "text";
    std::string report;
    std::string features;
    std::string cache;
    std::string flaggedList;
    std::vector<std::string> settings;
    JobOptions job;
    ManifestOptions manifest;
    bool force = false;
    bool overwrite = false;
    /// The file options given, to tell `--report ""` from no --report.
    std::vector<std::pair<std::string, const CLI::Option*>> fileOptions;
    const CLI::Option* featuresOption = nullptr;
};

/// Every file the check is asked to write must be a file outside INPUT, in a folder that exists,
/// and replace nothing but a report or list a check wrote (or anything, with --overwrite).
Status checkFilesToWrite(const CheckOptions& options) {
    for (const auto& [name, option] : options.fileOptions) {
        if (option->count() == 0)
            continue;
        const std::string file = option->as<std::string>();
        if (auto status = checkFileToWrite(file, options.input, name); !status)
            return status;
        if (name == "--cache")
            continue; // a cache Cepstra opens as SQLite, which refuses what is not its own
        const bool report = name == "--report";
        if (auto status =
                checkReplaceable(file, name, report ? "a report" : "a flagged list",
                                 report ? isHealthReport : isFlaggedList, options.overwrite);
            !status)
            return status;
    }
    return success();
}

/// The clips "exclude flagged" leaves out, one a line, for `export --exclude-list`. A name
/// holding a newline cannot be a line: it is left out of the file and said so.
int writeFlaggedList(const HealthReport& report, const std::string& file) {
    std::string lines;
    int unlistable = 0;
    for (const std::string& path : report.flaggedClips()) {
        if (path.find('\n') != std::string::npos || path.find('\r') != std::string::npos) {
            ++unlistable;
            continue;
        }
        lines += path + "\n";
    }
    if (auto status = writeFileAtomically(file, lines); !status) {
        printError(status.error().message);
        return kExitProcessingFailed;
    }
    if (unlistable > 0)
        std::fprintf(stderr,
                     "cepstra-cli: warning: %d flagged clips have a line break in their name and "
                     "are not in %s; rename them\n",
                     unlistable, file.c_str());
    return kExitOk;
}

/// The thresholds --set can change, with their defaults, from the one table that declares them.
std::string thresholdHelp() {
    const nlohmann::json defaults = toJson(HealthThresholds{});
    std::string help = "Thresholds (--set KEY=VALUE), with their defaults:\n";
    for (const auto& spec : healthThresholdTable())
        help += "  " + std::string(spec.key) + " = " + defaults[std::string(spec.key)].dump() +
                " " + std::string(spec.unit) + ": " + std::string(spec.doc) + "\n";
    return help;
}

int runCheck(const CheckOptions& options) {
    if (options.job.style() == ProgressStyle::Json && options.report.empty()) {
        printError("--progress json writes its lines to standard output, where the report goes; "
                   "add --report FILE");
        return kExitUsage;
    }
    if (auto status = checkFilesToWrite(options); !status) {
        printError(status.error().message);
        return kExitUsage;
    }
    HealthRequest request;
    request.input = options.input;
    request.jobs = options.job.jobs;
    request.remeasure = options.force;
    request.manifest = options.manifest.request();
    for (const std::string& setting : options.settings)
        if (auto status = applyHealthSetting(request.thresholds, setting); !status) {
            printError("--set: " + status.error().message);
            return kExitUsage;
        }
    if (options.featuresOption->count() > 0) {
        const std::filesystem::path catalog =
            std::filesystem::path(options.features) / Catalog::kFileName;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(catalog, ec)) {
            printError("--features " + options.features +
                       " is not the OUTPUT folder of a run (it has no " + Catalog::kFileName +
                       "); give the folder `cepstra-cli run` wrote");
            return kExitUsage;
        }
        request.cache = catalog;
    } else {
        request.cache = options.cache.empty() ? HealthCache::defaultLocation(options.input)
                                              : std::filesystem::path(options.cache);
    }
    const CancelToken& interrupt = stopOnInterrupt();
    const auto renderer = makeProgressRenderer(options.job.style());
    const auto report = checkDatasetHealth(request, *renderer, interrupt);
    if (!report) {
        if (report.error().kind == ErrorKind::Cancelled)
            std::cerr << "Interrupted: the clips read so far are cached; run the same check again "
                         "to finish.\n";
        else
            printError(report.error().message);
        return exitCodeOf(outcomeOf(report.error()));
    }
    if (!options.flaggedList.empty())
        if (const int code = writeFlaggedList(*report, options.flaggedList); code != kExitOk)
            return code;
    std::string document;
    if (options.format == "json")
        document = dumpJson(healthReportJson(*report), 1) + "\n";
    else if (options.format == "html")
        document = healthReportHtml(*report);
    else
        document = healthReportText(*report);
    if (options.report.empty()) {
        std::cout << document;
    } else {
        if (auto status = writeFileAtomically(options.report, document); !status) {
            printError(status.error().message);
            return kExitProcessingFailed;
        }
        // The headline only: the findings are in the file.
        const std::string text = healthReportText(*report);
        std::cout << text.substr(0, text.find('\n') + 1) << "Report written to " << options.report
                  << "\n";
    }
    if (const int code = flushStandardOutput("the report", "free space or use --report FILE");
        code != kExitOk)
        return code;
    return exitCodeOf(report->worst() == HealthSeverity::Fail ? JobOutcome::SomeItemsFailed
                                                              : JobOutcome::Succeeded);
}

} // namespace

std::function<int()> addCheckCommand(CLI::App& app) {
    auto options = std::make_shared<CheckOptions>();
    CLI::App* command = app.add_subcommand(
        "check", "Find duplicates, silence, clipping, label conflicts and other faults in a "
                 "dataset before training on it");
    command->add_option("INPUT", options->input, "Dataset folder: INPUT/<label>/<clip>...")
        ->required()
        ->check(CLI::ExistingDirectory);
    command->add_option("--format", options->format, "text (default), json or html")
        ->check(CLI::IsMember({"text", "json", "html"}));
    const auto addFile = [&](const std::string& name, std::string& value, const std::string& help) {
        CLI::Option* option = command->add_option(name, value, help);
        options->fileOptions.emplace_back(name, option);
        return option;
    };
    addFile("--report", options->report,
            "Write the report to FILE instead of standard output (outside INPUT)");
    command
        ->add_option("--set", options->settings,
                     "Change a threshold, e.g. --set clipping.max_share=0.01 (repeatable)")
        ->type_name("CHECK.KEY=VALUE");
    CLI::Option* features =
        command->add_option("--features", options->features,
                            "A run's OUTPUT folder: keep the measurements, and the families "
                            "of duplicates `export --group duplicates` reads, in its catalog");
    addFile("--cache", options->cache,
            "The SQLite file that caches measurements (default: under $XDG_CACHE_HOME/cepstra)")
        ->excludes(features);
    options->featuresOption = features;
    addFile("--flagged-list", options->flaggedList,
            "Also write the flagged clips to FILE, one a line, for "
            "`cepstra-cli export --exclude-list`");
    command->add_flag("--force", options->force,
                      "Read every clip again instead of taking measurements from the cache");
    command->add_flag("--overwrite", options->overwrite,
                      "Replace a --report or --flagged-list file even when a check did not "
                      "write it");
    addJobOptions(*command, options->job);
    addManifestOptions(*command, options->manifest);
    command->footer(thresholdHelp() +
                    "\nExit codes: 0 nothing reached severity fail, 1 something did, 2 bad usage, "
                    "130 interrupted.");
    return [options] { return runCheck(*options); };
}

} // namespace cepstra::cli
