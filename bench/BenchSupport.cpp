// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchSupport.h"

#include "core/dataset/DemoDataset.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace cepstra::bench {
namespace {

double seconds(const timeval& time) {
    return double(time.tv_sec) + double(time.tv_usec) / 1e6;
}

} // namespace

Measurement measureCli(const std::vector<std::string>& arguments) {
    sync();
    std::vector<char*> argv{const_cast<char*>("cepstra-cli")};
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    std::fflush(stdout); // or the child would inherit and repeat buffered output
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        if (!std::freopen("/dev/null", "w", stdout))
            _exit(126);
        execv(CEPSTRA_CLI_PATH, argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    Measurement m;
    m.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.userSeconds = seconds(usage.ru_utime);
    m.kernelSeconds = seconds(usage.ru_stime);
    m.peakRssKb = double(usage.ru_maxrss);
    m.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m;
}

std::filesystem::path makeDataset(const std::filesystem::path& directory, int clips,
                                  double seconds) {
    if (!std::filesystem::exists(directory)) {
        std::printf("generating %d clips x %.0f s in %s ...\n", clips, seconds, directory.c_str());
        std::fflush(stdout);
        const int perLabel = clips / int(allDemoStyles().size());
        if (!writeDemoDataset(directory, {perLabel, seconds, 22050}).ok()) {
            std::fprintf(stderr, "cannot write %s\n", directory.c_str());
            std::exit(1);
        }
    }
    return directory;
}

} // namespace cepstra::bench
