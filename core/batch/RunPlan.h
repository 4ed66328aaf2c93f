// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/Sharding.h"
#include "core/dataset/Catalog.h"
#include "core/dataset/DatasetScanner.h"
#include "core/features/ClipOutputs.h"
#include "core/features/FeatureConfig.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cepstra {

/// What a run was asked to do.
struct RunRequest {
    std::filesystem::path inputDirectory;
    std::filesystem::path outputDirectory;
    FeatureConfig config;
    int jobs = 0;       ///< worker threads; 0 = every hardware thread
    bool force = false; ///< recompute everything, ignoring the catalog
    /// Only this shard's files, into its own catalog; `cepstra-cli merge` finishes the run.
    std::optional<Shard> shard;
    /// Set by mergeShards, whose run follows its fold of the shard catalogs.
    bool mergingShards = false;
    /// OUTPUT holds the features of another INPUT: delete them and start over. Without it
    /// such a run is refused (checkRecordedInput).
    bool startOver = false;
    /// Where labels, folds and groups come from: by default a known metadata file at INPUT's
    /// root (ESC-50, UrbanSound8K, FMA, AudioFolder), else the folders.
    ManifestRequest manifest;
};

/// What to do with one input file.
enum class ClipAction {
    Skip,   ///< the catalog says it is up to date: no work at all
    Check,  ///< a worker hashes it, then computes it unless the content is unchanged
    Refuse, ///< its outputs would collide with another input's or a foreign file
};

struct PlannedClip {
    DatasetFile file;
    ClipAction action = ClipAction::Check;
    std::string refusal;                  ///< why, for Refuse
    bool outputsClaimedElsewhere = false; ///< refused: another input of the run makes its outputs
    ClipOutputs outputs;                  ///< every file it produces, under OUTPUT
    std::optional<CatalogFile> previous;  ///< the catalog's row from earlier runs
    /// The previous result stands if the content is unchanged (same config, finished, outputs
    /// present); the plan then compares size and mtime, a worker the content hash.
    bool previousReusable = false;
};

/// Where a run's features go when no OUTPUT is named: "<INPUT>-features" beside INPUT.
std::filesystem::path defaultOutputFolder(const std::filesystem::path& input);

/// Refuses OUTPUT equal to INPUT, inside it or holding it, and a missing INPUT. Messages say
/// what to do.
Status checkRunPaths(const std::filesystem::path& input, const std::filesystem::path& output);

/// Refuses a run of `input` into an OUTPUT whose catalog records another input folder
/// (`recordedInput`, as the latest run stored it), unless `startOver`: the run would delete
/// every output of the other input. The message names both folders and the ways out.
Status checkRecordedInput(const std::filesystem::path& recordedInput,
                          const std::filesystem::path& input, const std::filesystem::path& output,
                          bool startOver);

/// The INPUT folder the latest run into `output` recorded, read without a write (the app asks
/// it before it runs): nothing when `output` has no catalog, no run yet, or a run holds it.
std::optional<std::filesystem::path> recordedInputOf(const std::filesystem::path& output);

/// The config's canonical JSON and its XXH3 hash, which the catalog stores per file.
std::string configJsonOf(const FeatureConfig& config);
std::string configHashOf(const FeatureConfig& config);

/// What planning a batch needs to know beyond it: the whole catalog, and this run's claims.
class PlanLedger {
public:
    virtual ~PlanLedger() = default;
    /// Whether any catalog row records `output` (relative to OUTPUT, of the output key
    /// `outputKey`) as its own file.
    virtual Result<bool> recordsOutput(const std::string& outputKey, const std::string& output) = 0;
    /// The input of this run that keeps the outputs `path` would also write (a collision),
    /// or nothing when `path` has its outputs to itself.
    virtual std::optional<std::string> keeperInsteadOf(const std::string& path) const = 0;
};

/// The clip of `file` with nothing decided yet: every file it makes. `topFolder` names the
/// output folder of clips at INPUT's top level (topLevelLabel(INPUT)).
PlannedClip plannedClipOf(DatasetFile file, std::string_view topFolder,
                          const FeatureConfig& config);

/// Compares one batch of walked inputs (in path order, batches in path order) with their
/// catalog rows, which `walked` carries, taking them. `inputRoot` makes their absolute paths;
/// a file's dataset statistics count when stored for every feature of the config (needed to
/// skip a file under scale_axis "dataset"). An input whose outputs another input of the run
/// already claimed, or that would overwrite a file no catalog row records, is refused.
/// `adoptExistingOutputs` (a catalog rebuilt under --force) takes files already at the names
/// this run writes as Cepstra's own.
Result<std::vector<PlannedClip>> planClips(const RunRequest& request, const std::string& configHash,
                                           std::vector<Catalog::WalkedFile>&& walked,
                                           const std::filesystem::path& inputRoot,
                                           PlanLedger& ledger, bool adoptExistingOutputs = false);

} // namespace cepstra
