// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/FftPlan.h"

#include <fftw3.h>

#include <map>
#include <mutex>
#include <new>
#include <utility>

namespace cepstra {
namespace {
// FFTW's planner is not thread-safe; execution with the new-array interface is.
std::mutex& plannerMutex() {
    static std::mutex mutex;
    return mutex;
}
} // namespace

FftBuffer::FftBuffer(std::size_t bytes) : m_data(fftwf_malloc(bytes)) {
    if (!m_data)
        throw std::bad_alloc();
}
FftBuffer::~FftBuffer() { fftwf_free(m_data); }
FftBuffer::FftBuffer(FftBuffer&& other) noexcept : m_data(std::exchange(other.m_data, nullptr)) {}
FftBuffer& FftBuffer::operator=(FftBuffer&& other) noexcept {
    std::swap(m_data, other.m_data);
    return *this;
}

RealFftPlan::RealFftPlan(int size) : m_size(size) {
    FftBuffer input(sizeof(float) * std::size_t(size));
    FftBuffer output(sizeof(fftwf_complex) * std::size_t(size / 2 + 1));
    m_plan = fftwf_plan_dft_r2c_1d(size, input.floats(),
                                   reinterpret_cast<fftwf_complex*>(output.complexes()),
                                   FFTW_ESTIMATE);
    if (!m_plan)
        throw std::bad_alloc();
}

RealFftPlan::~RealFftPlan() {
    std::lock_guard lock(plannerMutex());
    fftwf_destroy_plan(static_cast<fftwf_plan>(m_plan));
}

std::shared_ptr<const RealFftPlan> RealFftPlan::forSize(int size) {
    std::lock_guard lock(plannerMutex());
    static std::map<int, std::weak_ptr<const RealFftPlan>> cache;
    if (auto existing = cache[size].lock())
        return existing;
    // The deleter takes the planner lock itself, so release happens outside this lock's scope.
    auto plan = std::shared_ptr<const RealFftPlan>(new RealFftPlan(size));
    cache[size] = plan;
    return plan;
}

void RealFftPlan::execute(float* input, std::complex<float>* output) const {
    fftwf_execute_dft_r2c(static_cast<fftwf_plan>(m_plan), input,
                          reinterpret_cast<fftwf_complex*>(output));
}

} // namespace cepstra
