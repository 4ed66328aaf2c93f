// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/ProgressReporters.h"
#include "core/batch/BatchRunner.h"
#include "core/batch/ShardMerge.h"

#include <iostream>

#include <memory>
#include <optional>

namespace cepstra::cli {
namespace {

struct RunOptions {
    std::string input;
    std::string output;
    ConfigOptions config;
    int jobs = 0;
    std::string progress;
    bool force = false;
    bool startOver = false;
    std::optional<std::string> shard; ///< set, even to "", when --shard is given
};

int runRun(const RunOptions& options) {
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;
    const ProgressStyle style = progressStyle(options.progress);
    const auto reporter = makeProgressReporter(style);
    const CancelToken& interrupt = stopOnInterrupt();

    RunRequest request{options.input, options.output, *config, options.jobs, options.force};
    request.startOver = options.startOver;
    if (options.shard) {
        auto shard = parseShard(*options.shard);
        if (!shard) {
            printError(shard.error().message);
            return kExitUsage;
        }
        request.shard = *shard;
    }
    const auto summary = runDataset(request, *reporter, interrupt);
    if (!summary) {
        printError(summary.error().message);
        const ErrorKind kind = summary.error().kind;
        return exitCodeFor(kind);
    }
    printSummary(*summary, style, options.output);
    if (request.shard && style != ProgressStyle::Json && !summary->interrupted)
        std::cout << "Shard " << shardName(*request.shard) << " done. When every shard is, run: "
                  << "cepstra-cli merge " << options.output << "\n";
    if (const int code = flushStandardOutput("the run's progress and summary"); code != kExitOk)
        return code;
    if (summary->interrupted)
        return kExitInterrupted;
    return summary->failed > 0 ? kExitProcessingFailed : kExitOk;
}

} // namespace

std::function<int()> addRunCommand(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand(
        "run",
        "Extract and scale a whole dataset folder (one subfolder per label) on a thread pool");
    command->add_option("INPUT", options->input, "Dataset folder: INPUT/<label>/<clip>.wav ...")
        ->required();
    command
        ->add_option("OUTPUT", options->output,
                     "Feature folder, mirrored as OUTPUT/<label>/<stem>_<feature>.npy")
        ->required();
    addConfigOptions(*command, options->config);
    command
        ->add_option("--jobs,-j", options->jobs, "Worker threads (default: every hardware thread)")
        ->check(CLI::Range(1, 1024));
    command
        ->add_option("--progress", options->progress,
                     "bar (default on a terminal), json lines, or none")
        ->check(CLI::IsMember({"bar", "json", "none"}));
    command->add_flag("--force", options->force, "Recompute everything, ignoring the catalog");
    command->add_flag("--start-over", options->startOver,
                      "OUTPUT holds the features of another INPUT: delete them and start over "
                      "(without it such a run is refused)");
    command
        ->add_option("--shard", options->shard,
                     "Process only shard K of N (1 <= K <= N) into OUTPUT/shards/K-of-N.sqlite; "
                     "cepstra-cli merge OUTPUT finishes")
        ->type_name("K/N");
    return [options] { return runRun(*options); };
}

namespace {

struct MergeOptions {
    std::string output;
    int jobs = 0;
    std::string progress;
};

int runMerge(const MergeOptions& options) {
    const ProgressStyle style = progressStyle(options.progress);
    const auto reporter = makeProgressReporter(style);
    const auto summary = mergeShards(options.output, options.jobs, *reporter, stopOnInterrupt());
    if (!summary) {
        printError(summary.error().message);
        return exitCodeFor(summary.error().kind);
    }
    printSummary(*summary, style, options.output);
    if (const int code = flushStandardOutput("the merge's progress and summary"); code != kExitOk)
        return code;
    if (summary->interrupted)
        return kExitInterrupted;
    return summary->failed > 0 ? kExitProcessingFailed : kExitOk;
}

} // namespace

std::function<int()> addMergeCommand(CLI::App& app) {
    auto options = std::make_shared<MergeOptions>();
    CLI::App* command = app.add_subcommand(
        "merge", "Finish a sharded run: fold OUTPUT/shards/*.sqlite into the catalog, merge the "
                 "dataset statistics exactly, run the scale_axis dataset pass");
    command->add_option("OUTPUT", options->output, "The OUTPUT every shard wrote into")->required();
    command
        ->add_option("--jobs,-j", options->jobs, "Worker threads (default: every hardware thread)")
        ->check(CLI::Range(1, 1024));
    command
        ->add_option("--progress", options->progress,
                     "bar (default on a terminal), json lines, or none")
        ->check(CLI::IsMember({"bar", "json", "none"}));
    return [options] { return runMerge(*options); };
}

} // namespace cepstra::cli
