// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/PathChecks.h"

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

} // namespace cepstra
