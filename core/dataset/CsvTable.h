// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// A table read from CSV or TSV text as RFC 4180 defines it: fields in double quotes may hold
/// the delimiter, doubled quotes and line breaks; lines end in LF or CRLF; a UTF-8 byte order
/// mark at the start is dropped. Each record keeps the line it starts on, for messages.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

/// Splits `text` into records and hands each to `each` as it is read, so a caller keeps only
/// the columns it needs (FMA's tracks.csv has 52 and runs to hundreds of MB). Empty lines are
/// skipped. A quote left open at the end, or text after a closing quote, is Malformed with the
/// line it starts on first ("12: a quoted field is never closed", to follow the file's name
/// as file:line does); an error `each` returns
/// stops the reading and is the result. Any thread.
Status forEachCsvRecord(std::string_view text, char delimiter,
                        const std::function<Status(const CsvRecord&)>& each);

} // namespace cepstra
