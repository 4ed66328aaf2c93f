// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: arbitrary bytes through forEachCsvRecord, as a damaged or hostile
// manifest would reach it. What reads must read the same after writing it back as RFC 4180
// (every field quoted, quotes doubled), and its records' lines must never go backwards.
#include "core/dataset/CsvTable.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

std::vector<std::vector<std::string>> records(std::string_view text, bool& ordered) {
    std::vector<std::vector<std::string>> read;
    int lastLine = 0;
    const auto status = cepstra::forEachCsvRecord(text, ',', [&](const cepstra::CsvRecord& r) {
        ordered = ordered && r.line > lastLine;
        lastLine = r.line;
        read.push_back(r.fields);
        return cepstra::success();
    });
    if (!status)
        read.clear();
    return read;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bool ordered = true;
    const auto first = records({reinterpret_cast<const char*>(data), size}, ordered);
    if (!ordered)
        __builtin_trap();
    if (first.empty())
        return 0;
    std::string written;
    for (const auto& fields : first) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            written += i ? ",\"" : "\"";
            for (char c : fields[i])
                written += c == '"' ? std::string("\"\"") : std::string(1, c);
            written += '"';
        }
        written += "\r\n";
    }
    if (records(written, ordered) != first)
        __builtin_trap();
    return 0;
}
