// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace cepstra {

/// The four kinds of synthetic music in the demo dataset, one label each.
enum class DemoStyle { Tones, Chords, Drums, Noise };

std::string_view toString(DemoStyle style);
const std::vector<DemoStyle>& allDemoStyles();

/// One clip of a style: deterministic for (style, clipIndex), peak 0.8, mono.
std::vector<float> synthesizeDemoClip(DemoStyle style, int clipIndex, double seconds,
                                      int sampleRateHz);

struct DemoOptions {
    int clipsPerLabel = 10;
    double seconds = 30.0;
    int sampleRateHz = 22050;
};

/// Writes a GTZAN-shaped dataset: DIR/<style>/<style>.<00000>.wav, 16-bit PCM WAV, each file
/// written to a temporary name and renamed. Refuses a DIR that exists and is not empty, so it
/// never overwrites anything. `progress(done, total)` is called after each clip on this thread.
/// Returns the number of clips written.
Result<int> writeDemoDataset(const std::filesystem::path& directory, const DemoOptions& options,
                             const std::function<void(int, int)>& progress = {});

} // namespace cepstra
