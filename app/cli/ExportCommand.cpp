// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/ExportReport.h"
#include "core/export/ExportWriter.h"

#include <algorithm>
#include <map>
#include <memory>

namespace cepstra::cli {
namespace {

struct ExportArguments {
    std::string features;
    std::string destination;
    std::string featureList;
    std::string scaler = "none";
    int frames = 0;
    std::string fit;
    std::string align;
    int segmentHop = 0;
    float padValue = 0.0f;
    std::string split;
    std::string splitLists;
    std::string excludeList;
    std::string seed;
    std::string dtype = "float32";
    std::string compression = "none";
    std::string progress;
    /// The options given, to tell "--frames 0" from no --frames.
    std::map<std::string, const CLI::Option*> given;
    bool has(const std::string& name) const { return given.at(name)->count() > 0; }
};

/// Turns the command line into the core's options; the core checks the combinations.
Result<ExportOptions> exportOptionsOf(const ExportArguments& arguments) {
    ExportOptions options{.destination = arguments.destination,
                          .dtype = *parseExportDtype(arguments.dtype),
                          .compression = *parseExportCompression(arguments.compression)};
    if (arguments.has("--features")) {
        auto features = parseFeatureList(arguments.featureList);
        if (!features)
            return features.error();
        options.features = std::move(features).value();
    }
    auto scaler = parseScalerName(arguments.scaler);
    if (!scaler)
        return scaler.error();
    options.scaler = *scaler;
    if (arguments.has("--seed")) {
        auto seed = parseSeed(arguments.seed);
        if (!seed)
            return seed.error();
        options.seed = *seed;
    }
    if (arguments.has("--frames"))
        options.frames = arguments.frames;
    if (arguments.has("--fit"))
        options.fit = parseFrameFit(arguments.fit);
    if (arguments.has("--align"))
        options.align = parseFrameAlign(arguments.align);
    if (arguments.has("--segment-hop"))
        options.segmentHop = arguments.segmentHop;
    if (arguments.has("--pad-value"))
        options.padValue = arguments.padValue;
    if (arguments.has("--split")) {
        auto split = parseSplitSpec(arguments.split);
        if (!split)
            return split.error();
        options.split = std::move(split).value();
    }
    for (const char* name : {"--split-lists", "--exclude-list"})
        if (arguments.has(name) && arguments.given.at(name)->as<std::string>().empty())
            return Error{ErrorKind::InvalidUsage,
                         std::string(name) + " is empty; give the path it asks for"};
    options.splitLists = arguments.splitLists;
    options.excludeList = arguments.excludeList;
    return options;
}

int runExport(const ExportArguments& arguments) {
    auto options = exportOptionsOf(arguments);
    if (!options) {
        printError(options.error().message);
        return kExitUsage;
    }
    const auto plan = planExport(arguments.features, *options);
    if (!plan) {
        printError(plan.error().message);
        return exitCodeFor(plan.error().kind);
    }
    // Before anything is printed, so a signal sent on seeing the plan is a stop, not a kill.
    const CancelToken& interrupt = stopOnInterrupt();
    const ProgressStyle style = progressStyle(arguments.progress);
    reportPlan(*plan, style);
    const auto summary = writeExport(*plan, makeExportProgress(style), interrupt);
    if (!summary) {
        finishProgress(style);
        printError(summary.error().message);
        return exitCodeFor(summary.error().kind);
    }
    reportSummary(*plan, *summary, style);
    // A damaged or missing array is a file that could not be processed, as in `run`.
    const bool damaged =
        std::any_of(summary->excluded.begin(), summary->excluded.end(),
                    [](auto& c) { return c.reason == ExclusionReason::MissingArray; });
    return damaged ? kExitProcessingFailed : kExitOk;
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
    const auto add = [&](const std::string& name, auto& value, const std::string& help) {
        CLI::Option* option = command->add_option(name, value, help);
        a.given[name] = option;
        return option;
    };
    add("--features", a.featureList, "Comma-separated (default: every feature the run wrote)");
    add("--scaler", a.scaler, "none (default: the raw arrays), standard or minmax");
    add("--frames", a.frames, "Example length in frames (default: whole clips, ragged)");
    add("--fit", a.fit, "pad (default), crop or segment")
        ->check(CLI::IsMember({"pad", "crop", "segment"}));
    add("--align", a.align, "start (default) or center, for pad and crop")
        ->check(CLI::IsMember({"start", "center"}));
    add("--segment-hop", a.segmentHop, "Frames between segment starts (default: --frames)");
    add("--pad-value", a.padValue,
        "Padding value (default: 0, or each clip's minimum for raw logmel and mfcc)");
    add("--split", a.split, "Stratified split by clip, e.g. train=0.8,valid=0.1,test=0.1");
    add("--split-lists", a.splitLists, "Folder of train.txt, valid.txt, test.txt");
    add("--exclude-list", a.excludeList,
        "File of clips to leave out, one a line (cepstra-cli check --flagged-list writes one)");
    add("--seed", a.seed, "Seed of the stratified split (default 0)");
    add("--dtype", a.dtype, "float32 (default) or float16")
        ->check(CLI::IsMember({"float32", "float16"}));
    add("--compression", a.compression, "none (default) or gzip")
        ->check(CLI::IsMember({"none", "gzip"}));
    add("--progress", a.progress, "bar (default on a terminal), json lines, or none")
        ->check(CLI::IsMember({"bar", "json", "none"}));
    command->footer("Exit codes: 0 written; 1 written, but the arrays of some clips are missing or "
                    "damaged (each listed), or the write itself failed (a full disk, a file size "
                    "limit; nothing written); 2 bad usage, nothing written; 130 interrupted.");
    return [arguments] { return runExport(*arguments); };
}

} // namespace cepstra::cli
