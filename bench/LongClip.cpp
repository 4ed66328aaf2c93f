// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/LongClip.h"

#include <sndfile.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace cepstra::bench {
namespace {

constexpr int kRateHz = 44100;

/// Two channels of drifting tones plus noise, written block by block (never all in memory).
bool writeLongWav(const fs::path& path, double minutes) {
    SF_INFO info{};
    info.samplerate = kRateHz;
    info.channels = 2;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open((path.string() + ".tmp").c_str(), SFM_WRITE, &info);
    if (!file)
        return false;
    const auto frames = static_cast<long long>(minutes * 60.0 * kRateHz);
    std::vector<float> block(2 * 65536);
    unsigned noise = 1;
    for (long long start = 0; start < frames; start += 65536) {
        const long long count = std::min<long long>(65536, frames - start);
        for (long long i = 0; i < count; ++i) {
            const double t = double(start + i) / kRateHz;
            noise = noise * 1664525u + 1013904223u;
            const double hiss = 0.05 * (double(noise >> 8) / double(1 << 24) - 0.5);
            block[std::size_t(2 * i)] = float(
                0.3 * std::sin(2 * std::numbers::pi * (220 + 2 * std::fmod(t, 60)) * t) + hiss);
            block[std::size_t(2 * i + 1)] =
                float(0.3 * std::sin(2 * std::numbers::pi * 330 * t) - hiss);
        }
        sf_writef_float(file, block.data(), count);
    }
    sf_close(file);
    fs::rename(path.string() + ".tmp", path);
    return true;
}

struct Child {
    pid_t pid = -1;
    std::chrono::steady_clock::time_point started;
};

Child startRun(const fs::path& input, const fs::path& output) {
    fs::remove_all(output);
    std::fflush(stdout);
    Child child{fork(), std::chrono::steady_clock::now()};
    if (child.pid == 0) {
        if (!std::freopen("/dev/null", "w", stdout))
            _exit(126);
        execl(CEPSTRA_CLI_PATH, "cepstra-cli", "run", input.c_str(), output.c_str(), "--jobs", "1",
              "--progress", "none", static_cast<char*>(nullptr));
        _exit(127);
    }
    return child;
}

} // namespace

LongClipFigures measureLongClip(const fs::path& work, double minutes) {
    const fs::path input = work / ("long-" + std::to_string(int(minutes)) + "min");
    const fs::path clip = input / "long" / "long.wav";
    LongClipFigures figures;
    if (!fs::exists(clip)) {
        std::printf("generating a %.0f-minute 44.1 kHz stereo WAV in %s ...\n", minutes,
                    clip.c_str());
        fs::create_directories(clip.parent_path());
        if (!writeLongWav(clip, minutes))
            return figures;
    }
    figures.decodedSignalMb = minutes * 60.0 * 22050 * 4 / 1e6;

    // The whole clip: peak RSS from wait4().
    Child whole = startRun(input, work / "long-out");
    int status = 0;
    rusage usage{};
    wait4(whole.pid, &status, 0, &usage);
    figures.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - whole.started).count();
    figures.peakRssMb = double(usage.ru_maxrss) / 1024.0;
    figures.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

    // SIGINT at several points of the clip: while it decodes, while the STFT runs, and late,
    // when the later stages and the writes would run. The worst is what a user can meet.
    for (const double fraction : {0.33, 0.6, 0.75, 0.9}) {
        Child stopped = startRun(input, work / "long-out");
        std::this_thread::sleep_for(std::chrono::duration<double>(figures.wallSeconds * fraction));
        const auto signalled = std::chrono::steady_clock::now();
        kill(stopped.pid, SIGINT);
        waitpid(stopped.pid, &status, 0);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
        figures.stopSeconds = std::max(figures.stopSeconds, seconds);
        const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (figures.stopExitCode == -1 || code != 130)
            figures.stopExitCode = code;
    }
    fs::remove_all(work / "long-out");
    return figures;
}

} // namespace cepstra::bench
