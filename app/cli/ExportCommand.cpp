// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/ExportReport.h"
#include "app/cli/SettingOptions.h"
#include "core/export/ExportWriter.h"

#include <algorithm>
#include <map>
#include <memory>

namespace cepstra::cli {
namespace {

struct ExportArguments {
    std::string features;
    std::string destination;
    JobOptions job;
    std::unique_ptr<SettingOptions> options; ///< every export option, from its declaration
};

int runExport(const ExportArguments& arguments) {
    ExportOptions options{.destination = arguments.destination};
    if (auto applied = arguments.options->applyTo(options, exportOptionTable()); !applied) {
        printError(applied.error().message);
        return kExitUsage;
    }
    const auto plan = planExport(arguments.features, options);
    if (!plan) {
        printError(plan.error().message);
        return exitCodeOf(outcomeOf(plan.error()));
    }
    // Before anything is printed, so a signal sent on seeing the plan is a stop, not a kill.
    const CancelToken& interrupt = stopOnInterrupt();
    const ProgressStyle style = arguments.job.style();
    reportPlan(*plan, style);
    const auto renderer = makeProgressRenderer(style);
    const auto summary = writeExport(*plan, *renderer, interrupt);
    if (!summary) {
        printError(summary.error().message);
        return exitCodeOf(outcomeOf(summary.error()));
    }
    reportSummary(*plan, *summary, style);
    // A damaged or missing array is a clip that could not be processed, as in `run`.
    const bool damaged =
        std::any_of(summary->excluded.begin(), summary->excluded.end(),
                    [](auto& c) { return c.reason == ExclusionReason::MissingArray; });
    if (const int code = flushStandardOutput("the export's summary"); code != kExitOk)
        return code;
    return exitCodeOf(damaged ? JobOutcome::SomeItemsFailed : JobOutcome::Succeeded);
}

} // namespace

std::function<int()> addExportCommand(CLI::App& app) {
    auto arguments = std::make_shared<ExportArguments>();
    ExportArguments& a = *arguments;
    CLI::App* command = app.add_subcommand(
        "export", "Write a run's features as one training-ready HDF5 (.h5) or NumPy (.npz) file: "
                  "fixed-length examples, labels, leak-free splits");
    command->add_option("FEATURES", a.features, "The OUTPUT folder of a cepstra-cli run")
        ->required();
    command->add_option("DEST", a.destination, "The file to write: .h5/.hdf5 (HDF5) or .npz")
        ->required();
    a.options = std::make_unique<SettingOptions>(*command, declarationsOf(exportOptionTable()),
                                                 toJson(ExportOptions{}));
    addJobOptions(*command, a.job, false);
    command->footer("Exit codes: 0 written; 1 written, but the arrays of some clips are missing or "
                    "damaged (each listed), or the write itself failed (a full disk, a file size "
                    "limit; nothing written); 2 bad usage, nothing written; 130 interrupted.");
    return [arguments] { return runExport(*arguments); };
}

} // namespace cepstra::cli
