// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cepstra {

/// The most a list file (split lists, exclude lists) may hold: a million clip paths.
inline constexpr std::uintmax_t kMaxListFileBytes = std::uintmax_t(64) << 20;
/// The most a config file may hold: a config is one small JSON object.
inline constexpr std::uintmax_t kMaxConfigFileBytes = std::uintmax_t(1) << 20;

/// The one reader of the small text files a command is given (configs, split and exclude
/// lists, manifests): a regular file only, never a FIFO, device or folder, which could block
/// or never end, and at most `maxBytes`, read with that bound even if the file grows. Errors
/// are InvalidUsage and start with `what` (e.g. "--exclude-list flagged.txt"), then say what is
/// wrong (the system's reason for a file that cannot be opened, such as "Permission denied")
/// and what to give instead. Any thread.
Result<std::string> readTextFile(const std::filesystem::path& path, std::uintmax_t maxBytes,
                                 std::string_view what);

/// Splits text into lines at "\n", dropping a "\r" before it and a UTF-8 byte order mark at
/// the start, and calls `line` with each and its 1-based number.
template <typename LineFunction> void forEachLine(std::string_view text, LineFunction line) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    int number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view current = text.substr(0, end);
        if (current.ends_with('\r'))
            current.remove_suffix(1);
        line(current, ++number);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
}

} // namespace cepstra
