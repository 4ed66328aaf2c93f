// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cepstra {

/// One candidate audio file of a dataset folder.
struct DatasetFile {
    std::string relativePath; ///< from the input folder, '/'-separated (the catalog key)
    std::string label;        ///< its first-level folder, or the input folder's name
    std::filesystem::path absolutePath;
    std::uintmax_t sizeBytes = 0;
    std::int64_t mtimeNs = 0; ///< modification time, nanoseconds since the epoch
};

/// A GTZAN-style folder: one subfolder per label, files sorted by path.
struct DatasetListing {
    std::filesystem::path root;
    std::vector<DatasetFile> files;
    std::vector<std::string> labels;       ///< sorted, each with at least one file
    std::vector<std::string> ignoredFiles; ///< non-audio names that were skipped, relative
};

/// True for the extensions of formats libsndfile decodes (wav, au, flac, ogg, mp3, aiff...).
bool hasAudioExtension(const std::filesystem::path& path);

/// Lists `root`: each subfolder is a label (searched recursively), files at the top level form
/// a label named after `root`. Hidden files and folders and AppleDouble "._*" files are
/// skipped. Any thread.
Result<DatasetListing> scanDataset(const std::filesystem::path& root);

} // namespace cepstra
