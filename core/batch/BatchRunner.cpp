// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/batch/BatchRunner.h"

#include "core/batch/DatasetRun.h"
#include "core/batch/DatasetStatisticsFile.h"
#include "core/io/AtomicFile.h"
#include "core/io/PathChecks.h"
#include "core/util/WorkerPool.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
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

namespace detail {

AudioInfo audioOf(const CatalogFile& row) {
    return {row.sampleRateHz, row.channels, row.frames, row.format};
}

void removeOwnedOutputs(const fs::path& outputRoot, const std::vector<std::string>& outputs,
                        const std::vector<std::string>& keep) {
    std::error_code ec;
    for (const auto& output : outputs) {
        if (std::find(keep.begin(), keep.end(), output) != keep.end())
            continue;
        if (auto path = resolveOutput(outputRoot, output); path && fs::is_regular_file(*path, ec))
            fs::remove(*path, ec);
    }
}

DatasetRun::~DatasetRun() {
    if (m_sharedOutputLock >= 0)
        ::close(m_sharedOutputLock);
}

int DatasetRun::jobsFor(std::size_t work) const {
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    return std::clamp(m_request.jobs > 0 ? m_request.jobs : hardware, 1,
                      std::max<int>(1, int(work)));
}

Status DatasetRun::prepare() {
    if (auto status = checkRunPaths(m_request.inputDirectory, m_request.outputDirectory); !status)
        return status;
    if (!m_request.mergingShards)
        if (auto status = checkShardsBeforeRun(m_request.outputDirectory, m_request.shard); !status)
            return status;
    std::error_code ec;
    const bool outputExisted = fs::exists(m_request.outputDirectory, ec);
    fs::create_directories(m_request.outputDirectory, ec);
    if (ec || !fs::is_directory(m_request.outputDirectory))
        return Error{ErrorKind::InvalidUsage, "cannot create output folder " +
                                                  m_request.outputDirectory.string() + ": " +
                                                  (ec ? ec.message() : "a file is in the way") +
                                                  "; choose a writable location"};
    const fs::path catalogName =
        m_request.shard ? shardCatalogName(*m_request.shard) : fs::path(Catalog::kFileName);
    const bool catalogExisted = fs::exists(m_request.outputDirectory / catalogName, ec);
    if (auto status = openCatalog(); !status) {
        if (!outputExisted)
            fs::remove(m_request.outputDirectory, ec); // empty: nothing of ours in it
        return status;
    }
    const auto refused = [&](Status status) {
        if (!catalogExisted)
            forgetNewCatalog(outputExisted);
        return status;
    };
    if (auto status = refuseForeignStatisticsFile(); !status)
        return refused(status);
    if (auto status = refuseAnotherInput(); !status)
        return refused(status);
    auto walked = walkInputIntoCatalog(m_request.inputDirectory, *m_catalog, m_request.shard);
    if (!walked)
        return refused(walked.error());
    m_walked = std::move(walked).value();
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    // Resolved, so that a link re-pointed at another folder is not taken for the same INPUT.
    auto runId =
        m_catalog->beginRun(fs::weakly_canonical(fs::absolute(m_request.inputDirectory)).string(),
                            configJsonOf(m_request.config), configHashOf(m_request.config),
                            m_request.jobs > 0 ? m_request.jobs : hardware);
    if (!runId)
        return runId.error();
    m_runId = *runId;
    if (m_request.shard)
        if (auto status = seedShardCatalog(); !status)
            return status;
    m_configHash = configHashOf(m_request.config);
    for (Feature feature : m_request.config.features)
        m_featureNames.emplace_back(toString(feature));
    m_ledger = std::make_unique<CatalogLedger>(*m_catalog, m_request.inputDirectory,
                                               m_walked.collidesWith);
    m_extractor = std::make_unique<FeatureExtractor>(m_request.config);
    for (const std::string& message : m_extractor->warnings())
        m_observer.warning(message);
    return success();
}

/// The catalog records the INPUT of its latest run (a new shard's, its merged catalog's):
/// another INPUT would take all of it for removed, so it is refused unless asked to start over.
Status DatasetRun::refuseAnotherInput() {
    auto earlierRun = m_catalog->latestRun(); // none: the catalog is new
    if (!earlierRun)
        return earlierRun.error();
    m_newCatalog = !earlierRun->has_value();
    std::optional<RunRecord> recorded = *earlierRun;
    std::error_code ec;
    if (!recorded && m_request.shard &&
        fs::is_regular_file(m_request.outputDirectory / Catalog::kFileName, ec))
        if (auto merged = Catalog::openReadOnly(m_request.outputDirectory); merged)
            if (auto run = (*merged)->latestRun(); run)
                recorded = *run;
    if (!recorded)
        return success();
    return checkRecordedInput(recorded->inputDirectory, m_request.inputDirectory,
                              m_request.outputDirectory, m_request.startOver);
}

/// A catalog this run created for an INPUT it then refused holds nothing: remove it, and the
/// OUTPUT folder when the run made it, so that bad usage leaves nothing behind.
void DatasetRun::forgetNewCatalog(bool outputExisted) {
    const fs::path path = m_catalog->path();
    m_catalog.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", ".lock"})
        fs::remove(path.string() + suffix, ec);
    if (m_request.shard)
        fs::remove(m_request.outputDirectory / kShardFolder, ec); // only if empty
    if (!outputExisted)
        fs::remove(m_request.outputDirectory, ec);
}

/// A new shard catalog starts from what the merged catalog already knows of its files, so
/// that going from one machine to shards recomputes nothing that stands.
Status DatasetRun::seedShardCatalog() {
    std::error_code ec;
    if (!m_newCatalog || !fs::is_regular_file(m_request.outputDirectory / Catalog::kFileName, ec))
        return success(); // not new, or nothing to start from
    auto merged = Catalog::openReadOnly(m_request.outputDirectory);
    if (!merged) {
        m_observer.warning("the shard starts empty: " + merged.error().message);
        return success();
    }
    const Shard shard = *m_request.shard;
    const std::string topLabel = topLevelLabel(m_request.inputDirectory);
    return m_catalog->copyFilesFrom(
        **merged,
        [&](const CatalogFile& row) {
            return shardOf(ClipOutputs::keyOf(row.path, topLabel), shard.count) == shard.index;
        },
        m_runId);
}

Status DatasetRun::openCatalog() {
    const fs::path name =
        m_request.shard ? shardCatalogName(*m_request.shard) : fs::path(Catalog::kFileName);
    if (m_request.shard) { // shards share OUTPUT; a run of the whole of it excludes them all
        auto shared = Catalog::lockSharing(m_request.outputDirectory / Catalog::kFileName);
        if (!shared)
            return shared.error();
        m_sharedOutputLock = *shared;
    }
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

/// Rows the walk did not meet are gone, unless a folder that could not be listed or an
/// unusable entry may hold them: those keep their outputs, and the failure line says so.
Status DatasetRun::removeVanishedInputs() {
    std::map<std::string, int> keptUnder; // unreachable entry -> catalog rows kept for it
    const DatasetListing& problems = m_walked.problems;
    const std::string topLabel = topLevelLabel(m_request.inputDirectory);
    std::string cursor;
    for (;;) {
        auto rows = m_catalog->unwalkedAfter(cursor, kBatchFiles);
        if (!rows)
            return rows.error();
        if (rows->empty())
            break;
        cursor = rows->back().path;
        for (const CatalogFile& row : *rows) {
            if (m_request.shard && shardOf(ClipOutputs::keyOf(row.path, topLabel),
                                           m_request.shard->count) != m_request.shard->index)
                continue; // another shard's file, seeded or merged in: not ours to judge
            if (problems.mayHold(row.path)) {
                for (const ScanProblem& folder : problems.unlistedFolders)
                    if (row.path.starts_with(folder.relativePath))
                        ++keptUnder[folder.relativePath];
                continue; // an unusable entry's own row says so when it fails (recordFailure)
            }
            removeOwnedOutputs(m_request.outputDirectory, row.outputs);
            if (auto status = m_catalog->removeFile(row.path); !status)
                return status;
            ++m_summary.removed;
        }
    }
    // A shard reports the run's problems once: unusable entries in the shard their name goes
    // to, folders that cannot be listed in shard 1.
    const auto reportedHere = [&](const ScanProblem& problem, bool folder) {
        if (!m_request.shard)
            return true;
        return folder ? m_request.shard->index == 1
                      : shardOf(ClipOutputs::keyOf(problem.relativePath, topLabel),
                                m_request.shard->count) == m_request.shard->index;
    };
    std::vector<ScanProblem> unreachable;
    for (bool folder : {true, false})
        for (ScanProblem problem : folder ? problems.unlistedFolders : problems.unusableFiles) {
            if (!reportedHere(problem, folder))
                continue;
            if (const int kept = keptUnder[problem.relativePath]; kept > 0)
                problem.reason +=
                    kept == 1 ? "; its earlier results are kept"
                              : "; its " + std::to_string(kept) + " earlier results are kept";
            unreachable.push_back(std::move(problem));
        }
    std::sort(
        unreachable.begin(), unreachable.end(),
        [](const ScanProblem& a, const ScanProblem& b) { return a.relativePath < b.relativePath; });
    m_walked.problems.unlistedFolders.clear(); // reported from here on
    m_walked.problems.unusableFiles = std::move(unreachable);
    return success();
}

/// Unusable entries (a FIFO, a broken link) fail through the one failure path, each in the
/// catalog; folders that cannot be listed hold no row of their own and are reported only.
void DatasetRun::reportUnreachable() {
    const std::string topLabel = topLevelLabel(m_request.inputDirectory);
    for (const ScanProblem& problem : m_walked.problems.unusableFiles) {
        if (problem.relativePath.ends_with('/')) {
            report(problem.relativePath, "", FileStatus::Failed, problem.reason, false, {});
            continue;
        }
        const auto slash = problem.relativePath.find('/');
        DatasetFile file{
            .relativePath = problem.relativePath,
            .label = slash == std::string::npos ? topLabel : problem.relativePath.substr(0, slash)};
        auto previous = m_catalog->findFile(file.relativePath);
        if (!previous)
            return fail(previous.error());
        PlannedClip clip = plannedClipOf(std::move(file), topLabel, m_request.config);
        clip.previous = std::move(previous).value();
        recordFailure(clip, {ErrorKind::ReadFailed, problem.reason}, {});
        if (m_fatal)
            return;
    }
}

Status DatasetRun::planBatch(std::vector<Catalog::WalkedFile>&& walked) {
    auto clips = planClips(m_request, m_configHash, std::move(walked), m_request.inputDirectory,
                           *m_ledger, m_adoptOutputs);
    if (!clips)
        return clips.error();
    m_clips = std::move(clips).value();
    for (PlannedClip& clip : m_clips)
        if (clip.action == ClipAction::Check &&
            outputFolderLeadsIntoInput(clip.outputs.directory())) {
            clip.action = ClipAction::Refuse;
            clip.refusal = "its output folder " +
                           (m_request.outputDirectory / clip.outputs.directory()).string() +
                           " leads into the input folder (a link); remove the link so that no "
                           "feature is written among the clips";
        }
    m_workIndices.clear();
    for (std::size_t i = 0; i < m_clips.size(); ++i)
        if (m_clips[i].action != ClipAction::Skip)
            m_workIndices.push_back(i);
    m_doneAfterExtraction.assign(m_clips.size(), false);
    m_processedThisRun.assign(m_clips.size(), false);
    return success();
}

/// Whether OUTPUT/<folder> resolves inside INPUT (a link someone made there): asked once per
/// folder.
bool DatasetRun::outputFolderLeadsIntoInput(const std::string& folder) {
    const auto [known, added] = m_foldersIntoInput.emplace(folder, false);
    if (added) {
        std::error_code ec;
        if (m_inputReal.empty())
            m_inputReal = fs::weakly_canonical(m_request.inputDirectory, ec);
        known->second =
            isWithin(fs::weakly_canonical(m_request.outputDirectory / folder, ec), m_inputReal);
    }
    return known->second;
}

/// Temporaries of an earlier run that was killed mid-write; only names we generate, and not
/// those another process is writing. Each output folder once per run.
void DatasetRun::removeStaleTemporaries() {
    for (const auto& clip : m_clips)
        if (m_cleanedDirectories.insert(clip.outputs.directory()).second)
            m_summary.staleTemporariesRemoved += cepstra::removeStaleTemporaries(
                m_request.outputDirectory / clip.outputs.directory());
}

Status DatasetRun::claimPendingWork() {
    // Recording the planned outputs before any is written keeps them ours if the run dies.
    auto transaction = m_catalog->beginTransaction();
    if (!transaction)
        return transaction.error();
    for (std::size_t index : m_workIndices) {
        const PlannedClip& clip = m_clips[index];
        if (clip.action != ClipAction::Check)
            continue;
        CatalogFile row = clip.previous.value_or(CatalogFile{});
        row.path = clip.file.relativePath;
        row.label = clip.file.label;
        row.state = FileState::Pending;
        row.configHash = m_configHash;
        for (const std::string& output : clip.outputs.relativePaths())
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
        if (path.ends_with('/'))
            ++m_summary.unlistedFolders;
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

void DatasetRun::settleSkippedClips() {
    for (std::size_t i = 0; i < m_clips.size(); ++i) {
        const PlannedClip& clip = m_clips[i];
        if (clip.action == ClipAction::Skip) {
            const CatalogFile& previous = *clip.previous;
            m_doneAfterExtraction[i] = previous.state == FileState::Done;
            report(clip,
                   previous.state == FileState::Done ? FileStatus::Skipped : FileStatus::Failed,
                   previous.error, true, audioOf(previous));
        }
    }
}

void DatasetRun::fail(const Error& error) {
    if (!m_fatal)
        m_fatal = error;
    m_stop.requestStop();
}

void DatasetRun::collectExtraction(std::size_t index, ClipOutcome& outcome) {
    const PlannedClip& clip = m_clips[index];
    if (outcome.kind == ClipOutcome::Kind::Cancelled || m_fatal)
        return; // the row stays "pending", so the next run redoes this file
    if (outcome.kind == ClipOutcome::Kind::Failed && outcome.errorKind == ErrorKind::OutputFailed)
        return fail({ErrorKind::OutputFailed, outcome.error});
    if (outcome.kind == ClipOutcome::Kind::Failed)
        return recordFailure(clip, {outcome.errorKind, outcome.error}, outcome.contentHash);
    if (outcome.kind == ClipOutcome::Kind::Unchanged) {
        CatalogFile row = *clip.previous;
        row.mtimeNs = clip.file.mtimeNs;
        row.sizeBytes = clip.file.sizeBytes;
        if (row.state == FileState::Unavailable) { // readable again, as it was: done again
            row.state = FileState::Done;
            row.error.clear();
        }
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
    row.configHash = m_configHash;
    row.state = FileState::Done;
    // Under dataset scaling the scaled files follow in the second pass; they stay claimed.
    row.outputs = m_request.config.scaleAxis == ScaleAxis::Dataset ? clip.outputs.relativePaths()
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
    m_doneAfterExtraction[index] = true;
    m_processedThisRun[index] = true;
    report(clip, FileStatus::Done, row.error, false, outcome.native);
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

/// The one failure path: an input that exists but cannot be used now (undecodable, empty,
/// unreadable, changed while read, refused, an unusable entry) becomes a failed row that keeps
/// its earlier outputs, which stay out of exports until it works again; only an input that is
/// really gone loses them. Outputs another input now claims are no longer this one's.
/// - A read failure says nothing of the content: a done row becomes unavailable, keeping the
///   hashes of what its outputs were made from, and the recorded modification time is cleared
///   so the next run reads the file again (and, finding the same content, makes it done).
/// - Any other failure is of this content: the row records its hash (`contentHash`, empty when
///   it was not read) and size and time, so an unchanged broken file is not decoded again.
void DatasetRun::recordFailure(const PlannedClip& clip, const Error& error,
                               const std::string& contentHash) {
    CatalogFile row = clip.previous.value_or(CatalogFile{});
    const bool hadOutputs = !row.outputs.empty();
    const bool wasDone = row.state == FileState::Done || row.state == FileState::Unavailable;
    row.path = clip.file.relativePath;
    row.label = clip.file.label;
    row.error = error.message;
    if (error.kind == ErrorKind::ReadFailed && wasDone) {
        row.state = FileState::Unavailable;
        row.mtimeNs = 0;
    } else {
        row.state = FileState::Failed;
        row.configHash = m_configHash;
        row.contentHash = contentHash;
        row.sizeBytes = clip.file.sizeBytes;
        row.mtimeNs = contentHash.empty() ? 0 : clip.file.mtimeNs;
    }
    if (clip.outputsClaimedElsewhere)
        row.outputs.clear();
    if (auto status = m_catalog->upsertFile(row, m_runId); !status)
        return fail(status.error());
    std::string message = error.message;
    if (hadOutputs && !row.outputs.empty())
        message += "; its earlier outputs are kept";
    report(clip, FileStatus::Failed, message, false, {});
}

void DatasetRun::extractBatch() {
    const ClipJobContext context{*m_extractor, m_request.outputDirectory, m_stop, m_memory};
    runOnWorkerThreads<ClipOutcome>(
        jobsFor(m_workIndices.size()), m_workIndices.size(),
        [&](std::size_t i) { return processClip(m_clips[m_workIndices[i]], context); },
        [&](std::size_t i, ClipOutcome& outcome) { collectExtraction(m_workIndices[i], outcome); },
        m_stop);
}

/// What the dataset pass must know of the batch: which clips it computed, and which it
/// leaves out of the fit though their rows say done (refused, or unreadable now).
Status DatasetRun::markBatchOutcomes() {
    if (m_request.config.scaleAxis != ScaleAxis::Dataset || m_request.shard)
        return success();
    auto transaction = m_catalog->beginTransaction();
    if (!transaction)
        return transaction.error();
    for (std::size_t i = 0; i < m_clips.size(); ++i) {
        if (m_doneAfterExtraction[i] && !m_processedThisRun[i])
            continue;
        const auto outcome =
            m_processedThisRun[i] ? Catalog::WalkOutcome::Computed : Catalog::WalkOutcome::LeftOut;
        if (auto status = m_catalog->markWalked(m_clips[i].file.relativePath, outcome); !status)
            return status;
    }
    return transaction->commit();
}

void DatasetRun::runBatches() {
    std::string cursor;
    while (!m_fatal && !m_stop.stopRequested()) {
        // Statistics matter only to the dataset axis's skip rule.
        static const std::vector<std::string> kNone;
        auto walked = m_catalog->walkedAfter(
            cursor, kBatchFiles,
            m_request.config.scaleAxis == ScaleAxis::Dataset ? m_featureNames : kNone);
        if (!walked)
            return fail(walked.error());
        if (walked->empty())
            return;
        cursor = walked->back().file.relativePath;
        if (auto status = planBatch(std::move(walked).value()); !status)
            return fail(status.error());
        removeStaleTemporaries();
        if (auto status = claimPendingWork(); !status)
            return fail(status.error());
        settleSkippedClips();
        extractBatch();
        if (m_fatal || m_stop.stopRequested())
            return;
        if (auto status = markBatchOutcomes(); !status)
            return fail(status.error());
    }
}

Result<RunSummary> DatasetRun::execute() {
    const auto started = std::chrono::steady_clock::now();
    if (auto status = prepare(); !status)
        return status.error();
    // Until the dataset pass ends, scaled arrays may carry an older fit than the clips' own.
    if (!m_request.shard && m_request.config.scaleAxis == ScaleAxis::Dataset)
        if (auto status = m_catalog->markDatasetScaling(false); !status)
            fail(status.error());
    if (!m_fatal)
        if (auto status = removeVanishedInputs(); !status)
            fail(status.error());
    m_summary.total = int(m_walked.walked + std::int64_t(m_walked.problems.unusableFiles.size()));
    m_observer.runStarted(m_summary.total);
    if (!m_fatal) {
        reportUnreachable();
        runBatches();
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
    // The runs table counts files, as the files table has a row for each failed one.
    RunCounts counts = m_summary;
    counts.failed -= m_summary.unlistedFolders;
    const auto finished = m_catalog->finishRun(m_runId, runStatus, counts);
    if (m_fatal)
        return *m_fatal;
    if (!finished)
        return finished.error();
    return m_summary;
}

} // namespace detail

Result<RunSummary> runDataset(const RunRequest& request, RunObserver& observer,
                              const CancelToken& cancel) {
    detail::DatasetRun run(request, observer, cancel);
    return run.execute();
}

} // namespace cepstra
