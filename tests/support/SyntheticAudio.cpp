// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/SyntheticAudio.h"

#include <QDir>
#include <QFileInfo>

#include <sndfile.h>

#include <cmath>
#include <numbers>
#include <random>

namespace cepstra::test {

std::vector<float> sine(double frequencyHz, double seconds, int sampleRateHz, double amplitude) {
    std::vector<float> samples(static_cast<std::size_t>(seconds * sampleRateHz));
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i] = float(
            amplitude * std::sin(2.0 * std::numbers::pi * frequencyHz * double(i) / sampleRateHz));
    return samples;
}

std::vector<float> chirp(double startHz, double endHz, double seconds, int sampleRateHz) {
    std::vector<float> samples(static_cast<std::size_t>(seconds * sampleRateHz));
    const double rate = (endHz - startHz) / seconds;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = double(i) / sampleRateHz;
        samples[i] =
            float(0.5 * std::sin(2.0 * std::numbers::pi * (startHz * t + 0.5 * rate * t * t)));
    }
    return samples;
}

std::vector<float> whiteNoise(double seconds, int sampleRateHz, unsigned seed, double amplitude) {
    std::mt19937 generator(seed);
    std::uniform_real_distribution<double> distribution(-amplitude, amplitude);
    std::vector<float> samples(static_cast<std::size_t>(seconds * sampleRateHz));
    for (float& sample : samples)
        sample = float(distribution(generator));
    return samples;
}

std::vector<float> silence(double seconds, int sampleRateHz) {
    return std::vector<float>(static_cast<std::size_t>(seconds * sampleRateHz), 0.0f);
}

std::vector<float> melody(unsigned seed, double seconds, int sampleRateHz) {
    std::mt19937 generator(seed);
    std::uniform_int_distribution<int> semitone(-12, 12);
    std::uniform_real_distribution<double> noteLength(0.15, 0.6);
    std::normal_distribution<double> floor(0.0, 0.004);
    const double root = 110.0 * std::pow(2.0, double(generator() % 12) / 12.0);
    std::vector<float> samples(static_cast<std::size_t>(seconds * sampleRateHz));
    double noteStart = 0.0, noteHz = root * 2.0, duration = noteLength(generator);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = double(i) / sampleRateHz;
        if (t - noteStart >= duration) {
            noteStart = t;
            noteHz = root * 2.0 * std::pow(2.0, semitone(generator) / 12.0);
            duration = noteLength(generator);
        }
        const double age = t - noteStart;
        double value = 0.0;
        for (int harmonic = 1; harmonic <= 6; ++harmonic)
            value += std::exp(-3.0 * age * harmonic) / harmonic *
                     std::sin(2.0 * std::numbers::pi * noteHz * harmonic * t);
        for (double interval : {1.0, 1.25, 1.5}) // a quiet major chord underneath
            value += 0.08 * std::sin(2.0 * std::numbers::pi * root * interval * t);
        samples[i] = float(0.35 * value + floor(generator));
    }
    return samples;
}

bool writeAudioFile(const QString& path, const std::vector<float>& interleaved, int sampleRateHz,
                    int channels, int format) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    SF_INFO info{};
    info.samplerate = sampleRateHz;
    info.channels = channels;
    info.format = format ? format : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    SNDFILE* file = sf_open(path.toLocal8Bit().constData(), SFM_WRITE, &info);
    if (!file)
        return false;
    const sf_count_t frames = sf_count_t(interleaved.size()) / channels;
    const bool ok = sf_writef_float(file, interleaved.data(), frames) == frames;
    return sf_close(file) == 0 && ok;
}

} // namespace cepstra::test
