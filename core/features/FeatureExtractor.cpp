// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureExtractor.h"

#include "core/dsp/Cepstrum.h"

#include <algorithm>
#include <cmath>
#include <new>

namespace cepstra {

const FeatureMatrix* ClipFeatures::find(Feature feature) const {
    for (const auto& [name, values] : features)
        if (name == feature)
            return &values;
    return nullptr;
}

StftParameters stftParametersOf(const FeatureConfig& config) {
    return {.nFft = config.nFft,
            .hopLength = config.hopLength,
            .winLength = config.effectiveWinLength(),
            .window = config.window,
            .center = config.center,
            .padMode = config.padMode,
            .power = config.power};
}

MelFilterbankParameters melFilterbankParametersOf(const FeatureConfig& config) {
    return {.sampleRateHz = double(config.sampleRateHz),
            .nFft = config.nFft,
            .nMels = config.nMels,
            .fminHz = config.fminHz,
            .fmaxHz = config.effectiveFmaxHz(),
            .htk = config.htk,
            .norm = config.melNorm};
}

FeatureExtractor::FeatureExtractor(const FeatureConfig& config)
    : m_config(config)
    , m_melSpectrogram(stftParametersOf(config), melFilterbankParametersOf(config))
    , m_dct(orthonormalDctMatrix(config.dctType, config.nMels, config.nMfcc)) {}

std::vector<std::string> FeatureExtractor::warnings() const {
    std::vector<std::string> found;
    if (const int empty = m_melSpectrogram.filterbank().emptyBandCount(); empty > 0)
        found.push_back("Empty filters detected in mel frequency basis: " + std::to_string(empty) +
                        " of the " + std::to_string(m_config.nMels) +
                        " mel bands cover no FFT bin, so their rows are all zero, as librosa's "
                        "are. Increase n_fft or sr (and fmax), or reduce n_mels.");
    return found;
}

std::uint64_t FeatureExtractor::peakMemoryBytes(const AudioInfo& native) const {
    if (native.sampleRateHz <= 0 || native.frames <= 0)
        return 0;
    const double samples =
        std::ceil(double(native.frames) * m_config.sampleRateHz / double(native.sampleRateHz));
    const double frames = samples / m_config.hopLength + 1;
    double featureRows = 0; // each feature kept, as ClipFeatures holds it
    for (Feature feature : m_config.features)
        featureRows += feature == Feature::Mfcc ? m_config.nMfcc : m_config.nMels;
    // The mel spectrogram and the log-mel it gives, the features, then the outputs: a copy of
    // each feature and one per scaler.
    const double rows =
        2.0 * m_config.nMels + featureRows * (2.0 + double(m_config.scalers.size()));
    return std::uint64_t(4.0 * (samples + frames * rows));
}

Result<ClipFeatures> FeatureExtractor::extractFile(const std::filesystem::path& path,
                                                   const CancelToken* cancel) const {
    auto file = InputFile::open(path);
    if (!file)
        return file.error();
    return extractOpened(*file, cancel);
}

Result<ClipFeatures> FeatureExtractor::extractOpened(const InputFile& file,
                                                     const CancelToken* cancel) const {
    try {
        auto audio = loadAudio(file, m_config.sampleRateHz, cancel);
        if (!audio)
            return audio.error();
        auto features = extractSignal(audio->samples, cancel);
        if (!features)
            return Error{features.error().kind, file.name() + ": " + features.error().message};
        features->native = audio->native;
        return features;
    } catch (const std::bad_alloc&) {
        return Error{ErrorKind::Unreadable,
                     file.name() + ": out of memory while computing features"};
    }
}

Result<ClipFeatures> FeatureExtractor::extractSignal(std::span<const float> signal,
                                                     const CancelToken* cancel) const {
    ClipFeatures clip;
    clip.loadedSampleCount = static_cast<long long>(signal.size());
    if (signal.empty())
        return Error{ErrorKind::EmptyAudio, "the clip has no samples"};
    // librosa.util.valid_audio raises this before trimming or framing.
    if (auto finite = requireFiniteSamples(signal.data(), std::int64_t(signal.size())); !finite)
        return finite.error();
    if (m_config.trim) {
        const SampleRange kept = findNonSilentRange(signal, m_config.topDb);
        clip.trimRange = kept;
        if (kept.end <= kept.start)
            return Error{ErrorKind::EmptyAudio, "nothing is left after trimming silence"};
        signal = signal.subspan(std::size_t(kept.start), std::size_t(kept.end - kept.start));
    }

    const auto stopped = [cancel] { return cancel && cancel->stopRequested(); };
    if (stopped())
        return Error{ErrorKind::Cancelled, "cancelled"};
    auto mel = m_melSpectrogram.compute(signal, cancel);
    if (!mel)
        return mel.error();
    // A long clip's later stages take a second or more: a stop abandons it between them.
    if (stopped())
        return Error{ErrorKind::Cancelled, "cancelled"};
    const auto& wanted = m_config.features;
    const bool needsLogMel = std::any_of(wanted.begin(), wanted.end(),
                                         [](Feature f) { return f != Feature::MelSpectrogram; });
    FeatureMatrix logMel;
    if (needsLogMel)
        logMel = powerToDb(*mel);
    for (Feature feature : wanted) {
        switch (feature) {
        case Feature::MelSpectrogram:
            clip.features.emplace_back(feature, *mel);
            break;
        case Feature::LogMel:
            clip.features.emplace_back(feature, logMel);
            break;
        case Feature::Mfcc:
            clip.features.emplace_back(feature,
                                       cepstralCoefficients(m_dct, logMel, m_config.lifter));
            break;
        }
        if (stopped())
            return Error{ErrorKind::Cancelled, "cancelled"};
    }
    return clip;
}

} // namespace cepstra
