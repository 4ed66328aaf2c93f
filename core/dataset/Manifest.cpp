// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a dataset's metadata as it ships: finding the file, turning ESC-50, UrbanSound8K,
// FMA, AudioFolder and any mapped table into one table of facts by path.
#include "core/dataset/Manifest.h"

#include "core/dataset/ManifestTable.h"

#include <algorithm>
#include <cctype>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

/// `name` in `folder`, matched without regard to case (UrbanSound8k.csv as the README spells
/// it, UrbanSound8K.csv as the archive holds it); empty when absent.
fs::path findIgnoringCase(const fs::path& folder, std::string_view name) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (lowercase(entry.path().filename().string()) == lowercase(std::string(name)) &&
            entry.is_regular_file(ec))
            return entry.path();
    return {};
}

struct Found {
    ManifestFormat format;
    fs::path file;
};

/// The known metadata file of a dataset root, if it holds one.
std::optional<Found> detect(const fs::path& root) {
    std::error_code ec;
    if (fs::is_regular_file(root / "meta" / "esc50.csv", ec))
        return Found{ManifestFormat::Esc50, root / "meta" / "esc50.csv"};
    if (auto file = findIgnoringCase(root / "metadata", "UrbanSound8K.csv"); !file.empty())
        return Found{ManifestFormat::UrbanSound8K, file};
    if (fs::is_regular_file(root / "fma_metadata" / "tracks.csv", ec))
        return Found{ManifestFormat::Fma, root / "fma_metadata" / "tracks.csv"};
    for (const char* name : {"metadata.csv", "metadata.jsonl"})
        if (fs::is_regular_file(root / name, ec))
            return Found{ManifestFormat::AudioFolder, root / name};
    return std::nullopt;
}

} // namespace

std::string_view toString(ManifestFormat format) {
    switch (format) {
    case ManifestFormat::Esc50:
        return "ESC-50";
    case ManifestFormat::UrbanSound8K:
        return "UrbanSound8K";
    case ManifestFormat::Fma:
        return "FMA";
    case ManifestFormat::AudioFolder:
        return "AudioFolder";
    case ManifestFormat::Table:
        return "table";
    }
    return "?";
}

std::string_view canonicalSplit(std::string_view word) {
    const std::string lower = lowercase(std::string(word));
    if (lower == "train" || lower == "training")
        return "train";
    if (lower == "valid" || lower == "validation" || lower == "val" || lower == "dev")
        return "valid";
    if (lower == "test" || lower == "testing")
        return "test";
    return {};
}

Result<std::optional<Manifest>> Manifest::load(const fs::path& input,
                                               const ManifestRequest& request) {
    if (request.mode == ManifestRequest::Mode::None)
        return std::optional<Manifest>();
    if (!request.columns.empty() && request.mode != ManifestRequest::Mode::File)
        return Error{ErrorKind::InvalidUsage,
                     "--manifest-columns maps the columns of a table given with --manifest FILE; "
                     "give the file too"};
    std::optional<Found> found = detect(input);
    if (request.mode == ManifestRequest::Mode::File) {
        // A known layout's own file, named explicitly, is read as that layout.
        std::error_code ec;
        const bool known =
            found && request.columns.empty() && fs::equivalent(found->file, request.file, ec);
        if (!known)
            found = Found{ManifestFormat::Table, request.file};
    }
    if (!request.subset.empty() && (!found || found->format != ManifestFormat::Fma))
        return Error{ErrorKind::InvalidUsage, "--subset applies to FMA, and " + input.string() +
                                                  " holds no fma_metadata/tracks.csv"};
    if (!found)
        return std::optional<Manifest>();
    ManifestBuilder builder(input, found->format, found->file, request);
    auto built = builder.build();
    if (!built)
        return built.error();
    if (auto status = built->refuseIfForeign(input); !status)
        return status.error();
    return std::optional<Manifest>(std::move(built).value());
}

std::string Manifest::stampOf(const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return {};
    const auto modified = fs::last_write_time(file, ec);
    if (ec)
        return {};
    return std::to_string(size) + " bytes, modified " +
           std::to_string(modified.time_since_epoch().count());
}

Status Manifest::refuseIfForeign(const fs::path& input) const {
    const std::string fix = "; give the manifest of " + input.string() +
                            ", or --manifest none to take labels from folders";
    if (m_rows.empty())
        return Error{ErrorKind::InvalidUsage, m_file.string() + ": it has no rows" + fix};
    std::error_code ec;
    for (const auto& [path, row] : m_rows)
        if (fs::exists(fs::symlink_status(input / path, ec)))
            return success();
    return Error{ErrorKind::InvalidUsage,
                 m_file.string() + ": none of its " + std::to_string(m_rows.size()) +
                     " rows names a file under " + input.string() + " (the first names " +
                     m_rows.begin()->first + "): is it another dataset's?" + fix};
}

std::string Manifest::rootHint(const fs::path& input) {
    std::error_code ec;
    fs::path folder = fs::weakly_canonical(fs::absolute(input, ec), ec);
    for (int up = 0; up < 2 && folder.has_parent_path() && folder != folder.parent_path(); ++up) {
        folder = folder.parent_path();
        if (const auto found = detect(folder))
            return input.string() + " is inside a " + std::string(toString(found->format)) +
                   " dataset (" + found->file.string() + "): give its root, " + folder.string() +
                   ", as INPUT to take labels, folds and groups from that file";
    }
    return {};
}

bool Manifest::selects(const std::string& relativePath) const {
    if (m_format != ManifestFormat::Fma)
        return true;
    return relativePath.starts_with(m_audioFolder + "/");
}

ClipFacts Manifest::factsOf(const std::string& relativePath) {
    const auto row = m_rows.find(relativePath);
    if (row == m_rows.end()) {
        m_unnamed.push_back({0, relativePath});
        return {};
    }
    row->second.met = true;
    return row->second.facts;
}

std::vector<ManifestEntry> Manifest::missingFiles() const {
    std::vector<ManifestEntry> missing;
    for (const auto& [path, row] : m_rows)
        if (!row.met)
            missing.push_back({row.line, path});
    return missing;
}

ManifestReport Manifest::report() const {
    return {m_description, missingFiles(), m_unnamed, m_duplicates, m_unlabelled};
}

} // namespace cepstra
