// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/DatasetScanner.h"
#include "core/scaling/RowStatistics.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace cepstra {

/// Where one input stands in the catalog (files.status).
enum class FileState {
    Pending, ///< claimed by a run that has not finished it; its outputs may be half-written
    Done,
    Failed,
    /// Done before, but the file could not be read in the latest run (permissions, an I/O
    /// error, it changed while read): its outputs are kept and left out of exports, and the
    /// next run that reads the same content again makes it done without computing anything.
    Unavailable,
};

/// How a run ended (runs.status).
enum class RunStatus { Running, Completed, Interrupted, Failed, Crashed };

/// The names the catalog's SQL uses; the only place states become text.
std::string_view toString(FileState state);
std::string_view toString(RunStatus status);

/// The catalog's record of one input file (table `files`; the README documents the schema).
struct CatalogFile : ClipFacts {
    std::string path; ///< relative to the input folder, '/'-separated
    std::uintmax_t sizeBytes = 0;
    std::int64_t mtimeNs = 0;
    std::string contentHash; ///< XXH3-64 hex of the file's bytes
    std::string configHash;  ///< XXH3-64 hex of the config JSON that produced the outputs
    FileState state = FileState::Pending;
    std::string error;                ///< why it failed, for status "failed"
    std::vector<std::string> outputs; ///< files Cepstra wrote for it, relative to OUTPUT
    double durationSeconds = 0.0;
    int sampleRateHz = 0;
    int channels = 0;
    std::int64_t frames = 0;
    std::string format;
};

/// True when every output `file` records exists under `outputRoot` as a regular file.
bool outputsExist(const CatalogFile& file, const std::filesystem::path& outputRoot);

/// What a run did with its files: one row of table `runs` (RunSummary extends it).
struct RunCounts {
    int total = 0;
    int processed = 0;
    int skipped = 0;
    int failed = 0;
    int removed = 0;
};

/// One row of table `runs`, as an export reads it.
struct RunRecord {
    std::int64_t id = 0;
    RunStatus status = RunStatus::Running;
    std::string inputDirectory;
    std::string version;
    std::string configJson; ///< the canonical config JSON the run computed with
    std::string configHash; ///< its XXH3-64 hex, as files.config_hash stores it
};

/// OUTPUT/cepstra-catalog.sqlite: what was computed, from what, with which config, and which
/// files Cepstra wrote. Not thread-safe: one thread (the batch runner's collector) uses it.
class Catalog {
public:
    static constexpr const char* kFileName = "cepstra-catalog.sqlite";
    /// meta key: where the latest run took its labels from (a manifest's description).
    static constexpr const char* kLabelsFromKey = "labels_from";
    /// meta key: the latest run's manifest, "<absolute path>\n<Manifest::stampOf>"; empty
    /// without one.
    static constexpr const char* kManifestStampKey = "manifest_stamp";
    /// The families of duplicate clips the last `check --features OUTPUT` found, one row per
    /// clip (INPUT-relative path, family number): what `export --group duplicates` reads. The
    /// check writes it (core/health/HealthCache); the table is absent until one has run.
    static constexpr const char* kDuplicateFamiliesSchema =
        "CREATE TABLE IF NOT EXISTS duplicate_families ("
        "path TEXT PRIMARY KEY, family INTEGER NOT NULL);";
    /// What a damaged catalog's message says to do after "is damaged (...)": a run's advice.
    /// Commands without --force (merge) put their own in its place.
    static constexpr std::string_view kDamagedAdvice = "; run again with --force to keep it aside";

    /// Opens or creates the catalog in `outputDirectory` (WAL journal), holding an exclusive
    /// lock on `<catalog>.lock` while open, so two runs never share one output folder. Fails
    /// with ErrorKind::Malformed when the file is not a database or is damaged, and with
    /// InvalidUsage when another process holds the lock. `name` is the catalog's path under
    /// `outputDirectory`: a shard's is shards/K-of-N.sqlite (its folder is created).
    static Result<std::unique_ptr<Catalog>> open(const std::filesystem::path& outputDirectory,
                                                 const std::filesystem::path& name = kFileName);

    /// Takes `<catalogPath>.lock` exclusively without waiting, as a run holds it while open:
    /// the descriptor (closing it releases the lock), or InvalidUsage naming the folder when
    /// another process holds it. Commands that write into a run's catalog take it too.
    static Result<int> lockExclusively(const std::filesystem::path& catalogPath);
    /// The same lock taken shared: what a shard run holds on OUTPUT's catalog while it writes
    /// its own, so that no run or merge of the whole OUTPUT starts meanwhile (and a shard does
    /// not start while one runs).
    static Result<int> lockSharing(const std::filesystem::path& catalogPath);

    /// Each file's state and config hash, read without a lock or any write (a running batch
    /// may hold the catalog): what the app shows for a dataset it opens. Empty when OUTPUT has
    /// no catalog yet.
    struct RecordedState {
        FileState state = FileState::Pending;
        std::string configHash;
        std::string error;
    };
    static Result<std::map<std::string, RecordedState>>
    readStates(const std::filesystem::path& outputDirectory);

    /// The latest run's row of table `runs`, read as readStates() reads: without a lock or any
    /// write. What the app shows as the last run when it opens a folder. Nothing when OUTPUT
    /// has no catalog or records no run.
    struct RecordedRun {
        RunStatus status = RunStatus::Running;
        std::string inputDirectory;
        std::string startedAt;  ///< UTC, "2024-05-01T12:00:00Z"
        std::string finishedAt; ///< UTC; empty while the run is (or was, if it crashed) running
        RunCounts counts;
    };
    static Result<std::optional<RecordedRun>>
    readLatestRun(const std::filesystem::path& outputDirectory);

    /// Opens an existing catalog to read it only (an export): never creates, repairs or
    /// changes it. Holds a shared lock on `<catalog>.lock` while open, when that file exists,
    /// so no run rewrites the files being read; fails with InvalidUsage while a run holds it,
    /// and when `outputDirectory` has no catalog (it is not a Cepstra output folder).
    static Result<std::unique_ptr<Catalog>>
    openReadOnly(const std::filesystem::path& outputDirectory,
                 const std::filesystem::path& name = kFileName);

    /// The most recent run (highest id), or nothing when none was recorded.
    Result<std::optional<RunRecord>> latestRun();

    /// Moves a damaged catalog (and its -wal and -shm files) aside to a free name,
    /// "<catalog>.damaged", "<catalog>.damaged-2"...; returns the name it took.
    static Result<std::filesystem::path>
    setAsideDamaged(const std::filesystem::path& outputDirectory,
                    const std::filesystem::path& name = kFileName);
    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    /// The SQLite file this connection has open.
    const std::filesystem::path& path() const { return m_path; }
    Result<std::map<std::string, CatalogFile>> loadFiles();
    /// Up to `limit` rows with paths after `after`, in path order: the rows a batch at a time.
    Result<std::vector<CatalogFile>> filesAfter(const std::string& after, int limit);
    /// Copies the rows of `from` that `wanted` accepts, with their clip statistics, into this
    /// catalog as if `runId` had written them (a shard's rows into the merged catalog, or the
    /// merged catalog's rows into a new shard's). One transaction.
    Status copyFilesFrom(Catalog& from, const std::function<bool(const CatalogFile&)>& wanted,
                         std::int64_t runId);
    /// The row of `path`, or nothing.
    Result<std::optional<CatalogFile>> findFile(const std::string& path);
    Status upsertFile(const CatalogFile& file, std::int64_t runId);
    Status updateModificationTime(const std::string& path, std::int64_t mtimeNs);
    Status removeFile(const std::string& path);

    /// Records a new run. Runs still marked 'running' ended without finishing (the process
    /// was killed): the lock proves no one else is running, so they become 'crashed'.
    Result<std::int64_t> beginRun(const std::string& inputDirectory, const std::string& configJson,
                                  const std::string& configHash, int jobs);
    Status finishRun(std::int64_t runId, RunStatus status, const RunCounts& counts);

    /// Per-clip statistics of one feature, for scale_axis="dataset" (table `clip_statistics`).
    Status storeStatistics(const std::string& path, const std::string& feature,
                           const RowStatistics& statistics);
    Result<std::optional<RowStatistics>> loadStatistics(const std::string& path,
                                                        const std::string& feature);

    Result<std::optional<std::string>> metaValue(const std::string& key);
    /// The families table kDuplicateFamiliesSchema declares, each family's paths in path
    /// order; nothing when no check was kept here.
    Result<std::optional<std::vector<std::vector<std::string>>>> duplicateFamilies();
    Status setMetaValue(const std::string& key, const std::string& value);

    /// Whether the scale_axis "dataset" pass has finished: every scaled array carries one fit.
    /// A run marks it unfinished before it changes any clip, finished after the pass; an
    /// export refuses scaled arrays in between. True when never marked.
    Result<bool> datasetScalingFinished();
    Status markDatasetScaling(bool finished);

    // A run's walk of its INPUT, kept in temporary tables of this connection, so that a run
    // holds a batch of files in memory at a time whatever the dataset's size.

    /// One walked file, with what the catalog records of it.
    struct WalkedFile {
        DatasetFile file; ///< without absolutePath
        std::optional<CatalogFile> previous;
        int statistics = 0; ///< how many of the features asked for have stored statistics
    };
    /// A done row of a walked file, for the scale_axis "dataset" pass.
    struct WalkedDone {
        CatalogFile row;
        bool computed = false; ///< computed in this run
    };
    /// Starts a walk: empties the walk's tables (creating them the first time).
    Status beginWalk();
    /// Gives every catalog row the walk met the label, fold, group and split the walk found,
    /// and returns how many changed.
    Result<int> takeWalkedFacts();
    /// Records a walked file with its output key (folder and stem under OUTPUT).
    Status addWalked(const DatasetFile& file, const std::string& outputKey);
    /// The walked files whose output key another walked file shares: (key, path) in key, then
    /// path order. Usually none.
    Result<std::vector<std::pair<std::string, std::string>>> walkedKeyCollisions();
    /// Up to `limit` walked files after `after`, in path order, with their rows. Counts the
    /// stored statistics of `features` (none asked: 0).
    Result<std::vector<WalkedFile>> walkedAfter(const std::string& after, int limit,
                                                const std::vector<std::string>& features);
    /// Up to `limit` rows after `after`, in path order, whose path the walk did not meet.
    Result<std::vector<CatalogFile>> unwalkedAfter(const std::string& after, int limit);
    /// Whether a row with a path in [from, to) records `output` as one of its files.
    Result<bool> anyRowRecords(const std::string& output, const std::string& from,
                               const std::string& to);
    /// What became of a walked file in this run: computed, or left out of the dataset's fit
    /// (refused, or unreadable now with its earlier result kept).
    enum class WalkOutcome { Computed = 1, LeftOut = 2 };
    Status markWalked(const std::string& path, WalkOutcome outcome);
    /// Up to `limit` walked files after `after` whose row is done and not left out.
    Result<std::vector<WalkedDone>> doneWalkedAfter(const std::string& after, int limit);

    /// One write transaction (BEGIN IMMEDIATE): rolled back when destroyed uncommitted, so a
    /// failure part-way never leaves the catalog inside an open transaction.
    class Transaction {
    public:
        ~Transaction();
        Transaction(Transaction&& other) noexcept;
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        Transaction& operator=(Transaction&&) = delete;
        Status commit();

    private:
        friend class Catalog;
        explicit Transaction(Catalog* catalog)
            : m_catalog(catalog) {}
        Catalog* m_catalog; ///< null once committed or rolled back
    };
    Result<Transaction> beginTransaction();

private:
    static Result<int> lock(const std::filesystem::path& catalogPath, int mode);
    Catalog(sqlite3* database, std::filesystem::path path, int lockDescriptor)
        : m_database(database)
        , m_path(std::move(path))
        , m_lockDescriptor(lockDescriptor) {}
    Status execute(const char* sql);
    Error databaseError(const std::string& what) const;
    /// A statement prepared once for this connection and kept (finalized with it).
    sqlite3_stmt* kept(const char* sql);

    sqlite3* m_database;
    std::map<const char*, sqlite3_stmt*> m_kept;
    std::filesystem::path m_path;
    int m_lockDescriptor = -1;
};

} // namespace cepstra
