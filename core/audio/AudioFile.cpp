// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioFile.h"

#include "core/io/MappedFile.h"

#include <sndfile.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <regex>

namespace cepstra {
namespace {

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

std::string describeFormat(int format) {
    SF_FORMAT_INFO info{};
    std::string major = "unknown";
    info.format = format & SF_FORMAT_TYPEMASK;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof(info)) == 0 && info.name)
        major = info.extension ? std::string(info.extension) : std::string(info.name);
    for (char& c : major)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    SF_FORMAT_INFO subInfo{};
    subInfo.format = format & SF_FORMAT_SUBMASK;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &subInfo, sizeof(subInfo)) == 0 && subInfo.name)
        return major + " " + subInfo.name;
    return major;
}

/// libsndfile quietly reads what is there when a file was cut short; its log keeps the proof:
/// "data : 1323000 (should be 256)" (WAV), "SSND : ..." (AIFF), "Data Size : ..." (AU). A
/// declared size above the bytes present means truncation. 0 and 0xFFFFFFFF mark streamed
/// files of unknown length, which are fine.
std::optional<std::string> truncation(SNDFILE* file) {
    char log[8192] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof(log));
    static const std::regex pattern(
        R"(^\s*(data|SSND|Data Size)\s*:\s*(\d+)\s*\(should be (\d+)\))", std::regex::multiline);
    for (std::cregex_iterator it(log, log + std::strlen(log), pattern), end; it != end; ++it) {
        const unsigned long long declared = std::stoull((*it)[2]);
        const unsigned long long present = std::stoull((*it)[3]);
        if (declared > present && declared != 0xFFFFFFFFULL)
            return "truncated audio: the header promises " + std::to_string(declared) +
                   " bytes of samples but the file holds " + std::to_string(present);
    }
    return std::nullopt;
}

/// libsndfile virtual I/O over a block of memory.
struct MemoryStream {
    std::string_view bytes;
    sf_count_t position = 0;
};

sf_count_t memoryLength(void* user) {
    return sf_count_t(static_cast<MemoryStream*>(user)->bytes.size());
}
sf_count_t memorySeek(sf_count_t offset, int whence, void* user) {
    auto* stream = static_cast<MemoryStream*>(user);
    const sf_count_t size = sf_count_t(stream->bytes.size());
    const sf_count_t base = whence == SEEK_CUR ? stream->position : whence == SEEK_END ? size : 0;
    stream->position = std::clamp<sf_count_t>(base + offset, 0, size);
    return stream->position;
}
sf_count_t memoryRead(void* destination, sf_count_t count, void* user) {
    auto* stream = static_cast<MemoryStream*>(user);
    const sf_count_t available = sf_count_t(stream->bytes.size()) - stream->position;
    const sf_count_t taken = std::clamp<sf_count_t>(count, 0, available);
    std::memcpy(destination, stream->bytes.data() + stream->position, std::size_t(taken));
    stream->position += taken;
    return taken;
}
sf_count_t memoryWrite(const void*, sf_count_t, void*) {
    return 0;
}
sf_count_t memoryTell(void* user) {
    return static_cast<MemoryStream*>(user)->position;
}

/// Opens encoded audio held in memory and checks its header: the one place that decides
/// whether a file is audio at all. `stream` must outlive the handle.
Result<SndfileHandle> openEncoded(MemoryStream& stream, const std::string& name, SF_INFO& info) {
    if (stream.bytes.empty())
        return Error{ErrorKind::Unreadable, "zero-byte file: " + name};
    SF_VIRTUAL_IO io{memoryLength, memorySeek, memoryRead, memoryWrite, memoryTell};
    info = SF_INFO{};
    SndfileHandle file(sf_open_virtual(&io, SFM_READ, &info, &stream));
    if (!file)
        return Error{ErrorKind::Unreadable, "cannot decode " + name + ": " + sf_strerror(nullptr)};
    if (info.samplerate <= 0 || info.channels <= 0)
        return Error{ErrorKind::Unreadable, "invalid header (no sample rate or channels): " + name};
    if (auto problem = truncation(file.get()))
        return Error{ErrorKind::Unreadable, *problem + ": " + name};
    return file;
}

} // namespace

Result<AudioInfo> readAudioInfo(const std::filesystem::path& path) {
    // Mapping costs nothing up front: only the header pages libsndfile reads are touched.
    auto mapped = MappedFile::open(path);
    if (!mapped)
        return mapped.error();
    MemoryStream stream{mapped->bytes()};
    SF_INFO info;
    auto file = openEncoded(stream, path.string(), info);
    if (!file)
        return file.error();
    return AudioInfo{info.samplerate, info.channels, info.frames, describeFormat(info.format)};
}

std::vector<float> resampleSoxrHq(const std::vector<float>& samples, int fromRateHz, int toRateHz) {
    if (fromRateHz == toRateHz)
        return samples;
    const double ratio = double(toRateHz) / double(fromRateHz);
    const auto targetLength = static_cast<std::size_t>(std::ceil(double(samples.size()) * ratio));
    std::vector<float> output(targetLength, 0.0f);
    if (samples.empty())
        return output;
    const soxr_io_spec_t ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    std::size_t written = 0;
    // soxr_oneshot flushes its delay line itself, so `written` reaches targetLength in practice;
    // any shortfall stays zero-padded, as librosa's fix_length would pad it.
    soxr_oneshot(fromRateHz, toRateHz, 1, samples.data(), samples.size(), nullptr, output.data(),
                 output.size(), &written, &ioSpec, &quality, nullptr);
    return output;
}

Result<LoadedAudio> loadAudio(const std::filesystem::path& path, int targetRateHz,
                              const CancelToken* cancel) {
    auto mapped = MappedFile::open(path);
    if (!mapped)
        return mapped.error();
    return loadAudioFromMemory(mapped->bytes(), path.string(), targetRateHz, cancel);
}

Result<LoadedAudio> loadAudioFromMemory(std::string_view encoded, const std::string& name,
                                        int targetRateHz, const CancelToken* cancel) {
    MemoryStream stream{encoded};
    SF_INFO info;
    auto opened = openEncoded(stream, name, info);
    if (!opened)
        return opened.error();
    SndfileHandle file = std::move(opened).value();

    LoadedAudio loaded;
    loaded.native = {info.samplerate, info.channels, info.frames, describeFormat(info.format)};
    const int channels = info.channels;
    constexpr sf_count_t kBlockFrames = 65536;
    std::vector<float> interleaved(std::size_t(kBlockFrames) * channels);
    std::vector<float> mono;
    if (info.frames > 0 && info.frames < (sf_count_t(1) << 34))
        mono.reserve(std::size_t(info.frames));

    for (;;) {
        if (cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        const sf_count_t got = sf_readf_float(file.get(), interleaved.data(), kBlockFrames);
        if (got <= 0)
            break;
        if (channels == 1) {
            mono.insert(mono.end(), interleaved.begin(), interleaved.begin() + got);
            continue;
        }
        // numpy's float32 mean over channels: sum in channel order, then divide by the count.
        for (sf_count_t frame = 0; frame < got; ++frame) {
            const float* sample = &interleaved[std::size_t(frame) * channels];
            float sum = sample[0];
            for (int channel = 1; channel < channels; ++channel)
                sum += sample[channel];
            mono.push_back(sum / float(channels));
        }
    }
    if (sf_error(file.get()) != SF_ERR_NO_ERROR)
        return Error{ErrorKind::Unreadable,
                     "decoding failed in " + name + ": " + sf_strerror(file.get())};
    if (info.frames > 0 && std::int64_t(mono.size()) < info.frames)
        return Error{ErrorKind::Unreadable,
                     "truncated audio: header promises " + std::to_string(info.frames) +
                         " frames, file holds " + std::to_string(mono.size()) + ": " + name};

    loaded.sampleRateHz = targetRateHz;
    loaded.samples = resampleSoxrHq(mono, info.samplerate, targetRateHz);
    return loaded;
}

} // namespace cepstra
