// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthCache.h"

#include "core/dataset/Catalog.h"

#include "core/io/ContentHash.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>

namespace cepstra {
namespace {

using nlohmann::json;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS health_measurements (
  path        TEXT PRIMARY KEY,
  size_bytes  INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  measurement TEXT NOT NULL);
)sql";

json toJson(const ClipMeasurement& m) {
    return {{"rate", m.native.sampleRateHz},
            {"channels", m.native.channels},
            {"frames", m.native.frames},
            {"format", m.native.format},
            {"peak", m.peak},
            {"full_scale", m.fullScaleSamples},
            {"full_scale_run", m.longestFullScaleRun},
            {"dc", m.worstDcOffset},
            {"identical_channels", m.identicalChannels},
            {"levels", m.frameLevels},
            {"spectrum", m.spectrumDb},
            {"loudness", m.loudnessDb},
            {"hash", m.decodedHash},
            {"fingerprint", m.fingerprint},
            {"item_seconds", m.fingerprintItemSeconds}};
}

ClipMeasurement fromJson(const json& j) {
    ClipMeasurement m;
    m.native.sampleRateHz = j.at("rate");
    m.native.channels = j.at("channels");
    m.native.frames = j.at("frames");
    m.native.format = j.at("format");
    m.peak = j.at("peak");
    m.fullScaleSamples = j.at("full_scale");
    m.longestFullScaleRun = j.at("full_scale_run");
    m.worstDcOffset = j.at("dc");
    m.identicalChannels = j.at("identical_channels");
    m.frameLevels = j.at("levels").get<std::array<std::int32_t, ClipMeasurement::kLevelBins>>();
    m.spectrumDb = j.at("spectrum").get<std::vector<float>>();
    m.loudnessDb = j.at("loudness").get<std::vector<float>>();
    m.decodedHash = j.at("hash");
    m.fingerprint = j.at("fingerprint").get<std::vector<std::uint32_t>>();
    m.fingerprintItemSeconds = j.at("item_seconds");
    return m;
}

} // namespace

namespace {

/// True when the SQLite file at `database` holds a run's catalog (its `runs` table).
bool holdsARunsCatalog(sqlite3* database) {
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(database, "SELECT 1 FROM sqlite_master WHERE name = 'runs'", -1, &query,
                       nullptr);
    const bool found = query && sqlite3_step(query) == SQLITE_ROW;
    sqlite3_finalize(query);
    return found;
}

} // namespace

Result<std::unique_ptr<HealthCache>> HealthCache::open(const std::filesystem::path& databaseFile,
                                                       std::string* notice,
                                                       const std::filesystem::path& input) {
    // A run's catalog is shared only under its lock: a check that wrote into it while a run
    // holds it would break the run ("database is locked").
    const bool isCatalog = databaseFile.filename() == Catalog::kFileName;
    int lock = -1;
    if (isCatalog) {
        auto taken = Catalog::lockExclusively(databaseFile);
        if (!taken)
            return Error{ErrorKind::InvalidUsage,
                         taken.error().message + " (the check keeps its measurements there)"};
        lock = *taken;
        // Under the lock, so a run cannot start meanwhile; read only, as the app reads it.
        auto run = Catalog::readLatestRun(databaseFile.parent_path());
        std::error_code ec;
        const std::string checked =
            std::filesystem::weakly_canonical(std::filesystem::absolute(input), ec).string();
        if (!input.empty() && run && *run && (*run)->inputDirectory != checked) {
            ::close(lock);
            return Error{ErrorKind::InvalidUsage,
                         databaseFile.parent_path().string() + " holds the features of " +
                             (*run)->inputDirectory + ", not of " + checked +
                             "; check that dataset, or keep this check elsewhere (without "
                             "--features)"};
        }
    }
    std::error_code ec;
    std::filesystem::create_directories(databaseFile.parent_path(), ec);
    sqlite3* database = nullptr;
    if (sqlite3_open_v2(databaseFile.c_str(), &database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        const std::string message = database ? sqlite3_errmsg(database) : "out of memory";
        sqlite3_close(database);
        if (lock >= 0)
            ::close(lock);
        return Error{ErrorKind::InvalidUsage, "cannot open the check cache " +
                                                  databaseFile.string() + ": " + message +
                                                  "; give a writable file with --cache FILE"};
    }
    sqlite3_busy_timeout(database, 10000);
    std::unique_ptr<HealthCache> cache(new HealthCache(database, lock));
    // Under another name (a link), a run's catalog would escape its lock.
    if (!isCatalog && holdsARunsCatalog(database))
        return Error{ErrorKind::InvalidUsage,
                     "--cache " + databaseFile.string() +
                         " is a run's catalog; give its OUTPUT folder with --features instead"};
    if (auto status = cache->execute(kSchema); !status) {
        const int code = sqlite3_extended_errcode(database) & 0xFF;
        if (isCatalog || (code != SQLITE_NOTADB && code != SQLITE_CORRUPT) || !notice)
            return Error{ErrorKind::InvalidUsage,
                         "cannot use the check cache " + databaseFile.string() + ": " +
                             status.error().message + "; give a writable file with --cache FILE"};
        // A damaged cache of its own is only a cache: kept aside for a look, and made anew.
        cache.reset();
        const std::filesystem::path aside = databaseFile.string() + ".damaged";
        std::filesystem::rename(databaseFile, aside, ec);
        if (ec)
            return Error{ErrorKind::InvalidUsage, "the check cache " + databaseFile.string() +
                                                      " is damaged and cannot be moved aside (" +
                                                      ec.message() + "); remove it"};
        *notice = "the check cache " + databaseFile.string() + " was damaged; it is kept as " +
                  aside.string() + ", and every clip is read again";
        return open(databaseFile, nullptr);
    }
    return cache;
}

HealthCache::~HealthCache() {
    sqlite3_close(m_database);
    if (m_lockDescriptor >= 0)
        ::close(m_lockDescriptor); // releases the catalog's lock
}

Status HealthCache::execute(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_database, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(m_database);
        sqlite3_free(message);
        return Error{ErrorKind::OutputFailed, text};
    }
    return success();
}

Status HealthCache::storeFamilies(const std::vector<std::vector<std::string>>& families) {
    if (auto status = execute(Catalog::kDuplicateFamiliesSchema); !status)
        return status;
    if (auto status = begin(); !status)
        return status;
    Status stored = execute("DELETE FROM duplicate_families;");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(m_database, "INSERT OR REPLACE INTO duplicate_families VALUES (?1, ?2)", -1,
                       &insert, nullptr);
    for (std::size_t family = 0; stored && family < families.size(); ++family)
        for (const std::string& path : families[family]) {
            sqlite3_bind_text(insert, 1, path.c_str(), int(path.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 2, std::int64_t(family));
            if (sqlite3_step(insert) != SQLITE_DONE) {
                stored = Error{ErrorKind::OutputFailed,
                               std::string("cannot keep the duplicate families: ") +
                                   sqlite3_errmsg(m_database)};
                break;
            }
            sqlite3_reset(insert);
        }
    sqlite3_finalize(insert);
    if (!stored) {
        execute("ROLLBACK;");
        return stored;
    }
    return commit();
}

Status HealthCache::begin() {
    return execute("BEGIN IMMEDIATE;");
}
Status HealthCache::commit() {
    return execute("COMMIT;");
}

Result<std::map<std::string, CachedMeasurement>> HealthCache::load() {
    std::map<std::string, CachedMeasurement> rows;
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(m_database,
                       "SELECT path, size_bytes, mtime_ns, measurement FROM health_measurements "
                       "WHERE version = ?1",
                       -1, &query, nullptr);
    sqlite3_bind_int(query, 1, ClipMeasurement::kVersion);
    int code;
    while ((code = sqlite3_step(query)) == SQLITE_ROW) {
        const auto text = [&](int column) {
            const auto* value = sqlite3_column_text(query, column);
            return value ? std::string(reinterpret_cast<const char*>(value),
                                       std::size_t(sqlite3_column_bytes(query, column)))
                         : std::string();
        };
        CachedMeasurement entry;
        entry.sizeBytes = std::uintmax_t(sqlite3_column_int64(query, 1));
        entry.mtimeNs = sqlite3_column_int64(query, 2);
        const json document = json::parse(text(3), nullptr, false);
        try {
            if (document.contains("error"))
                entry.error = document.at("error");
            else
                entry.measurement = fromJson(document);
        } catch (const json::exception&) {
            continue; // an unreadable row is measured again
        }
        rows.emplace(text(0), std::move(entry));
    }
    const std::string message = sqlite3_errmsg(m_database);
    sqlite3_finalize(query);
    if (code != SQLITE_DONE)
        return Error{ErrorKind::Malformed, "cannot read the check cache: " + message};
    return rows;
}

Status HealthCache::store(const std::string& path, const CachedMeasurement& entry) {
    const std::string document = entry.measurement ? dumpJson(toJson(*entry.measurement))
                                                   : dumpJson(json{{"error", entry.error}});
    sqlite3_stmt* upsert = nullptr;
    sqlite3_prepare_v2(m_database,
                       "INSERT OR REPLACE INTO health_measurements (path, size_bytes, mtime_ns, "
                       "version, measurement) VALUES (?1, ?2, ?3, ?4, ?5)",
                       -1, &upsert, nullptr);
    sqlite3_bind_text(upsert, 1, path.data(), int(path.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(upsert, 2, std::int64_t(entry.sizeBytes));
    sqlite3_bind_int64(upsert, 3, entry.mtimeNs);
    sqlite3_bind_int(upsert, 4, ClipMeasurement::kVersion);
    sqlite3_bind_text(upsert, 5, document.data(), int(document.size()), SQLITE_TRANSIENT);
    const int code = sqlite3_step(upsert);
    sqlite3_finalize(upsert);
    if (code != SQLITE_DONE)
        return Error{ErrorKind::OutputFailed,
                     std::string("cannot write the check cache: ") + sqlite3_errmsg(m_database)};
    return success();
}

Status HealthCache::keepOnly(const std::map<std::string, bool>& present) {
    std::vector<std::string> gone;
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(m_database, "SELECT path FROM health_measurements", -1, &query, nullptr);
    while (sqlite3_step(query) == SQLITE_ROW) {
        const auto* value = sqlite3_column_text(query, 0);
        std::string path(value ? reinterpret_cast<const char*>(value) : "",
                         std::size_t(sqlite3_column_bytes(query, 0)));
        if (!present.contains(path))
            gone.push_back(std::move(path));
    }
    sqlite3_finalize(query);
    for (const std::string& path : gone) {
        sqlite3_stmt* remove = nullptr;
        sqlite3_prepare_v2(m_database, "DELETE FROM health_measurements WHERE path = ?1", -1,
                           &remove, nullptr);
        sqlite3_bind_text(remove, 1, path.data(), int(path.size()), SQLITE_TRANSIENT);
        const int code = sqlite3_step(remove);
        sqlite3_finalize(remove);
        if (code != SQLITE_DONE)
            return Error{ErrorKind::OutputFailed, std::string("cannot write the check cache: ") +
                                                      sqlite3_errmsg(m_database)};
    }
    return success();
}

std::filesystem::path HealthCache::defaultLocation(const std::filesystem::path& input) {
    std::filesystem::path folder;
    if (const char* explicitDir = std::getenv("CEPSTRA_CACHE_DIR"); explicitDir && *explicitDir)
        folder = explicitDir;
    else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        folder = std::filesystem::path(xdg) / "cepstra";
    else if (const char* home = std::getenv("HOME"); home && *home)
        folder = std::filesystem::path(home) / ".cache" / "cepstra";
    else
        folder = std::filesystem::temp_directory_path() / "cepstra";
    std::error_code ec;
    const auto absolute = std::filesystem::weakly_canonical(input, ec);
    return folder / ("health-" + hashBytes(absolute.string()) + ".sqlite");
}

} // namespace cepstra
