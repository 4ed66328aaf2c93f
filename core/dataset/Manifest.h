// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dataset/ClipFacts.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cepstra {

/// The dataset layouts whose metadata Cepstra reads as they ship.
enum class ManifestFormat {
    Esc50,        ///< meta/esc50.csv: category, fold 1-5, src_file; audio/<filename>
    UrbanSound8K, ///< metadata/UrbanSound8K.csv: class, fold 1-10, fsID; audio/fold<k>/<name>
    Fma,          ///< fma_metadata/tracks.csv: genre_top, set.split, artist.id; fma_<subset>/
    AudioFolder,  ///< Hugging Face AudioFolder: metadata.csv or .jsonl with file_name
    Table,        ///< any CSV, TSV or JSONL named with --manifest, columns mapped by name
};
std::string_view toString(ManifestFormat format); ///< "ESC-50", "UrbanSound8K", ...

/// What a run without a manifest says of its labels, as Manifest::description() does.
inline constexpr const char* kLabelsFromFolders = "Labels from the first-level folders";

/// Which metadata a command reads (`--manifest`, `--manifest-columns`, `--subset`).
struct ManifestRequest {
    enum class Mode { Auto, None, File } mode = Mode::Auto;
    std::filesystem::path file; ///< for Mode::File
    /// "path=file,label=class,fold=fold,group=src,split=set" for a table: which column holds
    /// each; empty: found by name (path, file_name, filename; label, class, category, ...).
    std::string columns;
    std::string subset; ///< FMA: "small", "medium", "large" or "full"; empty: the one present

    /// As `--manifest` names it: a FILE, "none" (folders), or empty (a known file at INPUT's
    /// root). What the CLI and the Python module take alike.
    static ManifestRequest named(const std::string& manifest, std::string columns = {},
                                 std::string subset = {}) {
        ManifestRequest request;
        if (manifest == "none")
            request.mode = Mode::None;
        else if (!manifest.empty())
            request = {.mode = Mode::File, .file = manifest};
        request.columns = std::move(columns);
        request.subset = std::move(subset);
        return request;
    }
};

/// One row the summary lists: where it is and what it names.
struct ManifestEntry {
    int line = 0;     ///< 0 for an audio file no row names
    std::string path; ///< INPUT-relative
};

/// What a command says of its manifest after the walk: how it was read, and each row or file
/// that did not fit, by kind.
struct ManifestReport {
    std::string description;                   ///< Manifest::description()
    std::vector<ManifestEntry> missingFiles;   ///< rows naming a file that is not there
    std::vector<ManifestEntry> unnamedFiles;   ///< audio files no row names (no label)
    std::vector<ManifestEntry> duplicateRows;  ///< rows naming a file an earlier row named
    std::vector<ManifestEntry> unlabelledRows; ///< rows with an empty label
};

/// What a dataset's metadata says, read once: each clip's facts by its INPUT-relative path,
/// and what does not fit (rows naming missing files, files no row names, duplicate rows, rows
/// without a label), each counted and listed, never dropped in silence. A row's facts are
/// looked up by the walk; rows never met are the missing ones. Not thread-safe.
class Manifest {
public:
    /// The metadata of `input`, as `request` asks: a known file at a dataset root when Auto,
    /// nothing when None or when there is none (labels then come from folders). A manifest
    /// that cannot be used is refused before anything is written, with the file, the line and
    /// the reason (InvalidUsage).
    static Result<std::optional<Manifest>> load(const std::filesystem::path& input,
                                                const ManifestRequest& request);

    /// A known metadata file above `input` (INPUT given as ESC-50/audio, not its root): the
    /// line that says to give the root instead; empty when there is none.
    static std::string rootHint(const std::filesystem::path& input);

    /// Refuses a manifest that names no file under `input` (another dataset's, or one
    /// without rows), which would leave every clip unlabelled.
    Status refuseIfForeign(const std::filesystem::path& input) const;

    /// A file's size and modification time as text, "" when it is gone: what tells that a
    /// manifest was edited since a run read it.
    static std::string stampOf(const std::filesystem::path& file);

    ManifestFormat format() const { return m_format; }
    const std::filesystem::path& file() const { return m_file; }
    /// How it was read, for the first line of output: "Labels, folds and groups from
    /// metadata/UrbanSound8K.csv (UrbanSound8K: label=class, fold=fold, group=fsID; 8732
    /// rows)".
    const std::string& description() const { return m_description; }
    /// The folder under INPUT its audio is in ("audio", "fma_small"); empty: anywhere.
    const std::string& audioFolder() const { return m_audioFolder; }
    bool hasFolds() const { return m_hasFolds; }
    bool hasSplits() const { return m_hasSplits; }

    /// Whether the walk should take this file at all: FMA reads one subset's folder only.
    bool selects(const std::string& relativePath) const;
    /// The facts of a walked file, marking its row as met; an unlabelled fact for a file no
    /// row names, which is counted.
    ClipFacts factsOf(const std::string& relativePath);

    /// After the walk, what did not fit, sorted by path.
    std::vector<ManifestEntry> missingFiles() const;
    const std::vector<ManifestEntry>& unnamedFiles() const { return m_unnamed; }
    const std::vector<ManifestEntry>& duplicateRows() const { return m_duplicates; }
    const std::vector<ManifestEntry>& unlabelledRows() const { return m_unlabelled; }
    std::int64_t rowCount() const { return std::int64_t(m_rows.size()); }
    /// All of the above, for a summary.
    ManifestReport report() const;

private:
    friend class ManifestBuilder;
    struct Row {
        int line = 0;
        ClipFacts facts;
        bool met = false;
    };
    ManifestFormat m_format = ManifestFormat::Table;
    std::filesystem::path m_file;
    std::string m_description;
    std::string m_audioFolder;
    bool m_hasFolds = false;
    bool m_hasSplits = false;
    std::map<std::string, Row> m_rows; ///< by INPUT-relative path
    std::vector<ManifestEntry> m_unnamed;
    std::vector<ManifestEntry> m_duplicates;
    std::vector<ManifestEntry> m_unlabelled;
};

} // namespace cepstra
