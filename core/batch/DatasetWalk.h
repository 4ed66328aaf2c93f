// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/RunPlan.h"

#include <filesystem>
#include <map>
#include <optional>

namespace cepstra {

/// What a run keeps in memory of its INPUT: the problems only. The files themselves are in
/// the catalog's walk table, read back a batch at a time.
struct WalkedInput {
    DatasetListing problems;     ///< unlisted folders and unusable files, sorted; no files
    std::int64_t audioFiles = 0; ///< every audio file found, in any shard
    std::int64_t walked = 0;     ///< the files this run (or shard) works on
    /// Inputs whose outputs an earlier input (in path order) produces: path -> that input.
    std::map<std::string, std::string> collidesWith;
    int relabelled = 0; ///< catalog rows whose facts the walk changed (an edited manifest)
};

/// Walks `input` into `catalog`'s walk table (one transaction), keeping `shard`'s files only,
/// each with its facts from `manifest` (or its folder, when null); rows already in the
/// catalog take the new facts at once, as no output depends on them. Refuses, as
/// requireAudioFiles does, an INPUT with no audio file at all.
Result<WalkedInput> walkInputIntoCatalog(const std::filesystem::path& input, Catalog& catalog,
                                         const std::optional<Shard>& shard, Manifest* manifest);

/// The PlanLedger of a streaming run: collisions found once from the walk, ownership by a
/// look-up of the few catalog rows whose path could record an output key.
class CatalogLedger : public PlanLedger {
public:
    CatalogLedger(Catalog& catalog, const std::filesystem::path& input,
                  const std::map<std::string, std::string>& collidesWith);
    Result<bool> recordsOutput(const std::string& outputKey, const std::string& output) override;
    std::optional<std::string> keeperInsteadOf(const std::string& path) const override;

private:
    Catalog& m_catalog;
    std::string m_topLabel;
    const std::map<std::string, std::string>& m_collidesWith;
};

} // namespace cepstra
