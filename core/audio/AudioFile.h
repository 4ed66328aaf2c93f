// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/InputFile.h"
#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// The lowest native sample rate Cepstra decodes: a header below it is damaged, and
/// resampling from it to a usual rate would multiply the signal's size by thousands.
inline constexpr int kMinNativeRateHz = 1000;
/// The longest signal loadAudio returns, samples (8 GiB of float32; about 27 hours at
/// 22050 Hz). Longer clips are refused before they are decoded.
inline constexpr std::int64_t kMaxLoadedSamples = std::int64_t(1) << 31;

/// What the file header says, without decoding the samples.
struct AudioInfo {
    int sampleRateHz = 0;
    int channels = 0;
    std::int64_t frames = 0; ///< samples per channel
    std::string format;      ///< container and encoding, e.g. "WAV PCM 16"
    /// False when `frames` is libsndfile's estimate from the bitrate (an MP3 without a
    /// Xing/Info/VBRI tag); decoding gives the true count.
    bool framesExact = true;
    double durationSeconds() const {
        return sampleRateHz > 0 ? double(frames) / sampleRateHz : 0.0;
    }
};

/// A decoded, downmixed and resampled clip, as librosa.load returns it.
struct LoadedAudio {
    AudioInfo native;           ///< the file as stored, with the decoded frame count
    int sampleRateHz = 0;       ///< the rate of `samples`
    std::vector<float> samples; ///< mono, float32
};

/// The part of a file librosa.load(offset=, duration=) returns: from frame int(offset * native
/// rate), int(duration * native rate) frames (to the end when unset), as soundfile's seek and
/// read count them. The default is the whole file.
struct LoadRange {
    double offsetSeconds = 0.0;
    std::optional<double> durationSeconds;
};

/// loadAudio's targetRateHz for librosa.load(sr=None): the native rate, no resampling.
inline constexpr int kNativeRate = 0;

/// Receives decoded audio block by block: `frames` frames of `native.channels` interleaved
/// float32 samples at the native rate. A failed Status stops decoding with that error.
using AudioBlockConsumer =
    std::function<Status(const float* interleaved, std::int64_t frames, const AudioInfo& native)>;

/// Decodes an open file at its native rate and channel count, block by block, with every
/// check loadAudio makes (truncation, decoder errors, a file that changes while read). Returns
/// the native info with the decoded frame count. Reentrant; any thread.
Result<AudioInfo> streamAudio(const InputFile& file, const AudioBlockConsumer& consume,
                              const CancelToken* cancel = nullptr);

/// Reads the header of any format libsndfile supports (WAV, AU, FLAC, Ogg Vorbis, MP3, AIFF...).
/// Reentrant; any thread.
Result<AudioInfo> readAudioInfo(const std::filesystem::path& path);
/// The same for a file already open.
Result<AudioInfo> readAudioInfo(const InputFile& file);

/// Mirrors librosa.load(path, sr=targetRateHz, mono=True): libsndfile's float read, the
/// float32 mean of the channels, then soxr HQ resampling to ceil(n * sr / sr_native) samples
/// when the rates differ. Decoding and resampling stream block by block, so memory holds the
/// output and one block. Reentrant; any thread. Polls `cancel` between blocks.
Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const CancelToken* cancel = nullptr);

/// loadAudio for a file already open (the batch hashes and decodes one open file).
Result<LoadedAudio> loadAudio(const InputFile& file, int targetRateHz,
                              const CancelToken* cancel = nullptr);

/// loadAudio of `range` only: librosa.load(path, sr, offset=, duration=). Decodes from the
/// start (so the frames match soundfile's sample-accurate seek) and stops at the range's end;
/// the truncation check applies only when it reads to the end. A range past the end gives no
/// samples. targetRateHz may be kNativeRate. Refuses a negative or non-finite offset or
/// duration (InvalidUsage, naming it).
Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const LoadRange& range, const CancelToken* cancel = nullptr);

/// loadAudio for encoded bytes in memory. `name` is for messages.
Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const CancelToken* cancel = nullptr);

/// loadAudioFromMemory of `range` only, as the loadAudio overload above.
Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const LoadRange& range,
                                        const CancelToken* cancel = nullptr);

/// librosa.util.valid_audio's refusal: an Unreadable error when any sample is NaN or infinite.
Status requireFiniteSamples(const float* samples, std::int64_t count);

/// Resamples mono float32 audio as librosa.resample(res_type="soxr_hq") does: libsoxr HQ,
/// then padded with zeros or cut to ceil(n * to / from). Returns the input when rates match.
std::vector<float> resampleSoxrHq(const std::vector<float>& samples, int fromRateHz, int toRateHz);

} // namespace cepstra
