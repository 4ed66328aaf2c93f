// SPDX-License-Identifier: GPL-3.0-or-later
// The catalog opened to be read, never written: what an export needs.
#include "core/dataset/Catalog.h"
#include "core/dataset/CatalogSql.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace cepstra {
namespace {

/// A file: URI for `path`, every byte outside the unreserved set percent-encoded.
std::string fileUri(const std::filesystem::path& path, const char* query) {
    std::string uri = "file:";
    for (const char c : std::filesystem::absolute(path).string()) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || std::strchr("/-._~", c)) {
            uri += c;
        } else {
            char escaped[4];
            std::snprintf(escaped, sizeof(escaped), "%%%02X", byte);
            uri += escaped;
        }
    }
    return uri + "?" + query;
}

/// A shared lock on `<catalog>.lock`: a run takes it exclusively, so holding it shared proves
/// that no run is writing, and keeps one from starting. -1 when there is no lock file.
Result<int> lockShared(const std::filesystem::path& catalogPath) {
    const std::string lockPath = catalogPath.string() + ".lock";
    const int descriptor = ::open(lockPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return -1; // no run ever held it here, or the folder was copied without it
    if (::flock(descriptor, LOCK_SH | LOCK_NB) != 0) {
        ::close(descriptor);
        return Error{ErrorKind::InvalidUsage,
                     "a Cepstra run is writing " + catalogPath.parent_path().string() +
                         " (it holds " + lockPath + "); wait for it to finish, then export"};
    }
    return descriptor;
}

RunStatus parseRunStatus(const std::string& text) {
    for (RunStatus status : {RunStatus::Running, RunStatus::Completed, RunStatus::Interrupted,
                             RunStatus::Failed, RunStatus::Crashed})
        if (text == toString(status))
            return status;
    return RunStatus::Failed;
}

std::string columnText(sqlite3_stmt* statement, int column) {
    const auto* value = sqlite3_column_text(statement, column);
    return value ? reinterpret_cast<const char*>(value) : "";
}

} // namespace

Result<std::unique_ptr<Catalog>> Catalog::openReadOnly(const std::filesystem::path& outputDirectory,
                                                       const std::filesystem::path& name) {
    const auto path = outputDirectory / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{ErrorKind::InvalidUsage,
                     outputDirectory.string() + " is not a Cepstra output folder (it has no " +
                         name.string() + "); give the OUTPUT folder of a cepstra-cli run"};
    auto lock = lockShared(path);
    if (!lock)
        return lock.error();
    // A catalog closed cleanly has no -wal file, or an empty one (another reader's). With no
    // writer possible (the lock), it is then opened immutable: a read-only connection to a WAL
    // database would leave -wal and -shm files behind or change them, and the export must not
    // write in FEATURES. A -wal left by a killed run holds committed rows, so that one is read
    // through the WAL.
    const std::string wal = path.string() + "-wal";
    const bool cleanlyClosed =
        !std::filesystem::exists(wal, ec) || std::filesystem::file_size(wal, ec) == 0;
    const std::string uri = fileUri(path, cleanlyClosed ? "mode=ro&immutable=1" : "mode=ro");
    sqlite3* database = nullptr;
    const int opened =
        sqlite3_open_v2(uri.c_str(), &database, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    std::unique_ptr<Catalog> catalog(new Catalog(database, path, *lock));
    if (opened != SQLITE_OK)
        return catalog->databaseError("cannot open the catalog " + path.string());
    sqlite3_busy_timeout(database, 5000);
    if (auto status = catalog->execute("PRAGMA quick_check;"); !status)
        return status.error();
    return catalog;
}

Result<std::optional<RunRecord>> Catalog::latestRun() {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_database,
                           "SELECT id, status, input_dir, version, config_json, config_hash "
                           "FROM runs ORDER BY id DESC LIMIT 1",
                           -1, &statement, nullptr) != SQLITE_OK)
        return databaseError("catalog read failed");
    const int code = sqlite3_step(statement);
    std::optional<RunRecord> run;
    if (code == SQLITE_ROW)
        run = RunRecord{.id = sqlite3_column_int64(statement, 0),
                        .status = parseRunStatus(columnText(statement, 1)),
                        .inputDirectory = columnText(statement, 2),
                        .version = columnText(statement, 3),
                        .configJson = columnText(statement, 4),
                        .configHash = columnText(statement, 5)};
    sqlite3_finalize(statement);
    if (code != SQLITE_ROW && code != SQLITE_DONE)
        return databaseError("catalog read failed");
    return run;
}

Result<std::optional<Catalog::RecordedRun>>
Catalog::readLatestRun(const std::filesystem::path& outputDirectory) {
    const auto path = outputDirectory / kFileName;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return std::optional<RecordedRun>();
    sqlite3* database = nullptr;
    const auto failure = [&] {
        const std::string message = database ? sqlite3_errmsg(database) : "out of memory";
        sqlite3_close(database);
        return Error{ErrorKind::Malformed,
                     "cannot read the catalog " + path.string() + ": " + message};
    };
    if (sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return failure();
    sqlite3_busy_timeout(database, 2000);
    std::optional<RecordedRun> run;
    int code = SQLITE_DONE;
    {
        Statement query(database,
                        "SELECT status, input_dir, started_at, finished_at, files_total, "
                        "files_processed, files_skipped, files_failed, files_removed FROM runs "
                        "ORDER BY id DESC LIMIT 1");
        if ((code = query.step()) == SQLITE_ROW)
            run = RecordedRun{.status = parseRunStatus(query.text(0)),
                              .inputDirectory = query.text(1),
                              .startedAt = query.text(2),
                              .finishedAt = query.text(3),
                              .counts = {.total = int(query.integer(4)),
                                         .processed = int(query.integer(5)),
                                         .skipped = int(query.integer(6)),
                                         .failed = int(query.integer(7)),
                                         .removed = int(query.integer(8))}};
    }
    if (code != SQLITE_ROW && code != SQLITE_DONE)
        return failure();
    sqlite3_close(database);
    return run;
}

} // namespace cepstra
