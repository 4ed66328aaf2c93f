// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dsp/FftPlan.h"
#include "core/dsp/MelFilterbank.h"
#include "core/features/FeatureConfig.h"
#include "core/features/FeatureMatrix.h"
#include "core/util/CancelToken.h"
#include "core/util/Result.h"

#include <memory>
#include <span>
#include <type_traits>
#include <vector>

namespace cepstra {

/// Frame geometry of librosa.stft: how many frames a signal gives and where each starts.
struct FrameLayout {
    int nFft = 0;
    int hopLength = 0;
    int padding = 0; ///< samples added on each side (n_fft/2 when centred)
    long long frameCount = 0;
    /// librosa 0.11 pads a long signal's head and tail separately: frames from tailFrame on are
    /// cut from y[tailSliceStart:] padded on its own. Reflection inside that slice differs from
    /// reflecting the whole signal when hop_length >= n_fft/2. -1 when the whole signal is padded.
    long long tailFrame = -1;
    long long tailSliceStart = -1;
};

/// Frames for a signal of `sampleCount` samples, or an error when uncentred analysis has fewer
/// samples than n_fft (librosa raises the same ParameterError).
Result<FrameLayout> layoutFrames(long long sampleCount, int nFft, int hopLength, bool center);

/// Sample `offset` of frame `frame` as librosa.stft frames the (centre-padded) signal, before
/// the window. Constant padding gives zeros; reflect padding follows numpy.pad, applied to the
/// pieces librosa pads. For frames that reach past either end of the signal.
float paddedFrameSample(std::span<const float> signal, const FrameLayout& layout, PadMode padMode,
                        long long frame, int offset);

/// librosa.feature.melspectrogram(y, sr, n_fft, hop_length, win_length, window, center,
/// pad_mode, power, n_mels, fmin, fmax, htk, norm): |STFT|^power through a mel filterbank.
/// Holds the FFT plan, window and filterbank for one configuration; immutable once built, and
/// compute() may run on many threads at once.
///
/// librosa's FFT runs in double. With power >= 2 and no lifter, power_to_db's 80 dB floor hides
/// float32 FFT rounding (MFCC error below 1/4 of the golden tolerance), so we use FFTW's single
/// precision for speed. With power < 2 the floor reaches further below the peak, and a lifter
/// multiplies high coefficients by up to 1 + lifter/2; both make float32 rounding visible, so
/// those configurations use double.
class MelSpectrogram {
public:
    explicit MelSpectrogram(const FeatureConfig& config);

    const MelFilterbank& filterbank() const { return m_filterbank; }

    /// Returns the (n_mels, frames) mel spectrogram. Polls `cancel` between blocks of frames.
    Result<FeatureMatrix> compute(std::span<const float> signal, const CancelToken* cancel) const;

private:
    template <typename Real>
    Result<FeatureMatrix> computeWith(const RealFftPlan<Real>& fft, std::span<const float> signal,
                                      const CancelToken* cancel) const;
    template <typename Real>
    void binPower(const std::complex<Real>* spectrum, int bins, float* power) const;
    template <typename Real>
    void gatherFrame(std::span<const float> signal, const FrameLayout& layout, long long frameIndex,
                     Real* frame) const;

    int m_nFft;
    int m_hopLength;
    bool m_center;
    PadMode m_padMode;
    double m_power;
    template <typename Real> const Real* window() const {
        if constexpr (std::is_same_v<Real, float>)
            return m_windowFloat.data();
        else
            return m_window.data();
    }

    std::vector<double> m_window;
    std::vector<float> m_windowFloat; // the same window rounded once, for the float path
    std::shared_ptr<const RealFftPlan<float>> m_floatFft;   // when single precision suffices
    std::shared_ptr<const RealFftPlan<double>> m_doubleFft; // otherwise
    MelFilterbank m_filterbank;
};

} // namespace cepstra
