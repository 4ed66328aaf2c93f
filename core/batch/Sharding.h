// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cepstra {

/// One part of a sharded run: shard `index` of `count`, counted from 1 (`--shard K/N`).
struct Shard {
    int index = 1;
    int count = 1;
    bool operator==(const Shard&) const = default;
};

/// The most shards a run may be cut into.
inline constexpr int kMaxShards = 100000;

/// Parses "K/N" with 1 <= K <= N <= kMaxShards; errors name --shard and the fix.
Result<Shard> parseShard(std::string_view text);

/// "3-of-8": how a shard names its catalog and its log lines.
std::string shardName(const Shard& shard);

/// Which of `count` shards owns a clip, from 1: the XXH3 of its output key (its output
/// folder and stem, as the run names its outputs), so that a clip's shard depends on nothing
/// else, adding files moves none, and inputs whose outputs would collide (a.wav and a.flac)
/// meet in one shard, which refuses the second as a single run does.
int shardOf(std::string_view outputKey, int count);

/// OUTPUT/shards/<K>-of-<N>.sqlite, relative to OUTPUT: the shard's own catalog. No two
/// processes ever write one SQLite file, since network file systems break its locks.
std::filesystem::path shardCatalogName(const Shard& shard);

/// The folder of shard catalogs under OUTPUT.
inline constexpr const char* kShardFolder = "shards";

/// The shard catalogs under OUTPUT/shards, by N then K, relative to OUTPUT, from their names.
std::map<int, std::map<int, std::filesystem::path>>
listShardCatalogs(const std::filesystem::path& outputDirectory);

/// Before a run writes into OUTPUT: a shard refuses when shard catalogs of another N are
/// there (merge could not fold both); a run on one machine refuses when a shard catalog is
/// newer than the merged catalog, since those results would be computed again and the shards'
/// work left unmerged. Each message says what to run or remove.
Status checkShardsBeforeRun(const std::filesystem::path& outputDirectory,
                            const std::optional<Shard>& shard);

} // namespace cepstra
