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

/// FFTW's r2c transform of n_fft=2048 over one 30 s clip's 1,292 frames, in double (what
/// Cepstra runs, as librosa does) and in float32 (what it ran before it matched librosa in
/// quiet bands). Milliseconds per clip, FFTW_ESTIMATE plans as in the core.
struct FftPrecisionCost {
    double doubleMs = 0.0;
    double floatMs = 0.0;
};
FftPrecisionCost measureFftPrecisionCost();

} // namespace cepstra::bench
