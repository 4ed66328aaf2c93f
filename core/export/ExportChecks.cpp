// SPDX-License-Identifier: GPL-3.0-or-later
// What planExport() refuses before anything is written: a DEST of someone else's or in no
// writable folder, an export with no clip (or an empty split), examples of mostly padding, a
// file that cannot fit on its disk.
#include "core/export/ExportChecks.h"

#include "core/io/PathChecks.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

} // namespace

/// DEST must not be a folder, nor a file of someone else's, and its folder must exist or be
/// creatable by us.
Status checkDestination(const fs::path& destination, bool overwrite) {
    if (auto status =
            checkReplaceable(destination, "DEST", "an export", isCepstraExport, overwrite);
        !status)
        return status;
    std::error_code ec;
    if (fs::is_directory(destination, ec))
        return usage("DEST " + destination.string() +
                     " is a folder; give a file name ending "
                     "in .h5 or .npz");
    fs::path folder = fs::absolute(destination, ec).parent_path();
    while (!fs::exists(folder, ec) && folder.has_relative_path())
        folder = folder.parent_path();
    if (!fs::is_directory(folder, ec) || ::access(folder.c_str(), W_OK | X_OK) != 0)
        return usage("cannot create " + destination.string() + ": " + folder.string() +
                     " is not a writable folder; choose a DEST in one");
    return success();
}

/// An export with no clip in it is no training file, nor one whose asked-for split is empty:
/// refused, saying why.
Status refuseEmptyExport(const ExportPlan& plan, const std::vector<int>& splitOfClip) {
    for (std::size_t s = 0; s < plan.splits.size() && !plan.clips.empty(); ++s)
        if (std::find(splitOfClip.begin(), splitOfClip.end(), int(s)) == splitOfClip.end())
            return usage("the " + plan.splits[s].name + " split gets no clip of the " +
                         std::to_string(plan.clips.size()) +
                         (plan.options.splitLists.empty()
                              ? " exported; give it a larger share, or ask for fewer splits"
                              : " exported: its list names none of them; check its paths "
                                "(INPUT-relative, as the catalog has them)"));
    if (!plan.clips.empty())
        return success();
    if (plan.excluded.empty())
        return usage(plan.featuresFolder.string() + " holds no clip to export; run a dataset "
                                                    "into it first");
    std::map<ExclusionReason, int> reasons;
    for (const ExcludedClip& clip : plan.excluded)
        ++reasons[clip.reason];
    std::string why;
    for (const auto& [reason, count] : reasons)
        why +=
            (why.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(toString(reason));
    return usage("nothing to export: every one of the " + std::to_string(plan.excluded.size()) +
                 " clips is left out (" + why + "); change the options that leave them out");
}

/// --frames far beyond the longest clip makes examples of padding, and sizes that do not fit
/// in memory or on disk: refuse them before anything is written.
Status checkExampleSize(const ExportPlan& plan) {
    if (plan.ragged() || plan.clips.empty())
        return success();
    long long longest = 0;
    for (const ExportClip& clip : plan.clips)
        longest = std::max(longest, clip.frames);
    const long long frames = *plan.options.frames;
    constexpr long long kMostPaddingTimes = 10;
    if (frames > kMostPaddingTimes * longest)
        return usage("--frames " + std::to_string(frames) + " is more than " +
                     std::to_string(kMostPaddingTimes) + " times the longest clip (" +
                     std::to_string(longest) +
                     " frames), so the examples would be nearly all padding; give at most " +
                     std::to_string(kMostPaddingTimes * longest));
    return success();
}

/// The file must fit on DEST's disk. Compressed output can be far smaller: not checked.
Status checkFreeSpace(const ExportPlan& plan) {
    if (plan.options.compression == ExportCompression::Gzip)
        return success();
    std::error_code ec;
    fs::path folder = fs::absolute(plan.options.destination, ec).parent_path();
    while (!fs::exists(folder, ec) && folder.has_relative_path())
        folder = folder.parent_path();
    const fs::space_info space = fs::space(folder, ec);
    if (ec || space.available >= plan.estimatedBytes)
        return success();
    const auto gigabytes = [](std::uintmax_t bytes) {
        char text[32];
        std::snprintf(text, sizeof(text), "%.2f GB", double(bytes) / 1e9);
        return std::string(text);
    };
    return usage(plan.options.destination.string() + " needs about " +
                 gigabytes(plan.estimatedBytes) + " but " + folder.string() + " has " +
                 gigabytes(space.available) +
                 " free; free space, choose another DEST, or add --compression gzip");
}

} // namespace cepstra
