// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/Resampler.h"

#include <soxr.h>

#include <cmath>
#include <stdexcept>

namespace cepstra {
namespace {

soxr* createSoxr(int fromRateHz, int toRateHz) {
    const soxr_io_spec_t ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    soxr_error_t error = nullptr;
    soxr* created = soxr_create(fromRateHz, toRateHz, 1, &error, &ioSpec, &quality, nullptr);
    if (error || !created)
        throw std::runtime_error(std::string("cannot create the resampler: ") +
                                 (error ? error : "unknown error"));
    return created;
}

} // namespace

SoxrStream::SoxrStream(int fromRateHz, int toRateHz)
    : m_soxr(createSoxr(fromRateHz, toRateHz), soxr_delete)
    , m_ratio(double(toRateHz) / double(fromRateHz)) {}

SoxrStream::~SoxrStream() = default;

void SoxrStream::process(const float* samples, std::size_t count, std::vector<float>& output) {
    // A null input means "end of input": soxr then drains its delay line.
    for (bool draining = samples == nullptr;;) {
        const std::size_t room = std::size_t(std::ceil(double(count) * m_ratio)) + 1024;
        const std::size_t before = output.size();
        output.resize(before + room);
        std::size_t consumed = 0;
        std::size_t produced = 0;
        const soxr_error_t error = soxr_process(m_soxr.get(), samples, count, &consumed,
                                                output.data() + before, room, &produced);
        output.resize(before + produced);
        if (error)
            throw std::runtime_error(std::string("resampling failed: ") + error);
        if (draining) {
            if (produced == 0)
                return;
            continue;
        }
        if (consumed == 0 && produced == 0)
            throw std::runtime_error("resampling made no progress");
        samples += consumed;
        count -= consumed;
        if (count == 0)
            return;
    }
}

void SoxrStream::push(const float* samples, std::size_t count, std::vector<float>& output) {
    if (count == 0)
        return;
    m_inputCount += count;
    process(samples, count, output);
}

void SoxrStream::finish(std::vector<float>& output) {
    process(nullptr, 0, output);
    output.resize(std::size_t(std::ceil(double(m_inputCount) * m_ratio)), 0.0f);
}

} // namespace cepstra
