// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/io/InputFile.h"

#include <sndfile.h>

#include <memory>
#include <string>
#include <string_view>

namespace cepstra {

/// Encoded audio for libsndfile's virtual I/O: a file read with pread(), or bytes in memory.
/// Internal to core/audio. Each decode owns its own source; not shared between threads.
struct ByteSource {
    const InputFile* file = nullptr; ///< read from here when set, else from `memory`
    std::string_view memory;
    sf_count_t position = 0;
    int readErrno = 0; ///< the first read error, reported after decoding

    sf_count_t size() const {
        return file ? sf_count_t(file->sizeBytes()) : sf_count_t(memory.size());
    }
};

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

/// An opened, checked decoder and what its header says.
struct OpenedAudio {
    SndfileHandle handle;
    AudioInfo info;
    /// The header states the exact data size (WAV, RF64, W64, AIFF, AU, CAF, FLAC with a
    /// total...), so fewer decoded frames than info.frames means the file was cut short. False
    /// for MPEG audio (in MP3 or WAV) and Ogg, whose count is the decoder's estimate or its own
    /// last-page position, for FLAC without a total, and for headerless (RAW) files.
    bool sizeIsDeclared = true;
    /// An MP3 whose Xing/Info/VBRI tag states its frame count: far fewer decoded frames mean
    /// the file was cut short (a decoder's gapless trimming differs by a frame or two only).
    bool sizeIsTagged = false;
};

/// Opens encoded audio and checks its header: the one place that decides whether a file is
/// audio at all. Fails for an empty file, an undecodable one, a header without rate or
/// channels, a container whose declared data size exceeds what the file holds, and a native
/// rate below kMinNativeRateHz. `source` must outlive the handle.
Result<OpenedAudio> openEncoded(ByteSource& source, const std::string& name);

} // namespace cepstra
