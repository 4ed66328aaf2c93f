// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace cepstra {

/// An input file opened for reading with pread(), never memory-mapped: a file that shrinks
/// while it is read (a sync tool, a download) gives a short read and fails alone, where a
/// mapping would kill the process with SIGBUS. Move-only; closes on destruction. Const members
/// may run on any thread.
class InputFile {
public:
    /// Opens a regular file. FIFOs, devices and sockets are refused with a message; the open
    /// does not block on them.
    static Result<InputFile> open(const std::filesystem::path& path);
    ~InputFile();
    InputFile(InputFile&& other) noexcept;
    InputFile& operator=(InputFile&& other) noexcept;
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    /// The size when opened, bytes.
    std::int64_t sizeBytes() const { return m_sizeBytes; }
    const std::string& name() const { return m_name; }

    /// Reads up to `count` bytes at `offset`; returns the bytes read, or -1 with errno set.
    std::int64_t readAt(void* destination, std::int64_t count, std::int64_t offset) const;

    /// XXH3-64 of the whole file as 16 hex digits, read in blocks; polls `cancel` per block.
    Result<std::string> contentHash(const CancelToken* cancel = nullptr) const;

    /// True when `path` still names this open file (same device and inode, same size).
    bool isAt(const std::filesystem::path& path) const;

    /// Fails when the file no longer has the size it had when opened: it changed while it was
    /// being read, so what was read may mix two versions.
    Status checkUnchanged() const;

private:
    InputFile(int descriptor, std::int64_t sizeBytes, std::string name)
        : m_descriptor(descriptor)
        , m_sizeBytes(sizeBytes)
        , m_name(std::move(name)) {}
    int m_descriptor = -1;
    std::int64_t m_sizeBytes = 0;
    std::string m_name;
};

} // namespace cepstra
