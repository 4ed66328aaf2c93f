// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/io/InputFile.h"
#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace cepstra {

/// What one clip is like, measured in one streaming pass over its decoded samples (native
/// rate, every channel), independent of any threshold so that it can be cached and judged
/// again with other ones.
struct ClipMeasurement {
    static constexpr int kVersion = 3; ///< bump when a measurement changes meaning
    static constexpr double kLoudnessStepSeconds = 0.05;
    static constexpr int kSpectrumBins = 256;
    static constexpr int kLevelBins = 201; ///< frame levels from -200 to 0 dBFS, 1 dB each

    AudioInfo native;                     ///< rate, channels, decoded frames, format
    double peak = 0.0;                    ///< largest |sample| over every channel
    std::int64_t fullScaleSamples = 0;    ///< samples with |x| at full scale (32767/32768 or more)
    std::int64_t longestFullScaleRun = 0; ///< consecutive full-scale samples in one channel
    double worstDcOffset = 0.0;           ///< the largest |mean| of a channel
    bool identicalChannels = false;       ///< stereo whose two channels are the same samples
    /// How many 2048-sample frames of the mono mix have each RMS level, 1 dB bins from -200 dBFS
    /// (bin 0, and anything quieter) to 0 dBFS (bin 200, and anything louder).
    std::array<std::int32_t, kLevelBins> frameLevels{};
    /// The mono mix's mean power spectrum in dB, from 0 Hz to Nyquist in kSpectrumBins bands
    /// (each the loudest of its FFT bins); empty for clips shorter than one FFT.
    std::vector<float> spectrumDb;
    /// The mono mix's RMS level in dBFS per kLoudnessStepSeconds: what a copy must share with
    /// its original besides its chroma, whose fingerprint cannot tell drum loops apart.
    std::vector<float> loudnessDb;
    std::string decodedHash; ///< XXH3 of the decoded float32 samples, rate and channels
    std::vector<std::uint32_t> fingerprint; ///< Chromaprint's raw fingerprint
    double fingerprintItemSeconds = 0.0;    ///< the time step of one fingerprint item

    double durationSeconds() const { return native.durationSeconds(); }
};

/// Decodes `file` once and measures it (and fingerprints it with Chromaprint). Fails with the
/// reasons `run` gives for a file it cannot read. Reentrant; worker threads.
Result<ClipMeasurement> measureClip(const InputFile& file, const CancelToken* cancel = nullptr);

} // namespace cepstra
