// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog's records beside the files: runs, per-clip statistics and meta values.
#include "core/dataset/Catalog.h"

#include "core/Version.h"
#include "core/dataset/CatalogSql.h"

#include <sqlite3.h>

#include <cstring>

namespace cepstra {
namespace {

// Statistics BLOB: per row, int64 count then float64 mean, m2, min, max (host order, which
// the NPY code already requires to be little-endian).
constexpr std::size_t kStatBytes = sizeof(std::int64_t) + 4 * sizeof(double);

std::string encodeStatistics(const RowStatistics& statistics) {
    std::string bytes(std::size_t(statistics.rowCount()) * kStatBytes, '\0');
    char* cursor = bytes.data();
    for (int r = 0; r < statistics.rowCount(); ++r) {
        const RunningStat& stat = statistics.row(r);
        const double values[] = {stat.mean, stat.m2, stat.min, stat.max};
        std::memcpy(cursor, &stat.count, sizeof(stat.count));
        std::memcpy(cursor + sizeof(stat.count), values, sizeof(values));
        cursor += kStatBytes;
    }
    return bytes;
}

std::optional<RowStatistics> decodeStatistics(const std::string& bytes) {
    if (bytes.size() % kStatBytes != 0)
        return std::nullopt;
    RowStatistics statistics(int(bytes.size() / kStatBytes));
    const char* cursor = bytes.data();
    for (int r = 0; r < statistics.rowCount(); ++r) {
        RunningStat& stat = statistics.row(r);
        double values[4];
        std::memcpy(&stat.count, cursor, sizeof(stat.count));
        std::memcpy(values, cursor + sizeof(stat.count), sizeof(values));
        stat.mean = values[0];
        stat.m2 = values[1];
        stat.min = values[2];
        stat.max = values[3];
        cursor += kStatBytes;
    }
    return statistics;
}

constexpr const char* kDatasetScalingUnfinishedKey = "dataset_scaling_unfinished";

} // namespace

Result<std::int64_t> Catalog::beginRun(const std::string& inputDirectory,
                                       const std::string& configJson, const std::string& configHash,
                                       int jobs) {
    Statement crashed(m_database, "UPDATE runs SET status = ?1 WHERE status = ?2");
    crashed.bind(1, std::string(toString(RunStatus::Crashed)))
        .bind(2, std::string(toString(RunStatus::Running)));
    if (auto status = crashed.run(); !status)
        return status.error();
    Statement insert(m_database,
                     "INSERT INTO runs (started_at, status, input_dir, version, config_json, "
                     "config_hash, jobs) VALUES (?1, ?7, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, utcNow())
        .bind(2, inputDirectory)
        .bind(3, std::string(kVersion))
        .bind(4, configJson);
    insert.bind(7, std::string(toString(RunStatus::Running)));
    if (auto status = insert.bind(5, configHash).bind(6, std::int64_t(jobs)).run(); !status)
        return status.error();
    return std::int64_t(sqlite3_last_insert_rowid(m_database));
}

Status Catalog::finishRun(std::int64_t runId, RunStatus status, const RunCounts& counts) {
    Statement update(m_database, "UPDATE runs SET finished_at = ?1, status = ?2, files_total = ?3, "
                                 "files_processed = ?4, files_skipped = ?5, files_failed = ?6, "
                                 "files_removed = ?7 WHERE id = ?8");
    update.bind(1, utcNow())
        .bind(2, std::string(toString(status)))
        .bind(3, std::int64_t(counts.total));
    update.bind(4, std::int64_t(counts.processed)).bind(5, std::int64_t(counts.skipped));
    update.bind(6, std::int64_t(counts.failed))
        .bind(7, std::int64_t(counts.removed))
        .bind(8, runId);
    return update.run();
}

Status Catalog::storeStatistics(const std::string& path, const std::string& feature,
                                const RowStatistics& statistics) {
    Statement upsert(
        m_database,
        "INSERT OR REPLACE INTO clip_statistics (path, feature, statistics) VALUES (?1, ?2, ?3)");
    return upsert.bind(1, path).bind(2, feature).bindBlob(3, encodeStatistics(statistics)).run();
}

Result<std::optional<RowStatistics>> Catalog::loadStatistics(const std::string& path,
                                                             const std::string& feature) {
    Statement query(m_database,
                    "SELECT statistics FROM clip_statistics WHERE path = ?1 AND feature = ?2");
    query.bind(1, path).bind(2, feature);
    const int code = query.step();
    if (code == SQLITE_DONE)
        return std::optional<RowStatistics>();
    if (code != SQLITE_ROW)
        return databaseError("catalog read failed");
    return decodeStatistics(query.blob(0));
}

Status Catalog::copyFilesFrom(Catalog& from, const std::function<bool(const CatalogFile&)>& wanted,
                              std::int64_t runId) {
    auto transaction = beginTransaction();
    if (!transaction)
        return transaction.error();
    constexpr int kBatch = 4096; // rows in memory at a time
    for (std::string after;;) {
        auto batch = from.filesAfter(after, kBatch);
        if (!batch)
            return batch.error();
        if (batch->empty())
            break;
        for (const CatalogFile& row : *batch) {
            if (!wanted(row))
                continue;
            if (auto status = upsertFile(row, runId); !status)
                return status;
            // The statistics as stored, blob for blob: a merge must not round them.
            Statement query(from.m_database,
                            from.kept("SELECT feature, statistics FROM clip_statistics WHERE "
                                      "path = ?1"));
            query.bind(1, row.path);
            int code;
            while ((code = query.step()) == SQLITE_ROW) {
                Statement insert(m_database, kept("INSERT OR REPLACE INTO clip_statistics (path, "
                                                  "feature, statistics) VALUES (?1, ?2, ?3)"));
                if (auto status = insert.bind(1, row.path)
                                      .bind(2, query.text(0))
                                      .bindBlob(3, query.blob(1))
                                      .run();
                    !status)
                    return status;
            }
            if (code != SQLITE_DONE)
                return from.databaseError("catalog read failed");
        }
        after = batch->back().path;
    }
    return transaction->commit();
}

Result<std::optional<std::string>> Catalog::metaValue(const std::string& key) {
    Statement query(m_database, "SELECT value FROM meta WHERE key = ?1");
    query.bind(1, key);
    const int code = query.step();
    if (code == SQLITE_DONE)
        return std::optional<std::string>();
    if (code != SQLITE_ROW)
        return databaseError("catalog read failed");
    return std::optional<std::string>(query.text(0));
}

Status Catalog::setMetaValue(const std::string& key, const std::string& value) {
    Statement upsert(m_database, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    return upsert.bind(1, key).bind(2, value).run();
}

Result<std::optional<std::vector<std::vector<std::string>>>> Catalog::duplicateFamilies() {
    Statement exists(m_database, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = 'duplicate_families'");
    if (exists.step() != SQLITE_ROW)
        return std::optional<std::vector<std::vector<std::string>>>();
    Statement query(m_database,
                    "SELECT path, family FROM duplicate_families ORDER BY family, path");
    std::vector<std::vector<std::string>> families;
    std::int64_t current = -1;
    int code;
    while ((code = query.step()) == SQLITE_ROW) {
        if (const std::int64_t family = query.integer(1); family != current || families.empty()) {
            families.emplace_back();
            current = family;
        }
        families.back().push_back(query.text(0));
    }
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return std::optional(std::move(families));
}

Result<bool> Catalog::datasetScalingFinished() {
    auto value = metaValue(kDatasetScalingUnfinishedKey);
    if (!value)
        return value.error();
    return !value->has_value();
}

Status Catalog::markDatasetScaling(bool finished) {
    if (!finished)
        return setMetaValue(kDatasetScalingUnfinishedKey, "1");
    Statement remove(m_database, "DELETE FROM meta WHERE key = ?1");
    return remove.bind(1, kDatasetScalingUnfinishedKey).run();
}

} // namespace cepstra
