// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Spectrogram.h"

#include "core/dsp/Window.h"

#include <cmath>

namespace cepstra {
namespace {

constexpr long long kFramesPerBlock = 64;

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

} // namespace

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
    return layout;
}

MelSpectrogram::MelSpectrogram(const FeatureConfig& config)
    : m_nFft(config.nFft)
    , m_hopLength(config.hopLength)
    , m_center(config.center)
    , m_padMode(config.padMode)
    , m_power(config.power)
    , m_window(makeCenteredWindow(config.window, config.effectiveWinLength(), config.nFft))
    , m_filterbank(config.sampleRateHz, config.nFft, config.nMels, config.fminHz,
                   config.effectiveFmaxHz(), config.htk, config.melNorm == MelNorm::Slaney) {
    const bool singlePrecisionSuffices = config.power >= 2.0 && config.lifter == 0.0;
    if (singlePrecisionSuffices)
        m_floatFft = RealFftPlan<float>::forSize(config.nFft);
    else
        m_doubleFft = RealFftPlan<double>::forSize(config.nFft);
}

template <typename Real>
void MelSpectrogram::gatherFrame(std::span<const float> signal, long long start,
                                 Real* frame) const {
    const auto length = static_cast<long long>(signal.size());
    if (start >= 0 && start + m_nFft <= length) {
        for (int i = 0; i < m_nFft; ++i)
            frame[i] = Real(m_window[std::size_t(i)]) * signal[std::size_t(start + i)];
        return;
    }
    // Frames that reach into the centre padding.
    for (int i = 0; i < m_nFft; ++i) {
        const long long index = start + i;
        float sample = 0.0f;
        if (index >= 0 && index < length)
            sample = signal[std::size_t(index)];
        else if (m_padMode == PadMode::Reflect)
            sample = signal[std::size_t(reflectIndex(index, length))];
        frame[i] = Real(m_window[std::size_t(i)]) * sample;
    }
}

Result<FeatureMatrix> MelSpectrogram::compute(std::span<const float> signal,
                                              const CancelToken* cancel) const {
    return m_floatFft ? computeWith(*m_floatFft, signal, cancel)
                      : computeWith(*m_doubleFft, signal, cancel);
}

template <typename Real>
Result<FeatureMatrix> MelSpectrogram::computeWith(const RealFftPlan<Real>& fft,
                                                  std::span<const float> signal,
                                                  const CancelToken* cancel) const {
    auto layout =
        layoutFrames(static_cast<long long>(signal.size()), m_nFft, m_hopLength, m_center);
    if (!layout)
        return layout.error();
    const long long frameCount = layout->frameCount;
    const int bins = fft.binCount();
    const int bands = m_filterbank.bandCount();

    FftBuffer<Real> frame{static_cast<std::size_t>(m_nFft)};
    FftBuffer<Real> spectrum{static_cast<std::size_t>(bins)};
    std::vector<float> binPower(static_cast<std::size_t>(bins));
    // Frame-major while computing (one contiguous row per frame), transposed once at the end.
    FeatureMatrix byFrame(frameCount, bands);
    const float exponent = float(m_power);

    for (long long blockStart = 0; blockStart < frameCount; blockStart += kFramesPerBlock) {
        if (cancel && cancel->stopRequested())
            return Error{ErrorKind::Cancelled, "cancelled"};
        const long long blockEnd = std::min(frameCount, blockStart + kFramesPerBlock);
        for (long long t = blockStart; t < blockEnd; ++t) {
            gatherFrame(signal, t * m_hopLength - layout->padding, frame.reals());
            fft.execute(frame.reals(), spectrum.complexes());
            const std::complex<Real>* X = spectrum.complexes();
            if (exponent == 2.0f) {
                for (int k = 0; k < bins; ++k) {
                    const auto re = float(X[k].real());
                    const auto im = float(X[k].imag());
                    binPower[std::size_t(k)] = re * re + im * im;
                }
            } else {
                // librosa: the STFT is stored as complex64, then np.abs(...) ** power in float32.
                for (int k = 0; k < bins; ++k) {
                    const float magnitude = std::hypot(float(X[k].real()), float(X[k].imag()));
                    binPower[std::size_t(k)] =
                        exponent == 1.0f ? magnitude : std::pow(magnitude, exponent);
                }
            }
            m_filterbank.apply(binPower.data(), byFrame.row(t).data());
        }
    }
    return FeatureMatrix(byFrame.transpose());
}

} // namespace cepstra
