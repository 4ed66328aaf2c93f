// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioFile.h"

#include "core/audio/EncodedAudio.h"
#include "core/audio/Resampler.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>

namespace cepstra {
namespace {

constexpr sf_count_t kBlockFrames = 65536;

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

/// numpy's float32 mean over channels: sum in channel order, then divide by the count.
void downmix(const float* interleaved, sf_count_t frames, int channels, std::vector<float>& mono) {
    mono.resize(std::size_t(frames));
    if (channels == 1) {
        std::copy(interleaved, interleaved + frames, mono.begin());
        return;
    }
    for (sf_count_t frame = 0; frame < frames; ++frame) {
        const float* sample = interleaved + std::size_t(frame) * std::size_t(channels);
        float sum = sample[0];
        for (int channel = 1; channel < channels; ++channel)
            sum += sample[channel];
        mono[std::size_t(frame)] = sum / float(channels);
    }
}

Result<LoadedAudio> decodeUnguarded(ByteSource& source, const std::string& name, int targetRateHz,
                                    const CancelToken* cancel) {
    auto opened = openEncoded(source, name);
    if (!opened)
        return opened.error();
    const AudioInfo& native = opened->info;
    const int channels = native.channels;
    const bool resample = native.sampleRateHz != targetRateHz;
    const std::int64_t expected = resampledLength(native.frames, native.sampleRateHz, targetRateHz);
    if (opened->sizeIsDeclared && expected > kMaxLoadedSamples)
        return tooLong(expected, name);

    LoadedAudio loaded;
    loaded.native = native;
    loaded.sampleRateHz = targetRateHz;
    // Reserve what the header promises, but never more than the file's bytes could hold, so a
    // lying header cannot reserve gigabytes.
    const std::int64_t plausible = std::min<std::int64_t>(
        expected, resampledLength(source.size(), native.sampleRateHz, targetRateHz));
    if (plausible > 0)
        loaded.samples.reserve(std::size_t(plausible) + 16);

    std::optional<SoxrStream> resampler;
    if (resample)
        resampler.emplace(native.sampleRateHz, targetRateHz);
    std::vector<float> interleaved(std::size_t(kBlockFrames) * std::size_t(channels));
    std::vector<float> mono;
    std::int64_t decodedFrames = 0;
    for (;;) {
        if (cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        const sf_count_t got =
            sf_readf_float(opened->handle.get(), interleaved.data(), kBlockFrames);
        if (got <= 0)
            break;
        decodedFrames += got;
        if (exceedsLimit(decodedFrames, native.sampleRateHz, targetRateHz))
            return tooLong(resampledLength(decodedFrames, native.sampleRateHz, targetRateHz), name);
        downmix(interleaved.data(), got, channels, mono);
        if (resampler)
            resampler->push(mono.data(), mono.size(), loaded.samples);
        else
            loaded.samples.insert(loaded.samples.end(), mono.begin(), mono.end());
    }
    if (source.readErrno != 0)
        return Error{ErrorKind::Unreadable,
                     "cannot read " + name + ": " + std::strerror(source.readErrno)};
    if (sf_error(opened->handle.get()) != SF_ERR_NO_ERROR)
        return Error{ErrorKind::Unreadable,
                     "decoding failed in " + name + ": " + sf_strerror(opened->handle.get())};
    if (decodedFrames == 0)
        return Error{ErrorKind::EmptyAudio, "empty audio: the file decodes to no samples: " + name};
    if (opened->sizeIsDeclared && native.frames > 0 && decodedFrames < native.frames)
        return Error{ErrorKind::Unreadable,
                     "truncated audio: header promises " + std::to_string(native.frames) +
                         " frames, file holds " + std::to_string(decodedFrames) + ": " + name};
    if (resampler)
        resampler->finish(loaded.samples);
    loaded.native.frames = decodedFrames;
    loaded.native.framesExact = true;
    return loaded;
}

Result<LoadedAudio> decode(ByteSource& source, const std::string& name, int targetRateHz,
                           const CancelToken* cancel) {
    try {
        return decodeUnguarded(source, name, targetRateHz, cancel);
    } catch (const std::bad_alloc&) {
        return Error{ErrorKind::Unreadable, "out of memory while decoding " + name};
    } catch (const std::exception& exception) {
        return Error{ErrorKind::Unreadable, name + ": " + exception.what()};
    }
}

} // namespace

Result<AudioInfo> readAudioInfo(const std::filesystem::path& path) {
    auto file = InputFile::open(path);
    if (!file)
        return file.error();
    ByteSource source;
    source.file = &*file;
    auto opened = openEncoded(source, path.string());
    if (!opened)
        return opened.error();
    return opened->info;
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
    auto file = InputFile::open(path);
    if (!file)
        return file.error();
    return loadAudio(*file, targetRateHz, cancel);
}

Result<LoadedAudio> loadAudio(const InputFile& file, int targetRateHz, const CancelToken* cancel) {
    ByteSource source;
    source.file = &file;
    auto loaded = decode(source, file.name(), targetRateHz, cancel);
    if (!loaded)
        return loaded;
    if (auto unchanged = file.checkUnchanged(); !unchanged)
        return unchanged.error();
    return loaded;
}

Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const CancelToken* cancel) {
    ByteSource source;
    source.memory = encoded;
    return decode(source, name, targetRateHz, cancel);
}

} // namespace cepstra
