// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/ProgressReporters.h"
#include "core/batch/BatchRunner.h"

#include <memory>

namespace cepstra::cli {
namespace {

struct RunOptions {
    std::string input;
    std::string output;
    ConfigOptions config;
    int jobs = 0;
    std::string progress;
    bool force = false;
};

int runRun(const RunOptions& options) {
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;
    const ProgressStyle style = progressStyle(options.progress);
    const auto reporter = makeProgressReporter(style);
    const CancelToken& interrupt = stopOnInterrupt();

    const RunRequest request{options.input, options.output, *config, options.jobs, options.force};
    const auto summary = runDataset(request, *reporter, interrupt);
    if (!summary) {
        printError(summary.error().message);
        const ErrorKind kind = summary.error().kind;
        return exitCodeFor(kind);
    }
    printSummary(*summary, style, options.output);
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
    return [options] { return runRun(*options); };
}

} // namespace cepstra::cli
