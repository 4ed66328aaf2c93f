// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/TextFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cepstra {
namespace {

Error refused(std::string_view what, const std::string& problem) {
    return {ErrorKind::InvalidUsage, std::string(what) + ": " + problem};
}

std::string kindOf(mode_t mode) {
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

std::string sizeText(std::uintmax_t bytes) {
    return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB"
                               : std::to_string(bytes >> 10) + " KiB";
}

} // namespace

Result<std::string> readTextFile(const std::filesystem::path& path, std::uintmax_t maxBytes,
                                 std::string_view what) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked on the open
    // descriptor, so a file swapped for a FIFO after a stat() cannot slip through.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return refused(what, std::string("cannot be read: ") + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        const std::string kind = kindOf(info.st_mode);
        ::close(fd);
        return refused(what, "is " + kind + ", not a text file; give a regular file");
    }
    if (std::uintmax_t(info.st_size) > maxBytes) {
        ::close(fd);
        return refused(what, "is " + sizeText(std::uintmax_t(info.st_size)) + ", more than the " +
                                 sizeText(maxBytes) + " such a file may hold; give the right file");
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            return refused(what, std::string("cannot be read: ") + std::strerror(error));
        }
        if (got == 0)
            break;
        if (text.size() + std::size_t(got) > maxBytes) { // it grew while read
            ::close(fd);
            return refused(what, "grew past the " + sizeText(maxBytes) +
                                     " such a file may hold while it was read");
        }
        text.append(buffer, std::size_t(got));
    }
    ::close(fd);
    return text;
}

} // namespace cepstra
