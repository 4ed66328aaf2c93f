// SPDX-License-Identifier: GPL-3.0-or-later
// `cepstra-cli run` and `cepstra-cli merge`: the batch runner over a dataset, whole or sharded.
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/JobProgress.h"
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
    ManifestOptions manifest;
    JobOptions job;
    bool force = false;
    bool startOver = false;
    std::optional<std::string> shard; ///< set, even to "", when --shard is given
};

/// The run's summary, then its exit code (a stdout that cannot be written is exit 1).
int finish(const Result<RunSummary>& summary, ProgressStyle style, const std::string& output,
           const std::string& after = {}) {
    if (!summary) {
        printError(summary.error().message);
        return exitCodeOf(outcomeOf(summary.error()));
    }
    printSummary(*summary, style, output);
    if (!after.empty() && style != ProgressStyle::Json && !summary->interrupted)
        std::cout << after << "\n";
    if (const int code = flushStandardOutput("the progress and summary"); code != kExitOk)
        return code;
    return exitCodeOf(outcomeOf(*summary));
}

int runRun(const RunOptions& options) {
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;
    RunRequest request{options.input, options.output, *config, options.job.jobs, options.force};
    request.startOver = options.startOver;
    request.manifest = options.manifest.request();
    if (options.shard) {
        auto shard = parseShard(*options.shard);
        if (!shard) {
            printError(shard.error().message);
            return kExitUsage;
        }
        request.shard = *shard;
    }
    const ProgressStyle style = options.job.style();
    const auto renderer = makeProgressRenderer(style);
    const auto summary = runDataset(request, *renderer, stopOnInterrupt());
    const std::string after =
        request.shard ? "Shard " + shardName(*request.shard) +
                            " done. When every shard is, run: cepstra-cli merge " + options.output
                      : std::string();
    return finish(summary, style, options.output, after);
}

struct MergeOptions {
    std::string output;
    ManifestOptions manifest;
    JobOptions job;
};

int runMerge(const MergeOptions& options) {
    const ProgressStyle style = options.job.style();
    const auto renderer = makeProgressRenderer(style);
    return finish(mergeShards(options.output, options.job.jobs, options.manifest.request(),
                              *renderer, stopOnInterrupt()),
                  style, options.output);
}

} // namespace

std::function<int()> addRunCommand(CLI::App& app) {
    auto options = std::make_shared<RunOptions>();
    CLI::App* command = app.add_subcommand(
        "run", "Extract and scale a whole dataset folder (one subfolder per label, or a root "
               "with its metadata file) on a thread pool");
    command
        ->add_option(
            "INPUT", options->input,
            "Dataset folder: INPUT/<label>/<clip>.wav, or a dataset root with its metadata "
            "file (ESC-50, UrbanSound8K, FMA, AudioFolder)")
        ->required();
    command
        ->add_option("OUTPUT", options->output,
                     "Feature folder, mirrored as OUTPUT/<label>/<stem>_<feature>.npy")
        ->required();
    addConfigOptions(*command, options->config);
    addManifestOptions(*command, options->manifest);
    addJobOptions(*command, options->job);
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

std::function<int()> addMergeCommand(CLI::App& app) {
    auto options = std::make_shared<MergeOptions>();
    CLI::App* command = app.add_subcommand(
        "merge", "Finish a sharded run: fold OUTPUT/shards/*.sqlite into the catalog, merge the "
                 "dataset statistics exactly, run the scale_axis dataset pass");
    command->add_option("OUTPUT", options->output, "The OUTPUT every shard wrote into")->required();
    addManifestOptions(*command, options->manifest);
    addJobOptions(*command, options->job);
    return [options] { return runMerge(*options); };
}

} // namespace cepstra::cli
