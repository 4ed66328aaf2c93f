// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/StageProfile.h"

#include "core/audio/AudioFile.h"
#include "core/dsp/Cepstrum.h"
#include "core/dsp/Spectrogram.h"
#include "core/dsp/Trim.h"
#include "core/features/FeatureExtractor.h"
#include "core/io/Npy.h"
#include "core/scaling/Scaling.h"

#include <fftw3.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <map>

namespace cepstra::bench {

std::vector<StageTiming> profileStages(const std::vector<std::filesystem::path>& clips,
                                       const std::filesystem::path& scratch) {
    const FeatureConfig config;
    const MelSpectrogram melSpectrogram(stftParametersOf(config),
                                        melFilterbankParametersOf(config));
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

FftPrecisionCost measureFftPrecisionCost() {
    constexpr int kSize = 2048, kFramesPerClip = 1292, kClips = 20;
    double* input = fftw_alloc_real(kSize);
    fftw_complex* output = fftw_alloc_complex(kSize / 2 + 1);
    float* inputFloat = fftwf_alloc_real(kSize);
    fftwf_complex* outputFloat = fftwf_alloc_complex(kSize / 2 + 1);
    for (int i = 0; i < kSize; ++i)
        inputFloat[i] = float(input[i] = std::sin(0.01 * i) + 0.001 * (i % 17));
    fftw_plan plan = fftw_plan_dft_r2c_1d(kSize, input, output, FFTW_ESTIMATE);
    fftwf_plan planFloat = fftwf_plan_dft_r2c_1d(kSize, inputFloat, outputFloat, FFTW_ESTIMATE);
    auto time = [](const std::function<void()>& work) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < kFramesPerClip * kClips; ++i)
            work();
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                   .count() /
               kClips;
    };
    FftPrecisionCost cost;
    cost.doubleMs = time([&] { fftw_execute(plan); });
    cost.floatMs = time([&] { fftwf_execute(planFloat); });
    fftw_destroy_plan(plan);
    fftwf_destroy_plan(planFloat);
    fftw_free(input);
    fftw_free(output);
    fftwf_free(inputFloat);
    fftwf_free(outputFloat);
    return cost;
}

} // namespace cepstra::bench
