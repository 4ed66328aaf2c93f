// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportOptions.h"
#include "core/export/ExportPlan.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace cepstra {

/// Deals clips into `shares`, stratified by label: per label, its clips (given in path order)
/// are shuffled by a generator seeded with `seed` and the label's bytes, and the first
/// round(n * fraction) by largest remainder go to the first share, and so on. Equal remainders
/// go to the share furthest behind its fraction of the labels dealt so far, so that four clips
/// a label at 0.8/0.1/0.1 still fill both small splits across the labels. Returns, per
/// share, the clip indices in ascending order. The same inputs give the same split on any
/// machine (the shuffle and the bounded draws are spelled here, not left to the library).
std::vector<std::vector<int>> stratifiedSplit(const std::vector<int>& labelOfClip,
                                              const std::vector<std::string>& labelNames,
                                              const std::vector<SplitShare>& shares,
                                              std::uint64_t seed);

/// Deals units of clips into `shares`, each unit whole (a manifest group, a family of
/// duplicates: `unitOfClip` gives each clip's unit). The units, shuffled by a generator seeded
/// with `seed`, go largest first each to the share where it adds least to the squared gaps
/// between every label's clips and its target (count times fraction) and between each share's
/// clips and its target; ties to the share furthest behind, then the earlier one. Stratified as
/// well as the units allow; the same inputs give the same split on any machine. Returns, per
/// share, the clip indices in ascending order.
std::vector<std::vector<int>>
groupedStratifiedSplit(const std::vector<int>& labelOfClip, const std::vector<int>& unitOfClip,
                       int labelCount, const std::vector<SplitShare>& shares, std::uint64_t seed);

/// The per-label counts largest remainder gives `count` items over `fractions`. Equal
/// remainders (within 1e-9) go to the larger `behind` (how far each share is behind its
/// target so far), then to the earlier share.
std::vector<int> largestRemainderCounts(int count, const std::vector<double>& fractions,
                                        const std::vector<double>& behind = {});

/// The split lists of a --split-lists folder: the splits whose file exists, in train, valid,
/// test order, and which split each listed clip is in, keyed by listKey().
struct SplitLists {
    std::vector<std::string> splits;
    std::map<std::string, int> splitOf;           ///< listKey -> index into splits
    std::map<std::string, UnknownListName> lines; ///< listKey -> where it was listed
};

/// A listed or catalogued path reduced to what lists and catalog share: its folder and its
/// stem, "blues/blues.00000" for both blues/blues.00000.wav and blues/blues.00000.au.
std::string listKey(std::string_view relativePath);

/// Reads DIR/train.txt, valid.txt and test.txt (those that exist; one at least): one
/// INPUT-relative path a line, blank lines and surrounding spaces ignored. A clip listed in two
/// files is refused (InvalidUsage), since it would leak across splits.
Result<SplitLists> readSplitLists(const std::filesystem::path& directory);

/// Reads an --exclude-list file (one INPUT-relative path a line, as split lists are): the
/// listKey() of each clip it names, mapped to its line. InvalidUsage naming --exclude-list when
/// it cannot be read.
Result<std::map<std::string, std::string>> readExcludeList(const std::filesystem::path& file);

} // namespace cepstra
