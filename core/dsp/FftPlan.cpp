// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/FftPlan.h"

#include <fftw3.h>

#include <map>
#include <mutex>
#include <new>
#include <utility>

namespace cepstra {
namespace {

// FFTW's planners are not thread-safe (one lock covers both precisions); execution with the
// new-array interface is.
std::mutex& plannerMutex() {
    static std::mutex mutex;
    return mutex;
}

// FFTW's API for the element type; only double is instantiated (see MelSpectrogram).
template <typename Real> struct Fftw;
template <> struct Fftw<double> {
    static void* allocate(std::size_t bytes) { return fftw_malloc(bytes); }
    static void release(void* data) { fftw_free(data); }
    static void* plan(int n, double* in, std::complex<double>* out) {
        return fftw_plan_dft_r2c_1d(n, in, reinterpret_cast<fftw_complex*>(out), FFTW_ESTIMATE);
    }
    static void destroy(void* plan) { fftw_destroy_plan(static_cast<fftw_plan>(plan)); }
    static void execute(void* plan, double* in, std::complex<double>* out) {
        fftw_execute_dft_r2c(static_cast<fftw_plan>(plan), in,
                             reinterpret_cast<fftw_complex*>(out));
    }
};

} // namespace

template <typename Real>
FftBuffer<Real>::FftBuffer(std::size_t count)
    : m_data(Fftw<Real>::allocate(count * sizeof(std::complex<Real>))) {
    if (!m_data)
        throw std::bad_alloc();
}
template <typename Real> FftBuffer<Real>::~FftBuffer() {
    Fftw<Real>::release(m_data);
}
template <typename Real>
FftBuffer<Real>::FftBuffer(FftBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)) {}
template <typename Real> FftBuffer<Real>& FftBuffer<Real>::operator=(FftBuffer&& other) noexcept {
    std::swap(m_data, other.m_data);
    return *this;
}

template <typename Real>
RealFftPlan<Real>::RealFftPlan(int size)
    : m_size(size) {
    FftBuffer<Real> input{static_cast<std::size_t>(size)};
    FftBuffer<Real> output{static_cast<std::size_t>(size / 2 + 1)};
    m_plan = Fftw<Real>::plan(size, input.reals(), output.complexes());
    if (!m_plan)
        throw std::bad_alloc();
}

template <typename Real> RealFftPlan<Real>::~RealFftPlan() {
    std::lock_guard lock(plannerMutex());
    Fftw<Real>::destroy(m_plan);
}

template <typename Real>
std::shared_ptr<const RealFftPlan<Real>> RealFftPlan<Real>::forSize(int size) {
    std::lock_guard lock(plannerMutex());
    static std::map<int, std::weak_ptr<const RealFftPlan>> cache;
    if (auto existing = cache[size].lock())
        return existing;
    auto plan = std::shared_ptr<const RealFftPlan>(new RealFftPlan(size));
    cache[size] = plan;
    return plan;
}

template <typename Real>
void RealFftPlan<Real>::execute(Real* input, std::complex<Real>* output) const {
    Fftw<Real>::execute(m_plan, input, output);
}

template class FftBuffer<double>;
template class RealFftPlan<double>;

} // namespace cepstra
