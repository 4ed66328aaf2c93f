// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/ManyFilesBench.h"

#include "bench/BenchSupport.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace cepstra::bench {
namespace {

constexpr int kDistinctClips = 200;
constexpr int kLabels = 10;

/// `files` hard links in kLabels folders, to the clips of a small demo set (made once).
fs::path makeLinkedDataset(const fs::path& work, int files) {
    const fs::path links = work / ("links-" + std::to_string(files));
    if (fs::exists(links))
        return links;
    const fs::path clips = makeDataset(work / "distinct-200", kDistinctClips, 0.25);
    std::vector<fs::path> sources;
    for (const auto& entry : fs::recursive_directory_iterator(clips))
        if (entry.is_regular_file())
            sources.push_back(entry.path());
    std::sort(sources.begin(), sources.end());
    std::printf("linking %d files in %s ...\n", files, links.c_str());
    std::fflush(stdout);
    const fs::path partial = links.string() + ".partial";
    fs::remove_all(partial);
    for (int label = 0; label < kLabels; ++label)
        fs::create_directories(partial / ("label" + std::to_string(label)));
    for (int i = 0; i < files; ++i) {
        char name[32];
        std::snprintf(name, sizeof(name), "clip%07d.wav", i);
        fs::create_hard_link(sources[std::size_t(i) % sources.size()],
                             partial / ("label" + std::to_string(i % kLabels)) / name);
    }
    fs::rename(partial, links);
    return links;
}

} // namespace

bool printManyFilesBench(const fs::path& work, int files) {
    std::printf("\nMany files: hard links to %d distinct 0.25 s clips in %d labels, MFCC only, "
                "no scalers:\n",
                kDistinctClips, kLabels);
    bool ok = true;
    for (int count : {std::max(100, files / 10), files}) {
        const fs::path input = makeLinkedDataset(work, count);
        const fs::path output = work / ("links-out-" + std::to_string(count));
        fs::remove_all(output);
        const Measurement scan = measureCli({"scan", input.string()});
        const std::vector<std::string> run{"run",        input.string(),  output.string(),
                                           "--set",      "features=mfcc", "--set",
                                           "scalers=[]", "--progress",    "none"};
        const Measurement first = measureCli(run);
        const Measurement again = measureCli(run);
        std::printf(
            "%8d files: scan %.2f s (peak RSS %.0f MB); first run %.1f s (peak RSS %.0f "
            "MB, %.2f KB per file); no-op re-run %.2f s (peak RSS %.0f MB); exit %d %d %d\n",
            count, scan.wallSeconds, scan.peakRssKb / 1024.0, first.wallSeconds,
            first.peakRssKb / 1024.0, first.peakRssKb / count, again.wallSeconds,
            again.peakRssKb / 1024.0, scan.exitCode, first.exitCode, again.exitCode);
        ok = ok && scan.exitCode == 0 && first.exitCode == 0 && again.exitCode == 0;
        fs::remove_all(output);
    }
    std::printf("targets at 100000 files: scan <= 5 s, no-op re-run <= 2 s, peak RSS <= 100 MB "
                "and flat from 10000 files on\n");
    return ok;
}

} // namespace cepstra::bench
