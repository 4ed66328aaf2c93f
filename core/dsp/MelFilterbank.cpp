// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/MelFilterbank.h"

#include <algorithm>
#include <cmath>

namespace cepstra {
namespace {
// Slaney's Auditory Toolbox constants, as in librosa.hz_to_mel.
constexpr double kSlaneyHzPerMel = 200.0 / 3.0;
constexpr double kSlaneyLogStartHz = 1000.0;
constexpr double kSlaneyLogStartMel = kSlaneyLogStartHz / kSlaneyHzPerMel;
const double kSlaneyLogStep = std::log(6.4) / 27.0;
} // namespace

double hzToMel(double hz, bool htk) {
    if (htk)
        return 2595.0 * std::log10(1.0 + hz / 700.0);
    if (hz >= kSlaneyLogStartHz)
        return kSlaneyLogStartMel + std::log(hz / kSlaneyLogStartHz) / kSlaneyLogStep;
    return hz / kSlaneyHzPerMel;
}

double melToHz(double mel, bool htk) {
    if (htk)
        return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0);
    if (mel >= kSlaneyLogStartMel)
        return kSlaneyLogStartHz * std::exp(kSlaneyLogStep * (mel - kSlaneyLogStartMel));
    return kSlaneyHzPerMel * mel;
}

MelFilterbank::MelFilterbank(const MelFilterbankParameters& parameters)
    : m_binCount(1 + parameters.nFft / 2) {
    const double sampleRateHz = parameters.sampleRateHz;
    const int nFft = parameters.nFft;
    const int nMels = parameters.nMels;
    const bool htk = parameters.htk;
    const bool slaneyNorm = parameters.norm == MelNorm::Slaney;
    const double fminHz = parameters.fminHz;
    const double fmaxHz = parameters.fmaxHz;
    // mel_f: n_mels + 2 points evenly spaced in mel (np.linspace, last point exact).
    const double minMel = hzToMel(fminHz, htk);
    const double maxMel = hzToMel(fmaxHz, htk);
    const int pointCount = nMels + 2;
    std::vector<double> melF(static_cast<std::size_t>(pointCount));
    const double step = (maxMel - minMel) / double(pointCount - 1);
    for (int i = 0; i < pointCount; ++i)
        melF[std::size_t(i)] = melToHz(minMel + i * step, htk);
    melF.back() = melToHz(maxMel, htk);

    // np.fft.rfftfreq(n_fft, d=1/sr), with numpy's order of operations.
    std::vector<double> fftFreqs(static_cast<std::size_t>(m_binCount));
    const double binSpacingHz = 1.0 / (nFft * (1.0 / sampleRateHz));
    for (int k = 0; k < m_binCount; ++k)
        fftFreqs[std::size_t(k)] = k * binSpacingHz;

    m_bands.resize(std::size_t(nMels));
    m_centersHz.assign(melF.begin() + 1, melF.end() - 1);
    for (int m = 0; m < nMels; ++m) {
        const double lowerHz = melF[std::size_t(m)];
        const double centerHz = melF[std::size_t(m + 1)];
        const double upperHz = melF[std::size_t(m + 2)];
        const double enorm = slaneyNorm ? 2.0 / (upperHz - lowerHz) : 1.0;
        std::vector<float> row(std::size_t(m_binCount), 0.0f);
        for (int k = 0; k < m_binCount; ++k) {
            const double f = fftFreqs[std::size_t(k)];
            const double rising = (f - lowerHz) / (centerHz - lowerHz);
            const double falling = (upperHz - f) / (upperHz - centerHz);
            const double weight = std::max(0.0, std::min(rising, falling));
            // librosa stores the triangle in float32, then scales that float32 value by enorm.
            row[std::size_t(k)] = slaneyNorm ? float(double(float(weight)) * enorm) : float(weight);
        }
        auto first = std::find_if(row.begin(), row.end(), [](float w) { return w != 0.0f; });
        auto last =
            std::find_if(row.rbegin(), row.rend(), [](float w) { return w != 0.0f; }).base();
        Band& band = m_bands[std::size_t(m)];
        if (first < last) {
            band.firstBin = int(first - row.begin());
            band.weights.assign(first, last);
        } else if (lowerHz != 0.0) {
            ++m_emptyBandCount;
        }
    }
}

namespace {

/// sum(weights[i] * values[i]) over eight lanes, then pairwise across them. No FMA, so every
/// clone (SSE2 or AVX2) rounds each product and sum alike.
__attribute__((target_clones("avx2", "default"))) float
weightedSum(const float* weights, const float* values, int count) {
    float lanes[8] = {};
    int i = 0;
    for (; i + 8 <= count; i += 8)
        for (int lane = 0; lane < 8; ++lane)
            lanes[lane] += weights[i + lane] * values[i + lane];
    float sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    for (; i < count; ++i)
        sum += weights[i] * values[i];
    return sum;
}

} // namespace

void MelFilterbank::applyToFrame(const float* power, float* mel, long long melStride) const {
    for (std::size_t m = 0; m < m_bands.size(); ++m) {
        const Band& band = m_bands[m];
        mel[std::ptrdiff_t(m) * melStride] =
            weightedSum(band.weights.data(), power + band.firstBin, int(band.weights.size()));
    }
}

FeatureMatrix MelFilterbank::weights() const {
    FeatureMatrix dense = FeatureMatrix::Zero(bandCount(), m_binCount);
    for (int m = 0; m < bandCount(); ++m) {
        const Band& band = m_bands[std::size_t(m)];
        for (std::size_t i = 0; i < band.weights.size(); ++i)
            dense(m, band.firstBin + Eigen::Index(i)) = band.weights[i];
    }
    return dense;
}

FeatureMatrix MelFilterbank::applyToSpectrogram(const FeatureMatrix& spectrogram) const {
    const Eigen::Index frames = spectrogram.cols();
    FeatureMatrix mel(bandCount(), frames);
    // A frame is a column of the row-major spectrogram: gather it contiguous first.
    std::vector<float> frame(static_cast<std::size_t>(m_binCount));
    for (Eigen::Index t = 0; t < frames; ++t) {
        for (int k = 0; k < m_binCount; ++k)
            frame[std::size_t(k)] = spectrogram(k, t);
        applyToFrame(frame.data(), mel.data() + t, frames);
    }
    return mel;
}

} // namespace cepstra
