// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportPlan.h"

#include "core/export/ExportChecks.h"
#include "core/export/ExportPartition.h"

#include "core/Version.h"
#include "core/dataset/Catalog.h"
#include "core/dataset/Manifest.h"
#include "core/export/ExportSplits.h"
#include "core/features/ClipOutputs.h"
#include "core/io/Npy.h"
#include "core/io/PathChecks.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

template <typename T> std::string joined(const std::vector<T>& items) {
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + std::string(toString(item));
    return text.empty() ? "none" : text;
}

/// Options with every default filled in, so the writers read values, not rules.
ExportOptions withDefaults(ExportOptions options, const FeatureConfig& config) {
    if (options.features.empty())
        options.features = config.features;
    if (options.frames) {
        options.fit = options.fit.value_or(FrameFit::Pad);
        options.align = options.align.value_or(FrameAlign::Start);
        if (*options.fit == FrameFit::Segment)
            options.segmentHop = options.segmentHop.value_or(*options.frames);
    }
    return options;
}

Status resolveFeatures(ExportPlan& plan, const FeatureConfig& config) {
    const std::optional<Scaler> scaler = plan.options.scaler;
    if (scaler &&
        std::find(config.scalers.begin(), config.scalers.end(), *scaler) == config.scalers.end())
        return usage("--scaler " + std::string(toString(*scaler)) +
                     ": the run wrote no such scaled arrays (its scalers: " +
                     joined(config.scalers) + "); choose none or one of those");
    for (Feature feature : plan.options.features) {
        if (std::find(config.features.begin(), config.features.end(), feature) ==
            config.features.end())
            return usage("--features " + std::string(toString(feature)) +
                         ": the run wrote no such arrays (it wrote " + joined(config.features) +
                         "); choose among those");
        plan.features.push_back(
            ExportFeature{.feature = feature,
                          .name = std::string(toString(feature)),
                          .bands = ClipOutputs::rowsOf(feature, config),
                          .padsWithClipMinimum = !scaler && ClipOutputs::inDecibels(feature)});
    }
    return success();
}

std::vector<long long> exampleStarts(long long frames, const ExportOptions& options) {
    if (!options.frames)
        return {0};
    const long long length = *options.frames;
    if (*options.fit == FrameFit::Segment) {
        std::vector<long long> starts;
        for (long long start = 0; start + length <= frames; start += *options.segmentHop)
            starts.push_back(start);
        return starts;
    }
    if (*options.fit == FrameFit::Crop && frames < length)
        return {};
    // Centred: (F - N) / 2 rounded toward zero, negative when the padding comes first.
    return {*options.align == FrameAlign::Center ? (frames - length) / 2 : 0};
}

/// Finds and checks (by header) each array of a clip the run finished.
Result<ExportClip> locateArrays(const ExportPlan& plan, const CatalogFile& file,
                                std::string_view topFolder, const FeatureConfig& config) {
    ExportClip clip{.path = file.path};
    const ClipOutputs outputs(file.path, topFolder, config);
    for (const ExportFeature& feature : plan.features) {
        const ClipArray* array = outputs.find(feature.feature, plan.options.scaler);
        const bool recorded = array && std::find(file.outputs.begin(), file.outputs.end(),
                                                 array->relativePath) != file.outputs.end();
        const auto path =
            recorded ? resolveOutput(plan.featuresFolder, array->relativePath) : std::nullopt;
        if (!path)
            return usage("the catalog records no " +
                         (array ? array->relativePath : std::string(toString(feature.feature))));
        std::error_code ec;
        if (!fs::is_regular_file(*path, ec)) // a FIFO would block the export forever
            return usage(path->string() + " is missing or not a regular file");
        auto header = readNpyHeader(*path);
        if (!header)
            return usage(header.error().message);
        if (header->descr != "<f4" || header->shape.size() != 2 ||
            header->shape[0] != feature.bands ||
            (!clip.arrays.empty() && header->shape[1] != clip.frames))
            return usage(path->string() + " is not the (" + std::to_string(feature.bands) +
                         ", frames) float32 array the run's config makes");
        const auto dataBytes = std::uintmax_t(header->shape[0] * header->shape[1]) * 4;
        if (fs::file_size(*path, ec) < header->dataOffset + dataBytes)
            return usage(path->string() + " is cut short: its header promises " +
                         std::to_string(dataBytes) + " bytes of data");
        clip.frames = header->shape[1];
        clip.arrays.push_back(*path);
        clip.dataOffsets.push_back(header->dataOffset);
    }
    return clip;
}

/// Every clip that can be exported, with its facts; the rest go to plan.excluded.
void collectClips(ExportPlan& plan, const std::map<std::string, CatalogFile>& files,
                  const RunRecord& run, const FeatureConfig& config,
                  const std::set<std::string>& excludedKeys, std::vector<ClipFacts>& facts) {
    // Clips at INPUT's top level have their outputs in OUTPUT/<INPUT's name>/.
    const std::string topFolder = topLevelLabel(run.inputDirectory);
    for (const auto& [pathBinding, file] : files) {
        const std::string& path =
            pathBinding; // a lambda cannot capture a structured binding in C++20
        const auto exclude = [&](ExclusionReason reason, std::string detail) {
            plan.excluded.push_back({.path = path, .reason = reason, .detail = std::move(detail)});
        };
        if (excludedKeys.count(listKey(path))) {
            exclude(ExclusionReason::ExcludeListed, "");
            continue;
        }
        if (file.state == FileState::Failed || file.state == FileState::Unavailable) {
            exclude(ExclusionReason::FailedInRun, file.error);
            continue;
        }
        if (file.state == FileState::Pending) {
            exclude(ExclusionReason::Unfinished, "");
            continue;
        }
        if (file.configHash != run.configHash) {
            exclude(ExclusionReason::StaleConfig, "");
            continue;
        }
        auto clip = locateArrays(plan, file, topFolder, config);
        if (!clip) {
            exclude(ExclusionReason::MissingArray, clip.error().message);
            continue;
        }
        clip->starts = exampleStarts(clip->frames, plan.options);
        if (clip->starts.empty()) {
            exclude(ExclusionReason::TooShort, std::to_string(clip->frames) + " frames");
            continue;
        }
        plan.clips.push_back(std::move(clip).value());
        facts.push_back(file);
    }
}

void countAndEstimate(ExportPlan& plan, const std::vector<int>& splitOfClip) {
    const std::uint64_t itemBytes = plan.options.dtype == ExportDtype::Float16 ? 2 : 4;
    std::uint64_t bytes = 16384; // superblock or zip directory, root attributes, label names
    for (auto& split : plan.splits) {
        split.clipsPerLabel.assign(plan.labelNames.size(), 0);
        split.examplesPerLabel.assign(plan.labelNames.size(), 0);
    }
    for (std::size_t i = 0; i < plan.clips.size(); ++i) {
        const ExportClip& clip = plan.clips[i];
        ExportSplit& split = plan.splits[std::size_t(splitOfClip[i])];
        const auto examples = static_cast<long long>(clip.starts.size());
        split.clips.push_back(int(i));
        split.examples += examples;
        split.totalFrames += clip.frames;
        ++split.clipsPerLabel[std::size_t(clip.labelIndex)];
        split.examplesPerLabel[std::size_t(clip.labelIndex)] += examples;
        bytes += std::uint64_t(examples) * (12 + 4 * (clip.path.size() + clip.group.size()) +
                                            64); // label, fold, start, path, group
    }
    for (const auto& split : plan.splits)
        for (std::size_t f = 0; f < plan.features.size(); ++f) {
            std::uint64_t elements = 1;
            for (long long dimension : plan.shapeOf(split, f))
                elements *= std::uint64_t(dimension);
            bytes += elements * itemBytes + 4096;
        }
    plan.estimatedBytes = bytes;
}

} // namespace

std::string_view toString(ExclusionReason reason) {
    switch (reason) {
    case ExclusionReason::FailedInRun:
        return "failed in the run";
    case ExclusionReason::Unfinished:
        return "not finished by the run (run it again to complete it)";
    case ExclusionReason::StaleConfig:
        return "computed with an earlier config (run again to bring it up to date)";
    case ExclusionReason::MissingArray:
        return "an array to export is missing or damaged";
    case ExclusionReason::TooShort:
        return "shorter than --frames";
    case ExclusionReason::NotInSplitList:
        return "not in any split list";
    case ExclusionReason::ExcludeListed:
        return "in the exclude list";
    case ExclusionReason::Unlabelled:
        return "has no label in the manifest";
    case ExclusionReason::NoFold:
        return "has no fold in the manifest";
    case ExclusionReason::NoManifestSplit:
        return "has no train, valid or test split in the manifest";
    }
    return "left out";
}

std::vector<long long> ExportPlan::shapeOf(const ExportSplit& split, std::size_t feature) const {
    if (ragged())
        return {features[feature].bands, split.totalFrames};
    return {split.examples, features[feature].bands, *options.frames};
}

Result<ExportPlan> planExport(const fs::path& featuresFolder, const ExportOptions& options) {
    if (auto status = validateExportOptions(options); !status)
        return status.error();
    if (auto status = checkDestination(options.destination, options.overwrite); !status)
        return status.error();
    auto catalog = Catalog::openReadOnly(featuresFolder);
    if (!catalog)
        return catalog.error();
    auto run = (*catalog)->latestRun();
    if (!run)
        return run.error();
    if (!*run)
        return usage(featuresFolder.string() + " records no run; run cepstra-cli run first");
    const RunRecord& record = **run;
    FeatureConfig config;
    if (auto status = applyConfigText(config, record.configJson); !status)
        return Error{ErrorKind::Malformed,
                     "the catalog's run config cannot be read: " + status.error().message};
    if (options.scaler && config.scaleAxis == ScaleAxis::Dataset) {
        auto finished = (*catalog)->datasetScalingFinished();
        if (!finished)
            return finished.error();
        if (!*finished)
            return usage("the run in " + featuresFolder.string() +
                         " stopped before its dataset scaling pass finished, so its scaled arrays "
                         "do not all carry one fit; run again to finish it, then export (or "
                         "export the raw arrays with --scaler none)");
    }
    auto files = (*catalog)->loadFiles();
    if (!files)
        return files.error();

    ExportPlan plan{.featuresFolder = featuresFolder,
                    .options = withDefaults(options, config),
                    .format = *exportFormatFor(options.destination),
                    .configJson = record.configJson,
                    .cepstraVersion = kVersion};
    if (auto status = resolveFeatures(plan, config); !status)
        return status.error();
    std::set<std::string> known;
    for (const auto& entry : *files)
        known.insert(listKey(entry.first));
    std::set<std::string> excludedKeys;
    if (!plan.options.excludeList.empty()) {
        auto listed = readExcludeList(plan.options.excludeList);
        if (!listed)
            return listed.error();
        const std::string listName = plan.options.excludeList.filename().string();
        for (auto& [key, line] : *listed) {
            if (!known.contains(key))
                plan.unknownListNames.push_back({.list = listName, .name = line});
            excludedKeys.insert(key);
        }
    }
    for (const std::string& path : plan.options.excludedClips)
        excludedKeys.insert(listKey(path));
    if (auto labelsFrom = (*catalog)->metaValue(Catalog::kLabelsFromKey); labelsFrom)
        plan.labelsFrom = labelsFrom->value_or(kLabelsFromFolders);
    if (auto stamp = (*catalog)->metaValue(Catalog::kManifestStampKey); stamp && *stamp) {
        const std::string& text = **stamp;
        const auto newline = text.find('\n');
        if (newline != std::string::npos &&
            Manifest::stampOf(text.substr(0, newline)) != text.substr(newline + 1))
            plan.warnings.push_back(text.substr(0, newline) +
                                    " changed since the last run: this export has the labels, "
                                    "folds and groups that run read; run again to take the new "
                                    "ones (no feature is recomputed)");
    }
    auto kept = (*catalog)->duplicateFamilies();
    if (!kept)
        return kept.error();
    auto families = duplicateFamiliesFor(plan.options, *kept);
    if (!families)
        return families.error();
    std::vector<ClipFacts> facts;
    collectClips(plan, *files, record, config, excludedKeys, facts);
    auto splitOfClip = partitionClips(plan, facts, known, *families);
    if (!splitOfClip)
        return splitOfClip.error();
    std::sort(plan.excluded.begin(), plan.excluded.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    if (auto status = refuseEmptyExport(plan, *splitOfClip); !status)
        return status.error();
    if (auto status = checkExampleSize(plan); !status)
        return status.error();
    countAndEstimate(plan, *splitOfClip);
    if (auto status = checkFreeSpace(plan); !status)
        return status.error();
    return plan;
}

} // namespace cepstra
