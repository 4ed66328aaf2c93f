// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <cstddef>
#include <memory>

namespace cepstra {

/// A buffer from fftw_malloc, aligned as FFTW's SIMD codelets expect. Move-only.
template <typename Real> class FftBuffer {
public:
    explicit FftBuffer(std::size_t count);
    ~FftBuffer();
    FftBuffer(FftBuffer&& other) noexcept;
    FftBuffer& operator=(FftBuffer&& other) noexcept;
    FftBuffer(const FftBuffer&) = delete;
    FftBuffer& operator=(const FftBuffer&) = delete;

    Real* reals() { return static_cast<Real*>(m_data); }
    std::complex<Real>* complexes() { return static_cast<std::complex<Real>*>(m_data); }

private:
    void* m_data = nullptr;
};

/// A real-to-complex FFT plan of one size, in double (fftw3), planned with
/// FFTW_ESTIMATE so every run uses the same algorithm and gives the same bits. Plans are
/// created once per size and shared: forSize() may be called from any thread (planning is
/// serialised), and execute() from many threads at once on their own FftBuffers.
template <typename Real> class RealFftPlan {
public:
    static std::shared_ptr<const RealFftPlan> forSize(int size);
    ~RealFftPlan();
    RealFftPlan(const RealFftPlan&) = delete;
    RealFftPlan& operator=(const RealFftPlan&) = delete;

    int size() const { return m_size; }
    int binCount() const { return m_size / 2 + 1; }
    /// `input` holds size() reals, `output` binCount() complexes; both from FftBuffers.
    void execute(Real* input, std::complex<Real>* output) const;

private:
    explicit RealFftPlan(int size); // called by forSize() under the planner lock

    int m_size;
    void* m_plan = nullptr; // fftw(f)_plan, kept opaque so fftw3.h stays out of headers
};

extern template class FftBuffer<double>;
extern template class RealFftPlan<double>;

} // namespace cepstra
