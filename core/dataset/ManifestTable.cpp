// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/ManifestTable.h"

#include "core/io/TextFile.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// The most a metadata file may hold: FMA's full tracks.csv is about 270 MB.
constexpr std::uintmax_t kMaxManifestBytes = std::uintmax_t(1) << 30;

std::string lowercase(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return lower;
}

std::string fieldAt(const CsvRecord& record, int column) {
    return column >= 0 && std::size_t(column) < record.fields.size()
               ? record.fields[std::size_t(column)]
               : std::string();
}

std::string withoutDotSlash(std::string path) {
    while (path.starts_with("./"))
        path.erase(0, 2);
    return path;
}

bool endsWith(const fs::path& file, std::string_view extension) {
    return lowercase(file.extension().string()) == extension;
}

/// A JSON value as a field's text: strings as they are, numbers as written.
std::string fieldText(const nlohmann::json& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    return value.dump();
}

} // namespace

ManifestBuilder::ManifestBuilder(fs::path input, ManifestFormat format, fs::path file,
                                 ManifestRequest request)
    : m_input(std::move(input))
    , m_request(std::move(request)) {
    m_manifest.m_format = format;
    m_manifest.m_file = std::move(file);
}

std::string ManifestBuilder::where(int line) const {
    return m_manifest.m_file.string() + (line > 0 ? ":" + std::to_string(line) : "");
}

Error ManifestBuilder::refuse(int line, const std::string& reason) const {
    // Every refusal says what to do; one that already names its fix says no more.
    const bool namesItsFix = reason.find("; ") != std::string::npos;
    return {ErrorKind::InvalidUsage,
            where(line) + ": " + reason +
                (namesItsFix ? ""
                             : "; fix the file, or give --manifest none to take labels from "
                               "folders")};
}

Result<std::string> ManifestBuilder::readFile() const {
    auto text = readTextFile(m_manifest.m_file, kMaxManifestBytes,
                             "the manifest " + m_manifest.m_file.string());
    if (!text)
        return Error{ErrorKind::InvalidUsage, text.error().message};
    return text;
}

Status
ManifestBuilder::readTable(const std::function<Status(const std::vector<std::string>&)>& header,
                           const std::function<Status(const CsvRecord&)>& each) {
    auto text = readFile();
    if (!text)
        return text.error();
    if (endsWith(m_manifest.m_file, ".jsonl") || endsWith(m_manifest.m_file, ".json")) {
        // JSON Lines: one object a line; the columns are the keys, in order of first sight.
        std::vector<std::pair<int, nlohmann::json>> objects;
        std::vector<std::string> keys;
        Status parsed = success();
        forEachLine(*text, [&](std::string_view line, int number) {
            if (!parsed || line.find_first_not_of(" \t") == std::string_view::npos)
                return;
            auto object = parseJsonText(line);
            if (!object || !object->is_object()) {
                parsed = refuse(number, object ? std::string("a line must be one JSON object")
                                               : "the line " + object.error().message);
                return;
            }
            for (const auto& item : object->items())
                if (std::find(keys.begin(), keys.end(), item.key()) == keys.end())
                    keys.push_back(item.key());
            objects.emplace_back(number, std::move(object).value());
        });
        if (!parsed)
            return parsed;
        if (auto status = header(keys); !status)
            return status;
        for (const auto& [line, object] : objects) {
            CsvRecord record{.line = line};
            for (const std::string& key : keys)
                record.fields.push_back(object.contains(key) ? fieldText(object[key]) : "");
            if (auto status = each(record); !status)
                return status;
        }
        return success();
    }
    const char delimiter = endsWith(m_manifest.m_file, ".tsv") ? '\t' : ',';
    bool first = true;
    auto status = forEachCsvRecord(*text, delimiter, [&](const CsvRecord& record) -> Status {
        if (!first)
            return each(record);
        first = false;
        m_headerFields = record.fields.size();
        return header(record.fields);
    });
    if (!status && status.error().kind == ErrorKind::Malformed)
        return Error{ErrorKind::InvalidUsage, where(0) + ":" + status.error().message};
    if (status && first)
        return refuse(0, "the file is empty: it has no header line");
    return status;
}

Result<int> ManifestBuilder::columnNamed(const std::vector<std::string>& header,
                                         std::initializer_list<std::string_view> names,
                                         bool required) const {
    for (std::string_view name : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (lowercase(header[i]) == lowercase(name))
                return int(i);
    if (!required)
        return -1;
    std::string known;
    for (const std::string& column : header)
        known += (known.empty() ? "" : ", ") + column;
    return refuse(1, "no column named " + std::string(*names.begin()) + " (the columns are " +
                         known + ")");
}

Status ManifestBuilder::addRow(const CsvRecord& record, const Columns& columns,
                               const std::string& path) {
    ClipFacts facts;
    for (const std::string& field : record.fields)
        if (field.find('\0') != std::string::npos)
            return refuse(record.line, "a field holds a NUL byte, which no name or label may");
    if (m_headerFields > 0 && record.fields.size() > m_headerFields)
        return refuse(record.line, "the row has " + std::to_string(record.fields.size()) +
                                       " fields and the header " + std::to_string(m_headerFields) +
                                       ": a comma inside a field that is not quoted?");
    facts.label = fieldAt(record, columns.label);
    if (const std::string fold = fieldAt(record, columns.fold); !fold.empty()) {
        const auto parsed = std::from_chars(fold.data(), fold.data() + fold.size(), facts.fold);
        if (parsed.ec != std::errc() || parsed.ptr != fold.data() + fold.size() || facts.fold < 1)
            return refuse(record.line, "the fold \"" + fold +
                                           "\" is not a whole number of at "
                                           "least 1");
        m_manifest.m_hasFolds = true;
    }
    facts.group = fieldAt(record, columns.group);
    if (const std::string split = fieldAt(record, columns.split); !split.empty()) {
        facts.split = std::string(canonicalSplit(split));
        if (facts.split.empty())
            return refuse(record.line, "the split \"" + split +
                                           "\" is none of train, valid, test (or training, "
                                           "validation, testing)");
        m_manifest.m_hasSplits = true;
    }
    const std::string relative = withoutDotSlash(path);
    if (relative.empty())
        return refuse(record.line, "the row names no file");
    if (facts.label.empty())
        m_manifest.m_unlabelled.push_back({record.line, relative});
    auto [row, added] = m_manifest.m_rows.emplace(relative, Manifest::Row{record.line, facts});
    if (!added)
        m_manifest.m_duplicates.push_back({record.line, relative});
    return success();
}

} // namespace cepstra
