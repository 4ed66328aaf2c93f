// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The batch loop behind runDataset(), split over BatchRunner.cpp (the walk and the batches)
// and DatasetScaling.cpp (the scale_axis "dataset" pass). Private to core/batch.

#include "core/batch/BatchRunner.h"
#include "core/batch/ClipJobs.h"
#include "core/batch/DatasetWalk.h"

#include <map>
#include <memory>
#include <set>

namespace cepstra::detail {

/// The audio facts a catalog row records.
AudioInfo audioOf(const CatalogFile& row);

/// Deletes outputs Cepstra recorded for a file, except those in `keep`.
void removeOwnedOutputs(const std::filesystem::path& outputRoot,
                        const std::vector<std::string>& outputs,
                        const std::vector<std::string>& keep = {});

/// Files a run works on at a time: what it holds in memory, whatever the dataset's size.
inline constexpr int kBatchFiles = 2048;

/// The path a page of catalog rows continues after.
inline const std::string& pathOf(const CatalogFile& row) {
    return row.path;
}
inline const std::string& pathOf(const Catalog::WalkedFile& row) {
    return row.file.relativePath;
}
inline const std::string& pathOf(const Catalog::WalkedDone& row) {
    return row.row.path;
}

/// The one cursor loop of a run: pages through catalog rows in path order, kBatchFiles at a
/// time. `fetch(after)` gives the page after a path (a Result of a vector of rows); `each(page)`
/// takes it and says whether to go on. Fails with fetch's error.
template <typename Fetch, typename Each> Status forEachPage(Fetch fetch, Each each) {
    std::string cursor;
    for (;;) {
        auto page = fetch(cursor);
        if (!page)
            return page.error();
        if (page->empty())
            return success();
        cursor = pathOf(page->back());
        if (!each(std::move(page).value()))
            return success();
    }
}

/// One run, on the calling thread apart from its workers: walk INPUT into the catalog,
/// remove what is gone, then plan, claim and extract one batch at a time, then the dataset
/// pass. Holds a batch, the run's problems and its failures; nothing per file beyond those.
class DatasetRun {
public:
    DatasetRun(const RunRequest& request, RunObserver& observer, const CancelToken& cancel)
        : m_request(request)
        , m_observer(observer)
        , m_userCancel(cancel)
        , m_stop(&cancel) {}
    ~DatasetRun();
    DatasetRun(const DatasetRun&) = delete;
    DatasetRun& operator=(const DatasetRun&) = delete;

    Result<RunSummary> execute();

private:
    Status prepare();
    Status openCatalog();
    void forgetNewCatalog(bool outputExisted);
    Status seedShardCatalog();
    Status refuseAnotherInput();
    Status removeVanishedInputs();
    void reportUnreachable();
    void runBatches();
    Status planBatch(std::vector<Catalog::WalkedFile>&& walked);
    void removeStaleTemporaries();
    bool outputFolderLeadsIntoInput(const std::string& folder);
    Status claimPendingWork();
    void settleSkippedClips();
    void extractBatch();
    void collectExtraction(std::size_t index, ClipOutcome& outcome);
    void recordFailure(const PlannedClip& clip, const Error& error, const std::string& contentHash);
    Status recordOutcome(const CatalogFile& row, const DatasetStatistics& statistics);
    Status markBatchOutcomes();
    /// A statistics file the catalog does not know of is someone else's: refused up front.
    Status refuseForeignStatisticsFile();
    void scaleDataset();
    Result<DatasetStatistics> mergeDatasetStatistics();
    std::function<Result<std::vector<Catalog::WalkedDone>>(const std::string&)> doneWalked();
    void report(const PlannedClip& clip, FileStatus status, const std::string& error,
                bool unchanged, const AudioInfo& audio);
    void report(const std::string& path, const std::string& label, FileStatus status,
                const std::string& error, bool unchanged, const AudioInfo& audio);
    void fail(const Error& error);
    int jobsFor(std::size_t work) const;

    const RunRequest& m_request;
    RunObserver& m_observer;
    const CancelToken& m_userCancel;
    CancelToken m_stop; ///< stops workers on the user's request or on a fatal error
    /// What clips computed at once may need together: most of the memory free at the start.
    MemoryBudget m_memory{availableMemoryBytes() / 10 * 9};
    std::unique_ptr<Catalog> m_catalog;
    int m_sharedOutputLock = -1; ///< a shard's shared hold on OUTPUT's catalog lock
    std::unique_ptr<CatalogLedger> m_ledger;
    std::unique_ptr<FeatureExtractor> m_extractor;
    WalkedInput m_walked;
    std::string m_configHash;
    std::vector<std::string> m_featureNames;
    bool m_adoptOutputs = false; ///< the catalog was rebuilt: files at our names are ours
    bool m_newCatalog = false;   ///< no run had used the catalog before this one
    std::int64_t m_runId = 0;
    RunSummary m_summary;
    std::optional<Error> m_fatal;
    std::set<std::string> m_cleanedDirectories;     ///< output folders rid of stale temporaries
    std::map<std::string, bool> m_foldersIntoInput; ///< output folder -> resolves inside INPUT
    std::filesystem::path m_inputReal;              ///< INPUT, resolved
    // The batch at hand.
    std::vector<PlannedClip> m_clips;
    std::vector<std::size_t> m_workIndices; ///< clips a worker opens: Check and Refuse
    std::vector<bool> m_doneAfterExtraction;
    std::vector<bool> m_processedThisRun;
};

} // namespace cepstra::detail
