// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/ShardMerge.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

struct ShardCatalog {
    Shard shard;
    std::unique_ptr<Catalog> catalog;
    RunRecord run;
};

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

/// Opens every shard of the one N present and checks they make one finished run.
Result<std::vector<ShardCatalog>> openShards(const fs::path& outputDirectory) {
    const auto byCount = listShardCatalogs(outputDirectory);
    if (byCount.empty())
        return usage("no shard catalogs in " + (outputDirectory / kShardFolder).string() +
                     "; run cepstra-cli run INPUT " + outputDirectory.string() +
                     " --shard K/N for each K first");
    if (byCount.size() > 1) {
        std::vector<std::string> counts;
        for (const auto& [count, shards] : byCount)
            counts.push_back(std::to_string(count));
        return usage("the shards in " + (outputDirectory / kShardFolder).string() +
                     " are of more than one run (N = " + joined(counts) +
                     "); remove the catalogs of the one you gave up");
    }
    const auto& [count, present] = *byCount.begin();
    std::vector<std::string> missing;
    for (int index = 1; index <= count; ++index)
        if (!present.contains(index))
            missing.push_back(shardName({index, count}));
    if (!missing.empty())
        return usage("shards missing from " + outputDirectory.string() + ": " + joined(missing) +
                     "; run each with cepstra-cli run INPUT " + outputDirectory.string() +
                     " --shard K/" + std::to_string(count) + ", then merge again");
    std::vector<ShardCatalog> shards;
    std::vector<std::string> unfinished;
    for (const auto& [index, name] : present) {
        ShardCatalog shard{.shard = {index, count}};
        auto catalog = Catalog::open(outputDirectory, name);
        if (!catalog && catalog.error().kind == ErrorKind::Malformed) {
            const std::string& message = catalog.error().message;
            return usage("shard " + shardName(shard.shard) + ": " +
                         message.substr(0, message.find(Catalog::kDamagedAdvice)) +
                         "; run that shard again with cepstra-cli run INPUT " +
                         outputDirectory.string() + " --shard " + std::to_string(index) + "/" +
                         std::to_string(count) +
                         " --force (it keeps the damaged catalog aside and rebuilds it), "
                         "then merge");
        }
        if (!catalog) // the lock: it is running now, and the message says to wait
            return usage("shard " + shardName(shard.shard) +
                         " cannot be read: " + catalog.error().message);
        auto run = (*catalog)->latestRun();
        if (!run)
            return run.error();
        if (!*run || (*run)->status != RunStatus::Completed) {
            unfinished.push_back(shardName(shard.shard) + " (" +
                                 (*run ? std::string(toString((*run)->status)) : "no run") + ")");
            continue;
        }
        shard.run = **run;
        shard.catalog = std::move(catalog).value();
        shards.push_back(std::move(shard));
    }
    if (!unfinished.empty())
        return usage("shards not finished in " + outputDirectory.string() + ": " +
                     joined(unfinished) + "; re-run each with --shard K/" + std::to_string(count) +
                     " (only its own files are redone), then merge");
    for (const ShardCatalog& shard : shards)
        if (shard.run.configHash != shards.front().run.configHash ||
            shard.run.inputDirectory != shards.front().run.inputDirectory)
            return usage("shard " + shardName(shard.shard) +
                         " ran with another INPUT or config "
                         "than shard " +
                         shardName(shards.front().shard) +
                         "; run every shard with the same command, then merge");
    return shards;
}

} // namespace

Result<RunSummary> mergeShards(const fs::path& outputDirectory, int jobs,
                               const ManifestRequest& manifest, RunObserver& observer,
                               const CancelToken& cancel) {
    std::error_code ec;
    if (!fs::is_directory(outputDirectory, ec))
        return usage(outputDirectory.string() + " is not a folder; give the OUTPUT of the "
                                                "sharded run");
    auto shards = openShards(outputDirectory);
    if (!shards)
        return shards.error();
    const RunRecord& run = shards->front().run;
    RunRequest request{.inputDirectory = run.inputDirectory,
                       .outputDirectory = outputDirectory,
                       .jobs = jobs,
                       .mergingShards = true,
                       .manifest = manifest};
    if (auto status = applyConfigText(request.config, run.configJson); !status)
        return Error{ErrorKind::Malformed,
                     "shard " + shardName(shards->front().shard) +
                         " records a config that cannot be read: " + status.error().message};
    {
        // Fold under a run record of its own; the run below then finds every file up to date.
        auto merged = Catalog::open(outputDirectory);
        if (!merged)
            return merged.error();
        auto foldId = (*merged)->beginRun(run.inputDirectory, run.configJson, run.configHash, 1);
        if (!foldId)
            return foldId.error();
        RunCounts folded;
        for (ShardCatalog& shard : *shards) {
            if (auto status = (*merged)->copyFilesFrom(
                    *shard.catalog, [](const CatalogFile&) { return true; }, *foldId);
                !status)
                return status.error();
            shard.catalog.reset();
        }
        if (auto status = (*merged)->finishRun(*foldId, RunStatus::Completed, folded); !status)
            return status.error();
    }
    return runDataset(request, observer, cancel);
}

} // namespace cepstra
