// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PathChecks.h"

#include <algorithm>
#include <climits>
#include <fstream>

namespace cepstra {
namespace fs = std::filesystem;

bool isWithin(const fs::path& inner, const fs::path& outer) {
    auto innerIt = inner.begin();
    for (auto outerIt = outer.begin(); outerIt != outer.end(); ++outerIt, ++innerIt) {
        if (outerIt->empty())
            continue; // trailing separator
        if (innerIt == inner.end() || *innerIt != *outerIt)
            return false;
    }
    return true;
}

Status checkFileToWrite(const fs::path& file, const fs::path& input, std::string_view option) {
    const std::string name(option);
    if (file.empty())
        return Error{ErrorKind::InvalidUsage, name + " is empty; give the path of a file to write"};
    if (file.filename().string().size() > NAME_MAX)
        return Error{ErrorKind::InvalidUsage, name + " " + file.string() +
                                                  ": its name is too long (a file name may have " +
                                                  std::to_string(NAME_MAX) + " bytes); shorten it"};
    std::error_code ec;
    const fs::path fileReal = fs::weakly_canonical(fs::absolute(file, ec), ec);
    const fs::path inputReal = fs::weakly_canonical(fs::absolute(input, ec), ec);
    if (!input.empty() && isWithin(fileReal, inputReal))
        return Error{ErrorKind::InvalidUsage,
                     name + " " + file.string() + " is inside the dataset folder " +
                         input.string() + ", where it would be read as a clip or replace one; " +
                         "write it outside the dataset"};
    const fs::path parent = fileReal.parent_path();
    if (!fs::is_directory(parent, ec))
        return Error{ErrorKind::InvalidUsage, name + " " + file.string() + ": the folder " +
                                                  parent.string() +
                                                  " does not exist; create it first"};
    const fs::file_status status = fs::status(file, ec);
    if (fs::exists(status) && !fs::is_regular_file(status))
        return Error{ErrorKind::InvalidUsage,
                     name + " " + file.string() + " exists and is not a regular file (" +
                         (fs::is_directory(status) ? "a folder" : "a device, FIFO or socket") +
                         "); give the path of a file to write"};
    return success();
}

std::optional<fs::path> resolveOutput(const fs::path& root, const std::string& relative) {
    // A string check, not lexically_normal(): a run asks it of every output of every file.
    if (relative.empty() || relative.front() == '/')
        return std::nullopt;
    for (std::size_t start = 0; start <= relative.size();) {
        const std::size_t end = std::min(relative.find('/', start), relative.size());
        if (relative.compare(start, end - start, "..") == 0)
            return std::nullopt;
        start = end + 1;
    }
    return root / relative;
}

Status checkReplaceable(const fs::path& file, std::string_view option, std::string_view what,
                        const std::function<bool(const fs::path&)>& isOurs, bool overwrite) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(file, ec);
    if (!fs::exists(status))
        return success();
    const std::string name = std::string(option) + " " + file.string();
    if (fs::is_symlink(status))
        return Error{ErrorKind::InvalidUsage,
                     name + " is a symbolic link; give the path of the file itself, or a new name"};
    if (!fs::is_regular_file(status) || overwrite || fs::file_size(file, ec) == 0 || isOurs(file))
        return success(); // not a regular file: the writer refuses it, saying what it is
    return Error{ErrorKind::InvalidUsage,
                 "refusing to replace " + name + ", which is not " + std::string(what) +
                     " Cepstra wrote; move it away, choose another name, or add --overwrite"};
}

std::string headOfFile(const fs::path& file, std::size_t maxBytes) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return {};
    std::ifstream stream(file, std::ios::binary);
    std::string head(maxBytes, '\0');
    stream.read(head.data(), std::streamsize(maxBytes));
    head.resize(std::size_t(stream.gcount()));
    return head;
}

} // namespace cepstra
