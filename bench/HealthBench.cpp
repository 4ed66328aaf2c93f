// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/HealthBench.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <utility>

namespace fs = std::filesystem;

namespace cepstra::bench {
namespace {

struct CheckRun {
    double seconds = 0.0, peakRssMb = 0.0;
    int exitCode = -1;
};

/// Runs `cepstra-cli check DATASET --cache CACHE --format json` as a child, its report
/// discarded, and reads its peak RSS from wait4().
CheckRun runCheck(const fs::path& dataset, const fs::path& cache) {
    std::fflush(stdout);
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        if (!std::freopen("/dev/null", "w", stdout))
            _exit(126);
        execl(CEPSTRA_CLI_PATH, "cepstra-cli", "check", dataset.c_str(), "--cache", cache.c_str(),
              "--format", "json", static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            double(usage.ru_maxrss) / 1024.0, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

} // namespace

HealthCheckFigures measureHealthCheck(const fs::path& dataset, int clips, const fs::path& work) {
    const fs::path cache = work / ("health-" + std::to_string(clips) + ".sqlite");
    std::error_code ec;
    fs::remove(cache, ec);
    sync();
    const CheckRun first = runCheck(dataset, cache);
    const CheckRun again = runCheck(dataset, cache);
    fs::remove(cache, ec);
    return {clips, first.seconds, first.peakRssMb, again.seconds, again.peakRssMb,
            std::max(first.exitCode, again.exitCode)};
}

} // namespace cepstra::bench
