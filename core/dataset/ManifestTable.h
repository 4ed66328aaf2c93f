// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Builds a Manifest from its file: each format's columns and path rule. Internal to
// core/dataset (Manifest.cpp, ManifestTable.cpp).

#include "core/dataset/CsvTable.h"
#include "core/dataset/Manifest.h"

#include <functional>

namespace cepstra {

class ManifestBuilder {
public:
    ManifestBuilder(std::filesystem::path input, ManifestFormat format, std::filesystem::path file,
                    ManifestRequest request);
    Result<Manifest> build();

private:
    /// Which column holds what, by index; -1 for none.
    struct Columns {
        int path = -1, label = -1, fold = -1, group = -1, split = -1;
    };
    using PathRule = std::function<Result<std::string>(const CsvRecord&)>;

    Result<std::string> readFile() const;
    /// Reads the records of a CSV, TSV or JSONL file: the header, then each data record.
    Status readTable(const std::function<Status(const std::vector<std::string>&)>& header,
                     const std::function<Status(const CsvRecord&)>& each);
    Status readKnownLayout();
    Status readFma();
    Status readMappedTable();
    Result<Columns> mappedColumns(const std::vector<std::string>& header) const;
    Result<int> columnNamed(const std::vector<std::string>& header,
                            std::initializer_list<std::string_view> names, bool required) const;
    Status addRow(const CsvRecord& record, const Columns& columns, const std::string& path);
    Error refuse(int line, const std::string& reason) const;
    std::string where(int line) const;

    std::filesystem::path m_input;
    ManifestRequest m_request;
    Manifest m_manifest;
    std::string m_mapping;          ///< how the columns were read, for the description
    std::size_t m_headerFields = 0; ///< a CSV header's fields: no row may have more
};

} // namespace cepstra
