// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

struct soxr;

namespace cepstra {

/// libsoxr HQ over a stream of mono float32 blocks, as librosa.resample(res_type="soxr_hq")
/// over the whole signal: the output does not depend on how the input is cut into blocks.
/// One instance per signal, on one thread; `output` holds this stream's output only.
class SoxrStream {
public:
    SoxrStream(int fromRateHz, int toRateHz);
    ~SoxrStream();
    SoxrStream(const SoxrStream&) = delete;
    SoxrStream& operator=(const SoxrStream&) = delete;

    /// Resamples `count` more input samples, appending what is ready to `output`.
    void push(const float* samples, std::size_t count, std::vector<float>& output);
    /// Flushes the filter's delay line into `output`, then pads with zeros or cuts it to
    /// ceil(inputCount * to / from), as librosa's fix_length does.
    void finish(std::vector<float>& output);

private:
    void process(const float* samples, std::size_t count, std::vector<float>& output);
    std::unique_ptr<soxr, void (*)(soxr*)> m_soxr;
    double m_ratio;
    std::size_t m_inputCount = 0;
};

} // namespace cepstra
