// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioFile.h"

#include "core/audio/EncodedAudio.h"
#include "core/audio/Resampler.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace cepstra {
namespace {

constexpr sf_count_t kBlockSamples = 1 << 18; // per read, over all channels: 1 MiB of float32

std::int64_t resampledLength(std::int64_t frames, int fromRateHz, int toRateHz) {
    return std::int64_t(std::ceil(double(frames) * toRateHz / fromRateHz));
}

bool exceedsLimit(std::int64_t frames, int fromRateHz, int toRateHz) {
    return resampledLength(frames, fromRateHz, toRateHz) > kMaxLoadedSamples;
}

Error tooLong(std::int64_t samples, const std::string& name) {
    return Error{ErrorKind::Unreadable,
                 "the clip would load as " + std::to_string(samples) + " samples, above the " +
                     std::to_string(kMaxLoadedSamples) +
                     " Cepstra holds in memory; split it into shorter files: " + name};
}

/// numpy's float32 sum over a contiguous axis (pairwise_sum in numpy's loops_utils.h): in
/// order below 8 values, 8 interleaved partial sums up to 128, halves beyond. librosa's
/// to_mono reduces soundfile's (frames, channels) rows this way, channels being contiguous.
float numpyPairwiseSum(const float* values, int count) {
    if (count < 8) {
        float sum = 0.0f;
        for (int i = 0; i < count; ++i)
            sum += values[i];
        return sum;
    }
    if (count <= 128) {
        float partial[8];
        std::copy(values, values + 8, partial);
        int i = 8;
        for (; i < count - count % 8; i += 8)
            for (int j = 0; j < 8; ++j)
                partial[j] += values[i + j];
        float sum = ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
                    ((partial[4] + partial[5]) + (partial[6] + partial[7]));
        for (; i < count; ++i)
            sum += values[i];
        return sum;
    }
    int half = count / 2;
    half -= half % 8;
    return numpyPairwiseSum(values, half) + numpyPairwiseSum(values + half, count - half);
}

/// librosa.to_mono: numpy's float32 mean over channels, the sum divided by the count.
void downmix(const float* interleaved, sf_count_t frames, int channels, std::vector<float>& mono) {
    mono.resize(std::size_t(frames));
    if (channels == 1) {
        std::copy(interleaved, interleaved + frames, mono.begin());
        return;
    }
    for (sf_count_t frame = 0; frame < frames; ++frame)
        mono[std::size_t(frame)] =
            numpyPairwiseSum(interleaved + std::size_t(frame) * std::size_t(channels), channels) /
            float(channels);
}

/// The one decode loop: opens, checks, and hands each block of interleaved float32 frames to
/// `consume`, then checks the end (read errors, nothing decoded, a declared size not reached).
/// Returns the native info with the decoded frame count. When `consume` sets `*stopReading`,
/// decoding ends there, as a read of a given number of frames does: the end is not checked and
/// the header's frame count stays.
Result<AudioInfo> streamDecoded(ByteSource& source, const std::string& name,
                                const AudioBlockConsumer& consume, const CancelToken* cancel,
                                const bool* stopReading = nullptr) {
    auto opened = openEncoded(source, name);
    if (!opened)
        return opened.error();
    AudioInfo native = opened->info;
    const int channels = native.channels;
    // A block holds the same number of samples whatever the channel count, so a 1024-channel
    // file does not need a quarter of a gigabyte to decode.
    const sf_count_t blockFrames = std::max<sf_count_t>(1, kBlockSamples / channels);
    std::vector<float> interleaved(std::size_t(blockFrames) * std::size_t(channels));
    std::int64_t decodedFrames = 0;
    for (;;) {
        if (cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        const sf_count_t got =
            sf_readf_float(opened->handle.get(), interleaved.data(), blockFrames);
        // Checked after every read: libsndfile clears a decoder's error (FLAC lost sync) on the
        // next call, which would otherwise pass for a file that merely ends early.
        if (sf_error(opened->handle.get()) != SF_ERR_NO_ERROR)
            return Error{ErrorKind::Unreadable,
                         "decoding failed in " + name + " after " +
                             std::to_string(decodedFrames + std::max<sf_count_t>(got, 0)) +
                             " frames: " + sf_strerror(opened->handle.get())};
        if (got <= 0)
            break;
        decodedFrames += got;
        if (auto status = consume(interleaved.data(), std::int64_t(got), native); !status)
            return status.error();
        if (stopReading && *stopReading) {
            if (source.readErrno != 0)
                break;
            return native;
        }
    }
    if (source.readErrno != 0)
        return Error{ErrorKind::ReadFailed,
                     "cannot read " + name + ": " + std::strerror(source.readErrno)};
    if (decodedFrames == 0)
        return Error{ErrorKind::EmptyAudio, "empty audio: the file decodes to no samples: " + name};
    // A tagged MP3 may decode a little short of its tag (encoder delay and padding); a
    // hundredth of it, or two MPEG frames, is already a cut.
    const std::int64_t tagSlack = std::max<std::int64_t>(2 * 1152, native.frames / 100);
    if (((opened->sizeIsDeclared && decodedFrames < native.frames) ||
         (opened->sizeIsTagged && decodedFrames + tagSlack < native.frames)) &&
        native.frames > 0)
        return Error{ErrorKind::Unreadable,
                     "truncated audio: header promises " + std::to_string(native.frames) +
                         " frames, file holds " + std::to_string(decodedFrames) + ": " + name};
    native.frames = decodedFrames;
    native.framesExact = true;
    return native;
}

/// The native frames [first, end) that `range` selects, soundfile's int(seconds * rate).
struct FrameRange {
    std::int64_t first = 0;
    std::int64_t end = std::numeric_limits<std::int64_t>::max();
};

FrameRange framesOf(const LoadRange& range, int nativeRateHz) {
    FrameRange frames;
    frames.first = std::int64_t(range.offsetSeconds * double(nativeRateHz));
    if (range.durationSeconds)
        frames.end = frames.first + std::int64_t(*range.durationSeconds * double(nativeRateHz));
    return frames;
}

Status checkRange(const LoadRange& range) {
    const auto check = [](const char* name, double seconds) -> Status {
        // Beyond 1e9 s (31 years), seconds times a native rate could overflow a frame count.
        if (std::isfinite(seconds) && seconds >= 0.0 && seconds <= 1e9)
            return success();
        char value[32];
        std::snprintf(value, sizeof(value), "%g", seconds);
        return Error{ErrorKind::InvalidUsage, std::string(name) +
                                                  " must be a number of seconds, at least 0 (got " +
                                                  value + ")"};
    };
    if (auto status = check("offset", range.offsetSeconds); !status)
        return status;
    return range.durationSeconds ? check("duration", *range.durationSeconds) : success();
}

Result<LoadedAudio> decodeUnguarded(ByteSource& source, const std::string& name, int targetRateHz,
                                    const LoadRange& range, const CancelToken* cancel) {
    LoadedAudio loaded;
    loaded.sampleRateHz = targetRateHz;
    std::optional<SoxrStream> resampler;
    std::vector<float> mono;
    std::int64_t decodedFrames = 0; // native frames decoded so far
    std::int64_t keptFrames = 0;    // of those, inside the range
    FrameRange wanted;
    bool stopReading = false;
    bool first = true;
    const auto consume = [&](const float* interleaved, std::int64_t frames,
                             const AudioInfo& native) -> Status {
        if (first) {
            first = false;
            if (targetRateHz == kNativeRate)
                targetRateHz = loaded.sampleRateHz = native.sampleRateHz;
            wanted = framesOf(range, native.sampleRateHz);
            const std::int64_t inRange = std::clamp<std::int64_t>(
                std::min(native.frames, wanted.end) - wanted.first, 0, native.frames);
            const std::int64_t expected =
                resampledLength(inRange, native.sampleRateHz, targetRateHz);
            if (native.framesExact && expected > kMaxLoadedSamples)
                return tooLong(expected, name);
            // Reserve what the header promises, but never more than the file's bytes could
            // hold, so a lying header cannot reserve gigabytes.
            const std::int64_t plausible = std::min<std::int64_t>(
                expected, resampledLength(source.size(), native.sampleRateHz, targetRateHz));
            if (plausible > 0)
                loaded.samples.reserve(std::size_t(plausible) + 16);
            if (native.sampleRateHz != targetRateHz)
                resampler.emplace(native.sampleRateHz, targetRateHz);
        }
        // The part of this block inside the range.
        const std::int64_t blockStart = decodedFrames;
        decodedFrames += frames;
        const std::int64_t from = std::clamp(wanted.first - blockStart, std::int64_t(0), frames);
        const std::int64_t to = std::clamp(wanted.end - blockStart, from, frames);
        stopReading = decodedFrames >= wanted.end;
        if (to == from)
            return success();
        interleaved += from * native.channels;
        frames = to - from;
        keptFrames += frames;
        if (exceedsLimit(keptFrames, native.sampleRateHz, targetRateHz))
            return tooLong(resampledLength(keptFrames, native.sampleRateHz, targetRateHz), name);
        downmix(interleaved, frames, native.channels, mono);
        if (resampler)
            resampler->push(mono.data(), mono.size(), loaded.samples);
        else
            loaded.samples.insert(loaded.samples.end(), mono.begin(), mono.end());
        return success();
    };
    if (auto status = checkRange(range); !status)
        return status.error();
    auto native = streamDecoded(source, name, consume, cancel, &stopReading);
    if (!native)
        return native.error();
    if (resampler)
        resampler->finish(loaded.samples);
    loaded.native = *native;
    return loaded;
}

Result<LoadedAudio> decode(ByteSource& source, const std::string& name, int targetRateHz,
                           const LoadRange& range, const CancelToken* cancel) {
    try {
        return decodeUnguarded(source, name, targetRateHz, range, cancel);
    } catch (const std::bad_alloc&) {
        return Error{ErrorKind::Unreadable, "out of memory while decoding " + name};
    } catch (const std::exception& exception) {
        return Error{ErrorKind::Internal, name + ": unexpected error while decoding: " +
                                              exception.what() + " (please report this)"};
    }
}

Result<LoadedAudio> loadOpened(const InputFile& file, int targetRateHz, const LoadRange& range,
                               const CancelToken* cancel) {
    ByteSource source;
    source.file = &file;
    auto loaded = decode(source, file.name(), targetRateHz, range, cancel);
    // A file that shrank or grew while it was read explains any decode error it caused.
    if (auto unchanged = file.checkUnchanged(); !unchanged)
        return unchanged.error();
    return loaded;
}

} // namespace

Result<AudioInfo> readAudioInfo(const std::filesystem::path& path) {
    auto file = InputFile::open(path);
    if (!file)
        return file.error();
    return readAudioInfo(*file);
}

Result<AudioInfo> readAudioInfo(const InputFile& file) {
    ByteSource source;
    source.file = &file;
    auto opened = openEncoded(source, file.name());
    if (!opened)
        return opened.error();
    return opened->info;
}

Status requireFiniteSamples(const float* samples, std::int64_t count) {
    if (!std::all_of(samples, samples + count, [](float v) { return std::isfinite(v); }))
        return Error{ErrorKind::Unreadable,
                     "Audio buffer is not finite everywhere: the decoded samples hold NaN or "
                     "infinity, so the file is damaged"};
    return success();
}

std::vector<float> resampleSoxrHq(const std::vector<float>& samples, int fromRateHz, int toRateHz) {
    if (fromRateHz == toRateHz)
        return samples;
    std::vector<float> output;
    SoxrStream stream(fromRateHz, toRateHz);
    stream.push(samples.data(), samples.size(), output);
    stream.finish(output);
    return output;
}

Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const CancelToken* cancel) {
    return loadAudio(path, targetRateHz, LoadRange{}, cancel);
}

Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const LoadRange& range, const CancelToken* cancel) {
    auto file = InputFile::open(path);
    if (!file)
        return file.error();
    return loadOpened(*file, targetRateHz, range, cancel);
}

Result<LoadedAudio> loadAudio(const InputFile& file, int targetRateHz, const CancelToken* cancel) {
    return loadOpened(file, targetRateHz, LoadRange{}, cancel);
}

Result<AudioInfo> streamAudio(const InputFile& file, const AudioBlockConsumer& consume,
                              const CancelToken* cancel) {
    ByteSource source;
    source.file = &file;
    Result<AudioInfo> native = Error{ErrorKind::Internal, "not decoded"};
    try {
        native = streamDecoded(source, file.name(), consume, cancel);
    } catch (const std::bad_alloc&) {
        native = Error{ErrorKind::Unreadable, "out of memory while decoding " + file.name()};
    }
    if (auto unchanged = file.checkUnchanged(); !unchanged)
        return unchanged.error();
    return native;
}

Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const CancelToken* cancel) {
    return loadAudioFromMemory(encoded, name, targetRateHz, LoadRange{}, cancel);
}

Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const LoadRange& range,
                                        const CancelToken* cancel) {
    ByteSource source;
    source.memory = encoded;
    return decode(source, name, targetRateHz, range, cancel);
}

} // namespace cepstra
