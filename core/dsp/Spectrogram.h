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
#include <vector>

namespace cepstra {

/// Frame geometry of librosa.stft: how many frames a signal gives and where each starts.
struct FrameLayout {
    int nFft = 0;
    int hopLength = 0;
    int padding = 0;       ///< samples added on each side (n_fft/2 when centred)
    long long frameCount = 0;
};

/// Frames for a signal of `sampleCount` samples, or an error when uncentred analysis has fewer
/// samples than n_fft (librosa raises the same ParameterError).
Result<FrameLayout> layoutFrames(long long sampleCount, int nFft, int hopLength, bool center);

/// librosa.feature.melspectrogram(y, sr, n_fft, hop_length, win_length, window, center,
/// pad_mode, power, n_mels, fmin, fmax, htk, norm): |STFT|^power through a mel filterbank.
/// Holds the FFT plan, window and filterbank for one configuration; immutable once built, and
/// compute() may run on many threads at once.
class MelSpectrogram {
public:
    explicit MelSpectrogram(const FeatureConfig& config);

    const MelFilterbank& filterbank() const { return m_filterbank; }

    /// Returns the (n_mels, frames) mel spectrogram. Polls `cancel` between blocks of frames.
    Result<FeatureMatrix> compute(std::span<const float> signal, const CancelToken* cancel) const;

private:
    void gatherFrame(std::span<const float> signal, long long start, float* frame) const;

    int m_nFft;
    int m_hopLength;
    bool m_center;
    PadMode m_padMode;
    double m_power;
    std::vector<float> m_window;
    std::shared_ptr<const RealFftPlan> m_fft;
    MelFilterbank m_filterbank;
};

} // namespace cepstra
