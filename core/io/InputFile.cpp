// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/InputFile.h"

#include "core/io/ContentHash.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace cepstra {
namespace {

std::string describeFileType(mode_t mode) {
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

} // namespace

Result<InputFile> InputFile::open(const std::filesystem::path& path) {
    // O_NONBLOCK so that opening a FIFO with no writer returns at once instead of hanging.
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (descriptor < 0)
        return Error{ErrorKind::ReadFailed,
                     "cannot open " + path.string() + ": " + std::strerror(errno)};
    struct stat info {};
    if (::fstat(descriptor, &info) != 0) {
        const int savedErrno = errno;
        ::close(descriptor);
        return Error{ErrorKind::ReadFailed,
                     "cannot read " + path.string() + ": " + std::strerror(savedErrno)};
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(descriptor);
        return Error{ErrorKind::Unreadable, path.string() + " is " +
                                                describeFileType(info.st_mode) +
                                                ", not an audio file: give a regular file"};
    }
    return InputFile(descriptor, std::int64_t(info.st_size), path.string());
}

InputFile::~InputFile() {
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_descriptor(std::exchange(other.m_descriptor, -1))
    , m_sizeBytes(other.m_sizeBytes)
    , m_name(std::move(other.m_name)) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
    std::swap(m_descriptor, other.m_descriptor);
    std::swap(m_sizeBytes, other.m_sizeBytes);
    std::swap(m_name, other.m_name);
    return *this;
}

std::int64_t InputFile::readAt(void* destination, std::int64_t count, std::int64_t offset) const {
    auto* bytes = static_cast<char*>(destination);
    std::int64_t total = 0;
    while (total < count) {
        const ssize_t got =
            ::pread(m_descriptor, bytes + total, std::size_t(count - total), off_t(offset + total));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        total += got;
    }
    return total;
}

Result<std::string> InputFile::contentHash(const CancelToken* cancel) const {
    constexpr std::int64_t kBlockBytes = 1 << 20;
    std::vector<char> block(std::size_t{kBlockBytes});
    ContentHasher hasher;
    for (std::int64_t offset = 0;;) {
        if (cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        const std::int64_t got = readAt(block.data(), kBlockBytes, offset);
        if (got < 0)
            return Error{ErrorKind::ReadFailed,
                         "cannot read " + m_name + ": " + std::strerror(errno)};
        if (got == 0)
            break;
        hasher.add({block.data(), std::size_t(got)});
        offset += got;
    }
    return hasher.hex();
}

bool InputFile::isAt(const std::filesystem::path& path) const {
    struct stat opened {};
    struct stat named {};
    return ::fstat(m_descriptor, &opened) == 0 && ::stat(path.c_str(), &named) == 0 &&
           S_ISREG(named.st_mode) && opened.st_dev == named.st_dev &&
           opened.st_ino == named.st_ino && std::int64_t(named.st_size) == m_sizeBytes;
}

Status InputFile::checkUnchanged() const {
    struct stat info {};
    if (::fstat(m_descriptor, &info) != 0 || std::int64_t(info.st_size) != m_sizeBytes)
        return Error{ErrorKind::ReadFailed,
                     m_name + " changed size while it was being read (from " +
                         std::to_string(m_sizeBytes) + " to " + std::to_string(info.st_size) +
                         " bytes): run again once it is complete"};
    return success();
}

} // namespace cepstra
