// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Spectrogram.h"

#include "core/dsp/Window.h"

#include <cmath>

namespace cepstra {
namespace {

constexpr long long kFramesPerBlock = 64; // frames between polls of the cancel token

/// numpy.pad(mode="reflect") for any pad width: a triangle wave over indices, period 2(n-1).
long long reflectIndex(long long index, long long length) {
    if (length == 1)
        return 0;
    const long long period = 2 * (length - 1);
    index %= period;
    if (index < 0)
        index += period;
    return index < length ? index : period - index;
}

// The hot loops, with AVX2 clones picked at run time where the CPU has them. Element-wise
// products and sums without FMA give the same bits in every clone.
__attribute__((target_clones("avx2", "default"))) void
multiplyWindow(const double* weights, const float* samples, double* frame, int count) {
    for (int i = 0; i < count; ++i)
        frame[i] = weights[i] * double(samples[i]);
}

/// librosa stores the STFT as complex64, then takes np.abs(...) ** 2 in float32.
__attribute__((target_clones("avx2", "default"))) void squaredMagnitudes(const double* parts,
                                                                         float* power, int bins) {
    for (int k = 0; k < bins; ++k) {
        const auto re = float(parts[2 * k]);
        const auto im = float(parts[2 * k + 1]);
        power[k] = re * re + im * im;
    }
}

} // namespace

/// Python's floor division (rounds toward minus infinity), as librosa's arithmetic uses.
static long long floorDivide(long long numerator, long long denominator) {
    const long long quotient = numerator / denominator;
    return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1
                                                                                  : quotient;
}

Result<FrameLayout> layoutFrames(long long sampleCount, int nFft, int hopLength, bool center) {
    FrameLayout layout{nFft, hopLength, center ? nFft / 2 : 0, 0};
    const long long paddedLength = sampleCount + 2LL * layout.padding;
    if (sampleCount < 1 || paddedLength < nFft) {
        if (!center)
            return Error{ErrorKind::TooShort,
                         "n_fft=" + std::to_string(nFft) +
                             " is too large for uncentered analysis of input signal of length=" +
                             std::to_string(sampleCount) + "; use a smaller n_fft or center=true"};
        return Error{ErrorKind::EmptyAudio, "the clip has no samples to analyse"};
    }
    layout.frameCount = 1 + (paddedLength - nFft) / hopLength;
    if (center) {
        // librosa.stft: start_k = ceil(pad / hop), tail_k = (n + pad - n_fft) // hop + 1.
        const long long startFrame = (layout.padding + hopLength - 1) / hopLength;
        const long long tailFrame = floorDivide(sampleCount + layout.padding - nFft, hopLength) + 1;
        if (tailFrame > startFrame) {
            layout.tailFrame = tailFrame;
            layout.tailSliceStart = tailFrame * hopLength - layout.padding;
        }
    }
    return layout;
}

float paddedFrameSample(std::span<const float> signal, const FrameLayout& layout, PadMode padMode,
                        long long frame, int offset) {
    const auto length = static_cast<long long>(signal.size());
    const long long index = frame * layout.hopLength - layout.padding + offset;
    if (index >= 0 && index < length)
        return signal[std::size_t(index)];
    if (padMode == PadMode::Constant)
        return 0.0f;
    if (index >= length && layout.tailSliceStart >= 0 && frame >= layout.tailFrame) {
        const long long sliceStart = layout.tailSliceStart;
        return signal[std::size_t(sliceStart +
                                  reflectIndex(index - sliceStart, length - sliceStart))];
    }
    return signal[std::size_t(reflectIndex(index, length))];
}

MelSpectrogram::MelSpectrogram(const StftParameters& stft, const MelFilterbankParameters& mel)
    : m_nFft(stft.nFft)
    , m_hopLength(stft.hopLength)
    , m_center(stft.center)
    , m_padMode(stft.padMode)
    , m_power(stft.power)
    , m_window(makeCenteredWindow(stft.window, stft.winLength, stft.nFft))
    , m_fft(RealFftPlan<double>::forSize(stft.nFft))
    , m_filterbank(mel) {}

void MelSpectrogram::gatherFrame(std::span<const float> signal, const FrameLayout& layout,
                                 long long frameIndex, double* frame) const {
    const auto length = static_cast<long long>(signal.size());
    const long long start = frameIndex * layout.hopLength - layout.padding;
    const double* weights = m_window.data();
    if (start >= 0 && start + m_nFft <= length) {
        multiplyWindow(weights, signal.data() + start, frame, m_nFft);
        return;
    }
    // Frames that reach into the centre padding.
    for (int i = 0; i < m_nFft; ++i)
        frame[i] = weights[i] * double(paddedFrameSample(signal, layout, m_padMode, frameIndex, i));
}

void MelSpectrogram::binPower(const std::complex<double>* spectrum, int bins, float* power) const {
    // librosa stores the STFT as complex64, then takes np.abs(...) ** power in float32. Plain
    // arrays (not std::complex) let the compiler vectorise the power-2 case.
    const auto* parts = reinterpret_cast<const double*>(spectrum);
    if (m_power == 2.0) {
        squaredMagnitudes(parts, power, bins);
        return;
    }
    const auto exponent = float(m_power);
    for (int k = 0; k < bins; ++k) {
        const float magnitude = std::hypot(float(parts[2 * k]), float(parts[2 * k + 1]));
        power[k] = exponent == 1.0f ? magnitude : std::pow(magnitude, exponent);
    }
}

Result<FeatureMatrix> MelSpectrogram::compute(std::span<const float> signal,
                                              const CancelToken* cancel) const {
    const RealFftPlan<double>& fft = *m_fft;
    auto layout =
        layoutFrames(static_cast<long long>(signal.size()), m_nFft, m_hopLength, m_center);
    if (!layout)
        return layout.error();
    const long long frameCount = layout->frameCount;
    const int bins = fft.binCount();
    const int bands = m_filterbank.bandCount();

    FftBuffer<double> frame{static_cast<std::size_t>(m_nFft)};
    FftBuffer<double> spectrum{static_cast<std::size_t>(bins)};
    std::vector<float> framePower(static_cast<std::size_t>(bins));
    FeatureMatrix mel(bands, frameCount);

    for (long long t = 0; t < frameCount; ++t) {
        if (t % kFramesPerBlock == 0 && cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        gatherFrame(signal, *layout, t, frame.reals());
        fft.execute(frame.reals(), spectrum.complexes());
        binPower(spectrum.complexes(), bins, framePower.data());
        m_filterbank.applyToFrame(framePower.data(), mel.data() + t, frameCount);
    }
    return mel;
}

} // namespace cepstra
