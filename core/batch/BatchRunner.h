// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/batch/RunPlan.h"
#include "core/util/CancelToken.h"
#include "core/util/Job.h"
#include "core/util/Result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cepstra {

enum class FileStatus { Done, Skipped, Failed };
std::string_view toString(FileStatus status);

/// One input file settled in a run.
struct FileEvent {
    std::string relativePath;
    std::string label;
    FileStatus status = FileStatus::Done;
    std::string error;      ///< why, for Failed
    bool unchanged = false; ///< no work was needed: up to date, or a failure seen before
    AudioInfo audio;        ///< from this run or the catalog; zero if never decoded
    int finished = 0;       ///< files settled so far in this run, this one included
    int total = 0;
};

/// The later pass over the finished files of scale_axis "dataset": its phase name.
inline constexpr std::string_view kDatasetScalingPhase = "dataset-scaling";

/// The counts (as the catalog's runs table stores them: total, processed = computed in this
/// run, skipped = up to date, failed, removed = gone inputs whose outputs were deleted), and
/// what people need to read about the run.
struct RunSummary : RunCounts {
    std::vector<std::pair<std::string, std::string>> failures; ///< path, reason; sorted
    bool interrupted = false;
    double wallSeconds = 0.0;
    int staleTemporariesRemoved = 0; ///< half-written files a killed run left, removed
    int unlistedFolders = 0;         ///< of `failed`, folders that could not be listed
    /// The manifest the labels came from, with the rows and files that did not fit; none when
    /// labels came from folders.
    std::optional<ManifestReport> manifest;
    /// Clips whose label, fold, group or split changed since the last run (an edited
    /// manifest): their catalog rows say so now, and no feature was recomputed for it.
    int relabelled = 0;
};

/// Progress of a run: a long job's (started with its files, progressed per file settled, the
/// "dataset-scaling" phase, warnings), and each file as it settles, just before progressed().
/// Every method is called on the thread that called runDataset(), never on a worker.
class RunObserver : public JobObserver {
public:
    virtual void fileFinished(const FileEvent& /*event*/) {}
};

/// Runs extract -> scale over a dataset folder on a pool of worker threads: the one batch loop
/// the CLI and the GUI share. Incremental through OUTPUT/cepstra-catalog.sqlite, failure-
/// isolated per file, atomic per output file; never touches files it did not write, and
/// deletes an input's outputs only when the input is really gone (its folder was listed and
/// the name is absent). A folder that cannot be listed, an unusable entry (FIFO, broken link)
/// and an input that cannot be read now are failures of the run that keep earlier outputs.
/// Returns an Error only for problems with the run as a whole (bad folders, unwritable or
/// locked OUTPUT, a damaged catalog, a full disk); per-file failures are in the summary.
/// Streams: the walk of INPUT goes into the catalog's temporary tables and comes back 2048
/// files at a time, so memory does not grow with the file count. Blocks until done or
/// cancelled (`cancel` stops it within a block of samples).
Result<RunSummary> runDataset(const RunRequest& request, RunObserver& observer,
                              const CancelToken& cancel);

} // namespace cepstra
