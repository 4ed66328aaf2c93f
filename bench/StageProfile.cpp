// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/StageProfile.h"

#include "core/audio/AudioFile.h"
#include "core/dsp/Cepstrum.h"
#include "core/dsp/Spectrogram.h"
#include "core/dsp/Trim.h"
#include "core/io/Npy.h"
#include "core/scaling/Scaling.h"

#include <chrono>
#include <functional>
#include <map>

namespace cepstra::bench {

std::vector<StageTiming> profileStages(const std::vector<std::filesystem::path>& clips,
                                       const std::filesystem::path& scratch) {
    const FeatureConfig config;
    const MelSpectrogram melSpectrogram(config);
    const Eigen::MatrixXd dct = orthonormalDctMatrix(config.dctType, config.nMels, config.nMfcc);
    std::vector<std::string> order;
    std::map<std::string, double> totals;
    auto timed = [&](const std::string& stage, const std::function<void()>& work) {
        const auto start = std::chrono::steady_clock::now();
        work();
        if (totals.find(stage) == totals.end())
            order.push_back(stage);
        totals[stage] +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
    };
    for (const auto& clip : clips) {
        LoadedAudio audio;
        SampleRange kept;
        FeatureMatrix mel, logMel, mfcc;
        std::vector<FeatureMatrix> scaled;
        timed("decode (libsndfile)", [&] { audio = loadAudio(clip, config.sampleRateHz).value(); });
        timed("trim", [&] { kept = findNonSilentRange(audio.samples, config.topDb); });
        const std::span<const float> signal(audio.samples.data() + kept.start,
                                            std::size_t(kept.end - kept.start));
        timed("STFT + mel filterbank",
              [&] { mel = melSpectrogram.compute(signal, nullptr).value(); });
        timed("power_to_db", [&] { logMel = powerToDb(mel); });
        timed("DCT (MFCC)", [&] { mfcc = cepstralCoefficients(dct, logMel, 0.0); });
        timed("4 scaled arrays", [&] {
            for (const FeatureMatrix* feature : {&mel, &mfcc})
                for (Scaler scaler : {Scaler::Standard, Scaler::MinMax})
                    scaled.push_back(scaleFeature(*feature, scaler, ScaleAxis::Frame));
        });
        timed("6 NPY writes", [&] {
            int index = 0;
            for (const FeatureMatrix* array :
                 {&mel, &mfcc, &scaled[0], &scaled[1], &scaled[2], &scaled[3]})
                (void)writeNpy(scratch / ("stage-" + std::to_string(index++) + ".npy"), *array);
        });
    }
    std::vector<StageTiming> timings;
    for (const auto& stage : order)
        timings.push_back({stage, totals[stage] / double(clips.size())});
    return timings;
}

} // namespace cepstra::bench
