// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/DatasetWalk.h"

#include <algorithm>

namespace cepstra {
namespace {

/// Records the walked files in the catalog as they come, and the problems in memory.
class WalkRecorder : public DatasetVisitor {
public:
    WalkRecorder(Catalog& catalog, const std::optional<Shard>& shard, std::string topFolder,
                 WalkedInput& walked)
        : m_catalog(catalog)
        , m_shard(shard)
        , m_topFolder(std::move(topFolder))
        , m_walked(walked) {}
    Status file(DatasetFile&& file) override {
        ++m_walked.audioFiles;
        const std::string key = ClipOutputs::keyOf(file.relativePath, m_topFolder);
        if (m_shard && shardOf(key, m_shard->count) != m_shard->index)
            return success();
        ++m_walked.walked;
        return m_catalog.addWalked(file, key);
    }
    void unusableFile(ScanProblem&& problem) override {
        m_walked.problems.unusableFiles.push_back(std::move(problem));
    }
    void unlistedFolder(ScanProblem&& problem) override {
        m_walked.problems.unlistedFolders.push_back(std::move(problem));
    }
    void ignoredFile(std::string&&) override {}

private:
    Catalog& m_catalog;
    const std::optional<Shard>& m_shard;
    std::string m_topFolder;
    WalkedInput& m_walked;
};

/// Inputs that would write the same outputs (a.wav and a.flac): the one whose catalog row
/// already records them keeps them, so a newcomer never overwrites an earlier result; when
/// none does, the first by path. Every other one is refused in favour of it.
Status recordCollisions(Catalog& catalog, WalkedInput& walked) {
    auto collisions = catalog.walkedKeyCollisions(); // (key, path), by key then path
    if (!collisions)
        return collisions.error();
    for (std::size_t begin = 0; begin < collisions->size();) {
        std::size_t end = begin;
        while (end < collisions->size() && (*collisions)[end].first == (*collisions)[begin].first)
            ++end;
        std::size_t owner = begin;
        for (std::size_t i = begin; i < end; ++i) {
            auto row = catalog.findFile((*collisions)[i].second);
            if (!row)
                return row.error();
            if (*row && !(*row)->outputs.empty() && (*row)->state != FileState::Pending) {
                owner = i;
                break;
            }
        }
        for (std::size_t i = begin; i < end; ++i)
            if (i != owner)
                walked.collidesWith.emplace((*collisions)[i].second, (*collisions)[owner].second);
        begin = end;
    }
    return success();
}

} // namespace

Result<WalkedInput> walkInputIntoCatalog(const std::filesystem::path& input, Catalog& catalog,
                                         const std::optional<Shard>& shard, Manifest* manifest) {
    WalkedInput walked;
    walked.problems.root = input;
    if (auto status = catalog.beginWalk(); !status)
        return status.error();
    auto transaction = catalog.beginTransaction();
    if (!transaction)
        return transaction.error();
    WalkRecorder recorder(catalog, shard, topLevelLabel(input), walked);
    if (auto status = walkDataset(input, recorder, manifest); !status)
        return status.error();
    auto relabelled = catalog.takeWalkedFacts();
    if (!relabelled)
        return relabelled.error();
    walked.relabelled = *relabelled;
    if (auto status = transaction->commit(); !status)
        return status.error();
    if (auto status = recordCollisions(catalog, walked); !status)
        return status.error();
    if (walked.audioFiles == 0)
        if (auto status = requireAudioFiles(walked.problems, input); !status)
            return status.error();
    const auto byPath = [](const ScanProblem& a, const ScanProblem& b) {
        return a.relativePath < b.relativePath;
    };
    std::sort(walked.problems.unusableFiles.begin(), walked.problems.unusableFiles.end(), byPath);
    std::sort(walked.problems.unlistedFolders.begin(), walked.problems.unlistedFolders.end(),
              byPath);
    return walked;
}

CatalogLedger::CatalogLedger(Catalog& catalog, const std::filesystem::path& input,
                             const std::map<std::string, std::string>& collidesWith)
    : m_catalog(catalog)
    , m_topLabel(topLevelLabel(input))
    , m_collidesWith(collidesWith) {}

Result<bool> CatalogLedger::recordsOutput(const std::string& outputKey, const std::string& output) {
    // The rows that could own a key "D/S" have paths "D/S.<ext>" ('/' follows '.' in bytes),
    // or "S.<ext>" at the top level when D is the top-level label.
    auto recorded = m_catalog.anyRowRecords(output, outputKey + ".", outputKey + "/");
    if (!recorded || *recorded)
        return recorded;
    const auto slash = outputKey.rfind('/');
    if (outputKey.substr(0, slash) != m_topLabel)
        return false;
    const std::string stem = outputKey.substr(slash + 1);
    return m_catalog.anyRowRecords(output, stem + ".", stem + "/");
}

std::optional<std::string> CatalogLedger::keeperInsteadOf(const std::string& path) const {
    const auto found = m_collidesWith.find(path);
    return found == m_collidesWith.end() ? std::nullopt : std::optional<std::string>(found->second);
}

} // namespace cepstra
