// SPDX-License-Identifier: GPL-3.0-or-later
// What becomes of each input of a run: done, skipped, failed through the one failure path, or
// removed because it is really gone; each in the catalog and the summary. Part of DatasetRun
// (DatasetRun.h).
#include "core/batch/DatasetRun.h"
#include "core/io/PathChecks.h"

#include <algorithm>
#include <map>

namespace cepstra::detail {
namespace fs = std::filesystem;

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

/// Rows the walk did not meet are gone, unless a folder that could not be listed or an
/// unusable entry may hold them: those keep their outputs, and the failure line says so.
Status DatasetRun::removeVanishedInputs() {
    std::map<std::string, int> keptUnder; // unreachable entry -> catalog rows kept for it
    const DatasetListing& problems = m_walked.problems;
    const std::string topLabel = topLevelLabel(m_request.inputDirectory);
    Status removed = success();
    const auto removeGone = [&](std::vector<CatalogFile>&& rows) {
        for (const CatalogFile& row : rows) {
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
            if (removed = m_catalog->removeFile(row.path); !removed)
                return false;
            ++m_summary.removed;
        }
        return true;
    };
    if (auto status = forEachPage(
            [&](const std::string& after) { return m_catalog->unwalkedAfter(after, kBatchFiles); },
            removeGone);
        !status)
        return status;
    if (!removed)
        return removed;
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
        DatasetFile file;
        file.relativePath = problem.relativePath;
        file.label = slash == std::string::npos ? topLabel : problem.relativePath.substr(0, slash);
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
    m_observer.progressed(event.finished, event.total);
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
    static_cast<ClipFacts&>(row) = clip.file; // label, fold, group, split
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
    static_cast<ClipFacts&>(row) = clip.file; // label, fold, group, split
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

} // namespace cepstra::detail
