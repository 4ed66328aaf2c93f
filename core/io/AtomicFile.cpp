// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <random>

namespace cepstra {
namespace {

constexpr std::string_view kTemporaryMarker = ".cepstra-tmp-";

std::string randomSuffix() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string suffix(10, 'x');
    for (char& c : suffix)
        c = kAlphabet[generator() % (sizeof(kAlphabet) - 1)];
    return suffix;
}

Error writeError(const std::filesystem::path& path, int errorNumber) {
    std::string advice = errorNumber == ENOSPC ? " (the disk is full; free space and re-run)"
                         : errorNumber == EACCES || errorNumber == EROFS
                             ? " (no permission; choose a writable output folder)"
                             : "";
    return {ErrorKind::OutputFailed,
            "cannot write " + path.string() + ": " + std::strerror(errorNumber) + advice};
}

} // namespace

bool isAtomicTemporaryName(std::string_view fileName) {
    return fileName.starts_with('.') && fileName.find(kTemporaryMarker) != std::string_view::npos;
}

std::filesystem::path temporaryPathFor(const std::filesystem::path& target) {
    return target.parent_path() /
           ("." + target.filename().string() + std::string(kTemporaryMarker) + randomSuffix());
}

Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes) {
    const auto temporary = temporaryPathFor(target);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return writeError(target, errno);
    const char* cursor = bytes.data();
    std::size_t remaining = bytes.size();
    while (remaining > 0) {
        const ssize_t written = ::write(fd, cursor, remaining);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const int savedErrno = written < 0 ? errno : ENOSPC;
            ::close(fd);
            ::unlink(temporary.c_str());
            return writeError(target, savedErrno);
        }
        cursor += written;
        remaining -= std::size_t(written);
    }
    if (::close(fd) != 0) {
        const int savedErrno = errno;
        ::unlink(temporary.c_str());
        return writeError(target, savedErrno);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int savedErrno = errno;
        ::unlink(temporary.c_str());
        return writeError(target, savedErrno);
    }
    return success();
}

} // namespace cepstra
