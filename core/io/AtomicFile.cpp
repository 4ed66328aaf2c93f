// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/AtomicFile.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// Earlier versions named a temporary ".<target name>.cepstra-tmp-<random>", this one
/// ".cepstra-tmp-<random>": a hidden name holding the marker is one of ours either way.
constexpr std::string_view kTemporaryPrefix = ".cepstra-tmp-";

std::string randomSuffix() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string suffix(12, 'x');
    for (char& c : suffix)
        c = kAlphabet[generator() % (sizeof(kAlphabet) - 1)];
    return suffix;
}

/// Creates and locks a fresh temporary beside `target`. A cleaner in another process may
/// lock a name in the instant between its creation and our lock, then unlink it: we see that
/// as a lock we cannot take, or as a file with no name left, and take another name.
Result<int> createLockedTemporary(const fs::path& target, fs::path& temporary) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        temporary = target.parent_path() / (std::string(kTemporaryPrefix) + randomSuffix());
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            return writeFailure(target, errno);
        }
        struct stat info {};
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &info) == 0 && info.st_nlink > 0)
            return fd;
        ::close(fd);
    }
    return writeFailure(target, EBUSY);
}

/// Writes every piece to `fd`, resuming after short writes, at most kChunkBytes at a time so
/// that `cancel` is polled between chunks. 0, the errno, or ECANCELED.
int writeAll(int fd, std::span<const std::string_view> pieces, const CancelToken* cancel) {
    constexpr std::size_t kChunkBytes = std::size_t(8) << 20;
    std::vector<iovec> vectors;
    for (std::string_view piece : pieces)
        for (std::size_t offset = 0; offset < piece.size(); offset += kChunkBytes)
            vectors.push_back({const_cast<char*>(piece.data()) + offset,
                               std::min(kChunkBytes, piece.size() - offset)});
    std::size_t first = 0;
    while (first < vectors.size()) {
        if (cancel && cancel->stopRequested())
            return ECANCELED;
        const ssize_t written = ::writev(fd, vectors.data() + first, 1);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return written < 0 ? errno : ENOSPC;
        auto remaining = std::size_t(written);
        while (first < vectors.size() && remaining >= vectors[first].iov_len)
            remaining -= vectors[first++].iov_len;
        if (first < vectors.size()) {
            vectors[first].iov_base = static_cast<char*>(vectors[first].iov_base) + remaining;
            vectors[first].iov_len -= remaining;
        }
    }
    return 0;
}

/// The rename would replace whatever is at the name: never a device, a FIFO or a folder.
Status refuseSpecialTarget(const fs::path& target) {
    struct stat existing {};
    if (::lstat(target.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) &&
        !S_ISLNK(existing.st_mode))
        return Error{ErrorKind::InvalidUsage,
                     target.string() + " exists and is not a regular file (" +
                         (S_ISDIR(existing.st_mode) ? "a folder" : "a device, FIFO or socket") +
                         "); give the path of a file to write"};
    return success();
}

} // namespace

Error writeFailure(const fs::path& path, int errorNumber) {
    // A folder this process may not write is that folder's problem, not the disk's: the files
    // meant for it fail, and a batch goes on with the rest.
    if (errorNumber == EACCES || errorNumber == EPERM)
        return {ErrorKind::InvalidUsage,
                "cannot write " + path.string() + ": " + std::strerror(errorNumber) +
                    " (no permission; make its folder writable, or choose a writable output "
                    "folder)"};
    if (errorNumber == ENAMETOOLONG)
        return {ErrorKind::InvalidUsage,
                "cannot write " + path.string() + ": its name is too long (a file name may have " +
                    std::to_string(NAME_MAX) + " bytes, a path " + std::to_string(PATH_MAX - 1) +
                    "); shorten the name or choose a shorter folder"};
    std::string advice =
        errorNumber == ENOSPC  ? " (the disk is full; free space and re-run)"
        : errorNumber == EFBIG ? " (over the file size limit, ulimit -f; raise it and re-run)"
        : errorNumber == EROFS ? " (a read-only file system; choose a writable output folder)"
                               : "";
    return {ErrorKind::OutputFailed,
            "cannot write " + path.string() + ": " + std::strerror(errorNumber) + advice};
}

Result<TemporaryFile> TemporaryFile::create(const fs::path& target) {
    if (auto status = refuseSpecialTarget(target); !status)
        return status.error();
    if (target.filename().string().size() > NAME_MAX)
        return writeFailure(target, ENAMETOOLONG);
    fs::path temporary;
    auto fd = createLockedTemporary(target, temporary);
    if (!fd)
        return fd.error();
    return TemporaryFile(target, std::move(temporary), *fd);
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : m_target(std::move(other.m_target))
    , m_path(std::move(other.m_path))
    , m_descriptor(std::exchange(other.m_descriptor, -1)) {}

TemporaryFile::~TemporaryFile() {
    if (m_descriptor < 0)
        return;
    ::unlink(m_path.c_str());
    ::close(m_descriptor);
}

Status TemporaryFile::commit() {
    // Renamed while still locked, so no cleaner can take it between the write and the rename.
    if (::rename(m_path.c_str(), m_target.c_str()) != 0)
        return writeFailure(m_target, errno);
    ::close(std::exchange(m_descriptor, -1));
    return success();
}

namespace {

/// Whether a live writer holds `path`'s lock. With `removeIfIdle`, an idle one is removed.
bool heldByWriter(const fs::path& path, bool removeIfIdle, bool& removed) {
    removed = false;
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        return false;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    removed = !held && removeIfIdle && ::unlink(path.c_str()) == 0;
    ::close(fd);
    return held;
}

} // namespace

bool removeStaleTemporary(const fs::path& temporary) {
    // libzip writes an archive to "<our temporary>.XXXXXX" first: it belongs to the writer
    // that holds the lock of the temporary it extends.
    const std::string name = temporary.filename().string();
    if (name.starts_with(kTemporaryPrefix))
        if (const auto dot = name.find('.', kTemporaryPrefix.size()); dot != std::string::npos) {
            bool unused = false;
            if (heldByWriter(temporary.parent_path() / name.substr(0, dot), false, unused))
                return false;
        }
    // A live writer holds its lock from creation to rename: a lock we can take is a dead one's.
    bool removed = false;
    heldByWriter(temporary, true, removed);
    return removed;
}

int removeStaleTemporaries(const fs::path& folder) {
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (isAtomicTemporaryName(entry.path().filename().string()) &&
            removeStaleTemporary(entry.path()))
            ++removed;
    return removed;
}

bool isAtomicTemporaryName(std::string_view fileName) {
    return fileName.starts_with('.') && fileName.find(kTemporaryPrefix) != std::string::npos;
}

Status writeFileAtomically(const fs::path& target, std::string_view bytes) {
    return writeFileAtomically(target, std::span<const std::string_view>(&bytes, 1));
}

Status writeFileAtomically(const fs::path& target, std::span<const std::string_view> pieces,
                           const CancelToken* cancel) {
    auto temporary = TemporaryFile::create(target);
    if (!temporary)
        return temporary.error();
    if (const int error = writeAll(temporary->descriptor(), pieces, cancel); error == ECANCELED)
        return Error{ErrorKind::Cancelled, "cancelled"};
    else if (error != 0)
        return writeFailure(target, error);
    return temporary->commit();
}

} // namespace cepstra
