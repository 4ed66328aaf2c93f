// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/MappedFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace cepstra {

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{ErrorKind::Unreadable,
                     "cannot open " + path.string() + ": " + std::strerror(errno)};
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{ErrorKind::Unreadable, "not a readable file: " + path.string()};
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    void* data = nullptr;
    if (size > 0) {
        data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) {
            const int savedErrno = errno;
            ::close(fd);
            return Error{ErrorKind::Unreadable,
                         "cannot read " + path.string() + ": " + std::strerror(savedErrno)};
        }
        ::madvise(data, size, MADV_SEQUENTIAL);
    }
    ::close(fd); // the mapping stays valid
    return MappedFile(data, size);
}

MappedFile::~MappedFile() {
    if (m_data)
        ::munmap(m_data, m_size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    std::swap(m_data, other.m_data);
    std::swap(m_size, other.m_size);
    return *this;
}

} // namespace cepstra
