// SPDX-License-Identifier: GPL-3.0-or-later
// How a run begins: its folders checked, its catalog opened (a shard's beside the others'), the
// INPUT it belongs to confirmed, a new shard's catalog seeded. Part of DatasetRun (DatasetRun.h).
#include "core/batch/DatasetRun.h"
#include "core/batch/DatasetStatisticsFile.h"

#include <unistd.h>

#include <thread>

namespace cepstra::detail {
namespace fs = std::filesystem;
namespace {

/// "meta/esc50.csv" of "Labels from meta/esc50.csv (ESC-50: ...; 2000 rows)": the source
/// alone, so that a changed row count is not taken for another source.
std::string sourceOf(const std::string& labelsFrom) {
    std::string source = labelsFrom;
    if (source.starts_with("Labels from "))
        source.erase(0, std::string_view("Labels from ").size());
    return source.substr(0, source.find(" ("));
}

} // namespace

DatasetRun::~DatasetRun() {
    if (m_sharedOutputLock >= 0)
        ::close(m_sharedOutputLock);
}

Status DatasetRun::prepare() {
    if (auto status = checkRunPaths(m_request.inputDirectory, m_request.outputDirectory); !status)
        return status;
    if (!m_request.mergingShards)
        if (auto status = checkShardsBeforeRun(m_request.outputDirectory, m_request.shard); !status)
            return status;
    // Read before anything is written: a manifest that cannot be used refuses the run.
    auto manifest = Manifest::load(m_request.inputDirectory, m_request.manifest);
    if (!manifest)
        return manifest.error();
    std::optional<Manifest> facts = std::move(manifest).value();
    if (facts)
        m_observer.note(facts->description());
    else if (m_request.manifest.mode == ManifestRequest::Mode::Auto)
        if (const std::string hint = Manifest::rootHint(m_request.inputDirectory); !hint.empty())
            m_observer.warning(hint);
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
    auto walked = walkInputIntoCatalog(m_request.inputDirectory, *m_catalog, m_request.shard,
                                       facts ? &*facts : nullptr);
    if (!walked)
        return refused(walked.error());
    m_walked = std::move(walked).value();
    m_summary.relabelled = m_walked.relabelled;
    if (facts)
        m_summary.manifest = facts->report();
    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    // Resolved, so that a link re-pointed at another folder is not taken for the same INPUT.
    auto runId =
        m_catalog->beginRun(fs::weakly_canonical(fs::absolute(m_request.inputDirectory)).string(),
                            configJsonOf(m_request.config), configHashOf(m_request.config),
                            m_request.jobs > 0 ? m_request.jobs : hardware);
    if (!runId)
        return runId.error();
    m_runId = *runId;
    // What export says its labels are from; a change of source is worth a line.
    const std::string labelsFrom = facts ? facts->description() : kLabelsFromFolders;
    if (auto previous = m_catalog->metaValue(Catalog::kLabelsFromKey);
        previous && *previous && sourceOf(**previous) != sourceOf(labelsFrom))
        m_observer.warning("the last run took its labels from " + sourceOf(**previous) +
                           "; this one takes them from " + sourceOf(labelsFrom) +
                           " (--manifest FILE or --manifest none chooses)");
    if (auto status = m_catalog->setMetaValue(Catalog::kLabelsFromKey, labelsFrom); !status)
        return status;
    // Which file and which version of it, so an export can tell it was edited since.
    const std::string manifestStamp =
        facts ? fs::absolute(facts->file()).string() + "\n" + Manifest::stampOf(facts->file())
              : std::string();
    if (auto status = m_catalog->setMetaValue(Catalog::kManifestStampKey, manifestStamp); !status)
        return status;
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

} // namespace cepstra::detail
