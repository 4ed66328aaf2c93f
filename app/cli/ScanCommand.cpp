// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/audio/AudioFile.h"
#include "core/dataset/DatasetScanner.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

namespace cepstra::cli {
namespace {

struct ScanOptions {
    std::string input;
    std::string format = "text";
    ManifestOptions manifest;
};

/// Exit 1 when something cannot be read, as run and check would fail it; 1 too when standard
/// output cannot be written.
int finish(bool everythingReadable) {
    if (const int code = flushStandardOutput("the scan"); code != kExitOk)
        return code;
    return everythingReadable ? kExitOk : kExitProcessingFailed;
}

struct LabelTotals {
    int files = 0;
    double seconds = 0.0;
};

int runScan(const ScanOptions& options) {
    const auto listing = scanDataset(options.input, options.manifest.request());
    if (!listing) {
        printError(listing.error().message);
        return kExitUsage;
    }
    std::map<std::string, LabelTotals> labels;
    std::map<std::string, int> formats;
    std::map<int, int> rates;
    // What run and check would report too: folders that cannot be listed, unusable entries
    // (FIFOs, devices, broken links, link loops), then files that do not decode.
    std::vector<std::pair<std::string, std::string>> unreadable;
    for (const auto& problems : {listing->unlistedFolders, listing->unusableFiles})
        for (const ScanProblem& problem : problems)
            unreadable.emplace_back(problem.relativePath, problem.reason);
    std::vector<std::string> estimated; // MP3s whose length is libsndfile's bitrate estimate
    double totalSeconds = 0.0;
    for (const auto& file : listing->files) {
        const auto info = readAudioInfo(file.absolutePath);
        if (!info) {
            unreadable.emplace_back(file.relativePath, info.error().message);
            continue;
        }
        if (!info->framesExact)
            estimated.push_back(file.relativePath);
        labels[file.label].files += 1;
        labels[file.label].seconds += info->durationSeconds();
        totalSeconds += info->durationSeconds();
        formats[info->format] += 1;
        rates[info->sampleRateHz] += 1;
    }

    if (options.format == "json") {
        nlohmann::json document = {{"input", options.input},
                                   {"files", listing->files.size()},
                                   {"total_seconds", totalSeconds},
                                   {"ignored_files", listing->ignoredFiles}};
        document["labels_from"] =
            listing->manifest ? listing->manifest->description() : kLabelsFromFolders;
        if (listing->manifest) {
            const ManifestReport report = listing->manifest->report();
            document["manifest"] = {{"missing_files", report.missingFiles.size()},
                                    {"unnamed_files", report.unnamedFiles.size()},
                                    {"duplicate_rows", report.duplicateRows.size()},
                                    {"unlabelled_rows", report.unlabelledRows.size()}};
        }
        for (const auto& [label, totals] : labels)
            document["labels"][label] = {{"files", totals.files}, {"seconds", totals.seconds}};
        document["formats"] = formats;
        for (const auto& [rate, count] : rates)
            document["sample_rates"][std::to_string(rate)] = count;
        document["estimated_durations"] = estimated;
        document["unreadable"] = nlohmann::json::array();
        for (const auto& [path, error] : unreadable)
            document["unreadable"].push_back({{"path", path}, {"error", error}});
        std::cout << dumpJson(document, 2) << "\n";
        return finish(unreadable.empty());
    }
    std::cout << displayText(listing->manifest ? listing->manifest->description()
                                               : kLabelsFromFolders)
              << "\n";
    std::cout << options.input << ": " << labels.size() << " labels, " << listing->files.size()
              << " audio files, " << formatDuration(totalSeconds) << " in total\n";
    for (const auto& [label, totals] : labels)
        std::printf("  %-24s %6d files  %s\n", label.c_str(), totals.files,
                    formatDuration(totals.seconds).c_str());
    std::cout << "Formats:";
    for (const auto& [format, count] : formats)
        std::cout << "  " << format << " (" << count << ")";
    std::cout << "\nSample rates:";
    for (const auto& [rate, count] : rates)
        std::cout << "  " << rate << " Hz (" << count << ")";
    std::cout << "\n";
    if (!estimated.empty())
        std::cout << estimated.size()
                  << " MP3 files have no length tag, so their durations above are estimates from "
                     "the bitrate; `run` records the decoded length in the catalog.\n";
    if (!unreadable.empty()) {
        std::cout << "Cannot be read (" << unreadable.size() << "):\n";
        for (const auto& [path, error] : unreadable)
            std::cout << "  " << displayText(path) << ": " << displayText(error) << "\n";
    }
    if (!listing->ignoredFiles.empty())
        std::cout << "Ignored " << listing->ignoredFiles.size() << " non-audio files.\n";
    return finish(unreadable.empty());
}

} // namespace

std::function<int()> addScanCommand(CLI::App& app) {
    auto options = std::make_shared<ScanOptions>();
    CLI::App* command = app.add_subcommand("scan", "Summarise a dataset folder (labels, durations, "
                                                   "formats, unreadable files) without writing");
    command->add_option("INPUT", options->input, "Dataset folder")->required();
    command->add_option("--format", options->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    addManifestOptions(*command, options->manifest);
    return [options] { return runScan(*options); };
}

} // namespace cepstra::cli
