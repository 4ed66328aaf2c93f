// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/ClipMeasurement.h"
#include "core/util/Result.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace cepstra {

/// A clip's cached measurement, or why it could not be read.
struct CachedMeasurement {
    std::uintmax_t sizeBytes = 0;
    std::int64_t mtimeNs = 0;
    std::optional<ClipMeasurement> measurement{};
    std::string error{}; ///< set instead of `measurement` for a clip that cannot be read
};

/// Measurements and fingerprints kept between checks, in table `health_measurements` of an
/// SQLite file: a run's catalog (`--features OUTPUT`) or a cache of its own. A row stands
/// while the file's size and modification time and ClipMeasurement::kVersion are unchanged.
/// One thread. In a run's catalog it holds the catalog's lock, as a run does, so the two
/// never write at once: opening fails while a run holds it.
class HealthCache {
public:
    /// Opens (or creates) the cache. A run's catalog is opened under the run's lock; another
    /// run's catalog under another name is refused. A damaged cache of its own is moved aside
    /// to "<file>.damaged" and made anew, and `notice` says so (without `notice` it is an
    /// error).
    /// A run's catalog is refused when its run was of another INPUT than `input` (when given):
    /// its families of duplicates would mislead that run's exports.
    static Result<std::unique_ptr<HealthCache>> open(const std::filesystem::path& databaseFile,
                                                     std::string* notice = nullptr,
                                                     const std::filesystem::path& input = {});
    ~HealthCache();
    HealthCache(const HealthCache&) = delete;
    HealthCache& operator=(const HealthCache&) = delete;

    /// Every row of the current version, by INPUT-relative path.
    Result<std::map<std::string, CachedMeasurement>> load();
    Status store(const std::string& path, const CachedMeasurement& entry);
    /// Drops the rows of files no longer in the dataset.
    Status keepOnly(const std::map<std::string, bool>& present);
    /// Replaces the kept families of duplicates (Catalog::kDuplicateFamiliesSchema) with
    /// `families`: the last check's, for `export --group duplicates`.
    Status storeFamilies(const std::vector<std::vector<std::string>>& families);
    Status begin();
    Status commit();

    /// Where a check keeps its cache when no run's catalog is named:
    /// $CEPSTRA_CACHE_DIR, else $XDG_CACHE_HOME/cepstra, else ~/.cache/cepstra, then
    /// health-<hash of INPUT's absolute path>.sqlite.
    static std::filesystem::path defaultLocation(const std::filesystem::path& input);

private:
    HealthCache(sqlite3* database, int lockDescriptor)
        : m_database(database)
        , m_lockDescriptor(lockDescriptor) {}
    Status execute(const char* sql);
    sqlite3* m_database;
    int m_lockDescriptor = -1; ///< a run's catalog: its lock, held while open
};

} // namespace cepstra
