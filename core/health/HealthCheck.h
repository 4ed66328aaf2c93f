// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/Manifest.h"
#include "core/health/HealthThresholds.h"
#include "core/util/CancelToken.h"
#include "core/util/Job.h"
#include "core/util/Result.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

enum class HealthSeverity { Info, Warn, Fail };
std::string_view toString(HealthSeverity severity);

/// The checks, by their names in reports.
enum class HealthCheckKind {
    Unreadable,
    Silent,
    Clipping,
    DcOffset,
    LowBandwidth,
    DualMono,
    DurationOutlier,
    FormatMismatch,
    ExactDuplicate,
    NearDuplicate,
    LabelConflict,
    FoldLeak,
    LabelImbalance,
};
std::string_view toString(HealthCheckKind check);
const std::vector<HealthCheckKind>& allHealthChecks();
/// Exact and near duplicates: the groups that make families of copies. Label conflicts and
/// fold leaks repeat such a group to say what is wrong with it.
inline bool joinsFamilies(HealthCheckKind check) {
    return check == HealthCheckKind::ExactDuplicate || check == HealthCheckKind::NearDuplicate;
}

/// One thing found, with the value measured and the threshold it crossed.
struct HealthFinding {
    HealthCheckKind check = HealthCheckKind::Unreadable;
    HealthSeverity severity = HealthSeverity::Warn;
    double value = 0.0;
    double threshold = 0.0;
    std::string detail{}; ///< a sentence for people
    int group = -1; ///< for duplicates and label conflicts: an index into HealthReport::groups
};

struct HealthFile {
    std::string path{};  ///< INPUT-relative
    std::string label{}; ///< from the folder or the manifest; empty when the manifest has none
    int fold = 0;        ///< the manifest's fold; 0 when it has none
    std::string split{}; ///< the manifest's split ("training"...); empty when it has none
    double durationSeconds = 0.0; ///< 0 when unreadable
    int sampleRateHz = 0;
    int channels = 0;
    std::string format{};
    std::vector<HealthFinding> findings{};
};

/// Clips that hold the same audio: identical decoded samples (exact_duplicate), shared audio
/// (near_duplicate), either across labels (label_conflict), or across the manifest's folds or
/// splits (fold_leak).
struct HealthGroup {
    HealthCheckKind check = HealthCheckKind::ExactDuplicate;
    std::vector<std::string> paths{};
    std::vector<std::string> labels{};
    std::vector<double> offsetSeconds{}; ///< per path: where the shared audio starts, vs. the first
    double overlapSeconds = 0.0;
};

/// Per-label figures; durations over the clips that could be read.
struct LabelHealth {
    int clips = 0;
    int failures = 0; ///< clips with a finding of severity fail
    double totalSeconds = 0.0, meanSeconds = 0.0, minSeconds = 0.0, maxSeconds = 0.0;
    std::map<std::string, int> findings; ///< check name -> clips with it
};

struct HealthReport {
    std::filesystem::path input;
    HealthThresholds thresholds;
    std::vector<HealthFile> files; ///< sorted by path
    std::vector<HealthGroup> groups;
    std::map<std::string, LabelHealth> labels;
    std::vector<HealthFinding> datasetFindings; ///< label_imbalance
    int measured = 0;                           ///< decoded in this check
    int cached = 0;                             ///< taken from the cache unchanged
    double seconds = 0.0;

    /// Clips listed, without the folders that could not be listed.
    int clipCount() const;
    /// Worst severity anywhere; Info when nothing was found.
    HealthSeverity worst() const;
    /// Clips joined by any chain of exact or near duplicate groups: each family's paths in
    /// path order, families in the order of their first path. Label conflicts and fold leaks
    /// repeat a duplicate group and join nothing of their own.
    std::vector<std::vector<std::string>> duplicateFamilies() const;
    /// What "exclude flagged clips" leaves out, sorted: every clip with a warn or fail finding
    /// of its own, and of each family of duplicates within one label, all but one (the first
    /// by path that has no finding of its own). A family across labels (a label conflict) is left
    /// out whole: which label is right cannot be known. Folders that could not be listed are not
    /// clips, and not here.
    std::vector<std::string> flaggedClips() const;
    /// Findings per check and severity, files and datasets alike.
    std::map<std::string, std::map<std::string, int>> counts() const;
};

struct HealthRequest {
    std::filesystem::path input;
    HealthThresholds thresholds;
    /// The SQLite file that caches measurements: a run's catalog or a cache of its own.
    std::filesystem::path cache;
    int jobs = 0;           ///< 0: every hardware thread
    bool remeasure = false; ///< read every clip again, whatever the cache holds
    /// Where labels, folds and splits come from: a manifest at INPUT's root by default.
    ManifestRequest manifest{};
};

/// Reads every clip once (as `run` decodes it) on worker threads, or takes its measurement
/// from the cache, then judges the dataset. Errors only for the check as a whole (no such
/// folder, no usable cache); a bad clip is an `unreadable` finding. Polls `cancel` per block.
/// A manifest read is noted first (JobObserver::note). Families of duplicates are kept in the
/// cache, for `export --group duplicates`.
/// Progress: started() with the clips to read (the rest are cached) in "clips",
/// progressed() as each is read; a warning when a damaged cache is made anew.
Result<HealthReport> checkDatasetHealth(const HealthRequest& request, JobObserver& observer,
                                        const CancelToken& cancel);

} // namespace cepstra
