// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportOptions.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cepstra {

/// Why a clip the run knows is not in the export.
enum class ExclusionReason {
    FailedInRun,     ///< the run could not process it; the detail is its error
    Unfinished,      ///< claimed by a run that did not finish it
    StaleConfig,     ///< computed with a config other than the latest run's
    MissingArray,    ///< an array to export is not recorded, missing or damaged (the detail)
    TooShort,        ///< shorter than --frames, with --fit crop or segment
    NotInSplitList,  ///< in none of the split lists
    ExcludeListed,   ///< in the exclude list (check --flagged-list writes one)
    Unlabelled,      ///< the manifest gives it no label
    NoFold,          ///< --test-fold: the manifest gives it no fold
    NoManifestSplit, ///< --split manifest: the manifest gives it no split it names (the detail)
};

/// "failed in the run", "shorter than --frames"...: how summaries say it.
std::string_view toString(ExclusionReason reason);

struct ExcludedClip {
    std::string path; ///< INPUT-relative, as the catalog has it (bytes, maybe not UTF-8)
    ExclusionReason reason = ExclusionReason::FailedInRun;
    std::string detail; ///< the run's error, the missing file...; may be empty
};

/// A split-list or exclude-list line that matches no clip of the run.
struct UnknownListName {
    std::string list; ///< "train.txt"...
    std::string name; ///< the line, trimmed
};

/// One exported array kind: a feature, raw or with the plan's scaler.
struct ExportFeature {
    Feature feature = Feature::MelSpectrogram;
    std::string name; ///< the dataset or key name: "melspectrogram", "mfcc", "logmel"
    long long bands = 0;
    /// The default pad value is the clip's own minimum (raw logmel and mfcc), not 0.
    bool padsWithClipMinimum = false;
};

/// One exported clip and the examples cut from it.
struct ExportClip {
    std::string path; ///< INPUT-relative, as the catalog has it (bytes, maybe not UTF-8)
    int labelIndex = 0;
    int fold = 0;         ///< the manifest's fold; 0 when it has none
    std::string group;    ///< the manifest's group (a source recording); may be empty
    long long frames = 0; ///< the clip's length, frames
    /// Per plan feature: the absolute .npy path and where its float32 data starts (bytes).
    std::vector<std::filesystem::path> arrays;
    std::vector<std::size_t> dataOffsets;
    /// The clip frame where each example starts; negative when padding comes first. The
    /// ragged form has one, 0.
    std::vector<long long> starts;
};

/// One group of the file: its clips in path order.
struct ExportSplit {
    std::string name;       ///< "train", "valid", "test" or "all"
    std::vector<int> clips; ///< indices into ExportPlan::clips
    long long examples = 0;
    long long totalFrames = 0;               ///< the clips' frames summed (ragged form)
    std::vector<int> clipsPerLabel;          ///< per label index
    std::vector<long long> examplesPerLabel; ///< per label index
};

/// What writeExport() will write, decided from the catalog and the .npy headers alone.
struct ExportPlan {
    std::filesystem::path featuresFolder; ///< the run's OUTPUT
    ExportOptions options;                ///< as given, with every default filled in
    ExportFormat format = ExportFormat::Hdf5;
    std::string configJson;              ///< the run's config, as the catalog's runs table holds it
    std::string cepstraVersion;          ///< this program's version, written into the file
    std::vector<std::string> labelNames; ///< the exported clips' labels, sorted by bytes
    std::vector<ExportFeature> features;
    std::vector<ExportClip> clips; ///< sorted by path
    std::vector<ExportSplit> splits;
    std::vector<ExcludedClip> excluded; ///< sorted by path
    std::vector<UnknownListName> unknownListNames;
    /// Where the run took labels from (a manifest's description, or the folders).
    std::string labelsFrom;
    /// Said before writing: a fractional split over predefined folds, a duplicates report that
    /// names no clip of the run.
    std::vector<std::string> warnings;
    int duplicateFamilies = 0; ///< families of duplicates kept whole (--group)
    /// What the manifest offers the clips the run finished: their folds, ascending, and
    /// whether it gives splits of its own (for a form's choices).
    std::vector<int> manifestFolds;
    bool hasManifestSplit = false;
    /// Data and metadata, uncompressed (an upper bound with gzip), bytes.
    std::uint64_t estimatedBytes = 0;

    bool ragged() const { return !options.frames.has_value(); }
    /// The shape of a feature's dataset in a split: (examples, bands, frames), or (bands,
    /// total frames) in the ragged form.
    std::vector<long long> shapeOf(const ExportSplit& split, std::size_t feature) const;
};

/// Whether `path` is an HDF5 or NPZ file an export wrote (its root's cepstra_version, its
/// config_json entry): one an export may replace without --overwrite.
bool isCepstraExport(const std::filesystem::path& path);

/// Plans an export of the run in `featuresFolder` (a `cepstra-cli run` OUTPUT). Reads
/// OUTPUT/cepstra-catalog.sqlite read-only (the latest run's config; the files done under it,
/// their labels and outputs) and the headers of the .npy files to export, never their data.
/// Decides the clips, their examples and splits, and what is left out and why.
///
/// Splits come from split lists, the manifest's split (--split manifest), its folds
/// (--test-fold), or fractions. Fractional splits are stratified: per label, the clips are
/// shuffled (seeded by options.seed and the label, the same on every machine) and dealt out in
/// proportions exact by largest remainder, equal remainders going to the split furthest behind
/// its share (stratifiedSplit). When clips share a manifest group or a family of duplicates
/// (--group), each group goes whole to one split (groupedStratifiedSplit). Every example of a
/// clip is in the clip's split.
///
/// Fails with InvalidUsage, writing nothing, for impossible options (the message names the
/// option as the CLI spells it, and what to do), a folder that is not a run's output, a run in
/// progress there, and a DEST whose folder cannot be created. Any thread; blocks for as long
/// as it takes to read the catalog and one header per exported array.
Result<ExportPlan> planExport(const std::filesystem::path& featuresFolder,
                              const ExportOptions& options);

} // namespace cepstra
