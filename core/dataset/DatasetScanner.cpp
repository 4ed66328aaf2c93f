// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/DatasetScanner.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

constexpr std::array kAudioExtensions{".wav", ".wave", ".au",   ".snd", ".flac", ".ogg",
                                      ".oga", ".opus", ".mp3",  ".aif", ".aiff", ".aifc",
                                      ".w64", ".caf",  ".rf64", ".voc", ".sf"};

bool isHidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.'; // also covers AppleDouble "._x"
}

std::int64_t mtimeNanoseconds(const fs::path& path, std::error_code& ec) {
    const auto time = fs::last_write_time(path, ec);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

/// "genres" for "genres", "genres/" and "/data/genres/.".
std::string folderName(const fs::path& folder) {
    std::error_code ec;
    fs::path normal = fs::absolute(folder, ec).lexically_normal();
    if (normal.filename().empty())
        normal = normal.parent_path();
    return normal.filename().string();
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

} // namespace

bool hasAudioExtension(const fs::path& path) {
    const std::string extension = lowercase(path.extension().string());
    return std::find(kAudioExtensions.begin(), kAudioExtensions.end(), extension) !=
           kAudioExtensions.end();
}

Result<DatasetListing> scanDataset(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return Error{ErrorKind::InvalidUsage,
                     "input folder " + root.string() + " does not exist or is not a folder"};
    DatasetListing listing;
    listing.root = root;
    const std::string topLabel = folderName(root);
    std::set<std::string> labels;

    auto iterator =
        fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        return Error{ErrorKind::InvalidUsage,
                     "cannot read input folder " + root.string() + ": " + ec.message()};
    for (auto end = fs::recursive_directory_iterator(); iterator != end; iterator.increment(ec)) {
        if (ec)
            return Error{ErrorKind::InvalidUsage,
                         "cannot read " + root.string() + ": " + ec.message()};
        const fs::path& path = iterator->path();
        if (iterator->is_directory(ec)) {
            if (isHidden(path))
                iterator.disable_recursion_pending();
            continue;
        }
        if (isHidden(path) || !iterator->is_regular_file(ec))
            continue;
        const fs::path relative = path.lexically_relative(root);
        if (!hasAudioExtension(path)) {
            listing.ignoredFiles.push_back(relative.generic_string());
            continue;
        }
        DatasetFile file;
        file.relativePath = relative.generic_string();
        file.label = iterator.depth() == 0 ? topLabel : relative.begin()->string();
        file.absolutePath = path;
        file.sizeBytes = iterator->file_size(ec);
        file.mtimeNs = mtimeNanoseconds(path, ec);
        labels.insert(file.label);
        listing.files.push_back(std::move(file));
    }
    std::sort(
        listing.files.begin(), listing.files.end(),
        [](const DatasetFile& a, const DatasetFile& b) { return a.relativePath < b.relativePath; });
    std::sort(listing.ignoredFiles.begin(), listing.ignoredFiles.end());
    listing.labels.assign(labels.begin(), labels.end());
    return listing;
}

} // namespace cepstra
