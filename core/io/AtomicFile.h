// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <filesystem>
#include <span>
#include <string_view>

namespace cepstra {

/// Writes `bytes` to a temporary file beside `target` and renames it over `target`, so readers
/// see either the old file or the whole new one, never part of it. On failure the temporary is
/// removed and the error names `target` and the reason (a full disk, missing permissions, a
/// name too long). Any thread; distinct targets may be written in parallel.
Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

/// The same for a file made of several pieces (a header and a payload), written with one
/// writev() so the pieces need not be copied together first.
/// With `cancel`, a stop asked for while it writes (a long clip's arrays run to hundreds of MB)
/// abandons the file within a few MB: the temporary is removed and the result is Cancelled.
Status writeFileAtomically(const std::filesystem::path& target,
                           std::span<const std::string_view> pieces,
                           const CancelToken* cancel = nullptr);

/// A temporary file beside a target, for writers that need a path rather than bytes (HDF5,
/// libzip, libsndfile): created empty and locked, so that no cleanup in another process takes
/// it while it is written. commit() renames it over the target; otherwise it is removed when
/// destroyed. Its name, ".cepstra-tmp-<random>", has a fixed length, so every legal target
/// name has a legal temporary. One thread.
class TemporaryFile {
public:
    /// Creates the temporary in `target`'s folder; fails as writeFileAtomically does.
    static Result<TemporaryFile> create(const std::filesystem::path& target);
    TemporaryFile(TemporaryFile&& other) noexcept;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    TemporaryFile& operator=(TemporaryFile&&) = delete;
    ~TemporaryFile();

    const std::filesystem::path& path() const { return m_path; }
    /// The open, locked descriptor, for writers that write through it.
    int descriptor() const { return m_descriptor; }
    /// Renames the temporary over the target (the lock held until it is in place).
    Status commit();

private:
    TemporaryFile(std::filesystem::path target, std::filesystem::path path, int descriptor)
        : m_target(std::move(target))
        , m_path(std::move(path))
        , m_descriptor(descriptor) {}
    std::filesystem::path m_target;
    std::filesystem::path m_path;
    int m_descriptor = -1; ///< -1 once committed or moved from
};

/// The error writeFileAtomically reports for `errorNumber` (an errno) while writing `path`:
/// the reason, and what to do for a full disk, a file size limit, missing permissions or a
/// name too long. A name too long or a folder without permission is InvalidUsage (that file
/// cannot be written; a batch goes on), the rest (a full disk) OutputFailed. For writers that
/// do their own I/O (HDF5, libzip).
Error writeFailure(const std::filesystem::path& path, int errorNumber);

/// Removes a temporary a killed writer left behind: only when no live writer holds it (its
/// lock), since another process may be writing into the same folder (shards of one run, two
/// exports). True when it was removed.
bool removeStaleTemporary(const std::filesystem::path& temporary);

/// Removes the stale temporaries directly in `folder` (removeStaleTemporary); returns how
/// many. A folder that cannot be listed has none to remove.
int removeStaleTemporaries(const std::filesystem::path& folder);

/// True for the names Cepstra's temporaries take (this version's and earlier ones'), so
/// leftovers of a killed run can be recognised as ours and cleaned up.
bool isAtomicTemporaryName(std::string_view fileName);

} // namespace cepstra
