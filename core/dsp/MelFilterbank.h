// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"

#include <vector>

namespace cepstra {

/// Mel scale conversions, as librosa.hz_to_mel / mel_to_hz: Slaney's (linear below 1 kHz,
/// logarithmic above) or, with htk=true, 2595 * log10(1 + f / 700).
double hzToMel(double hz, bool htk);
double melToHz(double mel, bool htk);

/// Mel filter normalisation: librosa's norm="slaney" (each triangle has unit area) or None.
enum class MelNorm { None, Slaney };

/// What librosa.filters.mel takes. fmax must already be resolved (librosa's None is sr/2).
struct MelFilterbankParameters {
    double sampleRateHz = 22050.0;
    int nFft = 2048;
    int nMels = 128;
    double fminHz = 0.0;
    double fmaxHz = 11025.0;
    bool htk = false;
    MelNorm norm = MelNorm::Slaney;
};

/// librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm), stored sparsely: each band
/// keeps only its non-zero FFT bins. Weights are computed in double and rounded to float32, as
/// librosa stores them. Immutable once built; share it between threads freely.
class MelFilterbank {
public:
    explicit MelFilterbank(const MelFilterbankParameters& parameters);

    int bandCount() const { return int(m_bands.size()); }
    int binCount() const { return m_binCount; }
    /// Centre frequency of each band in Hz (the mel_f points 1..n_mels).
    const std::vector<double>& centerFrequenciesHz() const { return m_centersHz; }
    /// Bands with no weight at all (their rows stay zero), counted as librosa.filters.mel
    /// does before it warns "Empty filters detected": a band whose lower edge is 0 Hz is
    /// never counted. Happens with more mel bands than FFT bins can resolve.
    int emptyBandCount() const { return m_emptyBandCount; }

    /// Applies the filterbank to one frame: mel[m * melStride] = sum_k weight[m][k] * power[k],
    /// in float32 as librosa's einsum (a BLAS sgemm) sums it. The sum runs in eight interleaved
    /// partial sums, a fixed order that vectorises and gives the same bits on every CPU.
    void applyToFrame(const float* power, float* mel, long long melStride) const;

    /// The (bands, bins) weights as librosa.filters.mel returns them, dense float32.
    FeatureMatrix weights() const;

    /// librosa.feature.melspectrogram(S=spectrogram): applyToFrame on each column of a
    /// (bins, frames) power or magnitude spectrogram, giving (bands, frames). The rows must
    /// number binCount(). Reentrant.
    FeatureMatrix applyToSpectrogram(const FeatureMatrix& spectrogram) const;

private:
    struct Band {
        int firstBin = 0;
        std::vector<float> weights;
    };
    std::vector<Band> m_bands;
    std::vector<double> m_centersHz;
    int m_binCount = 0;
    int m_emptyBandCount = 0;
};

} // namespace cepstra
