// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dataset/DemoDataset.h"

#include "core/io/AtomicFile.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

/// splitmix64: a tiny generator whose sequence is the same on every platform, unlike <random>'s
/// distributions, so demo clips are identical everywhere.
class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed)
        : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform(double low = 0.0, double high = 1.0) {
        return low + (high - low) * double(next() >> 11) / double(1ULL << 53);
    }
    int pick(int count) { return int(next() % std::uint64_t(count)); }

private:
    std::uint64_t m_state;
};

double midiToHz(double note) {
    return 440.0 * std::pow(2.0, (note - 69.0) / 12.0);
}

/// Adds a note with harmonics (up to 64, and none above 0.45 of the rate, so nothing aliases)
/// and an attack/release envelope into `out` at `start`. Harmonics fall off as 1/h, so that a
/// note is bright as an instrument's is, with energy up to the top of the band.
void addNote(std::vector<double>& out, std::size_t start, std::size_t length, double hz,
             double amplitude, int sampleRateHz) {
    const int harmonics = std::clamp(int(0.45 * sampleRateHz / hz), 1, 64);
    const std::size_t attack = std::min<std::size_t>(length / 4, std::size_t(0.02 * sampleRateHz));
    for (std::size_t i = 0; i < length && start + i < out.size(); ++i) {
        const double t = double(i) / sampleRateHz;
        double envelope = std::exp(-3.0 * t / (double(length) / sampleRateHz));
        if (i < attack)
            envelope *= double(i) / double(attack);
        // sin(h x) by the recurrence sin((h+1)x) = 2 cos(x) sin(hx) - sin((h-1)x).
        const double x = kTwoPi * hz * t, twoCos = 2.0 * std::cos(x);
        double previous = 0.0, current = std::sin(x), value = 0.0;
        for (int h = 1; h <= harmonics; ++h) {
            value += current / h;
            const double next = twoCos * current - previous;
            previous = current;
            current = next;
        }
        out[start + i] += amplitude * envelope * value;
    }
}

void synthesizeTones(std::vector<double>& out, DemoRandom& random, int sampleRateHz) {
    static constexpr int kPentatonic[] = {0, 2, 4, 7, 9};
    const double root = 57 + random.pick(12);
    for (std::size_t start = 0; start < out.size();) {
        const auto length = std::size_t(random.uniform(0.15, 0.5) * sampleRateHz);
        const double note = root + kPentatonic[random.pick(5)] + 12 * random.pick(2);
        addNote(out, start, length, midiToHz(note), 0.5, sampleRateHz);
        start += length;
    }
}

void synthesizeChords(std::vector<double>& out, DemoRandom& random, int sampleRateHz) {
    static constexpr int kTriads[][3] = {{0, 4, 7}, {0, 3, 7}, {0, 4, 9}, {0, 5, 9}};
    for (std::size_t start = 0; start < out.size();) {
        const auto length = std::size_t(random.uniform(1.0, 2.0) * sampleRateHz);
        const double root = 48 + random.pick(12);
        for (int interval : kTriads[random.pick(4)])
            addNote(out, start, length, midiToHz(root + interval), 0.25, sampleRateHz);
        start += length;
    }
}

/// A drum kit of its own per clip (kick and snare pitch, hi-hat brightness), played with a
/// drummer's variation: every hit has its own velocity, hats drop out, kicks are added.
void synthesizeDrums(std::vector<double>& out, DemoRandom& random, int sampleRateHz) {
    const double beatSeconds = 60.0 / random.uniform(80.0, 160.0);
    const double kickHz = random.uniform(35.0, 65.0), snareHz = random.uniform(150.0, 260.0);
    const double hatDecay = random.uniform(0.01, 0.04);
    const auto eighth = std::size_t(beatSeconds / 2.0 * sampleRateHz);
    double previousNoise = 0.0;
    for (std::size_t step = 0; step * eighth < out.size(); ++step) {
        const std::size_t start = step * eighth;
        const bool kick = step % 4 == 0 || random.uniform() < 0.15;
        const bool snare = step % 4 == 2 || random.uniform() < 0.05;
        const double hat = random.uniform() < 0.2 ? 0.0 : random.uniform(0.3, 1.0);
        const double kickVelocity = random.uniform(0.6, 1.0),
                     snareVelocity = random.uniform(0.5, 1.0);
        for (std::size_t i = 0; i < eighth && start + i < out.size(); ++i) {
            const double t = double(i) / sampleRateHz;
            const double noise = random.uniform(-1.0, 1.0);
            double value = 0.15 * hat * (noise - previousNoise) * std::exp(-t / hatDecay);
            previousNoise = noise;
            if (kick)
                value += 0.9 * kickVelocity *
                         std::sin(kTwoPi * (kickHz * t +
                                            2.0 * kickHz * 0.05 * (1.0 - std::exp(-t / 0.05)))) *
                         std::exp(-t / 0.15);
            if (snare)
                value += snareVelocity * (0.5 * noise + 0.3 * std::sin(kTwoPi * snareHz * t)) *
                         std::exp(-t / 0.08);
            out[start + i] += value;
        }
    }
}

void synthesizeNoise(std::vector<double>& out, DemoRandom& random, int sampleRateHz) {
    const double smoothing = random.uniform(0.8, 0.995); // one-pole low-pass: darker as it grows
    const double wobbleHz = random.uniform(0.1, 1.0);
    double state = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        state = smoothing * state + (1.0 - smoothing) * random.uniform(-1.0, 1.0);
        const double wobble = 0.6 + 0.4 * std::sin(kTwoPi * wobbleHz * double(i) / sampleRateHz);
        out[i] = state * wobble;
    }
}

Status writeWav(const fs::path& target, const std::vector<float>& samples, int sampleRateHz) {
    auto temporary = TemporaryFile::create(target);
    if (!temporary)
        return temporary.error();
    SF_INFO info{};
    info.samplerate = sampleRateHz;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open(temporary->path().c_str(), SFM_WRITE, &info);
    if (!file)
        return Error{ErrorKind::OutputFailed,
                     "cannot write " + target.string() + ": " + sf_strerror(nullptr)};
    const auto frames = sf_count_t(samples.size());
    const bool written = sf_writef_float(file, samples.data(), frames) == frames;
    const bool closed = sf_close(file) == 0;
    if (!written || !closed)
        return Error{ErrorKind::OutputFailed,
                     "cannot write " + target.string() + " (is the disk full?)"};
    return temporary->commit();
}

} // namespace

std::string_view toString(DemoStyle style) {
    switch (style) {
    case DemoStyle::Tones:
        return "tones";
    case DemoStyle::Chords:
        return "chords";
    case DemoStyle::Drums:
        return "drums";
    case DemoStyle::Noise:
        return "noise";
    }
    return "?";
}

const std::vector<DemoStyle>& allDemoStyles() {
    static const std::vector<DemoStyle> styles{DemoStyle::Tones, DemoStyle::Chords,
                                               DemoStyle::Drums, DemoStyle::Noise};
    return styles;
}

std::vector<float> synthesizeDemoClip(DemoStyle style, int clipIndex, double seconds,
                                      int sampleRateHz) {
    std::vector<double> mix(static_cast<std::size_t>(std::max(0.0, seconds) * sampleRateHz), 0.0);
    DemoRandom random(std::uint64_t(style) * 1000003ULL + std::uint64_t(clipIndex) + 1);
    switch (style) {
    case DemoStyle::Tones:
        synthesizeTones(mix, random, sampleRateHz);
        break;
    case DemoStyle::Chords:
        synthesizeChords(mix, random, sampleRateHz);
        break;
    case DemoStyle::Drums:
        synthesizeDrums(mix, random, sampleRateHz);
        break;
    case DemoStyle::Noise:
        synthesizeNoise(mix, random, sampleRateHz);
        break;
    }
    double peak = 1e-9;
    for (double value : mix)
        peak = std::max(peak, std::abs(value));
    std::vector<float> samples(mix.size());
    for (std::size_t i = 0; i < mix.size(); ++i)
        samples[i] = float(0.8 * mix[i] / peak);
    return samples;
}

Result<int> writeDemoDataset(const fs::path& directory, const DemoOptions& options,
                             const std::function<void(int, int)>& progress) {
    std::error_code ec;
    if (fs::exists(directory, ec) &&
        !(fs::is_directory(directory, ec) && fs::is_empty(directory, ec)))
        return Error{ErrorKind::InvalidUsage,
                     directory.string() +
                         " already exists and is not an empty folder; choose a new folder"};
    const int total = options.clipsPerLabel * int(allDemoStyles().size());
    int written = 0;
    for (DemoStyle style : allDemoStyles()) {
        const fs::path labelDirectory = directory / std::string(toString(style));
        fs::create_directories(labelDirectory, ec);
        if (ec)
            return Error{ErrorKind::OutputFailed,
                         "cannot create " + labelDirectory.string() + ": " + ec.message()};
        for (int clip = 0; clip < options.clipsPerLabel; ++clip) {
            char name[64];
            std::snprintf(name, sizeof(name), "%s.%05d.wav", std::string(toString(style)).c_str(),
                          clip);
            const auto samples =
                synthesizeDemoClip(style, clip, options.seconds, options.sampleRateHz);
            if (auto status = writeWav(labelDirectory / name, samples, options.sampleRateHz);
                !status)
                return status.error();
            ++written;
            if (progress)
                progress(written, total);
        }
    }
    return written;
}

} // namespace cepstra
