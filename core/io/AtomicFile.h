// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <span>
#include <string_view>

namespace cepstra {

/// Writes `bytes` to a temporary file beside `target` (".<name>.cepstra-tmp-<random>") and
/// renames it over `target`, so readers see either the old file or the whole new one, never
/// part of it. On failure the temporary is removed and the error names the path and reason
/// (a full disk, missing permissions). Any thread; distinct targets may be written in parallel.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

/// The same for a file made of several pieces (a header and a payload), written with one
/// writev() so the pieces need not be copied together first.
Status writeFileAtomically(const std::filesystem::path& target,
                           std::span<const std::string_view> pieces);

/// A fresh temporary path beside `target`, named so isAtomicTemporaryName() recognises it. For
/// writers that need a path rather than bytes (libsndfile); rename it over `target` when done.
std::filesystem::path temporaryPathFor(const std::filesystem::path& target);

/// The error writeFileAtomically reports for `errorNumber` (an errno) while writing `path`:
/// the reason, and what to do for a full disk, a file size limit or missing permissions. For
/// writers that do their own I/O (HDF5, libzip) and report failures the same way.
Error writeFailure(const std::filesystem::path& path, int errorNumber);

/// Removes a temporary a killed writer left behind: only when no writer holds it (its lock)
/// and it has not changed for a minute, since another process may be writing into the same
/// folder (shards of one run). True when it was removed.
bool removeStaleTemporary(const std::filesystem::path& temporary);

/// True for names writeFileAtomically uses for its temporaries, so leftovers of a killed run
/// can be recognised as ours and cleaned up.
bool isAtomicTemporaryName(std::string_view fileName);

} // namespace cepstra
