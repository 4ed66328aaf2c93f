// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/dsp/Spectrogram.h"
#include "core/dsp/Trim.h"
#include "core/features/FeatureConfig.h"
#include "core/util/CancelToken.h"
#include "core/util/FeatureMatrix.h"
#include "core/util/Result.h"

#include <filesystem>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace cepstra {

/// One clip's unscaled features, in the order the config lists them.
struct ClipFeatures {
    AudioInfo native;                     ///< the file as stored (empty for in-memory signals)
    long long loadedSampleCount = 0;      ///< samples after downmix and resampling
    std::optional<SampleRange> trimRange; ///< what trimming kept, when it ran
    std::vector<std::pair<Feature, FeatureMatrix>> features;

    const FeatureMatrix* find(Feature feature) const;
};

/// The one place a FeatureConfig becomes the DSP stages' own parameters (dsp/ never sees a
/// FeatureConfig): librosa's None for win_length and fmax resolved to n_fft and sr/2.
StftParameters stftParametersOf(const FeatureConfig& config);
MelFilterbankParameters melFilterbankParametersOf(const FeatureConfig& config);

/// The extract step for one configuration: load, trim, mel spectrogram, log-mel, MFCC, exactly
/// as the librosa pipeline does. Build once per configuration (it plans the FFT and builds the
/// filterbank and DCT), then call extract*() from any number of threads: they are const,
/// reentrant, never throw, and poll `cancel` between blocks of frames.
class FeatureExtractor {
public:
    /// `config` must have passed validate().
    explicit FeatureExtractor(const FeatureConfig& config);

    const FeatureConfig& config() const { return m_config; }
    const MelSpectrogram& melSpectrogram() const { return m_melSpectrogram; }

    /// What this configuration does that a user should hear about once per run, as librosa
    /// warns about it (empty mel filters). The outputs stay librosa's.
    std::vector<std::string> warnings() const;

    /// What computing a clip of this header needs in memory at its peak, bytes: the loaded
    /// signal, the mel spectrogram, the features and their scaled copies. An upper estimate,
    /// from the header alone (an MP3's frame count may itself be an estimate).
    std::uint64_t peakMemoryBytes(const AudioInfo& native) const;

    /// librosa.load, then extractSignal.
    Result<ClipFeatures> extractFile(const std::filesystem::path& path,
                                     const CancelToken* cancel = nullptr) const;

    /// extractFile for a file already open (the batch hashes and decodes one open file).
    Result<ClipFeatures> extractOpened(const InputFile& file,
                                       const CancelToken* cancel = nullptr) const;

    /// Trim (when configured) and compute the configured features of a mono signal already at
    /// config().sampleRateHz.
    Result<ClipFeatures> extractSignal(std::span<const float> signal,
                                       const CancelToken* cancel = nullptr) const;

private:
    FeatureConfig m_config;
    MelSpectrogram m_melSpectrogram;
    Eigen::MatrixXd m_dct;
};

} // namespace cepstra
