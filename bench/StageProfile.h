// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace cepstra::bench {

/// Mean wall milliseconds per clip of each pipeline stage, on this thread.
struct StageTiming {
    std::string stage;
    double millisecondsPerClip = 0.0;
};

/// Runs decode, trim, mel spectrogram, log-mel + MFCC, four scalings and six NPY writes on each
/// clip with the default config, timing each stage separately.
std::vector<StageTiming> profileStages(const std::vector<std::filesystem::path>& clips,
                                       const std::filesystem::path& scratch);

} // namespace cepstra::bench
