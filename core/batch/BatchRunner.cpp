// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/BatchRunner.h"

#include "core/Version.h"
#include "core/batch/ClipJobs.h"
#include "core/batch/DatasetStatisticsFile.h"
#include "core/batch/WorkerPool.h"
#include "core/io/AtomicFile.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

namespace cepstra {
namespace fs = std::filesystem;

std::string_view toString(RunPhase phase) {
    switch (phase) {
    case RunPhase::DatasetScaling:
        return "dataset-scaling";
    }
    return "?";
}

std::string_view toString(FileStatus status) {
    switch (status) {
    case FileStatus::Done:
        return "done";
    case FileStatus::Skipped:
        return "skipped";
    case FileStatus::Failed:
        return "failed";
    }
    return "?";
}

namespace {

AudioInfo audioOf(const CatalogFile& row) {
    return {row.sampleRateHz, row.channels, row.frames, row.format};
}

/// Deletes outputs Cepstra recorded for a file, except those in `keep`.
void removeOwnedOutputs(const fs::path& outputRoot, const std::vector<std::string>& outputs,
                        const std::vector<std::string>& keep = {}) {
    std::error_code ec;
    for (const auto& output : outputs) {
        if (std::find(keep.begin(), keep.end(), output) != keep.end())
            continue;
        if (auto path = resolveOutput(outputRoot, output); path && fs::is_regular_file(*path, ec))
            fs::remove(*path, ec);
    }
}

/// Temporaries of an earlier run that was killed mid-write; only names we generate.
void removeStaleTemporaries(const fs::path& outputRoot, const RunPlan& plan) {
    std::set<std::string> directories;
    for (const auto& clip : plan.clips)
        directories.insert(clip.outputDirectory);
    std::error_code ec;
    for (const auto& directory : directories)
        for (const auto& entry : fs::directory_iterator(outputRoot / directory, ec))
            if (entry.is_regular_file(ec) &&
                isAtomicTemporaryName(entry.path().filename().string()))
                fs::remove(entry.path(), ec);
}

class DatasetRun {
public:
    DatasetRun(const RunRequest& request, RunObserver& observer, const CancelToken& cancel)
        : m_request(request)
        , m_observer(observer)
        , m_userCancel(cancel)
        , m_stop(&cancel) {}

    Result<RunSummary> execute();

private:
    Status prepare();
    Status openCatalog();
    void keepOnlyThisShard(DatasetListing& listing) const;
    Status seedShardCatalog();
    Status removeVanishedInputs();
    Status claimPendingWork();
    void settlePlannedClips();
    void extractAll();
    void collectExtraction(std::size_t index, ClipOutcome& outcome);
    void keepPreviousResult(const PlannedClip& clip, const std::string& error);
    Status recordOutcome(const CatalogFile& row, const DatasetStatistics& statistics);
    void scaleDataset();
    void report(const PlannedClip& clip, FileStatus status, const std::string& error,
                bool unchanged, const AudioInfo& audio);
    void report(const std::string& path, const std::string& label, FileStatus status,
                const std::string& error, bool unchanged, const AudioInfo& audio);
    void fail(const Error& error);

    const RunRequest& m_request;
    RunObserver& m_observer;
    const CancelToken& m_userCancel;
    CancelToken m_stop; ///< stops workers on the user's request or on a fatal error
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<FeatureExtractor> m_extractor;
    RunPlan m_plan;
    std::vector<std::size_t> m_workIndices; ///< clips a worker opens: Check and Refuse
    bool m_adoptOutputs = false; ///< the catalog was rebuilt: files at our names are ours
    std::vector<bool> m_doneAfterExtraction;
    std::vector<bool> m_processedThisRun;
    std::int64_t m_runId = 0;
    int m_jobs = 1;
    RunSummary m_summary;
    std::optional<Error> m_fatal;
};

Status DatasetRun::prepare() {
    if (auto status = checkRunPaths(m_request.inputDirectory, m_request.outputDirectory); !status)
        return status;
    if (!m_request.mergingShards)
        if (auto status = checkShardsBeforeRun(m_request.outputDirectory, m_request.shard); !status)
            return status;
    std::error_code ec;
    fs::create_directories(m_request.outputDirectory, ec);
    if (ec || !fs::is_directory(m_request.outputDirectory))
        return Error{ErrorKind::InvalidUsage, "cannot create output folder " +
                                                  m_request.outputDirectory.string() + ": " +
                                                  (ec ? ec.message() : "a file is in the way") +
                                                  "; choose a writable location"};
    auto listing = scanDataset(m_request.inputDirectory);
    if (!listing)
        return listing.error();
    if (auto status = requireAudioFiles(*listing, m_request.inputDirectory); !status)
        return status;
    if (m_request.shard)
        keepOnlyThisShard(*listing);
    if (auto status = openCatalog(); !status)
        return status;
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    auto runId = m_catalog->beginRun(fs::absolute(m_request.inputDirectory).string(),
                                     configJsonOf(m_request.config), configHashOf(m_request.config),
                                     m_request.jobs > 0 ? m_request.jobs : hardware);
    if (!runId)
        return runId.error();
    m_runId = *runId;
    if (m_request.shard)
        if (auto status = seedShardCatalog(); !status)
            return status;
    auto previous = m_catalog->loadFiles();
    if (!previous)
        return previous.error();
    std::set<std::string> withStatistics;
    if (m_request.config.scaleAxis == ScaleAxis::Dataset) {
        std::vector<std::string> features;
        for (Feature feature : m_request.config.features)
            features.emplace_back(toString(feature));
        auto stored = m_catalog->pathsWithStatistics(features);
        if (!stored)
            return stored.error();
        withStatistics = std::move(stored).value();
    }
    m_plan = planRun(m_request, *listing, *previous, withStatistics, m_adoptOutputs);
    removeStaleTemporaries(m_request.outputDirectory, m_plan);
    m_extractor = std::make_unique<FeatureExtractor>(m_request.config);
    for (const std::string& message : m_extractor->warnings())
        m_observer.warning(message);
    m_summary.total = int(m_plan.clips.size() + m_plan.unreachable.size());
    m_doneAfterExtraction.assign(m_plan.clips.size(), false);
    m_processedThisRun.assign(m_plan.clips.size(), false);
    for (std::size_t i = 0; i < m_plan.clips.size(); ++i)
        if (m_plan.clips[i].action != ClipAction::Skip)
            m_workIndices.push_back(i);
    m_jobs = std::clamp(m_request.jobs > 0 ? m_request.jobs : hardware, 1,
                        std::max<int>(1, int(m_workIndices.size())));
    return success();
}

/// A shard sees its own files only, and the problems of the run once: unusable entries go to
/// the shard their name would, folders that cannot be listed to shard 1.
void DatasetRun::keepOnlyThisShard(DatasetListing& listing) const {
    const Shard& shard = *m_request.shard;
    std::erase_if(listing.files, [&](const DatasetFile& file) {
        return shardOf(outputKeyOf(file), shard.count) != shard.index;
    });
    std::erase_if(listing.unusableFiles, [&](const ScanProblem& problem) {
        return shardOf(outputKeyOf(problem.relativePath), shard.count) != shard.index;
    });
    if (shard.index != 1)
        listing.unlistedFolders.clear();
}

/// A new shard catalog starts from what the merged catalog already knows of its files, so
/// that going from one machine to shards (or to another N) recomputes nothing that stands.
Status DatasetRun::seedShardCatalog() {
    auto runs = m_catalog->latestRun();
    if (!runs)
        return runs.error();
    std::error_code ec;
    if ((*runs && (*runs)->id != m_runId) ||
        !fs::is_regular_file(m_request.outputDirectory / Catalog::kFileName, ec))
        return success(); // not new, or nothing to start from
    auto merged = Catalog::openReadOnly(m_request.outputDirectory);
    if (!merged) {
        m_observer.warning("the shard starts empty: " + merged.error().message);
        return success();
    }
    const Shard shard = *m_request.shard;
    return m_catalog->copyFilesFrom(
        **merged,
        [&](const CatalogFile& row) {
            return shardOf(outputKeyOf(row.path), shard.count) == shard.index;
        },
        m_runId);
}

Status DatasetRun::openCatalog() {
    const fs::path name =
        m_request.shard ? shardCatalogName(*m_request.shard) : fs::path(Catalog::kFileName);
    auto catalog = Catalog::open(m_request.outputDirectory, name);
    if (!catalog && catalog.error().kind == ErrorKind::Malformed && m_request.force) {
        // --force on a damaged catalog: keep it for inspection, start a new one, and take the
        // files at the names this run writes as ours, since the record of them is lost.
        auto aside = Catalog::setAsideDamaged(m_request.outputDirectory, name);
        if (!aside)
            return aside.error();
        m_observer.warning("the catalog was damaged; it is kept as " + aside->string() +
                           ", and a new one is built. Files at the names this run writes are "
                           "taken as Cepstra's and rewritten.");
        m_adoptOutputs = true;
        catalog = Catalog::open(m_request.outputDirectory, name);
    }
    if (!catalog)
        return catalog.error();
    m_catalog = std::move(catalog).value();
    return success();
}

Status DatasetRun::removeVanishedInputs() {
    for (const CatalogFile& gone : m_plan.removed) {
        removeOwnedOutputs(m_request.outputDirectory, gone.outputs);
        if (auto status = m_catalog->removeFile(gone.path); !status)
            return status;
        ++m_summary.removed;
    }
    return success();
}

Status DatasetRun::claimPendingWork() {
    // Recording the planned outputs before any is written keeps them ours if the run dies.
    auto transaction = m_catalog->beginTransaction();
    if (!transaction)
        return transaction.error();
    for (std::size_t index : m_workIndices) {
        const PlannedClip& clip = m_plan.clips[index];
        if (clip.action != ClipAction::Check)
            continue;
        CatalogFile row = clip.previous.value_or(CatalogFile{});
        row.path = clip.file.relativePath;
        row.label = clip.file.label;
        row.state = FileState::Pending;
        row.configHash = m_plan.configHash;
        for (const auto& output : clip.outputs)
            if (std::find(row.outputs.begin(), row.outputs.end(), output) == row.outputs.end())
                row.outputs.push_back(output);
        if (auto status = m_catalog->upsertFile(row, m_runId); !status)
            return status; // the transaction rolls back
    }
    return transaction->commit();
}

void DatasetRun::report(const PlannedClip& clip, FileStatus status, const std::string& error,
                        bool unchanged, const AudioInfo& audio) {
    report(clip.file.relativePath, clip.file.label, status, error, unchanged, audio);
}

void DatasetRun::report(const std::string& path, const std::string& label, FileStatus status,
                        const std::string& error, bool unchanged, const AudioInfo& audio) {
    if (status == FileStatus::Done)
        ++m_summary.processed;
    else if (status == FileStatus::Skipped)
        ++m_summary.skipped;
    else {
        ++m_summary.failed;
        m_summary.failures.emplace_back(path, error);
    }
    const FileEvent event{.relativePath = path,
                          .label = label,
                          .status = status,
                          .error = error,
                          .unchanged = unchanged,
                          .audio = audio,
                          .finished = m_summary.processed + m_summary.skipped + m_summary.failed,
                          .total = m_summary.total};
    m_observer.fileFinished(event);
}

void DatasetRun::settlePlannedClips() {
    for (std::size_t i = 0; i < m_plan.clips.size(); ++i) {
        const PlannedClip& clip = m_plan.clips[i];
        if (clip.action == ClipAction::Skip) {
            const CatalogFile& previous = *clip.previous;
            m_doneAfterExtraction[i] = previous.state == FileState::Done;
            report(clip,
                   previous.state == FileState::Done ? FileStatus::Skipped : FileStatus::Failed,
                   previous.error, true, audioOf(previous));
        }
    }
    for (const ScanProblem& problem : m_plan.unreachable) {
        const auto slash = problem.relativePath.find('/');
        const bool topLevel =
            slash == std::string::npos || slash + 1 == problem.relativePath.size();
        report(problem.relativePath, topLevel ? "" : problem.relativePath.substr(0, slash),
               FileStatus::Failed, problem.reason, false, {});
    }
}

void DatasetRun::fail(const Error& error) {
    if (!m_fatal)
        m_fatal = error;
    m_stop.requestStop();
}

void DatasetRun::collectExtraction(std::size_t index, ClipOutcome& outcome) {
    const PlannedClip& clip = m_plan.clips[index];
    if (outcome.kind == ClipOutcome::Kind::Cancelled || m_fatal)
        return; // the row stays "pending", so the next run redoes this file
    if (clip.action == ClipAction::Refuse) // probed only: its decode error, or the collision
        return report(clip, FileStatus::Failed, outcome.error, false, {});
    if (outcome.kind == ClipOutcome::Kind::Failed && outcome.errorKind == ErrorKind::OutputFailed) {
        fail({ErrorKind::OutputFailed, outcome.error});
        return;
    }
    if (outcome.kind == ClipOutcome::Kind::Failed && outcome.errorKind == ErrorKind::ReadFailed)
        return keepPreviousResult(clip, outcome.error);
    if (outcome.kind == ClipOutcome::Kind::Unchanged) {
        CatalogFile row = *clip.previous;
        row.mtimeNs = clip.file.mtimeNs;
        row.sizeBytes = clip.file.sizeBytes;
        if (auto status = m_catalog->upsertFile(row, m_runId); !status)
            return fail(status.error());
        m_doneAfterExtraction[index] = row.state == FileState::Done;
        report(clip, row.state == FileState::Done ? FileStatus::Skipped : FileStatus::Failed,
               row.error, true, audioOf(row));
        return;
    }

    CatalogFile row;
    row.path = clip.file.relativePath;
    row.label = clip.file.label;
    row.sizeBytes = clip.file.sizeBytes;
    row.mtimeNs = clip.file.mtimeNs;
    row.contentHash = outcome.contentHash;
    row.configHash = m_plan.configHash;
    const bool processed = outcome.kind == ClipOutcome::Kind::Processed;
    row.state = processed ? FileState::Done : FileState::Failed;
    row.error = processed ? "" : outcome.error;
    // Under dataset scaling the scaled files follow in the second pass; they stay claimed.
    row.outputs = !processed                                         ? std::vector<std::string>{}
                  : m_request.config.scaleAxis == ScaleAxis::Dataset ? clip.outputs
                                                                     : outcome.outputs;
    row.durationSeconds = outcome.native.durationSeconds();
    row.sampleRateHz = outcome.native.sampleRateHz;
    row.channels = outcome.native.channels;
    row.frames = outcome.native.frames;
    row.format = outcome.native.format;

    // Outputs of the previous version of this input that the new one does not produce.
    if (clip.previous)
        removeOwnedOutputs(m_request.outputDirectory, clip.previous->outputs, row.outputs);
    if (auto status = recordOutcome(row, outcome.statistics); !status)
        return fail(status.error());
    m_doneAfterExtraction[index] = processed;
    m_processedThisRun[index] = processed;
    report(clip, processed ? FileStatus::Done : FileStatus::Failed, row.error, false,
           outcome.native);
}

/// The row and the clip's statistics, together or not at all.
Status DatasetRun::recordOutcome(const CatalogFile& row, const DatasetStatistics& statistics) {
    auto transaction = m_catalog->beginTransaction();
    if (!transaction)
        return transaction.error();
    if (auto status = m_catalog->upsertFile(row, m_runId); !status)
        return status;
    for (const auto& [feature, fit] : statistics)
        if (auto status = m_catalog->storeStatistics(row.path, std::string(toString(feature)), fit);
            !status)
            return status;
    return transaction->commit();
}

/// The input exists but cannot be read now (permissions, an I/O error, it changed while being
/// read). Its content is unknown, so its earlier result and outputs stay as they were; only the
/// recorded mtime is cleared, so the next run reads the file again instead of trusting it.
void DatasetRun::keepPreviousResult(const PlannedClip& clip, const std::string& error) {
    Status status = success();
    std::string message = error;
    if (clip.previous) {
        CatalogFile row = *clip.previous;
        row.mtimeNs = 0;
        status = m_catalog->upsertFile(row, m_runId);
        if (!row.outputs.empty())
            message += "; its earlier outputs are kept";
    } else {
        status = m_catalog->removeFile(clip.file.relativePath); // the claim wrote nothing
    }
    if (!status)
        return fail(status.error());
    report(clip, FileStatus::Failed, message, false, {});
}

void DatasetRun::extractAll() {
    const ClipJobContext context{*m_extractor, m_request.outputDirectory, m_stop};
    runOnWorkerThreads<ClipOutcome>(
        m_jobs, m_workIndices.size(),
        [&](std::size_t i) { return processClip(m_plan.clips[m_workIndices[i]], context); },
        [&](std::size_t i, ClipOutcome& outcome) { collectExtraction(m_workIndices[i], outcome); },
        m_stop);
}

void DatasetRun::scaleDataset() {
    // Merge per-clip fits in path order, so the result has the same bits whatever --jobs is.
    DatasetStatistics merged;
    std::vector<std::size_t> fitted;
    for (std::size_t i = 0; i < m_plan.clips.size(); ++i) {
        if (!m_doneAfterExtraction[i])
            continue;
        fitted.push_back(i);
        for (Feature feature : m_request.config.features) {
            auto stored = m_catalog->loadStatistics(m_plan.clips[i].file.relativePath,
                                                    std::string(toString(feature)));
            if (!stored || !stored->has_value())
                return fail(
                    stored ? Error{ErrorKind::OutputFailed, "catalog lacks statistics for " +
                                                                m_plan.clips[i].file.relativePath}
                           : stored.error());
            merged[feature].merge(**stored);
        }
    }
    const std::string document = datasetStatisticsJson(merged, m_plan.configHash);
    const std::string fitHash = hashOfStatisticsDocument(document);
    auto previousHash = m_catalog->metaValue(kDatasetStatisticsHashKey);
    const bool sameFit = previousHash && previousHash->has_value() && **previousHash == fitHash;

    std::vector<std::size_t> toRescale;
    for (std::size_t i : fitted) {
        const PlannedClip& clip = m_plan.clips[i];
        CatalogFile outputs;
        outputs.outputs = clip.outputs;
        if (!sameFit || m_processedThisRun[i] || !outputsExist(outputs, m_request.outputDirectory))
            toRescale.push_back(i);
    }
    m_observer.phaseStarted(RunPhase::DatasetScaling, int(toRescale.size()));
    const ClipJobContext context{*m_extractor, m_request.outputDirectory, m_stop};
    int done = 0;
    runOnWorkerThreads<ClipOutcome>(
        m_jobs, toRescale.size(),
        [&](std::size_t i) { return rescaleClip(m_plan.clips[toRescale[i]], context, merged); },
        [&](std::size_t, ClipOutcome& outcome) {
            if (outcome.kind == ClipOutcome::Kind::Failed)
                fail({outcome.errorKind, outcome.error});
            m_observer.phaseProgress(++done, int(toRescale.size()));
        },
        m_stop);
    if (m_stop.stopRequested())
        return; // the fit is recorded only when every clip carries it
    if (auto status =
            writeFileAtomically(m_request.outputDirectory / kDatasetStatisticsFileName, document);
        !status)
        return fail(status.error());
    if (auto status = m_catalog->setMetaValue(kDatasetStatisticsHashKey, fitHash); !status)
        return fail(status.error());
}

Result<RunSummary> DatasetRun::execute() {
    const auto started = std::chrono::steady_clock::now();
    if (auto status = prepare(); !status)
        return status.error();
    if (auto status = removeVanishedInputs(); !status)
        fail(status.error());
    if (!m_fatal)
        if (auto status = claimPendingWork(); !status)
            fail(status.error());
    m_observer.runStarted(m_summary.total);
    if (!m_fatal) {
        settlePlannedClips();
        extractAll();
    }
    // A shard leaves what concerns the whole dataset to the merge.
    if (!m_request.shard && !m_stop.stopRequested()) {
        if (m_request.config.scaleAxis == ScaleAxis::Dataset)
            scaleDataset();
        else if (auto status = removeDatasetStatistics(*m_catalog, m_request.outputDirectory);
                 !status)
            fail(status.error());
    }

    m_summary.interrupted = m_userCancel.stopRequested();
    std::sort(m_summary.failures.begin(), m_summary.failures.end());
    m_summary.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const RunStatus runStatus = m_fatal                 ? RunStatus::Failed
                                : m_summary.interrupted ? RunStatus::Interrupted
                                                        : RunStatus::Completed;
    const auto finished = m_catalog->finishRun(m_runId, runStatus, m_summary);
    if (m_fatal)
        return *m_fatal;
    if (!finished)
        return finished.error();
    return m_summary;
}

} // namespace

Result<RunSummary> runDataset(const RunRequest& request, RunObserver& observer,
                              const CancelToken& cancel) {
    DatasetRun run(request, observer, cancel);
    return run.execute();
}

} // namespace cepstra
