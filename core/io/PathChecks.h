// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cepstra {

/// True when `inner` is `outer` or lies under it. Both should be canonical (weakly_canonical).
bool isWithin(const std::filesystem::path& inner, const std::filesystem::path& outer);

/// Refuses a file a command is asked to write (named by `option`, e.g. "--report") when the
/// name is empty, lies inside the dataset folder `input` (where it would be taken for, or
/// replace, a clip), has no existing parent folder, or names a folder, device or FIFO.
/// The message names the path and what to give instead.
Status checkFileToWrite(const std::filesystem::path& file, const std::filesystem::path& input,
                        std::string_view option);

/// Turns a path recorded relative to `root` (a catalog's outputs) into an absolute one, or
/// nothing if it would escape `root`: a tampered catalog must not make us delete elsewhere.
std::optional<std::filesystem::path> resolveOutput(const std::filesystem::path& root,
                                                   const std::string& relative);

/// The one rule for replacing a file a person named (an export's DEST, a report, a flagged
/// list, a Slurm script): nothing there, an empty file, a file `isOurs` recognises as one
/// Cepstra wrote, or `overwrite` given. Anything else (a person's own file, a symbolic link)
/// is refused with a message naming `option`, the path, `what` it would have to be, and
/// --overwrite. Call it before anything is written.
Status checkReplaceable(const std::filesystem::path& file, std::string_view option,
                        std::string_view what,
                        const std::function<bool(const std::filesystem::path&)>& isOurs,
                        bool overwrite);

/// The first `maxBytes` of a regular file (for recognising a format by its head), or empty.
std::string headOfFile(const std::filesystem::path& file, std::size_t maxBytes);

} // namespace cepstra
