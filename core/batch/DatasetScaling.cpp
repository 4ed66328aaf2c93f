// SPDX-License-Identifier: GPL-3.0-or-later
// The scale_axis "dataset" pass of a run: the clips' fits merged in path order, then every
// clip's scaled files written under that fit, a batch at a time.
#include "core/batch/DatasetRun.h"
#include "core/batch/DatasetStatisticsFile.h"
#include "core/io/AtomicFile.h"
#include "core/util/WorkerPool.h"

namespace cepstra::detail {
namespace fs = std::filesystem;

/// The per-clip fits of every clip in the fit, merged in path order, so the result has the
/// same bits whatever --jobs or the batch size is.
Result<DatasetStatistics> DatasetRun::mergeDatasetStatistics() {
    DatasetStatistics merged;
    Status loaded = success();
    const auto mergePage = [&](std::vector<Catalog::WalkedDone>&& rows) {
        for (const Catalog::WalkedDone& done : rows)
            for (Feature feature : m_request.config.features) {
                auto stored =
                    m_catalog->loadStatistics(done.row.path, std::string(toString(feature)));
                if (!stored || !stored->has_value()) {
                    loaded = stored ? Error{ErrorKind::OutputFailed,
                                            "catalog lacks statistics for " + done.row.path}
                                    : stored.error();
                    return false;
                }
                merged[feature].merge(**stored);
            }
        return true;
    };
    if (auto status = forEachPage(doneWalked(), mergePage); !status)
        return status.error();
    if (!loaded)
        return loaded.error();
    return merged;
}

/// Fetches a page of the walked files whose rows are done and in the dataset's fit.
std::function<Result<std::vector<Catalog::WalkedDone>>(const std::string&)>
DatasetRun::doneWalked() {
    return
        [this](const std::string& after) { return m_catalog->doneWalkedAfter(after, kBatchFiles); };
}

Status DatasetRun::refuseForeignStatisticsFile() {
    if (m_request.config.scaleAxis != ScaleAxis::Dataset || m_request.shard || m_adoptOutputs)
        return success();
    auto recorded = m_catalog->metaValue(kDatasetStatisticsHashKey);
    if (!recorded)
        return recorded.error();
    const fs::path statisticsFile = m_request.outputDirectory / kDatasetStatisticsFileName;
    std::error_code ec;
    if (recorded->has_value() ||
        fs::symlink_status(statisticsFile, ec).type() == fs::file_type::not_found)
        return success();
    return Error{ErrorKind::InvalidUsage, "refusing to overwrite " + statisticsFile.string() +
                                              ", which Cepstra did not write; move it away and "
                                              "re-run"};
}

void DatasetRun::scaleDataset() {
    auto merged = mergeDatasetStatistics();
    if (!merged)
        return fail(merged.error());
    const std::string document = datasetStatisticsJson(*merged, m_configHash);
    const std::string fitHash = hashOfStatisticsDocument(document);
    auto previousHash = m_catalog->metaValue(kDatasetStatisticsHashKey);
    if (!previousHash)
        return fail(previousHash.error());
    const bool sameFit = previousHash->has_value() && **previousHash == fitHash;
    const fs::path statisticsFile = m_request.outputDirectory / kDatasetStatisticsFileName;

    // Counted first, for the progress; then rescaled a batch at a time.
    const std::string topFolder = topLevelLabel(m_request.inputDirectory);
    const auto needsRescale = [&](const Catalog::WalkedDone& done, PlannedClip& clip) {
        DatasetFile file;
        file.relativePath = done.row.path;
        static_cast<ClipFacts&>(file) = done.row;
        file.absolutePath = m_request.inputDirectory / done.row.path;
        clip = plannedClipOf(file, topFolder, m_request.config);
        CatalogFile outputs;
        outputs.outputs = clip.outputs.relativePaths();
        return !sameFit || done.computed || !outputsExist(outputs, m_request.outputDirectory);
    };
    int total = 0;
    for (bool counting : {true, false}) {
        if (!counting)
            m_observer.phaseStarted(kDatasetScalingPhase, total);
        int done = 0;
        const auto rescalePage = [&](std::vector<Catalog::WalkedDone>&& rows) {
            std::vector<PlannedClip> toRescale;
            for (const Catalog::WalkedDone& row : rows)
                if (PlannedClip clip; needsRescale(row, clip))
                    toRescale.push_back(std::move(clip));
            if (counting) {
                total += int(toRescale.size());
                return true;
            }
            const ClipJobContext context{*m_extractor, m_request.outputDirectory, m_stop, m_memory};
            runOnWorkerThreads<ClipOutcome>(
                jobsFor(toRescale.size()), toRescale.size(),
                [&](std::size_t i) { return rescaleClip(toRescale[i], context, *merged); },
                [&](std::size_t, ClipOutcome& outcome) {
                    if (outcome.kind == ClipOutcome::Kind::Failed)
                        fail({outcome.errorKind, outcome.error});
                    m_observer.progressed(++done, total);
                },
                m_stop);
            return !m_stop.stopRequested();
        };
        if (auto status = forEachPage(doneWalked(), rescalePage); !status)
            return fail(status.error());
        if (m_stop.stopRequested())
            return; // the fit is recorded only when every clip carries it
    }
    // The catalog first: a file written without it would look like someone else's.
    if (auto status = m_catalog->setMetaValue(kDatasetStatisticsHashKey, fitHash); !status)
        return fail(status.error());
    if (auto status = writeFileAtomically(statisticsFile, document); !status)
        return fail(status.error());
    if (auto status = m_catalog->markDatasetScaling(true); !status)
        return fail(status.error());
}

} // namespace cepstra::detail
