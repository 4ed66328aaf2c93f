// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace cepstra {

/// Where a clip's label came from: its dataset's metadata file, or its folder (a folder per
/// label, as GTZAN ships).
enum class LabelSource { Folder, Manifest };

/// What the dataset says of one clip: its label and, where its metadata has them, its fold,
/// its group (the source recording, the artist: clips that must stay on one side of a split)
/// and the split its authors put it in. Every file of a run and every catalog row carries
/// them; its outputs' names never depend on them (ClipOutputs).
struct ClipFacts {
    std::string label; ///< empty: none (a row without one, or a file no row names)
    int fold = 0;      ///< 1, 2, ...; 0: none
    std::string group; ///< empty: none
    std::string split; ///< "train", "valid" or "test"; empty: none

    bool operator==(const ClipFacts&) const = default;
};

/// The split names a manifest's own words map to ("training" -> "train", "validation" and
/// "dev" -> "valid", "testing" -> "test"); empty for a word that is none of them.
std::string_view canonicalSplit(std::string_view word);

} // namespace cepstra
