// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cepstra {

/// Two clips that share audio, found from their Chromaprint fingerprints.
struct SharedAudio {
    std::size_t first = 0, second = 0; ///< indices into the fingerprints searched, first < second
    double offsetSeconds = 0.0;  ///< where the shared audio starts in `second` minus in `first`
    double overlapSeconds = 0.0; ///< how long the matching stretch is
    double bitError = 0.0;       ///< mean share of differing fingerprint bits over it
};

/// What the search knows of one clip.
struct AudioPrint {
    std::span<const std::uint32_t> fingerprint; ///< Chromaprint's raw items
    std::span<const float> loudnessDb;          ///< RMS level per loudnessStepSeconds
};

/// The search's settings: what counts as a match.
struct SharedAudioSearch {
    double itemSeconds = 0.1238; ///< Chromaprint's item step
    /// The audio one item summarises (its window, and the filters that span several frames):
    /// a stretch of n matching items covers (n - 1) * itemSeconds + itemSpanSeconds of audio.
    double itemSpanSeconds = 2.3;
    double loudnessStepSeconds = 0.1;
    double minOverlapSeconds = 10; ///< capped at 80% of the shorter clip
    double maxBitError = 0.30;     ///< per-item share of differing bits that still matches
    /// Chroma cannot tell percussion or noise apart, so a match must also rise and fall in
    /// loudness as its original does: the Pearson correlation of their dB envelopes.
    double minLoudnessCorrelation = 0.8;
    /// Two steady sounds (flat envelopes) leave loudness nothing to compare, so the
    /// fingerprints alone must agree this closely. Measured on sawtooth sweeps: MP3 and Ogg
    /// re-encodes with gain and shift differ in 4-5.5% of bits, two distinct sweeps in 11%.
    double maxSteadyBitError = 0.08;
};

/// Finds every pair of clips that share at least the minimum overlap of audio, at any time
/// offset, however re-encoded or re-levelled. Not every pair is compared: an inverted index of
/// each item's top 16 bits votes for (clip, offset) candidates, and only those are verified
/// item by item, then by their loudness envelopes. Cost: building the index is linear in the
/// total number of items, and each query touches only the postings of its own keys (about
/// items * items / 65536 per clip pair on random material; keys common to many clips are
/// dropped), so the search grows close to linearly with the dataset, not with its square.
std::vector<SharedAudio> findSharedAudio(const std::vector<AudioPrint>& prints,
                                         const SharedAudioSearch& search);

} // namespace cepstra
