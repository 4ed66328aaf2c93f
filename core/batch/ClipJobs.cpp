// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/ClipJobs.h"

#include "core/io/AtomicFile.h"
#include "core/io/InputFile.h"
#include "core/io/Npy.h"
#include "core/scaling/Scaling.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

ClipOutcome failure(const Error& error, const std::string& contentHash = {}) {
    ClipOutcome outcome;
    outcome.contentHash = contentHash;
    outcome.kind = error.kind == ErrorKind::Cancelled ? ClipOutcome::Kind::Cancelled
                                                      : ClipOutcome::Kind::Failed;
    outcome.errorKind = error.kind;
    outcome.error = error.message;
    return outcome;
}

Error tooLarge(std::uint64_t needed, std::uint64_t available) {
    const auto gigabytes = [](std::uint64_t bytes) {
        char text[32];
        std::snprintf(text, sizeof(text), "%.1f GB", double(bytes) / 1e9);
        return std::string(text);
    };
    return {ErrorKind::TooLarge, "computing its features needs about " + gigabytes(needed) +
                                     " of memory, more than the " + gigabytes(available) +
                                     " free here; split it into shorter files, or free memory"};
}

Result<std::vector<std::string>> writeClipOutputs(const PlannedClip& clip,
                                                  const ClipJobContext& context,
                                                  const std::vector<NamedOutput>& outputs) {
    const fs::path directory = context.outputRoot / clip.outputs.directory();
    std::error_code ec;
    fs::create_directories(directory, ec);
    // A full disk stops the run; anything else is this clip's folder's problem (its name, its
    // permissions, a file in its way), and the batch goes on.
    if (ec && ec != std::errc::no_space_on_device && ec != std::errc::io_error) {
        const Error failure = writeFailure(directory, ec.value());
        return Error{ErrorKind::InvalidUsage, failure.message};
    }
    if (ec)
        return Error{ErrorKind::OutputFailed,
                     "cannot create " + directory.string() + ": " + ec.message()};
    return writeOutputs(context.outputRoot, clip.outputs, outputs, &context.cancel);
}

/// A clip refused for an output collision is still decoded, so that a file that is broken
/// anyway says so instead of hiding behind the collision.
ClipOutcome probeRefusedClip(const PlannedClip& clip, const ClipJobContext& context) {
    auto audio =
        loadAudio(clip.file.absolutePath, context.extractor.config().sampleRateHz, &context.cancel);
    if (!audio)
        return failure(audio.error());
    return failure({ErrorKind::InvalidUsage, clip.refusal});
}

ClipOutcome processClipUnguarded(const PlannedClip& clip, const ClipJobContext& context) {
    if (clip.action == ClipAction::Refuse)
        return probeRefusedClip(clip, context);
    // One open file serves the content hash and the decoder.
    auto file = InputFile::open(clip.file.absolutePath);
    if (!file)
        return failure(file.error());
    auto contentHash = file->contentHash(&context.cancel);
    if (!contentHash)
        return failure(contentHash.error());
    const std::string& hash = *contentHash;
    if (clip.previousReusable && clip.previous->contentHash == hash) {
        ClipOutcome outcome;
        outcome.kind = ClipOutcome::Kind::Unchanged;
        outcome.contentHash = hash;
        return outcome;
    }
    auto native = readAudioInfo(*file);
    if (!native)
        return failure(native.error(), hash);
    const std::uint64_t needed = context.extractor.peakMemoryBytes(*native);
    if (!context.memory.canEverFit(needed))
        return failure(tooLarge(needed, context.memory.totalBytes()), hash);
    const auto reserved = context.memory.reserve(needed, context.cancel);
    if (context.cancel.stopRequested())
        return failure({ErrorKind::Cancelled, "cancelled"});
    auto features = context.extractor.extractOpened(*file, &context.cancel);
    if (!features)
        return failure(features.error(), hash);

    const FeatureConfig& config = context.extractor.config();
    ClipOutcome outcome;
    std::vector<NamedOutput> outputs;
    if (config.scaleAxis == ScaleAxis::Dataset) {
        FeatureConfig rawOnly = config;
        rawOnly.scalers.clear();
        outputs = buildOutputs(*features, rawOnly, nullptr, &context.cancel);
        for (const auto& [feature, values] : features->features)
            outcome.statistics[feature].addFrames(values);
    } else {
        outputs = buildOutputs(*features, config, nullptr, &context.cancel);
    }
    // A stop that came while computing abandons the clip: nothing of it is written.
    if (context.cancel.stopRequested())
        return failure({ErrorKind::Cancelled, "cancelled"});
    auto written = writeClipOutputs(clip, context, outputs);
    if (!written)
        return failure(written.error(), hash);
    outcome.kind = ClipOutcome::Kind::Processed;
    outcome.contentHash = hash;
    outcome.native = features->native;
    outcome.outputs = std::move(written).value();
    return outcome;
}

ClipOutcome rescaleClipUnguarded(const PlannedClip& clip, const ClipJobContext& context,
                                 const DatasetStatistics& dataset) {
    const FeatureConfig& config = context.extractor.config();
    ClipFeatures raw;
    bool rawIsOnDisk = true;
    for (Feature feature : config.features) {
        auto matrix = readNpyMatrix(context.outputRoot /
                                    clip.outputs.find(feature, std::nullopt)->relativePath);
        if (!matrix) {
            // The raw file vanished or was damaged since pass one: compute it again.
            auto features = context.extractor.extractFile(clip.file.absolutePath, &context.cancel);
            if (!features)
                return failure(features.error());
            raw = std::move(features).value();
            rawIsOnDisk = false;
            break;
        }
        raw.features.emplace_back(feature, std::move(matrix).value());
    }
    auto outputs = buildOutputs(raw, config, &dataset);
    if (rawIsOnDisk) // rewrite only what the new fit changes
        std::erase_if(outputs, [](const NamedOutput& output) { return !output.scaler; });
    auto written = writeClipOutputs(clip, context, outputs);
    if (!written)
        return failure(written.error());
    ClipOutcome outcome;
    outcome.kind = ClipOutcome::Kind::Processed;
    outcome.outputs = std::move(written).value();
    return outcome;
}

} // namespace

ClipOutcome processClip(const PlannedClip& clip, const ClipJobContext& context) {
    try {
        return processClipUnguarded(clip, context);
    } catch (const std::exception& exception) {
        return failure({ErrorKind::Internal, clip.file.relativePath + ": unexpected error: " +
                                                 exception.what() + " (please report this)"});
    }
}

ClipOutcome rescaleClip(const PlannedClip& clip, const ClipJobContext& context,
                        const DatasetStatistics& dataset) {
    try {
        return rescaleClipUnguarded(clip, context, dataset);
    } catch (const std::exception& exception) {
        return failure({ErrorKind::Internal, clip.file.relativePath + ": unexpected error: " +
                                                 exception.what() + " (please report this)"});
    }
}

} // namespace cepstra
