// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/RunPlan.h"

#include "core/features/FeatureOutputs.h"
#include "core/io/ContentHash.h"
#include "core/io/PathChecks.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// OUTPUT/<label>/... mirrors INPUT/<label>/...; top-level inputs go to OUTPUT/<input name>/.
std::string outputDirectoryFor(const DatasetFile& file) {
    const fs::path parent = fs::path(file.relativePath).parent_path();
    return parent.empty() ? file.label : parent.generic_string();
}

/// Whether the catalog's result for this input still stands if its content is unchanged:
/// same config, finished (done or failed), dataset statistics kept, outputs all present.
bool previousResultReusable(const PlannedClip& clip, const RunRequest& request,
                            const std::string& configHash,
                            const std::set<std::string>& withStatistics) {
    if (request.force || !clip.previous)
        return false;
    const CatalogFile& previous = *clip.previous;
    if (previous.configHash != configHash || previous.state == FileState::Pending)
        return false;
    if (previous.state == FileState::Done && request.config.scaleAxis == ScaleAxis::Dataset) {
        // The scaled files follow the dataset's fit, and the scaling pass writes any that are
        // missing (a shard's, or a run stopped in that pass): the raw ones and the clip's
        // statistics are what must stand.
        if (!withStatistics.contains(previous.path))
            return false;
        CatalogFile raw = previous;
        const std::string stem = fs::path(previous.path).stem().string();
        std::erase_if(raw.outputs, [&](const std::string& output) {
            return std::none_of(request.config.features.begin(), request.config.features.end(),
                                [&](Feature feature) {
                                    return fs::path(output).filename() ==
                                           outputFileName(stem,
                                                          outputSuffix(feature, std::nullopt,
                                                                       request.config.naming));
                                });
        });
        return outputsExist(raw, request.outputDirectory);
    }
    return outputsExist(previous, request.outputDirectory);
}

} // namespace

std::string outputKeyOf(const DatasetFile& file) {
    return outputDirectoryFor(file) + "/" + fs::path(file.relativePath).stem().string();
}

std::string outputKeyOf(const std::string& relativePath) {
    const fs::path path(relativePath);
    return path.parent_path().generic_string() + "/" + path.stem().string();
}

Status checkRunPaths(const fs::path& input, const fs::path& output) {
    std::error_code ec;
    if (!fs::is_directory(input, ec))
        return Error{ErrorKind::InvalidUsage,
                     "input folder " + input.string() + " does not exist or is not a folder"};
    const fs::path inputReal = fs::weakly_canonical(input, ec);
    const fs::path outputReal = fs::weakly_canonical(output, ec);
    if (isWithin(outputReal, inputReal))
        return Error{ErrorKind::InvalidUsage,
                     "output folder " + output.string() + " is " +
                         (outputReal == inputReal ? "the input folder"
                                                  : "inside the input folder " + input.string()) +
                         "; choose an output folder outside it, such as " +
                         defaultOutputFolder(inputReal).string()};
    return success();
}

std::filesystem::path defaultOutputFolder(const std::filesystem::path& input) {
    std::filesystem::path folder = input.lexically_normal();
    if (folder.filename().empty())
        folder = folder.parent_path(); // "genres/" -> "genres"
    return folder.parent_path() / (folder.filename().string() + "-features");
}

std::string configJsonOf(const FeatureConfig& config) {
    return toJson(config).dump();
}

std::string configHashOf(const FeatureConfig& config) {
    return hashBytes(configJsonOf(config));
}

bool outputsExist(const CatalogFile& file, const fs::path& outputRoot) {
    std::error_code ec;
    for (const auto& output : file.outputs) {
        const auto path = resolveOutput(outputRoot, output);
        if (!path || !fs::is_regular_file(*path, ec))
            return false;
    }
    return true;
}

std::optional<fs::path> resolveOutput(const fs::path& outputRoot, const std::string& relative) {
    const fs::path path = fs::path(relative).lexically_normal();
    if (path.empty() || path.is_absolute() || *path.begin() == "..")
        return std::nullopt;
    return outputRoot / path;
}

RunPlan planRun(const RunRequest& request, const DatasetListing& listing,
                const std::map<std::string, CatalogFile>& catalog,
                const std::set<std::string>& withStatistics, bool adoptExistingOutputs) {
    RunPlan plan;
    plan.configJson = configJsonOf(request.config);
    plan.configHash = configHashOf(request.config);

    // Every file a catalog row records is ours; anything else on disk is not.
    std::set<std::string> owned;
    for (const auto& [path, row] : catalog)
        owned.insert(row.outputs.begin(), row.outputs.end());
    std::map<std::string, std::string> producer; // output -> input claiming it in this run

    std::set<std::string> present;
    for (const DatasetFile& file : listing.files) {
        PlannedClip clip;
        clip.file = file;
        clip.outputDirectory = outputDirectoryFor(file);
        for (const auto& name :
             outputFileNames(fs::path(file.relativePath).stem().string(), request.config))
            clip.outputs.push_back(clip.outputDirectory + "/" + name);
        if (auto found = catalog.find(file.relativePath); found != catalog.end())
            clip.previous = found->second;
        present.insert(file.relativePath);

        clip.previousReusable =
            previousResultReusable(clip, request, plan.configHash, withStatistics);
        // Same size and modification time: trusted without reading the file. A file this
        // process may no longer read goes to a worker, which reports it and keeps its outputs.
        const bool sameStat = clip.previousReusable && clip.previous->sizeBytes == file.sizeBytes &&
                              clip.previous->mtimeNs == file.mtimeNs && file.readable;
        clip.action = sameStat ? ClipAction::Skip : ClipAction::Check;
        std::error_code ec;
        for (const auto& output : clip.outputs) {
            if (auto other = producer.find(output); other != producer.end()) {
                clip.action = ClipAction::Refuse;
                clip.refusal = "its output " + output + " is also produced by " + other->second +
                               "; rename one of the two inputs";
                break;
            }
            if (clip.action != ClipAction::Skip && !adoptExistingOutputs &&
                !owned.contains(output) && fs::exists(request.outputDirectory / output, ec)) {
                clip.action = ClipAction::Refuse;
                clip.refusal = "refusing to overwrite " +
                               (request.outputDirectory / output).string() +
                               ", which Cepstra did not write; move it away and re-run";
                break;
            }
        }
        if (clip.action != ClipAction::Refuse)
            for (const auto& output : clip.outputs)
                producer.emplace(output, file.relativePath);
        plan.clips.push_back(std::move(clip));
    }
    // Removed means: the folder holding it was listed in full and its name is absent.
    std::map<std::string, int> keptUnder; // unreachable entry -> catalog rows kept for it
    for (const auto& [path, row] : catalog) {
        if (present.contains(path))
            continue;
        if (!listing.mayHold(path)) {
            plan.removed.push_back(row);
            continue;
        }
        for (const ScanProblem& folder : listing.unlistedFolders)
            if (path.starts_with(folder.relativePath))
                ++keptUnder[folder.relativePath];
        ++keptUnder[path]; // counts only if `path` is itself an unusable entry
    }
    for (const auto& problems : {listing.unlistedFolders, listing.unusableFiles})
        for (ScanProblem problem : problems) {
            if (const int kept = keptUnder[problem.relativePath]; kept > 0)
                problem.reason +=
                    kept == 1 ? "; its earlier results are kept"
                              : "; its " + std::to_string(kept) + " earlier results are kept";
            plan.unreachable.push_back(std::move(problem));
        }
    std::sort(
        plan.unreachable.begin(), plan.unreachable.end(),
        [](const ScanProblem& a, const ScanProblem& b) { return a.relativePath < b.relativePath; });
    return plan;
}

} // namespace cepstra
