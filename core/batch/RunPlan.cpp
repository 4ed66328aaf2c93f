// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/RunPlan.h"

#include "core/batch/DatasetStatisticsFile.h"

#include "core/features/FeatureOutputs.h"
#include "core/io/ContentHash.h"
#include "core/io/PathChecks.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// The name of a file Cepstra keeps in OUTPUT's top folder, when `outputDirectory` would take
/// it (a label folder named cepstra-catalog.sqlite); empty otherwise.
std::string_view reservedNameAt(std::string_view outputDirectory) {
    const std::string_view top = outputDirectory.substr(0, outputDirectory.find('/'));
    static const std::string catalog = Catalog::kFileName;
    for (const std::string& reserved : {catalog, catalog + "-wal", catalog + "-shm",
                                        catalog + ".lock", std::string(kDatasetStatisticsFileName)})
        if (top == reserved || (top.starts_with(catalog + ".damaged")))
            return top;
    return {};
}

/// Whether the catalog's result for this input still stands if its content is unchanged:
/// same config, finished (done or failed), dataset statistics kept, outputs all present.
bool previousResultReusable(const PlannedClip& clip, const RunRequest& request,
                            const std::string& configHash, bool hasStatistics) {
    if (request.force || !clip.previous)
        return false;
    const CatalogFile& previous = *clip.previous;
    if (previous.configHash != configHash || previous.state == FileState::Pending)
        return false;
    if (previous.state == FileState::Done && request.config.scaleAxis == ScaleAxis::Dataset) {
        // The scaled files follow the dataset's fit, and the scaling pass writes any that are
        // missing (a shard's, or a run stopped in that pass): the raw ones and the clip's
        // statistics are what must stand.
        if (!hasStatistics)
            return false;
        CatalogFile raw = previous;
        raw.outputs.clear();
        for (const ClipArray& array : clip.outputs.arrays())
            if (array.raw())
                raw.outputs.push_back(array.relativePath);
        return outputsExist(raw, request.outputDirectory);
    }
    return outputsExist(previous, request.outputDirectory);
}

} // namespace

Status checkRunPaths(const fs::path& input, const fs::path& output) {
    if (input.empty() || output.empty())
        return Error{ErrorKind::InvalidUsage, std::string(input.empty() ? "INPUT" : "OUTPUT") +
                                                  " is empty; give the path of a folder"};
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
    // OUTPUT/<INPUT's name>/ holds the outputs of INPUT's top-level clips: with OUTPUT above
    // INPUT, features would land among the clips.
    if (isWithin(inputReal, outputReal))
        return Error{ErrorKind::InvalidUsage,
                     "output folder " + output.string() + " contains the input folder " +
                         input.string() +
                         ", so features would be written among the clips; choose an output "
                         "folder outside it, such as " +
                         defaultOutputFolder(inputReal).string()};
    return success();
}

Status checkRecordedInput(const fs::path& recordedInput, const fs::path& input,
                          const fs::path& output, bool startOver) {
    std::error_code ec;
    const fs::path recorded = fs::weakly_canonical(recordedInput, ec);
    const fs::path current = fs::weakly_canonical(input, ec);
    if (startOver || recordedInput.empty() || recorded == current)
        return success();
    // A folder beside INPUT, unless that lies inside the other dataset (INPUT is part of it).
    fs::path suggestion = defaultOutputFolder(current);
    if (isWithin(suggestion, recorded))
        suggestion = recorded.parent_path() / (recorded.filename().string() + "-" +
                                               current.filename().string() + "-features");
    return Error{ErrorKind::InvalidUsage,
                 "output folder " + output.string() + " holds the features of " +
                     recordedInput.string() + ", not of " + input.string() +
                     "; running this input into it would delete them. Choose another output "
                     "folder, such as " +
                     suggestion.string() +
                     ", or add --start-over to delete those features and start over"};
}

std::optional<fs::path> recordedInputOf(const fs::path& output) {
    std::error_code ec;
    if (!fs::is_regular_file(output / Catalog::kFileName, ec))
        return std::nullopt;
    auto catalog = Catalog::openReadOnly(output);
    if (!catalog)
        return std::nullopt;
    auto run = (*catalog)->latestRun();
    if (!run || !*run)
        return std::nullopt;
    return fs::path((*run)->inputDirectory);
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

PlannedClip plannedClipOf(DatasetFile file, std::string_view topFolder,
                          const FeatureConfig& config) {
    PlannedClip clip;
    clip.outputs = ClipOutputs(file.relativePath, topFolder, config);
    clip.file = std::move(file);
    return clip;
}

Result<std::vector<PlannedClip>> planClips(const RunRequest& request, const std::string& configHash,
                                           std::vector<Catalog::WalkedFile>&& walked,
                                           const fs::path& inputRoot, PlanLedger& ledger,
                                           bool adoptExistingOutputs) {
    const int features = int(request.config.features.size());
    const std::string topFolder = topLevelLabel(inputRoot);
    std::vector<PlannedClip> clips;
    clips.reserve(walked.size());
    for (Catalog::WalkedFile& entry : walked) {
        entry.file.absolutePath = inputRoot / entry.file.relativePath;
        PlannedClip clip = plannedClipOf(std::move(entry.file), topFolder, request.config);
        const DatasetFile& file = clip.file;
        clip.previous = std::move(entry.previous);
        clip.previousReusable =
            previousResultReusable(clip, request, configHash, entry.statistics == features);
        // Same size and modification time: trusted without reading the file. A file this
        // process may no longer read goes to a worker, which reports it and keeps its outputs.
        const bool sameStat = clip.previousReusable && clip.previous->sizeBytes == file.sizeBytes &&
                              clip.previous->mtimeNs == file.mtimeNs && file.readable;
        clip.action = sameStat ? ClipAction::Skip : ClipAction::Check;
        if (const std::string_view taken = reservedNameAt(clip.outputs.directory());
            !taken.empty()) {
            clip.action = ClipAction::Refuse;
            clip.refusal = "its output folder would be OUTPUT/" + std::string(taken) +
                           ", the name of a file Cepstra keeps there; rename its folder";
        }
        // Every output of a clip shares its key (folder and stem), so inputs collide by key.
        const std::string key = clip.outputs.key();
        if (const auto keeper = ledger.keeperInsteadOf(file.relativePath)) {
            clip.action = ClipAction::Refuse;
            clip.outputsClaimedElsewhere = true;
            clip.refusal = "its output " + clip.outputs.arrays().front().relativePath +
                           " is also produced by " + *keeper + "; rename one of the two inputs";
        }
        std::error_code ec;
        for (const std::string& output : clip.outputs.relativePaths()) {
            // symlink_status: a dangling link at the name is someone's entry too.
            if (clip.action != ClipAction::Check || adoptExistingOutputs ||
                !fs::exists(fs::symlink_status(request.outputDirectory / output, ec)))
                continue;
            // Every file a catalog row records is ours; anything else on disk is not.
            bool owned = clip.previous &&
                         std::find(clip.previous->outputs.begin(), clip.previous->outputs.end(),
                                   output) != clip.previous->outputs.end();
            if (!owned) {
                auto recorded = ledger.recordsOutput(key, output);
                if (!recorded)
                    return recorded.error();
                owned = *recorded;
            }
            if (!owned) {
                clip.action = ClipAction::Refuse;
                clip.refusal = "refusing to overwrite " +
                               (request.outputDirectory / output).string() +
                               ", which Cepstra did not write; move it away and re-run";
            }
        }
        clips.push_back(std::move(clip));
    }
    return clips;
}

} // namespace cepstra
