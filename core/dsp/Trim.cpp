// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Trim.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace cepstra {
namespace {
constexpr long long kFrameLength = kTrimFrameLength;
constexpr long long kHopLength = kTrimHopLength;
constexpr long long kBlocksPerFrame = kFrameLength / kHopLength;
} // namespace

SampleRange findNonSilentRange(std::span<const float> signal, double topDb) {
    const auto length = static_cast<long long>(signal.size());
    // feature.rms(center=True) pads frame_length/2 zeros per side: 1 + n / hop frames, and frame
    // t covers samples [(t - 2) * hop, (t + 2) * hop). Sum squares per hop-sized block once, in
    // double, then each frame is four blocks.
    const long long frameCount = 1 + length / kHopLength;
    const long long blockCount = (length + kHopLength - 1) / kHopLength;
    std::vector<double> blockEnergy(static_cast<std::size_t>(blockCount), 0.0);
    for (long long block = 0; block < blockCount; ++block) {
        const float* samples = signal.data() + block * kHopLength;
        const long long count = std::min(kHopLength, length - block * kHopLength);
        // Four partial sums let the compiler keep several multiply-adds in flight.
        double partial[4] = {0.0, 0.0, 0.0, 0.0};
        long long i = 0;
        for (; i + 4 <= count; i += 4)
            for (int lane = 0; lane < 4; ++lane)
                partial[lane] += double(samples[i + lane]) * double(samples[i + lane]);
        for (; i < count; ++i)
            partial[0] += double(samples[i]) * double(samples[i]);
        blockEnergy[std::size_t(block)] = (partial[0] + partial[1]) + (partial[2] + partial[3]);
    }

    // amplitude_to_db(rms, ref=max) = power_to_db(rms^2, ref=max^2, amin=1e-10), in float32.
    std::vector<float> frameDb(static_cast<std::size_t>(frameCount));
    for (long long t = 0; t < frameCount; ++t) {
        double energy = 0.0;
        for (long long b = t - kBlocksPerFrame / 2; b < t + kBlocksPerFrame / 2; ++b)
            if (b >= 0 && b < blockCount)
                energy += blockEnergy[std::size_t(b)];
        const float rms = std::sqrt(float(energy / double(kFrameLength)));
        frameDb[std::size_t(t)] = 10.0f * std::log10(std::max(1e-10f, rms * rms));
    }
    const float referenceDb = *std::max_element(frameDb.begin(), frameDb.end());
    const float threshold = float(-topDb);
    long long first = -1;
    long long last = -1;
    for (long long t = 0; t < frameCount; ++t) {
        if (frameDb[std::size_t(t)] - referenceDb > threshold) {
            if (first < 0)
                first = t;
            last = t;
        }
    }
    if (first < 0)
        return {0, 0};
    return {first * kHopLength, std::min(length, (last + 1) * kHopLength)};
}

} // namespace cepstra
