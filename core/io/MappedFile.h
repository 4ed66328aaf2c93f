// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <string_view>

namespace cepstra {

/// A read-only memory map of a whole file, so it can be hashed and decoded without copying
/// it through read() twice. Move-only; unmaps on destruction. Any thread.
class MappedFile {
public:
    static Result<MappedFile> open(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }

private:
    MappedFile(void* data, std::size_t size)
        : m_data(data)
        , m_size(size) {}
    void* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace cepstra
