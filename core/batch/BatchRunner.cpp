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

int DatasetRun::jobsFor(std::size_t work) const {
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    return std::clamp(m_request.jobs > 0 ? m_request.jobs : hardware, 1,
                      std::max<int>(1, int(work)));
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
        static_cast<ClipFacts&>(row) = clip.file; // label, fold, group, split
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

void DatasetRun::fail(const Error& error) {
    if (!m_fatal)
        m_fatal = error;
    m_stop.requestStop();
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
    // Statistics matter only to the dataset axis's skip rule.
    static const std::vector<std::string> kNone;
    const auto& features =
        m_request.config.scaleAxis == ScaleAxis::Dataset ? m_featureNames : kNone;
    const auto runBatch = [&](std::vector<Catalog::WalkedFile>&& walked) {
        if (m_fatal || m_stop.stopRequested())
            return false;
        Status status = planBatch(std::move(walked));
        if (status) {
            removeStaleTemporaries();
            status = claimPendingWork();
        }
        if (!status) {
            fail(status.error());
            return false;
        }
        settleSkippedClips();
        extractBatch();
        if (m_fatal || m_stop.stopRequested())
            return false;
        if (auto marked = markBatchOutcomes(); !marked)
            fail(marked.error());
        return !m_fatal;
    };
    if (auto status = forEachPage(
            [&](const std::string& after) {
                return m_catalog->walkedAfter(after, kBatchFiles, features);
            },
            runBatch);
        !status)
        fail(status.error());
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
    m_observer.started(m_summary.total, "files");
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
