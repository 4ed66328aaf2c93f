// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/features/FeatureConfig.h"
#include "core/util/Result.h"
#include "core/util/Settings.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// How a clip becomes examples of a fixed length (`--fit`, with `--frames`).
enum class FrameFit {
    Pad,     ///< one example per clip: short clips padded, long ones cropped (per the align)
    Crop,    ///< one example per clip: clips shorter than the length left out, long ones cropped
    Segment, ///< windows of the length every segment hop; an incomplete tail is dropped
};

/// Where a padded or cropped example sits in its clip (`--align`). Centred, a clip F frames
/// long becomes an example starting at clip frame (F - N) / 2, rounded toward zero: negative
/// when the padding comes first.
enum class FrameAlign { Start, Center };

enum class ExportDtype { Float32, Float16 }; ///< `--dtype`
enum class ExportCompression { None, Gzip }; ///< `--compression`
enum class ExportFormat { Hdf5, Npz };       ///< chosen by DEST's extension

/// The names options and summaries use ("pad", "center", "float16", "gzip", "HDF5"...).
std::string_view toString(FrameFit fit);
std::string_view toString(FrameAlign align);
std::string_view toString(ExportDtype dtype);
std::string_view toString(ExportCompression compression);
std::string_view toString(ExportFormat format);

/// The split names a file may hold, in the order their groups are written.
inline constexpr std::string_view kSplitNames[] = {"train", "valid", "test"};
/// The one group of an export without a split.
inline constexpr std::string_view kAllSplitName = "all";

/// One split and the fraction of each label's clips it receives (`--split train=0.8`).
struct SplitShare {
    std::string name; ///< "train", "valid" or "test"
    double fraction = 0.0;
};

/// Parses split text, "train=0.8,valid=0.1,test=0.1": each name at most once, fractions in
/// [0, 1] summing to 1 within 1e-6. Fails with InvalidUsage naming the option (`name`) and the
/// fix.
Result<std::vector<SplitShare>> parseSplitSpec(std::string_view text,
                                               std::string_view name = "--split");
/// The text of a split, as parseSplitSpec reads it.
std::string splitSpecText(const std::vector<SplitShare>& shares);

/// Where `--group` takes families of duplicate clips from. Each family is kept inside one
/// split, joined with the manifest's groups.
struct DuplicateGrouping {
    enum class Source {
        None,      ///< only the manifest's groups
        LastCheck, ///< "duplicates": the last `check --features FEATURES` kept in the catalog
        Report,    ///< "duplicates=REPORT.json": a `check --format json` report
    } source = Source::None;
    std::filesystem::path report; ///< for Source::Report
};

/// Parses --group text: "none", "duplicates" or "duplicates=REPORT.json".
Result<DuplicateGrouping> parseGroupSpec(std::string_view text, std::string_view name = "--group");
/// The text of a grouping, as parseGroupSpec reads it.
std::string groupSpecText(const DuplicateGrouping& grouping);

/// Everything an export is asked to do, as `cepstra-cli export` and the app's dialog take it.
/// Unset optionals take the documented default; planExport() reports any impossible
/// combination with a message naming the option as the CLI spells it.
struct ExportOptions {
    std::filesystem::path destination; ///< DEST: .h5 or .hdf5 writes HDF5, .npz writes NPZ
    std::vector<Feature> features;     ///< --features; empty = every feature the run wrote
    std::optional<Scaler> scaler;      ///< --scaler; unset = the raw arrays
    std::optional<int> frames;         ///< --frames: example length, frames; unset = ragged form
    std::optional<FrameFit> fit;       ///< --fit; default pad (needs frames)
    std::optional<FrameAlign> align;   ///< --align; default start (pad and crop only)
    std::optional<int> segmentHop;     ///< --segment-hop, frames; default = frames (segment only)
    /// --pad-value (pad only). Default: 0 for melspectrogram and for every scaled array; for
    /// raw logmel and raw mfcc, each clip's own minimum of that array (their floor in dB).
    std::optional<float> padValue;
    std::vector<SplitShare> split; ///< --split; empty (and no split lists) = one group, "all"
    /// --split manifest: the manifest's own split (FMA: training, validation, test).
    bool manifestSplit = false;
    std::optional<int> testFold;  ///< --test-fold K: the manifest's fold K is `test`
    std::optional<int> validFold; ///< --valid-fold J: fold J is `valid` (with test_fold)
    DuplicateGrouping group;      ///< --group
    /// Families of duplicates given directly (the app's last check), each a list of
    /// INPUT-relative paths; joined with --group's.
    std::vector<std::vector<std::string>> duplicateFamilies;
    /// --split-lists: a folder of train.txt, valid.txt, test.txt; empty = none.
    std::filesystem::path splitLists;
    std::uint64_t seed = 0; ///< --seed: the stratified split's shuffle
    /// --exclude-list: a file of clips to leave out, one INPUT-relative path a line, as
    /// `cepstra-cli check --flagged-list` writes it; empty = none.
    std::filesystem::path excludeList;
    /// Clips to leave out, given directly (the app's "Exclude flagged clips"). Both this and
    /// the list match a clip by folder and stem, as split lists do.
    std::vector<std::string> excludedClips;
    ExportDtype dtype = ExportDtype::Float32;
    ExportCompression compression = ExportCompression::None;
    /// --overwrite: replace DEST even when it is not an export Cepstra wrote.
    bool overwrite = false;
};

/// Every export option but DEST, declared once (core/util/Settings.h): `cepstra-cli export`'s
/// options and --help, the app's Export form, `params --export`, the README's table, the man
/// page and the Python module's keywords all come from it. Keys are the CLI's names with '_'
/// for '-' ("segment_hop" is --segment-hop).
const std::vector<Setting<ExportOptions>>& exportOptionTable();

/// The options as JSON, key by key (null for unset ones), and back: what the app remembers per
/// dataset and the Python module takes. applyExportOptionsJson refuses unknown keys and bad
/// values, naming them.
nlohmann::json toJson(const ExportOptions& options);
Status applyExportOptionsJson(ExportOptions& options, const nlohmann::json& object);

/// How a front end names an option in messages: the CLI's "--frames" (the default), the app's
/// field label. Core messages about options go through it, so none speaks the CLI's language
/// in the app.
using OptionNamer = std::function<std::string(std::string_view key)>;
/// The CLI's namer: "segment_hop" -> "--segment-hop".
std::string commandLineName(std::string_view key);

/// The format DEST's extension names (case-insensitive), or InvalidUsage naming DEST.
Result<ExportFormat> exportFormatFor(const std::filesystem::path& destination);

/// Checks what can be checked without the run: option combinations and ranges. planExport()
/// calls it; a form may call it on each change, with its own names for the options. Any
/// thread.
Status validateExportOptions(const ExportOptions& options,
                             const OptionNamer& name = commandLineName);

} // namespace cepstra
