// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog's schema, and the migration of catalogs earlier versions wrote. The README's
// "The catalog" section documents the tables.
#include "core/dataset/CatalogSql.h"

namespace cepstra {

// One definition of `files` serves new catalogs and the migration from version 1 (as
// files_v2). fold, group_name and split (version 3) hold what the dataset's manifest says.
#define CEPSTRA_FILES_COLUMNS                                                                      \
    "(path TEXT PRIMARY KEY, label TEXT NOT NULL, size_bytes INTEGER NOT NULL, "                   \
    "mtime_ns INTEGER NOT NULL, content_hash TEXT NOT NULL, config_hash TEXT NOT NULL, "           \
    "status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'unavailable')), "        \
    "error TEXT, outputs TEXT NOT NULL DEFAULT '[]', duration_seconds REAL, sample_rate "          \
    "INTEGER, channels INTEGER, frames INTEGER, format TEXT, run_id INTEGER REFERENCES "           \
    "runs(id), updated_at TEXT NOT NULL, fold INTEGER NOT NULL DEFAULT 0, group_name TEXT NOT "    \
    "NULL DEFAULT '', split TEXT NOT NULL DEFAULT '')"

const char* const kCatalogSchema =
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT "
    "NULL, finished_at TEXT, status TEXT NOT NULL, input_dir TEXT NOT NULL, version TEXT NOT "
    "NULL, config_json TEXT NOT NULL, config_hash TEXT NOT NULL, jobs INTEGER NOT NULL, "
    "files_total INTEGER NOT NULL DEFAULT 0, files_processed INTEGER NOT NULL DEFAULT 0, "
    "files_skipped INTEGER NOT NULL DEFAULT 0, files_failed INTEGER NOT NULL DEFAULT 0, "
    "files_removed INTEGER NOT NULL DEFAULT 0);"
    // A catalog made now starts at the current version; one an earlier version made says 1.
    "INSERT OR IGNORE INTO meta (key, value) SELECT 'schema_version', CASE WHEN EXISTS (SELECT 1 "
    "FROM sqlite_master WHERE type = 'table' AND name = 'files') THEN '1' ELSE '3' END;"
    "CREATE TABLE IF NOT EXISTS files " CEPSTRA_FILES_COLUMNS ";"
    "CREATE TABLE IF NOT EXISTS clip_statistics (path TEXT NOT NULL REFERENCES files(path) ON "
    "DELETE CASCADE, feature TEXT NOT NULL, statistics BLOB NOT NULL, PRIMARY KEY (path, "
    "feature));";

const char* catalogMigrationFrom(std::string_view version) {
    // Version 2 lets a file be 'unavailable' (done before, unreadable now). SQLite cannot
    // change a CHECK in place, so `files` is rebuilt, with foreign keys off so that dropping
    // the old table does not cascade into clip_statistics.
    if (version == "1")
        return "BEGIN IMMEDIATE;"
               "CREATE TABLE files_v2 " CEPSTRA_FILES_COLUMNS ";"
               "INSERT INTO files_v2 SELECT *, 0, '', '' FROM files;"
               "DROP TABLE files;"
               "ALTER TABLE files_v2 RENAME TO files;"
               "UPDATE meta SET value = '3' WHERE key = 'schema_version';"
               "COMMIT;";
    // Version 3 adds a clip's fold, group and split from the dataset's manifest.
    if (version == "2")
        return "BEGIN IMMEDIATE;"
               "ALTER TABLE files ADD COLUMN fold INTEGER NOT NULL DEFAULT 0;"
               "ALTER TABLE files ADD COLUMN group_name TEXT NOT NULL DEFAULT '';"
               "ALTER TABLE files ADD COLUMN split TEXT NOT NULL DEFAULT '';"
               "UPDATE meta SET value = '3' WHERE key = 'schema_version';"
               "COMMIT;";
    return nullptr;
}

#undef CEPSTRA_FILES_COLUMNS

} // namespace cepstra
