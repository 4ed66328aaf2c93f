// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/CsvTable.h"

namespace cepstra {

Status forEachCsvRecord(std::string_view text, char delimiter,
                        const std::function<Status(const CsvRecord&)>& each) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    Status handed = success();
    CsvRecord record;
    std::string field;
    int line = 1;
    int quoteLine = 0;          // where the open quoted field began
    bool inQuotes = false;      // inside "..."
    bool afterQuote = false;    // just after a field's closing quote
    bool recordStarted = false; // anything seen on this record
    const auto endField = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        afterQuote = false;
    };
    const auto endRecord = [&] {
        if (recordStarted) {
            endField();
            if (handed)
                handed = each(record);
        }
        record = CsvRecord{};
        recordStarted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
                afterQuote = true;
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (!recordStarted && c != '\n' && c != '\r') {
            recordStarted = true;
            record.line = line;
        }
        if (c == delimiter) {
            endField();
        } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            if (c == '\r')
                ++i;
            endRecord();
            if (!handed)
                return handed;
            ++line;
        } else if (c == '"' && field.empty() && !afterQuote) {
            inQuotes = true;
            quoteLine = line;
        } else if (afterQuote) {
            return Error{ErrorKind::Malformed,
                         std::to_string(line) + ": text after a quoted field's closing quote; "
                                                "a quote inside a quoted field is doubled (\"\")"};
        } else {
            field += c;
        }
    }
    if (inQuotes)
        return Error{ErrorKind::Malformed, std::to_string(quoteLine) +
                                               ": a quoted field is never closed (a quote is "
                                               "missing, or the file is cut short)"};
    endRecord();
    return handed;
}

} // namespace cepstra
