// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/Sharding.h"

#include "core/dataset/Catalog.h"

#include <xxhash.h>

#include <charconv>
#include <regex>

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

namespace {
namespace fs = std::filesystem;

/// The latest change to an SQLite file: its own or its write-ahead log's.
fs::file_time_type lastWritten(const fs::path& database) {
    std::error_code ec;
    auto latest = fs::last_write_time(database, ec);
    if (ec)
        latest = fs::file_time_type::min();
    const auto log = fs::last_write_time(fs::path(database.string() + "-wal"), ec);
    return ec ? latest : std::max(latest, log);
}

} // namespace

std::map<int, std::map<int, fs::path>> listShardCatalogs(const fs::path& outputDirectory) {
    static const std::regex name(R"(([0-9]{1,6})-of-([0-9]{1,6})\.sqlite)");
    std::map<int, std::map<int, fs::path>> byCount;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(outputDirectory / kShardFolder, ec)) {
        std::smatch match;
        const std::string file = entry.path().filename().string();
        if (!std::regex_match(file, match, name))
            continue;
        const int index = std::stoi(match[1]), count = std::stoi(match[2]);
        if (index >= 1 && index <= count)
            byCount[count][index] = fs::path(kShardFolder) / file;
    }
    return byCount;
}

Status checkShardsBeforeRun(const fs::path& outputDirectory, const std::optional<Shard>& shard) {
    const auto byCount = listShardCatalogs(outputDirectory);
    const fs::path folder = outputDirectory / kShardFolder;
    if (shard) {
        for (const auto& [count, shards] : byCount)
            if (count != shard->count)
                return Error{ErrorKind::InvalidUsage,
                             folder.string() + " holds the catalogs of a run in " +
                                 std::to_string(count) + " shards, and merge folds one N only; " +
                                 "run --shard K/" + std::to_string(count) +
                                 ", or merge those shards and remove " + folder.string() +
                                 "/*-of-" + std::to_string(count) + ".sqlite first"};
        return success();
    }
    const auto merged = lastWritten(outputDirectory / Catalog::kFileName);
    for (const auto& [count, shards] : byCount)
        for (const auto& [index, name] : shards)
            if (lastWritten(outputDirectory / name) > merged)
                return Error{ErrorKind::InvalidUsage,
                             "shard " + shardName({index, count}) + " in " + folder.string() +
                                 " has results the merged catalog lacks; run cepstra-cli merge " +
                                 outputDirectory.string() + " first, or remove " + folder.string() +
                                 " to run on one machine"};
    return success();
}

} // namespace cepstra
