// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// What the file header says, without decoding the samples.
struct AudioInfo {
    int sampleRateHz = 0;
    int channels = 0;
    std::int64_t frames = 0; ///< samples per channel
    std::string format;      ///< container and encoding, e.g. "WAV PCM 16"
    double durationSeconds() const {
        return sampleRateHz > 0 ? double(frames) / sampleRateHz : 0.0;
    }
};

/// A decoded, downmixed and resampled clip, as librosa.load returns it.
struct LoadedAudio {
    AudioInfo native;           ///< the file as stored
    int sampleRateHz = 0;       ///< the rate of `samples`
    std::vector<float> samples; ///< mono, float32
};

/// Reads the header of any format libsndfile supports (WAV, AU, FLAC, Ogg Vorbis, MP3, AIFF...).
/// Reentrant; any thread.
Result<AudioInfo> readAudioInfo(const std::filesystem::path& path);

/// Mirrors librosa.load(path, sr=targetRateHz, mono=True): libsndfile's float read, the
/// float32 mean of the channels, then soxr HQ resampling to ceil(n * sr / sr_native) samples
/// when the rates differ. Reentrant; any thread. Polls `cancel` between decode blocks.
Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const CancelToken* cancel = nullptr);

/// loadAudio for a file already in memory (a MappedFile's bytes). `name` is for messages.
Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const CancelToken* cancel = nullptr);

/// Resamples mono float32 audio as librosa.resample(res_type="soxr_hq") does: libsoxr HQ,
/// then padded with zeros or cut to ceil(n * to / from). Returns the input when rates match.
std::vector<float> resampleSoxrHq(const std::vector<float>& samples, int fromRateHz, int toRateHz);

} // namespace cepstra
