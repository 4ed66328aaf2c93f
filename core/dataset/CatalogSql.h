// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog's SQL helpers, shared by its source files (not part of the core's API).
#pragma once

#include "core/dataset/Catalog.h"
#include "core/util/JsonText.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace cepstra {

/// A prepared statement that finalizes itself.
class Statement {
public:
    Statement(sqlite3* database, const char* sql)
        : m_database(database) {
        sqlite3_prepare_v2(database, sql, -1, &m_statement, nullptr);
    }
    /// One of the catalog's kept statements: reset for reuse when done, not finalized.
    Statement(sqlite3* database, sqlite3_stmt* kept)
        : m_database(database)
        , m_statement(kept)
        , m_kept(true) {}
    ~Statement() {
        if (!m_kept) {
            sqlite3_finalize(m_statement);
        } else if (m_statement) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const std::string& text) {
        sqlite3_bind_text(m_statement, index, text.c_str(), int(text.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(m_statement, index, value);
        return *this;
    }
    Statement& bind(int index, double value) {
        sqlite3_bind_double(m_statement, index, value);
        return *this;
    }
    Statement& bindBlob(int index, const std::string& bytes) {
        sqlite3_bind_blob(m_statement, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
        return *this;
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return m_statement ? sqlite3_step(m_statement) : SQLITE_ERROR; }
    Status run() {
        const int code = step();
        if (code == SQLITE_DONE || code == SQLITE_ROW)
            return success();
        return Error{ErrorKind::OutputFailed,
                     std::string("catalog write failed: ") + sqlite3_errmsg(m_database)};
    }
    std::string text(int column) const {
        const auto* value = sqlite3_column_text(m_statement, column);
        return value ? reinterpret_cast<const char*>(value) : "";
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const { return sqlite3_column_double(m_statement, column); }
    std::string blob(int column) const {
        const void* data = sqlite3_column_blob(m_statement, column);
        return data ? std::string(static_cast<const char*>(data),
                                  std::size_t(sqlite3_column_bytes(m_statement, column)))
                    : std::string();
    }

private:
    sqlite3* m_database;
    sqlite3_stmt* m_statement = nullptr;
    bool m_kept = false;
};

/// Now, as the catalog's time columns store it: ISO 8601, UTC.
inline std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

/// The catalog's tables as this version makes them (schema_version 3). CatalogSchema.cpp.
extern const char* const kCatalogSchema;
/// The SQL that brings a catalog of schema_version `version` to the next version, in one
/// transaction, or nullptr when it is current. Run with foreign keys off.
const char* catalogMigrationFrom(std::string_view version);

/// A status text a tampered catalog might hold is taken as unfinished work, so it is redone.
inline FileState parseFileState(const std::string& text) {
    for (FileState state : {FileState::Done, FileState::Failed, FileState::Unavailable})
        if (text == toString(state))
            return state;
    return FileState::Pending;
}

// The columns of `files` that make a CatalogFile, in readFileRow's order: the one list of
// them, spelled plain and with the `f.` prefix of a join. String literals, so that they can be
// pasted into a statement the catalog keeps prepared.
#define CEPSTRA_FILE_COLUMNS                                                                       \
    "path, label, size_bytes, mtime_ns, content_hash, config_hash, status, error, outputs, "       \
    "duration_seconds, sample_rate, channels, frames, format, fold, group_name, split"
#define CEPSTRA_FILE_COLUMNS_OF_F                                                                  \
    "f.path, f.label, f.size_bytes, f.mtime_ns, f.content_hash, f.config_hash, f.status, "         \
    "f.error, f.outputs, f.duration_seconds, f.sample_rate, f.channels, f.frames, f.format, "      \
    "f.fold, f.group_name, f.split"
/// How many columns CEPSTRA_FILE_COLUMNS names: the index of the first column after them.
inline constexpr int kFileColumnCount = 17;

inline CatalogFile readFileRow(const Statement& query, int first) {
    CatalogFile file;
    file.path = query.text(first);
    file.label = query.text(first + 1);
    file.sizeBytes = std::uintmax_t(query.integer(first + 2));
    file.mtimeNs = query.integer(first + 3);
    file.contentHash = query.text(first + 4);
    file.configHash = query.text(first + 5);
    file.state = parseFileState(query.text(first + 6));
    file.error = query.text(first + 7);
    // Unreadable text means a tampered row: it then owns nothing, so nothing is deleted.
    if (auto outputs = parseJsonStringArray(query.text(first + 8)))
        file.outputs = std::move(outputs).value();
    file.durationSeconds = query.real(first + 9);
    file.sampleRateHz = int(query.integer(first + 10));
    file.channels = int(query.integer(first + 11));
    file.frames = query.integer(first + 12);
    file.format = query.text(first + 13);
    file.fold = int(query.integer(first + 14));
    file.group = query.text(first + 15);
    file.split = query.text(first + 16);
    return file;
}

} // namespace cepstra
