// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/Catalog.h"

#include "core/dataset/CatalogSql.h"

#include "core/Version.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <utility>

namespace cepstra {
namespace {

bool isDamaged(int code) {
    const int primary = code & 0xFF;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Error damagedError(const std::filesystem::path& path, const std::string& detail) {
    return {ErrorKind::Malformed, "the catalog " + path.string() + " is damaged (" + detail + ")" +
                                      std::string(Catalog::kDamagedAdvice) + " as " +
                                      path.filename().string() +
                                      ".damaged and rebuild it, or move it away"};
}

} // namespace

Result<int> Catalog::lockExclusively(const std::filesystem::path& path) {
    return lock(path, LOCK_EX);
}

Result<int> Catalog::lockSharing(const std::filesystem::path& path) {
    return lock(path, LOCK_SH);
}

Result<int> Catalog::lock(const std::filesystem::path& path, int mode) {
    const std::string lockPath = path.string() + ".lock";
    const int descriptor = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (descriptor < 0)
        return Error{ErrorKind::InvalidUsage, "cannot create " + lockPath + ": " +
                                                  std::strerror(errno) +
                                                  "; check that the output folder is writable"};
    if (::flock(descriptor, mode | LOCK_NB) != 0) {
        const int error = errno;
        ::close(descriptor);
        if (error == EWOULDBLOCK)
            return Error{ErrorKind::InvalidUsage,
                         "another Cepstra run is using " + path.parent_path().string() +
                             " (it holds " + lockPath +
                             "); wait for it to finish, or choose another output folder"};
        return Error{ErrorKind::InvalidUsage,
                     "cannot lock " + lockPath + ": " + std::strerror(error)};
    }
    return descriptor;
}

Result<std::unique_ptr<Catalog>> Catalog::open(const std::filesystem::path& outputDirectory,
                                               const std::filesystem::path& name) {
    const auto path = outputDirectory / name;
    // SQLite's unix VFS names files of at most 512 bytes (MAX_PATHNAME), whole.
    constexpr std::size_t kSqliteMaxPath = 512;
    if (std::error_code ec; std::filesystem::absolute(path, ec).string().size() >= kSqliteMaxPath)
        return Error{ErrorKind::InvalidUsage,
                     "the output folder's path is too long for its catalog: SQLite opens files "
                     "whose path has fewer than " +
                         std::to_string(kSqliteMaxPath) + " bytes; choose a shorter OUTPUT"};
    if (std::error_code ec; name.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    auto lock = lockExclusively(path);
    if (!lock)
        return lock.error();
    sqlite3* database = nullptr;
    const int opened =
        sqlite3_open_v2(path.c_str(), &database,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    // The catalog owns the lock from here, and releases it when destroyed.
    std::unique_ptr<Catalog> catalog(new Catalog(database, path, *lock));
    if (opened != SQLITE_OK)
        return catalog->databaseError("cannot open the catalog " + path.string());
    sqlite3_busy_timeout(database, 5000);
    // Foreign keys stay off while the schema is made or migrated: rebuilding `files` must not
    // cascade into clip_statistics.
    const auto initialise = [&](const char* sql) -> Status {
        if (auto status = catalog->execute(sql); !status)
            return status.error().kind == ErrorKind::Malformed
                       ? status.error()
                       : Error{ErrorKind::InvalidUsage,
                               "cannot initialise the catalog " + path.string() + ": " +
                                   status.error().message +
                                   "; check that the output folder is writable"};
        return success();
    };
    for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;",
                            "PRAGMA quick_check;", kCatalogSchema})
        if (auto status = initialise(sql); !status)
            return status.error();
    for (;;) {
        auto version = catalog->metaValue("schema_version");
        if (!version)
            return version.error();
        const char* migration = catalogMigrationFrom(version->value_or(""));
        if (!migration)
            break;
        if (auto status = initialise(migration); !status) {
            (void)catalog->execute("ROLLBACK;"); // the migration failed part-way
            return status.error();
        }
    }
    if (auto status = initialise("PRAGMA foreign_keys=ON;"); !status)
        return status.error();
    return catalog;
}

Result<std::map<std::string, Catalog::RecordedState>>
Catalog::readStates(const std::filesystem::path& outputDirectory) {
    const auto path = outputDirectory / kFileName;
    std::map<std::string, RecordedState> states;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return states;
    sqlite3* database = nullptr;
    if (sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const std::string message = database ? sqlite3_errmsg(database) : "out of memory";
        sqlite3_close(database);
        return Error{ErrorKind::Malformed,
                     "cannot read the catalog " + path.string() + ": " + message};
    }
    sqlite3_busy_timeout(database, 2000);
    int code = SQLITE_DONE;
    std::string message;
    {
        Statement query(database, "SELECT path, status, config_hash, error FROM files");
        while ((code = query.step()) == SQLITE_ROW)
            states[query.text(0)] = {parseFileState(query.text(1)), query.text(2), query.text(3)};
        message = sqlite3_errmsg(database);
    }
    sqlite3_close(database);
    if (code != SQLITE_DONE)
        return Error{ErrorKind::Malformed,
                     "cannot read the catalog " + path.string() + ": " + message};
    return states;
}

Result<std::filesystem::path> Catalog::setAsideDamaged(const std::filesystem::path& outputDirectory,
                                                       const std::filesystem::path& name) {
    const auto path = outputDirectory / name;
    std::error_code ec;
    std::filesystem::path aside;
    for (int n = 1;; ++n) {
        std::string candidate = path.string() + ".damaged";
        if (n > 1) // appended, not "-" + number: GCC 12 warns falsely about that concatenation
            candidate.append("-").append(std::to_string(n));
        aside = candidate;
        if (!std::filesystem::exists(aside, ec))
            break;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::filesystem::path from = path.string() + suffix;
        if (!std::filesystem::exists(from, ec))
            continue;
        std::filesystem::rename(from, aside.string() + suffix, ec);
        if (ec)
            return Error{ErrorKind::OutputFailed,
                         "cannot move the damaged catalog aside: " + ec.message()};
    }
    return aside;
}

Catalog::~Catalog() {
    for (const auto& [sql, statement] : m_kept)
        sqlite3_finalize(statement);
    sqlite3_close(m_database);
    if (m_lockDescriptor >= 0)
        ::close(m_lockDescriptor); // releases the flock
}

Error Catalog::databaseError(const std::string& what) const {
    const int code = m_database ? sqlite3_extended_errcode(m_database) : SQLITE_NOMEM;
    const std::string detail = m_database ? sqlite3_errmsg(m_database) : "out of memory";
    if (isDamaged(code))
        return damagedError(m_path, detail);
    return {ErrorKind::OutputFailed, what + ": " + detail};
}

Status Catalog::execute(const char* sql) {
    char* message = nullptr;
    // quick_check reports damage as a result row, not an error code.
    std::string checkResult;
    const auto collect = [](void* user, int columns, char** values, char**) {
        if (columns > 0 && values[0] && std::strcmp(values[0], "ok") != 0)
            *static_cast<std::string*>(user) = values[0];
        return 0;
    };
    if (sqlite3_exec(m_database, sql, collect, &checkResult, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(m_database);
        sqlite3_free(message);
        if (isDamaged(sqlite3_extended_errcode(m_database)))
            return damagedError(m_path, text);
        return Error{ErrorKind::OutputFailed, "catalog: " + text};
    }
    if (!checkResult.empty() && std::strncmp(sql, "PRAGMA quick_check", 18) == 0)
        return damagedError(m_path, checkResult);
    return success();
}

std::string_view toString(FileState state) {
    switch (state) {
    case FileState::Pending:
        return "pending";
    case FileState::Done:
        return "done";
    case FileState::Unavailable:
        return "unavailable";
    case FileState::Failed:
        return "failed";
    }
    return "pending";
}

std::string_view toString(RunStatus status) {
    switch (status) {
    case RunStatus::Running:
        return "running";
    case RunStatus::Completed:
        return "completed";
    case RunStatus::Interrupted:
        return "interrupted";
    case RunStatus::Failed:
        return "failed";
    case RunStatus::Crashed:
        return "crashed";
    }
    return "failed";
}

Result<Catalog::Transaction> Catalog::beginTransaction() {
    if (auto status = execute("BEGIN IMMEDIATE;"); !status)
        return status.error();
    return Transaction(this);
}

Catalog::Transaction::Transaction(Transaction&& other) noexcept
    : m_catalog(std::exchange(other.m_catalog, nullptr)) {}

Catalog::Transaction::~Transaction() {
    if (m_catalog)
        (void)m_catalog->execute("ROLLBACK;");
}

Status Catalog::Transaction::commit() {
    Catalog* catalog = std::exchange(m_catalog, nullptr);
    if (auto status = catalog->execute("COMMIT;"); !status) {
        (void)catalog->execute("ROLLBACK;");
        return status;
    }
    return success();
}

Result<std::map<std::string, CatalogFile>> Catalog::loadFiles() {
    Statement query(m_database, "SELECT " CEPSTRA_FILE_COLUMNS " FROM files");
    std::map<std::string, CatalogFile> files;
    int code;
    while ((code = query.step()) == SQLITE_ROW) {
        CatalogFile file = readFileRow(query, 0);
        files.emplace(file.path, std::move(file));
    }
    if (code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return files;
}

Status Catalog::upsertFile(const CatalogFile& file, std::int64_t runId) {
    // An UPSERT, not INSERT OR REPLACE: REPLACE deletes the row first, and the cascade would
    // take the clip's statistics with it.
    Statement upsert(
        m_database,
        "INSERT INTO files (" CEPSTRA_FILE_COLUMNS ", run_id, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, ''), ?9, ?10, ?11, ?12, ?13, ?14, ?17, "
        "?18, ?19, ?15, ?16) "
        "ON CONFLICT(path) DO UPDATE SET label = excluded.label, size_bytes = excluded.size_bytes, "
        "mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash, "
        "config_hash = excluded.config_hash, status = excluded.status, error = excluded.error, "
        "outputs = excluded.outputs, duration_seconds = excluded.duration_seconds, "
        "sample_rate = excluded.sample_rate, channels = excluded.channels, frames = "
        "excluded.frames, "
        "format = excluded.format, fold = excluded.fold, group_name = excluded.group_name, "
        "split = excluded.split, run_id = excluded.run_id, updated_at = excluded.updated_at");
    upsert.bind(1, file.path)
        .bind(2, file.label)
        .bind(3, std::int64_t(file.sizeBytes))
        .bind(4, file.mtimeNs);
    upsert.bind(5, file.contentHash)
        .bind(6, file.configHash)
        .bind(7, std::string(toString(file.state)))
        .bind(8, file.error);
    upsert.bind(9, dumpJson(nlohmann::json(file.outputs))).bind(10, file.durationSeconds);
    upsert.bind(11, std::int64_t(file.sampleRateHz))
        .bind(12, std::int64_t(file.channels))
        .bind(13, file.frames);
    upsert.bind(14, file.format).bind(15, runId).bind(16, utcNow());
    upsert.bind(17, std::int64_t(file.fold)).bind(18, file.group).bind(19, file.split);
    return upsert.run();
}

Status Catalog::updateModificationTime(const std::string& path, std::int64_t mtimeNs) {
    Statement update(m_database, "UPDATE files SET mtime_ns = ?1, updated_at = ?2 WHERE path = ?3");
    return update.bind(1, mtimeNs).bind(2, utcNow()).bind(3, path).run();
}

Status Catalog::removeFile(const std::string& path) {
    Statement remove(m_database, "DELETE FROM files WHERE path = ?1");
    return remove.bind(1, path).run();
}

} // namespace cepstra
