// SPDX-License-Identifier: GPL-3.0-or-later
// Each dataset's columns and path rule, as its own repository and loaders read them:
// ESC-50 (meta/esc50.csv), UrbanSound8K (metadata/UrbanSound8K.csv), FMA
// (fma_metadata/tracks.csv, two header levels), Hugging Face AudioFolder (metadata.csv or
// .jsonl), and any table named with --manifest and mapped with --manifest-columns.
#include "core/dataset/ManifestTable.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

std::string fieldOf(const CsvRecord& record, int column) {
    return column >= 0 && std::size_t(column) < record.fields.size()
               ? record.fields[std::size_t(column)]
               : std::string();
}

/// The FMA subsets, smallest first: small is inside medium, medium inside large.
constexpr std::array<std::string_view, 3> kFmaSubsets{"small", "medium", "large"};

int subsetRank(std::string_view subset) {
    for (std::size_t i = 0; i < kFmaSubsets.size(); ++i)
        if (kFmaSubsets[i] == subset)
            return int(i);
    return -1;
}

} // namespace

Result<Manifest> ManifestBuilder::build() {
    Status status = success();
    switch (m_manifest.m_format) {
    case ManifestFormat::Fma:
        status = readFma();
        break;
    case ManifestFormat::Table:
        status = readMappedTable();
        break;
    default:
        status = readKnownLayout();
        break;
    }
    if (!status)
        return status.error();
    // Named from INPUT when it is inside it (meta/esc50.csv), else as given.
    const fs::path relative = m_manifest.m_file.lexically_relative(m_input);
    const fs::path shown =
        relative.empty() || relative.string().starts_with("..") ? m_manifest.m_file : relative;
    m_manifest.m_description = "Labels from " + shown.string() + " (" +
                               std::string(toString(m_manifest.m_format)) + ": " + m_mapping +
                               "; " + std::to_string(m_manifest.m_rows.size()) + " rows)";
    return std::move(m_manifest);
}

Status ManifestBuilder::readKnownLayout() {
    const ManifestFormat format = m_manifest.m_format;
    Columns columns;
    int name = -1; // the file's own name, where the layout builds the path from it
    const auto header = [&](const std::vector<std::string>& fields) -> Status {
        const bool esc50 = format == ManifestFormat::Esc50;
        if (format == ManifestFormat::AudioFolder) {
            auto path = columnNamed(fields, {"file_name", "audio_file_name", "file"}, true);
            if (!path)
                return path.error();
            columns.path = *path;
            // The label: a column so named, else the first column beside file_name.
            auto label = columnNamed(fields, {"label", "class", "category", "genre"}, false);
            columns.label = *label >= 0 ? *label : (columns.path == 0 ? 1 : 0);
            if (std::size_t(columns.label) >= fields.size() || columns.label == columns.path)
                return refuse(1, "no label column beside " + fields[std::size_t(columns.path)] +
                                     "; add one (label, class...) or give --manifest none");
            columns.fold = *columnNamed(fields, {"fold"}, false);
            columns.group = *columnNamed(fields, {"group"}, false);
            columns.split = *columnNamed(fields, {"split"}, false);
            m_mapping = "path=" + fields[std::size_t(columns.path)] +
                        ", label=" + fields[std::size_t(columns.label)];
            return success();
        }
        const auto pick = [&](int& column, std::string_view named) -> Status {
            auto found = columnNamed(fields, {named}, true);
            if (!found)
                return found.error();
            column = *found;
            return success();
        };
        for (auto [column, named] :
             {std::pair<int*, std::string_view>{&name, esc50 ? "filename" : "slice_file_name"},
              {&columns.label, esc50 ? "category" : "class"},
              {&columns.fold, "fold"},
              {&columns.group, esc50 ? "src_file" : "fsID"}})
            if (auto status = pick(*column, named); !status)
                return status;
        m_mapping = esc50 ? "label=category, fold=fold, group=src_file"
                          : "label=class, fold=fold, group=fsID";
        m_manifest.m_audioFolder = "audio";
        return success();
    };
    const auto row = [&](const CsvRecord& record) -> Status {
        std::string path;
        if (format == ManifestFormat::AudioFolder)
            path = fieldOf(record, columns.path);
        else if (format == ManifestFormat::Esc50)
            path = "audio/" + fieldOf(record, name);
        else // UrbanSound8K: audio/fold<fold>/<slice_file_name>
            path = "audio/fold" + fieldOf(record, columns.fold) + "/" + fieldOf(record, name);
        return addRow(record, columns, path);
    };
    return readTable(header, row);
}

Status ManifestBuilder::readFma() {
    // The subset: the one asked for, or the one whose audio folder is here.
    std::error_code ec;
    std::vector<std::string> present;
    for (std::string_view subset : {"small", "medium", "large", "full"})
        if (fs::is_directory(m_input / ("fma_" + std::string(subset)), ec))
            present.emplace_back(subset);
    std::string subset = m_request.subset;
    if (subset.empty() && present.size() == 1)
        subset = present.front();
    if (subset.empty()) {
        std::string folders;
        for (const std::string& each : present)
            folders += (folders.empty() ? "fma_" : ", fma_") + each;
        return Error{ErrorKind::InvalidUsage,
                     present.empty()
                         ? m_input.string() + " holds fma_metadata/tracks.csv but no audio "
                                              "folder (fma_small, fma_medium, fma_large or "
                                              "fma_full); unpack one beside it"
                         : m_input.string() + " holds several FMA audio folders (" + folders +
                               "); give --subset small, medium, large or full"};
    }
    if (subsetRank(subset) < 0 && subset != "full")
        return Error{ErrorKind::InvalidUsage,
                     "--subset " + subset + " is none of small, medium, large, full"};
    if (std::find(present.begin(), present.end(), subset) == present.end())
        return Error{ErrorKind::InvalidUsage, "--subset " + subset + ": " + m_input.string() +
                                                  " has no fma_" + subset + " folder"};
    m_manifest.m_audioFolder = "fma_" + subset;
    m_mapping = "subset " + subset + ", label=track.genre_top, split=set.split, group=artist.id";

    // Two header levels ("set" over "split"), then a line holding track_id: columns are found
    // by their (group, column) pair, never by position.
    std::vector<std::string> groups, names;
    int headerLines = 0;
    Columns columns;
    int subsetColumn = -1;
    const auto header = [&](const std::vector<std::string>& fields) -> Status {
        groups = fields;
        headerLines = 1;
        return success();
    };
    const auto row = [&](const CsvRecord& record) -> Status {
        if (headerLines == 1) {
            names = record.fields;
            headerLines = 2;
            std::vector<std::string> pairs;
            for (std::size_t i = 0; i < names.size(); ++i)
                pairs.push_back((i < groups.size() ? groups[i] : "") + "." + names[i]);
            for (auto [column, named] :
                 {std::pair<int*, std::string_view>{&columns.split, "set.split"},
                  {&subsetColumn, "set.subset"},
                  {&columns.label, "track.genre_top"},
                  {&columns.group, "artist.id"}}) {
                auto found = columnNamed(pairs, {named}, true);
                if (!found)
                    return found.error();
                *column = *found;
            }
            return success();
        }
        if (headerLines == 2 && !record.fields.empty() && record.fields[0] == "track_id") {
            headerLines = 3;
            return success();
        }
        headerLines = 3;
        const std::string rowSubset = fieldOf(record, subsetColumn);
        if (subset != "full" && subsetRank(rowSubset) > subsetRank(subset))
            return success(); // a larger subset's track: not in this one
        const std::string id = fieldOf(record, 0);
        int track = -1;
        const auto parsed = std::from_chars(id.data(), id.data() + id.size(), track);
        if (parsed.ec != std::errc() || parsed.ptr != id.data() + id.size() || track < 0)
            return refuse(record.line, "the track id \"" + id + "\" is not a whole number");
        char tid[16];
        std::snprintf(tid, sizeof(tid), "%06d", track);
        const std::string digits(tid);
        return addRow(record, columns,
                      m_manifest.m_audioFolder + "/" + digits.substr(0, 3) + "/" + digits + ".mp3");
    };
    return readTable(header, row);
}

Result<ManifestBuilder::Columns>
ManifestBuilder::mappedColumns(const std::vector<std::string>& header) const {
    Columns columns;
    // --manifest-columns path=...,label=...: each role a column name.
    std::map<std::string, std::string> given;
    for (std::string_view text = m_request.columns; !text.empty();) {
        const auto comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        const auto equals = item.find('=');
        const std::string role(item.substr(0, equals));
        if (equals == std::string_view::npos ||
            (role != "path" && role != "label" && role != "fold" && role != "group" &&
             role != "split"))
            return Error{ErrorKind::InvalidUsage,
                         "--manifest-columns: '" + std::string(item) +
                             "' is not ROLE=COLUMN with a role of path, label, fold, group, split"};
        given[role] = std::string(item.substr(equals + 1));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    const auto find = [&](const char* role, std::initializer_list<std::string_view> names,
                          bool required) -> Result<int> {
        if (const auto named = given.find(role); named != given.end())
            return columnNamed(header, {named->second}, true);
        return columnNamed(header, names, required);
    };
    auto path = find("path", {"path", "file_name", "filename", "file"}, false);
    auto label = find("label", {"label", "class", "category", "genre"}, false);
    auto fold = find("fold", {"fold"}, false);
    auto group = find("group", {"group"}, false);
    auto split = find("split", {"split"}, false);
    for (const auto* result : {&path, &label, &fold, &group, &split})
        if (!*result)
            return result->error();
    columns = {*path, *label, *fold, *group, *split};
    // What the header read as: a file split on another delimiter is one long column.
    const std::string header1 =
        "the header reads as " + std::to_string(header.size()) +
        (header.size() == 1 ? " column, \"" + header.front() + "\": is it comma- or tab-separated?"
                            : " columns");
    if (columns.path < 0)
        return refuse(1, "no path column (looked for path, file_name, filename, file; " + header1 +
                             "); name it with --manifest-columns path=COLUMN");
    if (columns.label < 0)
        return refuse(1, "no label column (looked for label, class, category, genre; " + header1 +
                             "); name it with --manifest-columns label=COLUMN");
    if (columns.label == columns.path)
        return refuse(1, "the path and the label are one column, " +
                             header[std::size_t(columns.path)] +
                             "; name them with --manifest-columns path=COLUMN,label=COLUMN");
    return columns;
}

Status ManifestBuilder::readMappedTable() {
    Columns columns;
    const auto header = [&](const std::vector<std::string>& fields) -> Status {
        auto mapped = mappedColumns(fields);
        if (!mapped)
            return mapped.error();
        columns = *mapped;
        m_mapping = "path=" + fields[std::size_t(columns.path)] +
                    ", label=" + fields[std::size_t(columns.label)];
        for (auto [column, role] :
             {std::pair{columns.fold, "fold"}, std::pair{columns.group, "group"},
              std::pair{columns.split, "split"}})
            if (column >= 0)
                m_mapping += std::string(", ") + role + "=" + fields[std::size_t(column)];
        return success();
    };
    // Paths are INPUT-relative; an absolute path inside INPUT is taken as its relative one.
    std::error_code ec;
    const fs::path inputReal = fs::weakly_canonical(fs::absolute(m_input, ec), ec);
    const auto row = [&](const CsvRecord& record) -> Status {
        std::string path = fieldOf(record, columns.path);
        if (!path.empty() && path.front() == '/') {
            const fs::path relative = fs::path(path).lexically_relative(inputReal);
            if (relative.empty() || relative.string().starts_with(".."))
                return refuse(record.line, path + " is not inside INPUT " + m_input.string());
            path = relative.generic_string();
        }
        return addRow(record, columns, path);
    };
    return readTable(header, row);
}

} // namespace cepstra
