// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: arbitrary bytes through the in-memory audio decoder, as a hostile clip
// in a dataset folder would reach it. The sanitizers and the checks below are the oracle.
#include "core/audio/AudioFile.h"

#include <sndfile.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace {

/// The rate the header declares, read by libsndfile itself; 0 when it is not audio.
int declaredRateHz(const std::uint8_t* data, std::size_t size) {
    const int descriptor = memfd_create("fuzz_decoder", MFD_CLOEXEC);
    if (descriptor < 0 || write(descriptor, data, size) != ssize_t(size) ||
        lseek(descriptor, 0, SEEK_SET) != 0) {
        if (descriptor >= 0)
            close(descriptor);
        return 0;
    }
    SF_INFO info{};
    SNDFILE* file = sf_open_fd(descriptor, SFM_READ, &info, SF_TRUE);
    if (!file) {
        close(descriptor);
        return 0;
    }
    sf_close(file);
    return info.samplerate;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Resampling to at most the native rate: a 1 Hz header upsampled to 22050 Hz would make
    // every small input an out-of-memory report and hide the bugs behind it.
    const int nativeRateHz = declaredRateHz(data, size);
    const int targetRateHz = nativeRateHz > 0 ? std::min(22050, nativeRateHz) : 22050;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto loaded = cepstra::loadAudioFromMemory(bytes, "fuzz-input", targetRateHz);
    if (!loaded)
        return 0;
    // What the header promises: a positive rate and channel count, mono output at the target.
    if (loaded->native.sampleRateHz <= 0 || loaded->native.channels <= 0 ||
        loaded->sampleRateHz != targetRateHz)
        __builtin_trap();
    return 0;
}
