// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/AtomicFile.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <vector>

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

} // namespace

Error writeFailure(const std::filesystem::path& path, int errorNumber) {
    std::string advice = errorNumber == ENOSPC ? " (the disk is full; free space and re-run)"
                         : errorNumber == EFBIG
                             ? " (over the file size limit, ulimit -f; raise it and re-run)"
                         : errorNumber == EACCES || errorNumber == EROFS
                             ? " (no permission; choose a writable output folder)"
                             : "";
    return {ErrorKind::OutputFailed,
            "cannot write " + path.string() + ": " + std::strerror(errorNumber) + advice};
}

bool removeStaleTemporary(const std::filesystem::path& temporary) {
    constexpr int kQuietSeconds = 60; // longer than the gap between a write's close and rename
    struct stat info {};
    if (::lstat(temporary.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
        ::time(nullptr) - info.st_mtime < kQuietSeconds)
        return false;
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    const bool idle = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    const bool removed = idle && ::unlink(temporary.c_str()) == 0;
    ::close(fd);
    return removed;
}

bool isAtomicTemporaryName(std::string_view fileName) {
    return fileName.starts_with('.') && fileName.find(kTemporaryMarker) != std::string_view::npos;
}

std::filesystem::path temporaryPathFor(const std::filesystem::path& target) {
    std::string name = ".";
    name += target.filename().string();
    name += kTemporaryMarker;
    name += randomSuffix();
    return target.parent_path() / name;
}

Status writeFileAtomically(const std::filesystem::path& target, std::string_view bytes) {
    return writeFileAtomically(target, std::span<const std::string_view>(&bytes, 1));
}

Status writeFileAtomically(const std::filesystem::path& target,
                           std::span<const std::string_view> pieces) {
    // The rename would replace whatever is at the name: never a device, a FIFO or a folder.
    if (struct stat existing{}; ::lstat(target.c_str(), &existing) == 0 &&
                                !S_ISREG(existing.st_mode) && !S_ISLNK(existing.st_mode))
        return Error{ErrorKind::InvalidUsage,
                     target.string() + " exists and is not a regular file (" +
                         (S_ISDIR(existing.st_mode) ? "a folder" : "a device, FIFO or socket") +
                         "); give the path of a file to write"};
    const auto temporary = temporaryPathFor(target);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return writeFailure(target, errno);
    // Held while writing, so that removeStaleTemporary() in another process (a shard sharing
    // this folder) leaves the file alone; released by close().
    ::flock(fd, LOCK_EX | LOCK_NB);
    std::vector<iovec> vectors;
    for (std::string_view piece : pieces)
        if (!piece.empty())
            vectors.push_back({const_cast<char*>(piece.data()), piece.size()});
    std::size_t first = 0;
    while (first < vectors.size()) {
        const ssize_t written =
            ::writev(fd, vectors.data() + first,
                     int(std::min<std::size_t>(vectors.size() - first, IOV_MAX)));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const int savedErrno = written < 0 ? errno : ENOSPC;
            ::close(fd);
            ::unlink(temporary.c_str());
            return writeFailure(target, savedErrno);
        }
        // Advance past what was written; a short write resumes mid-piece.
        auto remaining = std::size_t(written);
        while (first < vectors.size() && remaining >= vectors[first].iov_len)
            remaining -= vectors[first++].iov_len;
        if (first < vectors.size()) {
            vectors[first].iov_base = static_cast<char*>(vectors[first].iov_base) + remaining;
            vectors[first].iov_len -= remaining;
        }
    }
    if (::close(fd) != 0) {
        const int savedErrno = errno;
        ::unlink(temporary.c_str());
        return writeFailure(target, savedErrno);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int savedErrno = errno;
        ::unlink(temporary.c_str());
        return writeFailure(target, savedErrno);
    }
    return success();
}

} // namespace cepstra
