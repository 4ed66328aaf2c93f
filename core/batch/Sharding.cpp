// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/Sharding.h"

#include <xxhash.h>

#include <charconv>

namespace cepstra {

Result<Shard> parseShard(std::string_view text) {
    const auto slash = text.find('/');
    Shard shard;
    const auto number = [](std::string_view part, int& value) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return error == std::errc() && end == part.data() + part.size();
    };
    if (slash == std::string_view::npos || !number(text.substr(0, slash), shard.index) ||
        !number(text.substr(slash + 1), shard.count) || shard.count < 1 ||
        shard.count > kMaxShards || shard.index < 1 || shard.index > shard.count)
        return Error{ErrorKind::InvalidUsage,
                     "--shard expects K/N with 1 <= K <= N <= " + std::to_string(kMaxShards) +
                         ", such as --shard 3/8 (got \"" + std::string(text) + "\")"};
    return shard;
}

std::string shardName(const Shard& shard) {
    return std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

int shardOf(std::string_view outputKey, int count) {
    const XXH64_hash_t hash = XXH3_64bits(outputKey.data(), outputKey.size());
    return int(hash % std::uint64_t(count)) + 1;
}

std::filesystem::path shardCatalogName(const Shard& shard) {
    return std::filesystem::path(kShardFolder) / (shardName(shard) + ".sqlite");
}

} // namespace cepstra
