// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <vector>

namespace cepstra::test {

/// Test signals, generated in code so that no binaries live in the repository.
std::vector<float> sine(double frequencyHz, double seconds, int sampleRateHz,
                        double amplitude = 0.5);
std::vector<float> chirp(double startHz, double endHz, double seconds, int sampleRateHz);
std::vector<float> whiteNoise(double seconds, int sampleRateHz, unsigned seed,
                              double amplitude = 0.3);
std::vector<float> silence(double seconds, int sampleRateHz);
/// Music-like material, different for every seed: a random melody of plucked harmonic notes
/// over a chord drone, with a faint noise floor (broadband, as recordings are). Peak about 0.6.
std::vector<float> melody(unsigned seed, double seconds, int sampleRateHz);

/// Writes interleaved float samples with libsndfile. `format` is an SF_FORMAT_* combination;
/// 0 means 16-bit PCM WAV.
bool writeAudioFile(const QString& path, const std::vector<float>& interleaved, int sampleRateHz,
                    int channels = 1, int format = 0);

} // namespace cepstra::test
