// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>

namespace cepstra {

/// The half-open sample range [start, end) that trimming keeps.
struct SampleRange {
    long long start = 0;
    long long end = 0;
    bool operator==(const SampleRange&) const = default;
};

/// The frame and hop of librosa.effects.trim's defaults, which the pipeline always uses, samples.
inline constexpr long long kTrimFrameLength = 2048;
inline constexpr long long kTrimHopLength = 512;

/// librosa.effects.trim(y, top_db, frame_length=2048, hop_length=512): frames whose RMS is more
/// than topDb below the loudest frame's are silent; keep from the first non-silent frame to one
/// hop past the last. librosa uses these frame sizes whatever n_fft is, and so do we.
SampleRange findNonSilentRange(std::span<const float> signal, double topDb);

} // namespace cepstra
