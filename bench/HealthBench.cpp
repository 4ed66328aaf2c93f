// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/HealthBench.h"

#include "bench/BenchSupport.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace fs = std::filesystem;

namespace cepstra::bench {

bool printHealthBench(const fs::path& work, int clips) {
    std::printf("\nDataset health, cepstra-cli check (decode, measure, Chromaprint, duplicate "
                "search), every hardware thread:\n");
    bool healthy = true;
    for (int count : {std::max(4, clips / 2), clips}) {
        const fs::path dataset =
            makeDataset(work / ("gtzan-" + std::to_string(count)), count, 30.0);
        const fs::path cache = work / ("health-" + std::to_string(count) + ".sqlite");
        std::error_code ec;
        fs::remove(cache, ec);
        const std::vector<std::string> check{"check",        dataset.string(), "--cache",
                                             cache.string(), "--format",       "json"};
        const Measurement first = measureCli(check);
        const Measurement again = measureCli(check);
        fs::remove(cache, ec);
        std::printf("%5d clips x 30 s: first check %.1f s (%.1f s CPU, peak RSS %.0f MB); "
                    "re-check of the unchanged dataset %.2f s (peak RSS %.0f MB); exit %d, %d\n",
                    count, first.wallSeconds, first.cpuSeconds(), first.peakRssKb / 1024.0,
                    again.wallSeconds, again.peakRssKb / 1024.0, first.exitCode, again.exitCode);
        healthy = healthy && first.exitCode == 0 && again.exitCode == 0;
    }
    std::printf("targets: 1000 clips <= 20 s on 2 cores, re-check <= 1 s. A re-check is all "
                "judging and duplicate search: its growth from half the clips is theirs.\n");
    return healthy;
}

} // namespace cepstra::bench
