// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <complex>
#include <cstddef>
#include <memory>

namespace cepstra {

/// A buffer from fftwf_malloc, aligned as FFTW's SIMD codelets expect. Move-only.
class FftBuffer {
public:
    explicit FftBuffer(std::size_t bytes);
    ~FftBuffer();
    FftBuffer(FftBuffer&& other) noexcept;
    FftBuffer& operator=(FftBuffer&& other) noexcept;
    FftBuffer(const FftBuffer&) = delete;
    FftBuffer& operator=(const FftBuffer&) = delete;

    float* floats() { return static_cast<float*>(m_data); }
    std::complex<float>* complexes() { return static_cast<std::complex<float>*>(m_data); }

private:
    void* m_data = nullptr;
};

/// A single-precision real-to-complex FFT plan of one size (FFTW_ESTIMATE, so the same plan and
/// the same bits on every run). Plans are created once per size and shared: forSize() may be
/// called from any thread (planning is serialised), and execute() from many threads at once on
/// their own FftBuffers.
class RealFftPlan {
public:
    static std::shared_ptr<const RealFftPlan> forSize(int size);
    ~RealFftPlan();
    RealFftPlan(const RealFftPlan&) = delete;
    RealFftPlan& operator=(const RealFftPlan&) = delete;

    int size() const { return m_size; }
    int binCount() const { return m_size / 2 + 1; }
    /// `input` holds size() floats, `output` binCount() complexes; both from FftBuffer.
    void execute(float* input, std::complex<float>* output) const;

private:
    explicit RealFftPlan(int size); // called by forSize() under the planner lock

    int m_size;
    void* m_plan = nullptr; // fftwf_plan, kept opaque so fftw3.h stays out of headers
};

} // namespace cepstra
