// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/DatasetScanner.h"

#include "core/io/PathChecks.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

constexpr std::array kAudioExtensions{".wav", ".wave", ".au",   ".snd", ".flac", ".ogg",
                                      ".oga", ".opus", ".mp3",  ".aif", ".aiff", ".aifc",
                                      ".w64", ".caf",  ".rf64", ".voc", ".sf"};

bool isHidden(const std::string& name) {
    return !name.empty() && name.front() == '.'; // also covers AppleDouble "._x"
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string describeType(mode_t mode) {
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe), not an audio file";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device, not an audio file";
    if (S_ISSOCK(mode))
        return "a socket, not an audio file";
    return "not a regular file";
}

struct Entry {
    std::string name;
    bool isDirectory = false;
    struct stat info {};
};

/// Walks one dataset depth-first. Each folder's entries are sorted by name, with "/" after a
/// folder's name, so files come out in the byte order of their relative paths.
class Walker {
public:
    Walker(const fs::path& root, DatasetVisitor& visitor, Manifest* manifest)
        : m_root(root)
        , m_visitor(visitor)
        , m_manifest(manifest)
        , m_topLabel(topLevelLabel(root)) {
        std::error_code ec;
        m_rootReal = fs::canonical(root, ec);
    }

    Status walk() {
        struct stat rootInfo {};
        if (::stat(m_root.c_str(), &rootInfo) != 0 || !S_ISDIR(rootInfo.st_mode))
            return Error{ErrorKind::InvalidUsage,
                         "input folder " + m_root.string() + " does not exist or is not a folder"};
        m_visited.emplace(rootInfo.st_dev, rootInfo.st_ino);
        std::vector<Entry> entries;
        if (std::string reason; !list(m_root, entries, reason))
            return Error{ErrorKind::InvalidUsage, "cannot read input folder " + m_root.string() +
                                                      ": " + reason + "; check its permissions"};
        return visit("", entries);
    }

private:
    /// Lists `folder`'s visible entries, following symbolic links. False, with the reason,
    /// when the folder cannot be read to the end.
    bool list(const fs::path& folder, std::vector<Entry>& entries, std::string& reason) {
        std::error_code ec;
        fs::directory_iterator iterator(folder, ec);
        for (const fs::directory_iterator end; !ec && iterator != end; iterator.increment(ec)) {
            Entry entry;
            entry.name = iterator->path().filename().string();
            if (isHidden(entry.name))
                continue;
            const fs::path path = folder / entry.name;
            if (::stat(path.c_str(), &entry.info) != 0) {
                const int error = errno;
                // A dangling or looping link: its name is here, its target is not.
                struct stat link {};
                const bool isLink = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
                std::string why = isLink && error == ENOENT ? "a broken symbolic link (its "
                                                              "target is missing)"
                                  : isLink && error == ELOOP
                                      ? "a symbolic link loop"
                                      : std::string("cannot be examined: ") + std::strerror(error);
                unexaminable(relativeOf(folder / entry.name), std::move(why));
                continue;
            }
            entry.isDirectory = S_ISDIR(entry.info.st_mode);
            entries.push_back(std::move(entry));
        }
        if (ec) {
            reason = ec.message();
            return false;
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
            return (a.isDirectory ? a.name + '/' : a.name) <
                   (b.isDirectory ? b.name + '/' : b.name);
        });
        return true;
    }

    /// For a symbolic link to a folder inside the dataset, its target relative to the root
    /// ("tones/"); empty for anything else. A link to a folder elsewhere (another disk) is a
    /// label like any other.
    std::string aliasTarget(const fs::path& path) const {
        struct stat link {};
        if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode))
            return {};
        std::error_code ec;
        const fs::path target = fs::canonical(path, ec);
        // Outside the dataset, or a cycle (a link to a folder holding it): not an alias; the
        // walk meets a cycle's target again and says so.
        if (ec || !isWithin(target, m_rootReal) ||
            isWithin(fs::canonical(path.parent_path(), ec), target))
            return {};
        return target.lexically_relative(m_rootReal).generic_string() + "/";
    }

    std::string relativeOf(const fs::path& path) const {
        return path.lexically_relative(m_root).generic_string();
    }

    void unusable(std::string relative, std::string reason) {
        if (hasAudioExtension(relative))
            m_visitor.unusableFile({std::move(relative), std::move(reason)});
        else
            m_visitor.ignoredFile(std::move(relative));
    }

    /// An entry whose type cannot be known (a link to a vanished disk, a path past PATH_MAX):
    /// an audio name is an unusable clip; any other name may be a folder of clips, so nothing
    /// under it can be taken as removed.
    void unexaminable(std::string relative, std::string reason) {
        if (hasAudioExtension(relative))
            m_visitor.unusableFile({std::move(relative), std::move(reason)});
        else
            m_visitor.unlistedFolder({std::move(relative) + "/", std::move(reason)});
    }

    Status visit(const std::string& prefix, const std::vector<Entry>& entries) {
        for (const Entry& entry : entries) {
            const std::string relative = prefix + entry.name;
            const fs::path path = m_root / relative;
            if (entry.isDirectory) {
                if (const std::string alias = aliasTarget(path); !alias.empty()) {
                    m_visitor.unlistedFolder(
                        {relative + "/", "links to " + alias +
                                             " inside the dataset, which is listed itself; "
                                             "skipped so that no clip is counted twice or has "
                                             "two labels"});
                    continue;
                }
                if (!m_visited.emplace(entry.info.st_dev, entry.info.st_ino).second) {
                    m_visitor.unlistedFolder(
                        {relative + "/", "links to a folder that is already listed; skipped so "
                                         "that no clip is counted twice"});
                    continue;
                }
                std::vector<Entry> children;
                std::string reason;
                const bool complete = list(path, children, reason);
                if (!complete)
                    m_visitor.unlistedFolder(
                        {relative + "/", "cannot list this folder: " + reason});
                if (auto status = visit(relative + "/", children); !status)
                    return status;
                continue;
            }
            if (!S_ISREG(entry.info.st_mode)) {
                unusable(relative, describeType(entry.info.st_mode));
                continue;
            }
            if (!hasAudioExtension(entry.name)) {
                m_visitor.ignoredFile(std::string(relative));
                continue;
            }
            if (m_manifest && !m_manifest->selects(relative)) { // another FMA subset's audio
                m_visitor.ignoredFile(std::string(relative));
                continue;
            }
            DatasetFile file;
            file.relativePath = relative;
            if (m_manifest) {
                static_cast<ClipFacts&>(file) = m_manifest->factsOf(relative);
            } else {
                const auto slash = relative.find('/');
                file.label = slash == std::string::npos ? m_topLabel : relative.substr(0, slash);
            }
            file.absolutePath = path;
            file.sizeBytes = std::uintmax_t(entry.info.st_size);
            file.mtimeNs =
                std::int64_t(entry.info.st_mtim.tv_sec) * 1000000000 + entry.info.st_mtim.tv_nsec;
            file.readable = ::access(path.c_str(), R_OK) == 0;
            if (auto status = m_visitor.file(std::move(file)); !status)
                return status;
        }
        return success();
    }

    fs::path m_root;
    fs::path m_rootReal; ///< resolved, to tell links inside the dataset from links out of it
    DatasetVisitor& m_visitor;
    Manifest* m_manifest; ///< the facts of each file, or null: labels from folders
    std::string m_topLabel;
    std::set<std::pair<dev_t, ino_t>> m_visited; ///< folders entered, against link cycles
};

/// scanDataset's visitor: keeps everything.
class Collector : public DatasetVisitor {
public:
    explicit Collector(DatasetListing& listing)
        : m_listing(listing) {}
    Status file(DatasetFile&& file) override {
        if (!file.label.empty()) // a clip no manifest row labels has none
            m_labels.insert(file.label);
        m_listing.files.push_back(std::move(file));
        return success();
    }
    void unusableFile(ScanProblem&& problem) override {
        m_listing.unusableFiles.push_back(std::move(problem));
    }
    void unlistedFolder(ScanProblem&& problem) override {
        m_listing.unlistedFolders.push_back(std::move(problem));
    }
    void ignoredFile(std::string&& relativePath) override {
        m_listing.ignoredFiles.push_back(std::move(relativePath));
    }
    const std::set<std::string>& labels() const { return m_labels; }

private:
    DatasetListing& m_listing;
    std::set<std::string> m_labels;
};

} // namespace

std::string topLevelLabel(const fs::path& root) {
    std::error_code ec;
    fs::path normal = fs::absolute(root, ec).lexically_normal();
    if (normal.filename().empty()) // "genres/" and "/data/genres/."
        normal = normal.parent_path();
    return normal.filename().string();
}

Status walkDataset(const fs::path& root, DatasetVisitor& visitor, Manifest* manifest) {
    Walker walker(root, visitor, manifest);
    return walker.walk();
}

Result<std::int64_t> countAudioFiles(const fs::path& root, Manifest* manifest) {
    class Counter : public DatasetVisitor {
    public:
        Status file(DatasetFile&&) override {
            ++count;
            return success();
        }
        void unusableFile(ScanProblem&&) override {}
        void unlistedFolder(ScanProblem&&) override {}
        void ignoredFile(std::string&&) override {}
        std::int64_t count = 0;
    } counter;
    if (auto status = walkDataset(root, counter, manifest); !status)
        return status.error();
    return counter.count;
}

bool hasAudioExtension(const fs::path& path) {
    const std::string extension = lowercase(path.extension().string());
    return std::find(kAudioExtensions.begin(), kAudioExtensions.end(), extension) !=
           kAudioExtensions.end();
}

const std::vector<std::string_view>& audioExtensions() {
    static const std::vector<std::string_view> extensions(kAudioExtensions.begin(),
                                                          kAudioExtensions.end());
    return extensions;
}

std::string audioExtensionList() {
    std::string text;
    for (const char* extension : kAudioExtensions)
        text += (text.empty() ? "" : ", ") + std::string(extension);
    return text;
}

bool DatasetListing::mayHold(const std::string& relativePath) const {
    for (const ScanProblem& folder : unlistedFolders)
        if (relativePath.starts_with(folder.relativePath))
            return true;
    return std::any_of(unusableFiles.begin(), unusableFiles.end(),
                       [&](const ScanProblem& file) { return file.relativePath == relativePath; });
}

Result<DatasetListing> scanDataset(const fs::path& root, const ManifestRequest& request) {
    DatasetListing listing;
    listing.root = root;
    auto manifest = Manifest::load(root, request);
    if (!manifest)
        return manifest.error();
    listing.manifest = std::move(manifest).value();
    Collector collector(listing);
    if (auto status = walkDataset(root, collector, listing.manifest ? &*listing.manifest : nullptr);
        !status)
        return status.error();
    listing.labels.assign(collector.labels().begin(), collector.labels().end());
    std::sort(listing.ignoredFiles.begin(), listing.ignoredFiles.end());
    const auto byPath = [](const ScanProblem& a, const ScanProblem& b) {
        return a.relativePath < b.relativePath;
    };
    std::sort(listing.unusableFiles.begin(), listing.unusableFiles.end(), byPath);
    std::sort(listing.unlistedFolders.begin(), listing.unlistedFolders.end(), byPath);
    return listing;
}

Status requireAudioFiles(const DatasetListing& listing, const std::filesystem::path& root) {
    if (!listing.files.empty())
        return success();
    if (!listing.unlistedFolders.empty())
        return Error{ErrorKind::InvalidUsage,
                     "no audio files could be listed in " + root.string() + ": " +
                         listing.unlistedFolders.front().relativePath + " " +
                         listing.unlistedFolders.front().reason + "; check its permissions"};
    return Error{ErrorKind::InvalidUsage, "no audio files found in " + root.string() +
                                              " (looked for " + audioExtensionList() +
                                              " in its label subfolders)"};
}

} // namespace cepstra
