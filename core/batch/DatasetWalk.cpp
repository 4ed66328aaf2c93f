// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/DatasetWalk.h"

#include <algorithm>

namespace cepstra {
namespace {

/// Records the walked files in the catalog as they come, and the problems in memory.
class WalkRecorder : public DatasetVisitor {
public:
    WalkRecorder(Catalog& catalog, const std::optional<Shard>& shard, WalkedInput& walked)
        : m_catalog(catalog)
        , m_shard(shard)
        , m_walked(walked) {}
    Status file(DatasetFile&& file) override {
        ++m_walked.audioFiles;
        if (m_shard && shardOf(outputKeyOf(file), m_shard->count) != m_shard->index)
            return success();
        ++m_walked.walked;
        return m_catalog.addWalked(file, outputKeyOf(file));
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
    WalkedInput& m_walked;
};

} // namespace

Result<WalkedInput> walkInputIntoCatalog(const std::filesystem::path& input, Catalog& catalog,
                                         const std::optional<Shard>& shard) {
    WalkedInput walked;
    walked.problems.root = input;
    if (auto status = catalog.beginWalk(); !status)
        return status.error();
    auto transaction = catalog.beginTransaction();
    if (!transaction)
        return transaction.error();
    WalkRecorder recorder(catalog, shard, walked);
    if (auto status = walkDataset(input, recorder); !status)
        return status.error();
    if (auto status = transaction->commit(); !status)
        return status.error();
    auto collisions = catalog.walkedKeyCollisions();
    if (!collisions)
        return collisions.error();
    const std::pair<std::string, std::string>* first = nullptr; // of the key at hand
    for (const auto& collision : *collisions) {
        if (first && first->first == collision.first)
            walked.collidesWith.emplace(collision.second, first->second);
        else
            first = &collision;
    }
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

Result<std::optional<std::string>> CatalogLedger::claim(const std::string&,
                                                        const std::string& path) {
    const auto found = m_collidesWith.find(path);
    return found == m_collidesWith.end() ? std::optional<std::string>()
                                         : std::optional<std::string>(found->second);
}

} // namespace cepstra
