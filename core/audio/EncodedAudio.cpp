// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/EncodedAudio.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <regex>

namespace cepstra {
namespace {

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

/// libsndfile quietly reads what is there when a file was cut short; its log keeps the proof.
/// WAV "data : 1323000 (should be 256)", AIFF "SSND : ...", AU "Data Size : ...", W64 "riff :
/// ... (should be ...)", RF64 "Calculated frame count A does not match value from 'ds64'
/// chunk of B". A declared size above the bytes present means truncation. 0 and 0xFFFFFFFF
/// mark streamed files of unknown length, which are fine.
std::optional<std::string> truncation(SNDFILE* file) {
    char log[16384] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof(log));
    // "should be" goes negative when the file ends inside the header (AU cut at 30 bytes).
    static const std::regex declaredSize(
        R"(^\s*(data|SSND|Data Size|riff)\s*:\s*(\d+)\s*\(should be (-?\d+)\))",
        std::regex::multiline);
    static const std::regex rf64Frames(
        R"(Calculated frame count (\d+) does not match value from 'ds64' chunk of (\d+))");
    for (std::cregex_iterator it(log, log + std::strlen(log), declaredSize), end; it != end; ++it) {
        const unsigned long long declared = std::stoull((*it)[2]);
        const long long present = std::stoll((*it)[3]);
        if (present < 0)
            return "truncated audio: the file ends inside its header";
        if (declared > static_cast<unsigned long long>(present) && declared != 0xFFFFFFFFULL)
            return "truncated audio: the header promises " + std::to_string(declared) +
                   " bytes but the file holds " + std::to_string(present);
    }
    std::cmatch frames;
    if (std::regex_search(log, frames, rf64Frames) &&
        std::stoull(frames[1]) < std::stoull(frames[2]))
        return "truncated audio: the header promises " + frames[2].str() +
               " frames but the file holds " + frames[1].str();
    return std::nullopt;
}

/// Bytes per frame of uncompressed CAF data, or 0 when the encoding is compressed.
int cafFrameBytes(const SF_INFO& info) {
    int sampleBytes = 0;
    switch (info.format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_ULAW:
    case SF_FORMAT_ALAW:
        sampleBytes = 1;
        break;
    case SF_FORMAT_PCM_16:
        sampleBytes = 2;
        break;
    case SF_FORMAT_PCM_24:
        sampleBytes = 3;
        break;
    case SF_FORMAT_PCM_32:
    case SF_FORMAT_FLOAT:
        sampleBytes = 4;
        break;
    case SF_FORMAT_DOUBLE:
        sampleBytes = 8;
        break;
    default:
        return 0;
    }
    return sampleBytes * info.channels;
}

/// CAF's "data : N" counts the 4-byte edit count too, and libsndfile clamps the frame count to
/// what the file holds without a "should be" note, so a cut of under a few frames needs this.
std::optional<std::string> cafTruncation(SNDFILE* file, const SF_INFO& info) {
    const int frameBytes = cafFrameBytes(info);
    if (frameBytes == 0)
        return std::nullopt;
    char log[16384] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof(log));
    static const std::regex dataSize(R"(^data\s*:\s*(\d+)\s*$)", std::regex::multiline);
    std::cmatch match;
    if (!std::regex_search(log, match, dataSize))
        return std::nullopt;
    const unsigned long long declared = std::stoull(match[1]);
    if (declared < 4 || declared == ~0ULL) // -1: a CAF written as a stream, length unknown
        return std::nullopt;
    const auto declaredFrames = static_cast<long long>((declared - 4) / unsigned(frameBytes));
    if (declaredFrames > info.frames)
        return "truncated audio: the header promises " + std::to_string(declaredFrames) +
               " frames but the file holds " + std::to_string(info.frames);
    return std::nullopt;
}

/// An MP3's frame count is exact only when a Xing/Info (LAME, ffmpeg) or VBRI tag states it;
/// otherwise libsndfile estimates it from the bitrate. The tag sits in the first MPEG frame,
/// after any ID3v2 tag (whose size is four 7-bit bytes).
bool mpegHasLengthTag(ByteSource& source) {
    char header[10] = {};
    sf_count_t start = 0;
    if (source.file ? source.file->readAt(header, 10, 0) == 10 : source.memory.size() >= 10) {
        if (!source.file)
            std::memcpy(header, source.memory.data(), 10);
        if (std::memcmp(header, "ID3", 3) == 0)
            start =
                10 + ((sf_count_t(header[6] & 0x7f) << 21) | (sf_count_t(header[7] & 0x7f) << 14) |
                      (sf_count_t(header[8] & 0x7f) << 7) | sf_count_t(header[9] & 0x7f));
    }
    constexpr sf_count_t kFirstFrameBytes = 4096;
    std::string frame(std::size_t{kFirstFrameBytes}, '\0');
    sf_count_t got = 0;
    if (source.file) {
        got = source.file->readAt(frame.data(), kFirstFrameBytes, start);
    } else if (start < sf_count_t(source.memory.size())) {
        got = std::min<sf_count_t>(kFirstFrameBytes, sf_count_t(source.memory.size()) - start);
        std::memcpy(frame.data(), source.memory.data() + start, std::size_t(got));
    }
    frame.resize(std::size_t(std::max<sf_count_t>(got, 0)));
    for (const char* tag : {"Xing", "Info", "VBRI"})
        if (frame.find(tag) != std::string::npos)
            return true;
    return false;
}

bool hasSunAudioName(const std::string& path) {
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos)
        return false;
    std::string extension = path.substr(dot);
    for (char& c : extension)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return extension == ".au" || extension == ".snd";
}

sf_count_t sourceLength(void* user) {
    return static_cast<ByteSource*>(user)->size();
}
sf_count_t sourceSeek(sf_count_t offset, int whence, void* user) {
    auto* source = static_cast<ByteSource*>(user);
    const sf_count_t base = whence == SEEK_CUR   ? source->position
                            : whence == SEEK_END ? source->size()
                                                 : 0;
    source->position = std::clamp<sf_count_t>(base + offset, 0, source->size());
    return source->position;
}
sf_count_t sourceRead(void* destination, sf_count_t count, void* user) {
    auto* source = static_cast<ByteSource*>(user);
    const sf_count_t wanted = std::clamp<sf_count_t>(count, 0, source->size() - source->position);
    sf_count_t taken = wanted;
    if (source->file) {
        taken = source->file->readAt(destination, wanted, source->position);
        if (taken < 0) {
            if (source->readErrno == 0)
                source->readErrno = errno;
            return 0;
        }
    } else {
        std::memcpy(destination, source->memory.data() + source->position, std::size_t(wanted));
    }
    source->position += taken;
    return taken;
}
sf_count_t sourceWrite(const void*, sf_count_t, void*) {
    return 0;
}
sf_count_t sourceTell(void* user) {
    return static_cast<ByteSource*>(user)->position;
}

} // namespace

Result<OpenedAudio> openEncoded(ByteSource& source, const std::string& name) {
    if (source.size() == 0)
        return Error{ErrorKind::Unreadable, "zero-byte file: " + name};
    // libsndfile keeps a failed open's error in one global that any other thread's open
    // overwrites ("No Error."): opens take turns, so the message read is this open's own.
    static std::mutex openTurn;
    std::unique_lock turn(openTurn);
    SF_VIRTUAL_IO io{sourceLength, sourceSeek, sourceRead, sourceWrite, sourceTell};
    SF_INFO info{};
    SndfileHandle handle(sf_open_virtual(&io, SFM_READ, &info, &source));
    // soundfile opens by name, and libsndfile then also tries the file's extension (headerless
    // GSM, VOX, u-law; an MP3 after junk) and parses some streamed files (W64 from a pipe)
    // that its virtual I/O refuses. Open the same file by name, as soundfile does.
    // libsndfile's message for the bytes themselves, kept if opening by name fails too.
    const std::string virtualError = handle ? "" : sf_strerror(nullptr);
    if (!handle && source.readErrno == 0 && source.file && source.file->isAt(source.file->name())) {
        info = SF_INFO{};
        handle.reset(sf_open(source.file->name().c_str(), SFM_READ, &info));
        // For a .au or .snd name without the Sun header, that guess is headerless 8 kHz u-law,
        // which would turn any text or damaged file into noise. Cepstra says so instead.
        if (handle && (info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_RAW &&
            hasSunAudioName(source.file->name()))
            return Error{ErrorKind::Unreadable,
                         "no Sun audio header (.snd) in " + name +
                             ": libsndfile would guess headerless 8 kHz u-law; if that is what "
                             "it holds, convert it with `sox -t ul -r 8000 FILE out.wav`"};
    }
    if (!handle) {
        if (source.readErrno != 0)
            return Error{ErrorKind::ReadFailed,
                         "cannot read " + name + ": " + std::strerror(source.readErrno)};
        return Error{ErrorKind::Unreadable, "cannot decode " + name + ": " + virtualError};
    }
    if (info.samplerate <= 0 || info.channels <= 0)
        return Error{ErrorKind::Unreadable, "invalid header (no sample rate or channels): " + name};
    if (info.samplerate < kMinNativeRateHz)
        return Error{ErrorKind::Unreadable,
                     "the header says " + std::to_string(info.samplerate) + " Hz, below the " +
                         std::to_string(kMinNativeRateHz) +
                         " Hz Cepstra resamples from; the file is damaged or not audio: " + name};
    if (auto problem = truncation(handle.get()))
        return Error{ErrorKind::Unreadable, *problem + ": " + name};
    const int major = info.format & SF_FORMAT_TYPEMASK;
    if (major == SF_FORMAT_CAF)
        if (auto problem = cafTruncation(handle.get(), info))
            return Error{ErrorKind::Unreadable, *problem + ": " + name};

    // libsndfile learns an Ogg stream's length from its last page; without one it reports
    // SF_COUNT_MAX, and soundfile.read (so librosa.load) raises.
    if (major == SF_FORMAT_OGG && info.frames == SF_COUNT_MAX)
        return Error{ErrorKind::Unreadable,
                     "the Ogg stream's length cannot be read (no valid final page): the file is "
                     "cut short or damaged; encode or download it again: " +
                         name};

    OpenedAudio opened;
    // MPEG audio, in an MP3 or inside a WAV (format 0x55), has a frame count estimated from the
    // bitrate unless a tag states it; a FLAC stream written to a pipe states none at all.
    const int encoding = info.format & SF_FORMAT_SUBMASK;
    const bool mpegCoded = major == SF_FORMAT_MPEG || encoding == SF_FORMAT_MPEG_LAYER_I ||
                           encoding == SF_FORMAT_MPEG_LAYER_II ||
                           encoding == SF_FORMAT_MPEG_LAYER_III;
    // Headerless files (opened by extension) state no size: their count is the file's length.
    const bool lengthUnknown = info.frames == SF_COUNT_MAX;
    opened.sizeIsDeclared =
        !mpegCoded && major != SF_FORMAT_OGG && major != SF_FORMAT_RAW && !lengthUnknown;
    const bool framesExact = !lengthUnknown && major != SF_FORMAT_RAW &&
                             (major == SF_FORMAT_MPEG ? mpegHasLengthTag(source) : !mpegCoded);
    opened.sizeIsTagged = major == SF_FORMAT_MPEG && framesExact;
    opened.info = {info.samplerate, info.channels, lengthUnknown ? 0 : std::int64_t(info.frames),
                   describeFormat(info.format), framesExact};
    opened.handle = std::move(handle);
    return opened;
}

} // namespace cepstra
