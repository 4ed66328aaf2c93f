// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/dsp/FftPlan.h"
#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Window.h"
#include "core/util/CancelToken.h"
#include "core/util/FeatureMatrix.h"
#include "core/util/Result.h"

#include <memory>
#include <span>
#include <vector>

namespace cepstra {

/// How librosa.stft fills the centre padding: numpy.pad's "constant" (zeros) or "reflect".
enum class PadMode { Constant, Reflect };

/// What librosa.stft and the magnitude step take (n_fft, hop_length, win_length, window,
/// center, pad_mode, and the exponent on |STFT|). The FFT always runs in double precision and
/// is rounded to complex64, as librosa's: see MelSpectrogram.
struct StftParameters {
    int nFft = 2048;      ///< samples
    int hopLength = 512;  ///< samples
    int winLength = 2048; ///< samples, at most nFft (librosa's None is nFft)
    WindowType window = WindowType::Hann;
    bool center = true;
    PadMode padMode = PadMode::Constant;
    double power = 2.0;
};

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
/// Precision as librosa's, by construction: librosa multiplies the float32 frames by a float64
/// window, so its FFT runs in float64 and only the result is rounded to complex64. A float32
/// FFT differs by about 1% in power in bands 60-90 dB below a frame's peak, which log-mel and
/// MFCCs show (../shared/golden-quiet), so there is no single-precision path.
class MelSpectrogram {
public:
    MelSpectrogram(const StftParameters& stft, const MelFilterbankParameters& mel);

    const MelFilterbank& filterbank() const { return m_filterbank; }

    /// Returns the (n_mels, frames) mel spectrogram. Polls `cancel` between blocks of frames.
    Result<FeatureMatrix> compute(std::span<const float> signal, const CancelToken* cancel) const;

private:
    void binPower(const std::complex<double>* spectrum, int bins, float* power) const;
    void gatherFrame(std::span<const float> signal, const FrameLayout& layout, long long frameIndex,
                     double* frame) const;

    int m_nFft;
    int m_hopLength;
    bool m_center;
    PadMode m_padMode;
    double m_power;
    std::vector<double> m_window;
    std::shared_ptr<const RealFftPlan<double>> m_fft;
    MelFilterbank m_filterbank;
};

} // namespace cepstra
