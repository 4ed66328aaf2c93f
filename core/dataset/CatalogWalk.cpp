// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog's side of a run that streams: the walked files in a temporary table, read back
// a batch at a time joined with their rows, so memory does not grow with the file count.
#include "core/dataset/Catalog.h"

#include "core/dataset/CatalogSql.h"
#include "core/io/PathChecks.h"

#include <algorithm>

namespace cepstra {
namespace {

constexpr const char* kWalkSchema =
    "CREATE TEMP TABLE IF NOT EXISTS walk (path TEXT PRIMARY KEY, label TEXT NOT NULL, "
    "fold INTEGER NOT NULL, group_name TEXT NOT NULL, split TEXT NOT NULL, "
    "size_bytes INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, readable INTEGER NOT NULL, "
    "output_key TEXT NOT NULL, outcome INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "DELETE FROM walk;";

/// "'a', 'b'" for an IN list of names the program itself spells (feature names).
std::string quotedList(const std::vector<std::string>& names) {
    std::string list;
    for (const std::string& name : names)
        list += (list.empty() ? "'" : ", '") + name + "'";
    return list.empty() ? "''" : list;
}

/// The rows a query over kFileColumns yields, or nothing when it fails part-way.
std::optional<std::vector<CatalogFile>> fileRowsOf(Statement& query) {
    std::vector<CatalogFile> rows;
    int code;
    while ((code = query.step()) == SQLITE_ROW)
        rows.push_back(readFileRow(query, 0));
    if (code != SQLITE_DONE)
        return std::nullopt;
    return rows;
}

} // namespace

sqlite3_stmt* Catalog::kept(const char* sql) {
    auto& statement = m_kept[sql];
    if (!statement)
        sqlite3_prepare_v3(m_database, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    return statement;
}

Result<std::vector<CatalogFile>> Catalog::filesAfter(const std::string& after, int limit) {
    Statement query(m_database, kept("SELECT " CEPSTRA_FILE_COLUMNS
                                     " FROM files WHERE path > ?1 ORDER BY path LIMIT ?2"));
    query.bind(1, after).bind(2, std::int64_t(limit));
    auto rows = fileRowsOf(query);
    if (!rows)
        return databaseError("catalog read failed");
    return std::move(*rows);
}

bool outputsExist(const CatalogFile& file, const std::filesystem::path& outputRoot) {
    std::error_code ec;
    for (const auto& output : file.outputs) {
        const auto path = resolveOutput(outputRoot, output);
        if (!path || !std::filesystem::is_regular_file(*path, ec))
            return false;
    }
    return true;
}

Result<std::optional<CatalogFile>> Catalog::findFile(const std::string& path) {
    Statement query(m_database, kept("SELECT " CEPSTRA_FILE_COLUMNS " FROM files WHERE path = ?1"));
    query.bind(1, path);
    auto rows = fileRowsOf(query);
    if (!rows)
        return databaseError("catalog read failed");
    if (rows->empty())
        return std::optional<CatalogFile>();
    return std::optional<CatalogFile>(std::move(rows->front()));
}

Status Catalog::beginWalk() {
    return execute(kWalkSchema);
}

Status Catalog::addWalked(const DatasetFile& file, const std::string& outputKey) {
    Statement insert(m_database, kept("INSERT OR REPLACE INTO walk (path, label, size_bytes, "
                                      "mtime_ns, readable, output_key, fold, group_name, split) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    return insert.bind(1, file.relativePath)
        .bind(2, file.label)
        .bind(3, std::int64_t(file.sizeBytes))
        .bind(4, file.mtimeNs)
        .bind(5, std::int64_t(file.readable ? 1 : 0))
        .bind(6, outputKey)
        .bind(7, std::int64_t(file.fold))
        .bind(8, file.group)
        .bind(9, file.split)
        .run();
}

Result<int> Catalog::takeWalkedFacts() {
    Statement update(m_database,
                     "UPDATE files SET label = w.label, fold = w.fold, group_name = w.group_name, "
                     "split = w.split FROM walk w WHERE files.path = w.path AND (files.label "
                     "IS NOT w.label OR files.fold IS NOT w.fold OR files.group_name IS NOT "
                     "w.group_name OR files.split IS NOT w.split)");
    if (auto status = update.run(); !status)
        return status.error();
    return sqlite3_changes(m_database);
}

Result<std::vector<std::pair<std::string, std::string>>> Catalog::walkedKeyCollisions() {
    Statement query(m_database,
                    "SELECT output_key, path FROM walk WHERE output_key IN (SELECT output_key "
                    "FROM walk GROUP BY output_key HAVING count(*) > 1) ORDER BY output_key, path");
    std::vector<std::pair<std::string, std::string>> collisions;
    int code;
    while ((code = query.step()) == SQLITE_ROW)
        collisions.emplace_back(query.text(0), query.text(1));
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return collisions;
}

Result<std::vector<Catalog::WalkedFile>>
Catalog::walkedAfter(const std::string& after, int limit,
                     const std::vector<std::string>& features) {
    const std::string statistics =
        features.empty() ? "0"
                         : "(SELECT count(*) FROM clip_statistics s WHERE s.path = w.path AND "
                           "s.feature IN (" +
                               quotedList(features) + "))";
    const std::string sql =
        "SELECT w.path, w.label, w.size_bytes, w.mtime_ns, w.readable, f.path IS NOT NULL, " +
        statistics +
        ", w.fold, w.group_name, w.split, " CEPSTRA_FILE_COLUMNS_OF_F
        " FROM walk w LEFT JOIN files f ON f.path = w.path WHERE w.path > ?1 ORDER BY w.path "
        "LIMIT ?2";
    Statement query(m_database, sql.c_str());
    query.bind(1, after).bind(2, std::int64_t(limit));
    std::vector<WalkedFile> batch;
    int code;
    while ((code = query.step()) == SQLITE_ROW) {
        WalkedFile walked;
        walked.file.relativePath = query.text(0);
        walked.file.label = query.text(1);
        walked.file.sizeBytes = std::uintmax_t(query.integer(2));
        walked.file.mtimeNs = query.integer(3);
        walked.file.readable = query.integer(4) != 0;
        walked.file.fold = int(query.integer(7));
        walked.file.group = query.text(8);
        walked.file.split = query.text(9);
        if (query.integer(5) != 0)
            walked.previous = readFileRow(query, 10);
        walked.statistics = int(query.integer(6));
        batch.push_back(std::move(walked));
    }
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return batch;
}

Result<std::vector<CatalogFile>> Catalog::unwalkedAfter(const std::string& after, int limit) {
    Statement query(m_database,
                    kept("SELECT " CEPSTRA_FILE_COLUMNS
                         " FROM files f WHERE f.path > ?1 AND NOT EXISTS (SELECT 1 "
                         "FROM walk w WHERE w.path = f.path) ORDER BY f.path LIMIT ?2"));
    query.bind(1, after).bind(2, std::int64_t(limit));
    auto rows = fileRowsOf(query);
    if (!rows)
        return databaseError("catalog read failed");
    return std::move(*rows);
}

Result<bool> Catalog::anyRowRecords(const std::string& output, const std::string& from,
                                    const std::string& to) {
    Statement query(m_database, kept("SELECT outputs FROM files WHERE path >= ?1 AND path < ?2"));
    query.bind(1, from).bind(2, to);
    int code;
    while ((code = query.step()) == SQLITE_ROW)
        if (auto outputs = parseJsonStringArray(query.text(0));
            outputs && std::find(outputs->begin(), outputs->end(), output) != outputs->end())
            return true;
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return false;
}

Status Catalog::markWalked(const std::string& path, WalkOutcome outcome) {
    Statement update(m_database, kept("UPDATE walk SET outcome = ?2 WHERE path = ?1"));
    return update.bind(1, path).bind(2, std::int64_t(outcome)).run();
}

Result<std::vector<Catalog::WalkedDone>> Catalog::doneWalkedAfter(const std::string& after,
                                                                  int limit) {
    Statement query(
        m_database,
        kept("SELECT " CEPSTRA_FILE_COLUMNS_OF_F
             ", w.outcome FROM walk w JOIN files f ON f.path = w.path WHERE "
             "w.path > ?1 AND f.status = 'done' AND w.outcome != ?3 ORDER BY w.path LIMIT ?2"));
    query.bind(1, after).bind(2, std::int64_t(limit)).bind(3, std::int64_t(WalkOutcome::LeftOut));
    std::vector<WalkedDone> rows;
    int code;
    while ((code = query.step()) == SQLITE_ROW)
        rows.push_back({readFileRow(query, 0),
                        query.integer(kFileColumnCount) == std::int64_t(WalkOutcome::Computed)});
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return rows;
}

} // namespace cepstra
