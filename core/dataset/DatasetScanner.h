// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/ClipFacts.h"
#include "core/dataset/Manifest.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cepstra {

/// One candidate audio file of a dataset folder, with what the dataset says of it: its label
/// from its manifest row, or else its first-level folder (or the input folder's name).
struct DatasetFile : ClipFacts {
    std::string relativePath; ///< from the input folder, '/'-separated (the catalog key)
    std::filesystem::path absolutePath;
    std::uintmax_t sizeBytes = 0;
    std::int64_t mtimeNs = 0; ///< modification time, nanoseconds since the epoch
    bool readable = true;     ///< this process may open it (it may still fail to decode)
};

/// Something under the input folder that could not be used, and why.
struct ScanProblem {
    std::string relativePath; ///< folders end in '/'
    std::string reason;
};

/// A dataset folder as a scan finds it: its files sorted by path, each with its label (and
/// fold, group, split) from its manifest, or from its folder when there is none (GTZAN).
struct DatasetListing {
    std::filesystem::path root;
    /// The metadata the labels came from, with what did not fit; none: labels from folders.
    std::optional<Manifest> manifest;
    std::vector<DatasetFile> files;
    std::vector<std::string> labels;       ///< sorted, each with at least one file
    std::vector<std::string> ignoredFiles; ///< non-audio names that were skipped, relative
    /// Folders that could not be listed (or only in part): what they hold is unknown, so
    /// nothing recorded under them may be taken as deleted.
    std::vector<ScanProblem> unlistedFolders;
    /// Entries with audio names that are not readable regular files: FIFOs, devices, sockets,
    /// broken symbolic links, link loops, links to a folder already listed.
    std::vector<ScanProblem> unusableFiles;

    /// True when the listing cannot tell whether `relativePath` exists: it lies under an
    /// unlisted folder or is an unusable entry.
    bool mayHold(const std::string& relativePath) const;
};

/// True for the extensions of formats libsndfile decodes (wav, au, flac, ogg, mp3, aiff...).
bool hasAudioExtension(const std::filesystem::path& path);

/// The extensions hasAudioExtension accepts (".wav", ".au"...): the one list of them.
const std::vector<std::string_view>& audioExtensions();

/// The same, for messages: ".wav, .au, ...".
std::string audioExtensionList();

/// What a walk of a dataset folder meets, as it meets it. Files come in the byte order of
/// their relative paths (the catalog's order); a problem is reported before any path it could
/// hold. Memory stays flat whatever the file count: only the folders being walked are held.
class DatasetVisitor {
public:
    virtual ~DatasetVisitor() = default;
    /// An error stops the walk and is walkDataset's result.
    virtual Status file(DatasetFile&& file) = 0;
    virtual void unusableFile(ScanProblem&& problem) = 0;
    virtual void unlistedFolder(ScanProblem&& problem) = 0;
    virtual void ignoredFile(std::string&& relativePath) = 0;
};

/// Walks `root` as scanDataset lists it, telling `visitor` what it finds. With a `manifest`,
/// each file's facts are its row's (which the manifest notes as met) and files it does not
/// select (another FMA subset) are ignored; without one, the label is the first folder. Fails
/// when `root` itself cannot be listed, or with the visitor's error.
Status walkDataset(const std::filesystem::path& root, DatasetVisitor& visitor,
                   Manifest* manifest = nullptr);

/// The audio files a walk of `root` finds (what a run works on), counted without holding the
/// listing. Fails as walkDataset does.
Result<std::int64_t> countAudioFiles(const std::filesystem::path& root,
                                     Manifest* manifest = nullptr);

/// The label of the files at the top level of `root`: its folder name.
std::string topLevelLabel(const std::filesystem::path& root);

/// Lists `root`: each subfolder is a label (searched recursively, following symbolic links
/// to folders once each), files at the top level form a label named after `root`. Hidden
/// files and folders and AppleDouble "._*" files are skipped. Fails only when `root` itself
/// cannot be listed; other problems are in the listing. Any thread.
/// The metadata is read as `request` asks (by default, a known file at the root); a manifest
/// that cannot be used fails the scan (InvalidUsage) before anything is listed.
Result<DatasetListing> scanDataset(const std::filesystem::path& root,
                                   const ManifestRequest& request = {});

/// Refuses a listing with no audio to work on, saying why: nothing matched, or the folders
/// that might hold it could not be listed.
Status requireAudioFiles(const DatasetListing& listing, const std::filesystem::path& root);

} // namespace cepstra
