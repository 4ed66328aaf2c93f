// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra-bench [--clips N] [--long-minutes M] [--export-clips E] [--health-clips H]
// [--many-files F] [--only export|health|many-files] [--work DIR]: end-to-end throughput of
// `cepstra-cli run` on a generated GTZAN-shaped dataset (N clips x 30 s, 22050 Hz mono 16-bit WAV,
// default config), with 1 and 2 jobs, peak RSS at N and 2N clips, the cost of the double-precision
// FFT, peak RSS and stop latency on one M-minute (default 60) 44.1 kHz stereo clip, the time and
// peak RSS of `export` on an E-clip (default 1000) run, `cepstra-cli check` on H (default 1000)
// clips, and scan, run and re-run on F (default 100000) hard-linked files. Prints figures; asserts
// nothing.
#include "bench/BenchSupport.h"
#include "bench/ExportBench.h"
#include "bench/HealthBench.h"
#include "bench/LongClip.h"
#include "bench/ManyFilesBench.h"
#include "bench/StageProfile.h"
#include "core/util/ProcessSetup.h"

#include <sys/vfs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace cepstra;

namespace {

constexpr double kClipSeconds = 30.0;
constexpr int kRepetitions = 3;

using bench::Measurement;

/// Runs cepstra-cli as a child and reads its own CPU time and peak RSS from wait4().
Measurement measureRun(const fs::path& input, const fs::path& output, int jobs) {
    fs::remove_all(output);
    return bench::measureCli({"run", input.string(), output.string(), "--jobs",
                              std::to_string(jobs), "--progress", "none"});
}

/// Each figure is the median over kRepetitions runs; kernel time on a VM varies a lot.
struct Summary {
    Measurement median;
    double cpuLowSeconds = 0.0;
    double cpuHighSeconds = 0.0;
};

Summary measureRepeatedly(const fs::path& input, const fs::path& output, int jobs) {
    std::vector<Measurement> runs;
    for (int i = 0; i < kRepetitions; ++i)
        runs.push_back(measureRun(input, output, jobs));
    auto median = [&](double Measurement::*field) {
        std::vector<double> values;
        for (const auto& run : runs)
            values.push_back(run.*field);
        std::sort(values.begin(), values.end());
        return values[values.size() / 2];
    };
    Summary summary;
    summary.median = {median(&Measurement::wallSeconds), median(&Measurement::userSeconds),
                      median(&Measurement::kernelSeconds), median(&Measurement::peakRssKb), 0};
    summary.cpuLowSeconds = summary.cpuHighSeconds = runs.front().cpuSeconds();
    for (const auto& run : runs) {
        summary.median.exitCode = std::max(summary.median.exitCode, run.exitCode);
        summary.cpuLowSeconds = std::min(summary.cpuLowSeconds, run.cpuSeconds());
        summary.cpuHighSeconds = std::max(summary.cpuHighSeconds, run.cpuSeconds());
    }
    return summary;
}

fs::path makeDataset(const fs::path& directory, int clips) {
    return bench::makeDataset(directory, clips, kClipSeconds);
}

void printRun(const std::string& name, const Summary& summary, int clips) {
    const Measurement& m = summary.median;
    const double audioSeconds = clips * kClipSeconds;
    std::printf("%-20s %6.1f clips/s  %5.0fx real time per core  %5.2f ms CPU/clip (%.2f user + "
                "%.2f kernel; "
                "range %.2f-%.2f)  peak RSS %5.1f MB  exit %d\n",
                name.c_str(), clips / m.wallSeconds, audioSeconds / m.cpuSeconds(),
                1000.0 * m.cpuSeconds() / clips, 1000.0 * m.userSeconds / clips,
                1000.0 * m.kernelSeconds / clips, 1000.0 * summary.cpuLowSeconds / clips,
                1000.0 * summary.cpuHighSeconds / clips, m.peakRssKb / 1024.0, m.exitCode);
}

/// "ext4", "tmpfs", ...: the kernel's cost of writing outputs depends on it.
std::string filesystemName(const fs::path& path) {
    struct statfs info {};
    if (statfs(path.c_str(), &info) != 0)
        return "unknown filesystem";
    switch (static_cast<unsigned long>(info.f_type)) {
    case 0xEF53:
        return "ext4";
    case 0x01021994:
        return "tmpfs";
    case 0x58465342:
        return "xfs";
    case 0x9123683E:
        return "btrfs";
    case 0x794C7630:
        return "overlayfs";
    default:
        return "filesystem 0x" + std::to_string(info.f_type);
    }
}

void printStageProfile(const fs::path& dataset, const fs::path& scratch) {
    std::vector<fs::path> sample;
    for (const auto& entry : fs::recursive_directory_iterator(dataset))
        if (entry.is_regular_file() && sample.size() < 20)
            sample.push_back(entry.path());
    std::printf("\nWhere one worker's time goes (default config, wall ms per 30 s clip, mean of "
                "%zu clips):\n",
                sample.size());
    const auto stages = bench::profileStages(sample, scratch);
    double total = 0.0;
    for (const auto& stage : stages)
        total += stage.millisecondsPerClip;
    for (const auto& stage : stages)
        std::printf("  %-24s %6.2f ms  %4.1f%%\n", stage.stage.c_str(), stage.millisecondsPerClip,
                    100.0 * stage.millisecondsPerClip / total);
    std::printf("  %-24s %6.2f ms\n", "total", total);
    const auto fft = bench::measureFftPrecisionCost();
    std::printf("  the FFTs alone: %.2f ms in double precision, as librosa computes them; the same "
                "plans in float32: %.2f ms (%+.2f ms per clip for double)\n\n",
                fft.doubleMs, fft.floatMs, fft.doubleMs - fft.floatMs);
}

} // namespace

int main(int argc, char** argv) {
    prepareProcessForBatchWork(); // as cepstra-cli does, so the stage profile is comparable
    int clips = 200;
    double longClipMinutes = 60.0;
    int healthClips = 1000;
    int manyFiles = 100000;
    fs::path work = fs::temp_directory_path() / "cepstra-bench";
    int exportClips = 1000;
    std::string only; // export, health or many-files: that part alone
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--clips") == 0)
            clips = std::max(4, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--long-minutes") == 0)
            longClipMinutes = std::max(1.0, std::atof(argv[i + 1]));
        else if (std::strcmp(argv[i], "--many-files") == 0)
            manyFiles = std::max(100, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--health-clips") == 0)
            healthClips = std::max(4, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--work") == 0)
            work = argv[i + 1];
        else if (std::strcmp(argv[i], "--export-clips") == 0)
            exportClips = std::max(4, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--only") == 0)
            only = argv[i + 1];
    }
    fs::create_directories(work);
    if (only == "export")
        return bench::printExportBench(work, exportClips) ? 0 : 1;
    if (only == "health")
        return bench::printHealthBench(work, healthClips) ? 0 : 1;
    if (only == "many-files")
        return bench::printManyFilesBench(work, manyFiles) ? 0 : 1;
    const fs::path small = makeDataset(work / ("gtzan-" + std::to_string(clips)), clips);
    const fs::path large = makeDataset(work / ("gtzan-" + std::to_string(2 * clips)), 2 * clips);
    printStageProfile(small, work);

    std::printf(
        "End to end: cepstra-cli run, default config (decode, trim, mel, MFCC, 4 scaled arrays, "
        "6 .npy writes per clip); median of %d runs; outputs on %s\n",
        kRepetitions, filesystemName(work).c_str());
    const Summary one = measureRepeatedly(small, work / "out-1", 1);
    printRun("1 job,  " + std::to_string(clips) + " clips", one, clips);
    const Summary two = measureRepeatedly(small, work / "out-2", 2);
    printRun("2 jobs, " + std::to_string(clips) + " clips", two, clips);
    const Summary twice = measureRepeatedly(large, work / "out-2x", 2);
    printRun("2 jobs, " + std::to_string(2 * clips) + " clips", twice, 2 * clips);

    // The same run with outputs on tmpfs separates the pipeline's cost from the filesystem's:
    // writing 2.3 MB of new files per clip costs far more kernel time on some disks than others.
    const fs::path memory = "/dev/shm/cepstra-bench-out";
    if (fs::is_directory("/dev/shm")) {
        std::printf("Outputs on %s instead (the input stays where it is):\n",
                    filesystemName("/dev/shm").c_str());
        const Summary inMemory = measureRepeatedly(small, memory, 2);
        printRun("2 jobs, " + std::to_string(clips) + " clips", inMemory, clips);
        fs::remove_all(memory);
    }

    std::printf(
        "\nOne long clip, 1 job (the memory a clip needs does not depend on the others):\n");
    const auto hour = bench::measureLongClip(work, longClipMinutes);
    std::printf("%.0f min 44.1 kHz stereo WAV: %.1f s, peak RSS %.0f MB (the decoded float32 "
                "signal at 22050 Hz is %.0f MB; target <= 3x that plus the features), exit %d\n",
                longClipMinutes, hour.wallSeconds, hour.peakRssMb, hour.decodedSignalMb,
                hour.exitCode);
    std::printf("SIGINT at 33, 60, 75 and 90%% of its time: stopped within %.3f s at worst, exit "
                "%d (target < 1 s, 130)\n",
                hour.stopSeconds, hour.stopExitCode);

    std::printf("\nspeed-up 1 -> 2 jobs: %.2fx\n", one.median.wallSeconds / two.median.wallSeconds);
    std::printf("peak RSS at %d clips: %.1f MB, at %d clips: %.1f MB\n", clips,
                two.median.peakRssKb / 1024.0, 2 * clips, twice.median.peakRssKb / 1024.0);
    std::printf(
        "targets: <= 10 ms CPU per clip (>= 3000x real time per core), near-linear speed-up, "
        "peak RSS <= 300 MB\n");
    fs::remove_all(work / "out-1");
    fs::remove_all(work / "out-2");
    fs::remove_all(work / "out-2x");
    const bool exported = bench::printExportBench(work, exportClips);
    const bool healthy = bench::printHealthBench(work, healthClips);
    const bool manyFilesOk = bench::printManyFilesBench(work, manyFiles);
    return (one.median.exitCode == 0 && two.median.exitCode == 0 && twice.median.exitCode == 0 &&
            exported && healthy && manyFilesOk)
               ? 0
               : 1;
}
