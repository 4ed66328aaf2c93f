// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cepstra::bench {

/// What one very long clip costs `cepstra-cli run`: peak RSS and wall time for the whole clip,
/// and the longest a SIGINT sent at 33, 60, 75 or 90% of the clip's time takes to end the
/// process.
struct LongClipFigures {
    double peakRssMb = 0.0;
    double wallSeconds = 0.0;
    double decodedSignalMb = 0.0; ///< the float32 signal at 22050 Hz, for scale
    double stopSeconds = 0.0;     ///< SIGINT to exit, the worst of the four points
    int exitCode = -1;
    int stopExitCode = -1;
};

/// Writes (once) `minutes` of 44.1 kHz stereo 16-bit WAV into `work` and measures it.
LongClipFigures measureLongClip(const std::filesystem::path& work, double minutes);

} // namespace cepstra::bench
