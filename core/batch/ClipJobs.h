// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/RunPlan.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"
#include "core/util/CancelToken.h"
#include "core/util/MemoryBudget.h"

#include <filesystem>
#include <string>
#include <vector>

namespace cepstra {

/// What a worker did with one clip. Built on a worker thread, read by the collector.
struct ClipOutcome {
    enum class Kind { Processed, Unchanged, Failed, Cancelled } kind = Kind::Failed;
    ErrorKind errorKind = ErrorKind::Unreadable;
    std::string error;
    std::string contentHash;
    AudioInfo native;
    std::vector<std::string> outputs; ///< written, relative to OUTPUT
    DatasetStatistics statistics;     ///< per-clip fit, for scale_axis "dataset"
};

/// The settings every job of one run shares. Immutable while workers run, but for the memory
/// budget, which workers share.
struct ClipJobContext {
    const FeatureExtractor& extractor;
    std::filesystem::path outputRoot;
    const CancelToken& cancel;
    MemoryBudget& memory;
};

/// For a clip the plan refused, only decodes it and fails with its decode error or the refusal.
/// Otherwise hashes the input; if the plan found its previous result reusable and the content is
/// unchanged, does nothing more. Otherwise reserves the clip's memory (waiting while other clips
/// hold it, failing a clip that can never fit), then extracts and writes its outputs (each
/// atomically). Under
/// scale_axis "dataset" it writes only the raw features and returns the clip's statistics;
/// rescaleClip writes the scaled arrays once the whole dataset is fitted. Worker threads.
ClipOutcome processClip(const PlannedClip& clip, const ClipJobContext& context);

/// Writes a clip's dataset-scaled arrays from its raw feature files (or, if those cannot be
/// read, from the audio again). Worker threads.
ClipOutcome rescaleClip(const PlannedClip& clip, const ClipJobContext& context,
                        const DatasetStatistics& dataset);

} // namespace cepstra
