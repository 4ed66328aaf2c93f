// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/ClipMeasurement.h"

#include "core/dsp/FftPlan.h"
#include "core/io/ContentHash.h"

#include <chromaprint.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace cepstra {
namespace {

constexpr float kFullScale = 32767.0f / 32768.0f;
constexpr int kLevelFrame = 2048;
constexpr int kSpectrumFft = 4096;
constexpr int kSpectrumEvery = 4; // one spectrum frame in four: the mean needs no more

struct ChromaprintDeleter {
    void operator()(ChromaprintContext* context) const { chromaprint_free(context); }
};

/// The streaming state of one clip's measurement.
class Meter {
public:
    Status start(const AudioInfo& native) {
        m_channels = native.channels;
        m_sums.assign(std::size_t(m_channels), 0.0);
        m_runs.assign(std::size_t(m_channels), 0);
        m_identical = m_channels == 2;
        m_loudnessFrame = std::max<int>(
            1, int(std::lround(native.sampleRateHz * ClipMeasurement::kLoudnessStepSeconds)));
        m_fingerprinter.reset(chromaprint_new(CHROMAPRINT_ALGORITHM_DEFAULT));
        if (!m_fingerprinter ||
            !chromaprint_start(m_fingerprinter.get(), native.sampleRateHz, m_channels))
            return Error{ErrorKind::Internal, "Chromaprint could not start"};
        m_fft = RealFftPlan<double>::forSize(kSpectrumFft);
        m_power.assign(std::size_t(m_fft->binCount()), 0.0);
        m_hasher.add({reinterpret_cast<const char*>(&native.sampleRateHz), sizeof(int)});
        m_hasher.add({reinterpret_cast<const char*>(&native.channels), sizeof(int)});
        return success();
    }

    Status add(const float* interleaved, std::int64_t frames) {
        m_hasher.add({reinterpret_cast<const char*>(interleaved),
                      std::size_t(frames) * std::size_t(m_channels) * sizeof(float)});
        m_pcm.resize(std::size_t(frames) * std::size_t(m_channels));
        for (std::int64_t f = 0; f < frames; ++f) {
            const float* frame = interleaved + f * m_channels;
            float mono = 0.0f;
            for (int c = 0; c < m_channels; ++c) {
                const float x = frame[c];
                const float magnitude = std::abs(x);
                m_peak = std::max(m_peak, double(magnitude));
                m_sums[std::size_t(c)] += x;
                const bool full = magnitude >= kFullScale;
                m_fullScale += full ? 1 : 0;
                m_runs[std::size_t(c)] = full ? m_runs[std::size_t(c)] + 1 : 0;
                m_longestRun = std::max(m_longestRun, m_runs[std::size_t(c)]);
                mono += x;
                m_pcm[std::size_t(f * m_channels + c)] =
                    std::int16_t(std::lround(std::clamp(x, -1.0f, kFullScale) * 32768.0f));
            }
            if (m_identical && frame[0] != frame[1])
                m_identical = false;
            addMono(mono / float(m_channels));
        }
        if (!chromaprint_feed(m_fingerprinter.get(), m_pcm.data(), int(m_pcm.size())))
            return Error{ErrorKind::Internal, "Chromaprint could not take the samples"};
        m_frames += frames;
        return success();
    }

    Result<ClipMeasurement> finish(const AudioInfo& native) {
        ClipMeasurement m;
        m.native = native;
        m.peak = m_peak;
        m.fullScaleSamples = m_fullScale;
        m.longestFullScaleRun = m_longestRun;
        for (double sum : m_sums)
            m.worstDcOffset = std::max(m.worstDcOffset,
                                       std::abs(sum / double(std::max<std::int64_t>(1, m_frames))));
        m.identicalChannels = m_identical;
        if (m_levelCount > 0)
            countLevel(m_levelEnergy / double(m_levelCount));
        m.frameLevels = m_levels;
        if (m_loudnessCount > 0)
            m_loudness.push_back(decibels(m_loudnessEnergy / m_loudnessCount));
        m.loudnessDb = std::move(m_loudness);
        m.spectrumDb = spectrum();
        m.decodedHash = m_hasher.hex();
        if (!chromaprint_finish(m_fingerprinter.get()))
            return Error{ErrorKind::Internal, "Chromaprint could not finish"};
        std::uint32_t* items = nullptr;
        int size = 0;
        if (chromaprint_get_raw_fingerprint(m_fingerprinter.get(), &items, &size) && items) {
            m.fingerprint.assign(items, items + size);
            chromaprint_dealloc(items);
        }
        m.fingerprintItemSeconds = chromaprint_get_item_duration_ms(m_fingerprinter.get()) / 1000.0;
        return m;
    }

private:
    static float decibels(double meanSquare) {
        return float(10.0 * std::log10(std::max(meanSquare, 1e-30)));
    }
    void addMono(float sample) {
        m_loudnessEnergy += double(sample) * sample;
        if (++m_loudnessCount == m_loudnessFrame) {
            m_loudness.push_back(decibels(m_loudnessEnergy / m_loudnessCount));
            m_loudnessEnergy = 0.0;
            m_loudnessCount = 0;
        }
        m_levelEnergy += double(sample) * sample;
        if (++m_levelCount == kLevelFrame) {
            countLevel(m_levelEnergy / kLevelFrame);
            m_levelEnergy = 0.0;
            m_levelCount = 0;
        }
        m_frame.push_back(sample);
        if (int(m_frame.size()) == kSpectrumFft) {
            if (m_spectrumFrames++ % kSpectrumEvery == 0)
                addSpectrum();
            m_frame.clear();
        }
    }
    void countLevel(double meanSquare) {
        const double dbfs = 10.0 * std::log10(std::max(meanSquare, 1e-30));
        ++m_levels[std::size_t(std::clamp(std::lround(dbfs + 200.0), 0L, 200L))];
    }
    void addSpectrum() {
        FftBuffer<double> input(kSpectrumFft);
        FftBuffer<double> output(std::size_t(m_fft->binCount()));
        for (int i = 0; i < kSpectrumFft; ++i) // Hann, so a loud band does not leak everywhere
            input.reals()[i] =
                m_frame[std::size_t(i)] * (0.5 - 0.5 * std::cos(2.0 * M_PI * i / kSpectrumFft));
        m_fft->execute(input.reals(), output.complexes());
        for (int k = 0; k < m_fft->binCount(); ++k)
            m_power[std::size_t(k)] += std::norm(output.complexes()[k]);
        ++m_spectra;
    }
    std::vector<float> spectrum() const {
        std::vector<float> bands;
        if (m_spectra == 0)
            return bands;
        const int bins = m_fft->binCount();
        bands.assign(ClipMeasurement::kSpectrumBins, -300.0f);
        for (int k = 0; k < bins; ++k) {
            const auto band = std::size_t(std::min(ClipMeasurement::kSpectrumBins - 1,
                                                   k * ClipMeasurement::kSpectrumBins / bins));
            const double db =
                10.0 * std::log10(std::max(m_power[std::size_t(k)] / m_spectra, 1e-30));
            bands[band] = std::max(bands[band], float(db));
        }
        return bands;
    }

    int m_channels = 1;
    double m_peak = 0.0;
    std::int64_t m_fullScale = 0, m_longestRun = 0, m_frames = 0;
    std::vector<double> m_sums;
    std::vector<std::int64_t> m_runs;
    bool m_identical = false;
    std::array<std::int32_t, ClipMeasurement::kLevelBins> m_levels{};
    double m_levelEnergy = 0.0;
    int m_levelCount = 0;
    std::vector<float> m_loudness;
    double m_loudnessEnergy = 0.0;
    int m_loudnessCount = 0, m_loudnessFrame = 1;
    std::vector<float> m_frame;
    std::int64_t m_spectrumFrames = 0;
    int m_spectra = 0;
    std::vector<double> m_power;
    std::shared_ptr<const RealFftPlan<double>> m_fft;
    std::unique_ptr<ChromaprintContext, ChromaprintDeleter> m_fingerprinter;
    std::vector<std::int16_t> m_pcm;
    ContentHasher m_hasher;
};

} // namespace

Result<ClipMeasurement> measureClip(const InputFile& file, const CancelToken* cancel) {
    Meter meter;
    bool started = false;
    auto native = streamAudio(
        file,
        [&](const float* interleaved, std::int64_t frames, const AudioInfo& info) -> Status {
            if (!started) {
                started = true;
                if (auto status = meter.start(info); !status)
                    return status;
            }
            if (auto finite = requireFiniteSamples(interleaved, frames * info.channels); !finite)
                return finite;
            return meter.add(interleaved, frames);
        },
        cancel);
    if (!native)
        return native.error();
    return meter.finish(*native);
}

} // namespace cepstra
