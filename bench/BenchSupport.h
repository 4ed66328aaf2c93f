// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cepstra::bench {

/// What one cepstra-cli process cost, from wait4().
struct Measurement {
    double wallSeconds = 0.0;
    double userSeconds = 0.0;
    double kernelSeconds = 0.0; ///< mostly page cache: reading inputs, writing outputs
    double peakRssKb = 0.0;
    int exitCode = -1;
    double cpuSeconds() const { return userSeconds + kernelSeconds; }
};

/// Runs the built cepstra-cli with `arguments` (stdout to /dev/null) after a sync(), so the
/// previous run's dirty pages are not charged to this one as kernel time.
Measurement measureCli(const std::vector<std::string>& arguments);

/// Generates (once) a GTZAN-shaped demo dataset of `clips` clips x `seconds` in `directory`.
std::filesystem::path makeDataset(const std::filesystem::path& directory, int clips,
                                  double seconds);

} // namespace cepstra::bench
