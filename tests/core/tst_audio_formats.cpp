// SPDX-License-Identifier: GPL-3.0-or-later
// Every format issue #2 names, written with libsndfile at test time and loaded as librosa.load
// does: libsndfile's float samples, the float32 channel mean, soxr resampling.
#include "core/audio/AudioFile.h"
#include "core/features/FeatureExtractor.h"
#include "tests/support/SyntheticAudio.h"

#include <sndfile.h>
#include <soxr.h>
#include <sys/stat.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace cepstra;
using namespace cepstra::test;

namespace {

constexpr double kSeconds = 1.5;

/// Channel c is a sine at 1000 * (1 + c / 2) Hz; lossy formats get the same tone on every
/// channel so the decoded spectrum has one clear peak.
std::vector<float> interleavedTones(int rateHz, int channels, bool sameTone) {
    const auto frames = static_cast<std::size_t>(kSeconds * rateHz);
    std::vector<float> samples(frames * std::size_t(channels));
    for (std::size_t i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c) {
            const double hz = sameTone ? 1000.0 : 1000.0 * (1.0 + c / 2.0);
            samples[i * std::size_t(channels) + std::size_t(c)] =
                float(0.5 / (1 + c) * std::sin(2.0 * M_PI * hz * double(i) / rateHz));
        }
    return samples;
}

/// What librosa.load's soundfile call yields: libsndfile's own float read, then the
/// numpy float32 mean over channels.
std::vector<float> referenceMono(const QString& path) {
    SF_INFO info{};
    SNDFILE* file = sf_open(path.toLocal8Bit().constData(), SFM_READ, &info);
    std::vector<float> interleaved(std::size_t(info.frames) * std::size_t(info.channels));
    sf_readf_float(file, interleaved.data(), info.frames);
    sf_close(file);
    std::vector<float> mono(std::size_t(info.frames));
    for (std::size_t i = 0; i < mono.size(); ++i) {
        float sum = interleaved[i * std::size_t(info.channels)];
        for (int c = 1; c < info.channels; ++c)
            sum += interleaved[i * std::size_t(info.channels) + std::size_t(c)];
        mono[i] = sum / float(info.channels);
    }
    return mono;
}

} // namespace

class TestAudioFormats : public QObject {
    Q_OBJECT

private slots:
    void formatsLoadAsLibrosaDoes_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<int>("rateHz");
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("lossless");
        QTest::newRow("WAV PCM u8")
            << (SF_FORMAT_WAV | SF_FORMAT_PCM_U8) << "wav" << 11025 << 1 << true;
        QTest::newRow("WAV PCM 16 stereo")
            << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << "wav" << 44100 << 2 << true;
        QTest::newRow("WAV PCM 24")
            << (SF_FORMAT_WAV | SF_FORMAT_PCM_24) << "wav" << 22050 << 1 << true;
        QTest::newRow("WAV PCM 32")
            << (SF_FORMAT_WAV | SF_FORMAT_PCM_32) << "wav" << 48000 << 2 << true;
        QTest::newRow("WAV float")
            << (SF_FORMAT_WAV | SF_FORMAT_FLOAT) << "wav" << 22050 << 3 << true;
        QTest::newRow("WAV double")
            << (SF_FORMAT_WAV | SF_FORMAT_DOUBLE) << "wav" << 16000 << 1 << true;
        QTest::newRow("Sun AU (GTZAN)")
            << (SF_FORMAT_AU | SF_FORMAT_PCM_16) << "au" << 22050 << 1 << true;
        QTest::newRow("AIFF stereo")
            << (SF_FORMAT_AIFF | SF_FORMAT_PCM_16) << "aiff" << 44100 << 2 << true;
        QTest::newRow("FLAC 24") << (SF_FORMAT_FLAC | SF_FORMAT_PCM_24) << "flac" << 48000 << 2
                                 << true;
        QTest::newRow("Ogg Vorbis stereo")
            << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << "ogg" << 44100 << 2 << false;
        QTest::newRow("MP3") << (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) << "mp3" << 22050 << 1
                             << false;
    }

    void formatsLoadAsLibrosaDoes() {
        QFETCH(int, format);
        QFETCH(QString, extension);
        QFETCH(int, rateHz);
        QFETCH(int, channels);
        QFETCH(bool, lossless);
        QTemporaryDir work;
        const QString path = work.filePath("clip." + extension);
        QVERIFY2(writeAudioFile(path, interleavedTones(rateHz, channels, !lossless), rateHz,
                                channels, format),
                 "libsndfile could not write this format");

        const auto info = readAudioInfo(path.toStdString());
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
        QCOMPARE(info->sampleRateHz, rateHz);
        QCOMPARE(info->channels, channels);

        // At the native rate: exactly libsndfile's float read and the float32 channel mean.
        const auto native = loadAudio(path.toStdString(), rateHz);
        QVERIFY2(native.ok(), native.ok() ? "" : native.error().message.c_str());
        QCOMPARE(native->samples, referenceMono(path));
        if (lossless)
            QCOMPARE(qint64(native->samples.size()), qint64(kSeconds * rateHz));

        // At 22050 Hz: librosa's resampled length, ceil(n * 22050 / native).
        const auto resampled = loadAudio(path.toStdString(), 22050);
        QVERIFY(resampled.ok());
        const auto expectedLength =
            qint64(std::ceil(double(native->samples.size()) * 22050.0 / rateHz));
        QCOMPARE(qint64(resampled->samples.size()), expectedLength);

        // The decoded audio is the tone that went in: the loudest mel band sits at 1 kHz.
        FeatureConfig config;
        config.features = {Feature::MelSpectrogram};
        const FeatureExtractor extractor(config);
        const auto clip = extractor.extractSignal(resampled->samples);
        QVERIFY(clip.ok());
        Eigen::Index peak = 0;
        clip->find(Feature::MelSpectrogram)->rowwise().sum().maxCoeff(&peak);
        const double peakHz =
            extractor.melSpectrogram().filterbank().centerFrequenciesHz()[std::size_t(peak)];
        QVERIFY2(std::abs(peakHz - 1000.0) < 60.0, qPrintable(QString::number(peakHz)));
    }

    void filesCutShortAreRefused_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("extension");
        QTest::newRow("WAV") << (SF_FORMAT_WAV | SF_FORMAT_PCM_16) << "wav";
        QTest::newRow("AIFF") << (SF_FORMAT_AIFF | SF_FORMAT_PCM_16) << "aiff";
        QTest::newRow("AU") << (SF_FORMAT_AU | SF_FORMAT_PCM_16) << "au";
        QTest::newRow("W64") << (SF_FORMAT_W64 | SF_FORMAT_PCM_16) << "w64";
        QTest::newRow("RF64") << (SF_FORMAT_RF64 | SF_FORMAT_PCM_16) << "wav";
        QTest::newRow("CAF") << (SF_FORMAT_CAF | SF_FORMAT_PCM_16) << "caf";
    }

    void filesCutShortAreRefused() {
        QFETCH(int, format);
        QFETCH(QString, extension);
        QTemporaryDir work;
        const QString path = work.filePath("cut." + extension);
        QVERIFY(writeAudioFile(path, sine(440.0, 2.0, 22050), 22050, 1, format));
        // libsndfile would quietly read the first 0.2 s; a dataset tool must say it is broken.
        QVERIFY(QFile::resize(path, 10000));
        const auto loaded = loadAudio(path.toStdString(), 22050);
        QVERIFY(!loaded.ok());
        // CAF's parser refuses the cut file itself ("malformed"); the others say what happened.
        const std::string expected = extension == "caf" ? "malformed" : "truncated audio";
        QVERIFY2(loaded.error().message.find(expected) != std::string::npos,
                 loaded.error().message.c_str());
        QVERIFY(!readAudioInfo(path.toStdString()).ok());
    }

    void streamedResamplingEqualsOneShot() {
        // librosa resamples the whole signal with soxr at once; Cepstra streams 64k blocks.
        const std::vector<float> signal = whiteNoise(3.3, 44100, 7);
        std::vector<float> reference(
            std::size_t(std::ceil(double(signal.size()) * 22050.0 / 44100.0)));
        const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
        const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
        std::size_t written = 0;
        QVERIFY(!soxr_oneshot(44100, 22050, 1, signal.data(), signal.size(), nullptr,
                              reference.data(), reference.size(), &written, &io, &quality,
                              nullptr));
        QCOMPARE(resampleSoxrHq(signal, 44100, 22050), reference);

        QTemporaryDir work;
        const QString path = work.filePath("noise.wav");
        QVERIFY(writeAudioFile(path, signal, 44100, 1, SF_FORMAT_WAV | SF_FORMAT_FLOAT));
        const auto loaded = loadAudio(path.toStdString(), 22050);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->samples, reference);
    }

    void nonFiniteSamplesAreRefused_data() {
        QTest::addColumn<float>("value");
        QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("+Inf") << std::numeric_limits<float>::infinity();
        QTest::newRow("-Inf") << -std::numeric_limits<float>::infinity();
    }

    void nonFiniteSamplesAreRefused() {
        QFETCH(float, value);
        QTemporaryDir work;
        const QString path = work.filePath("broken.wav");
        QVERIFY(writeAudioFile(path, std::vector<float>(22050, value), 22050, 1,
                               SF_FORMAT_WAV | SF_FORMAT_FLOAT));
        const FeatureExtractor extractor{FeatureConfig{}};
        const auto clip = extractor.extractFile(path.toStdString());
        QVERIFY(!clip.ok());
        QVERIFY2(clip.error().message.find("Audio buffer is not finite everywhere") !=
                     std::string::npos,
                 clip.error().message.c_str());
    }

    void implausibleRatesAndLengthsAreRefused() {
        QTemporaryDir work;
        // 44 KB whose header says 1 Hz: resampled to 22050 Hz it would need gigabytes.
        const QString oneHertz = work.filePath("one-hertz.wav");
        QVERIFY(writeAudioFile(oneHertz, whiteNoise(1.0, 22050, 3), 22050));
        QFile file(oneHertz);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const char rate[8] = {1, 0, 0, 0, 2, 0, 0, 0}; // 1 Hz, 2 bytes per second
        file.seek(24);
        file.write(rate, 8);
        file.close();
        const auto loaded = loadAudio(oneHertz.toStdString(), 22050);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.find("below the 1000 Hz") != std::string::npos,
                 loaded.error().message.c_str());
    }

    void tooLongAfterResamplingIsRefusedBeforeDecoding() {
        // 6 M frames at 1000 Hz, asked for at 384 kHz: 2.3 G samples, above kMaxLoadedSamples.
        QTemporaryDir work;
        const QString path = work.filePath("slow.wav");
        QVERIFY(writeAudioFile(path, std::vector<float>(6'000'000, 0.25f), 1000));
        const auto loaded = loadAudio(path.toStdString(), 384000);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.find("split it into shorter files") != std::string::npos,
                 loaded.error().message.c_str());
    }

    /// Issue #9 case 3: a file that shrinks while it is read (a sync tool, a download) fails
    /// alone with a reason. It used to be memory-mapped, and the batch died of SIGBUS.
    void aFileThatShrinksWhileReadFails() {
        QTemporaryDir work;
        const QString path = work.filePath("shrinking.wav");
        QVERIFY(writeAudioFile(path, whiteNoise(5.0, 22050, 4), 22050));
        auto opened = InputFile::open(path.toStdString());
        QVERIFY(opened.ok());
        QVERIFY(QFile::resize(path, 1000)); // what another process does mid-read
        const auto loaded = loadAudio(*opened, 22050);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().kind, ErrorKind::ReadFailed);
        QVERIFY2(loaded.error().message.find("changed size while it was being read") !=
                     std::string::npos,
                 loaded.error().message.c_str());
    }

    void specialFilesAreRefusedWithoutBlocking() {
        QTemporaryDir work;
        const QString fifo = work.filePath("pipe.wav");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const auto loaded = loadAudio(fifo.toStdString(), 22050); // must not wait for a writer
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.find("FIFO") != std::string::npos,
                 loaded.error().message.c_str());
        const auto device = loadAudio("/dev/zero", 22050);
        QVERIFY(!device.ok());
        QVERIFY2(device.error().message.find("device") != std::string::npos,
                 device.error().message.c_str());
    }

    void streamedWavWithUnknownLengthLoads() {
        QTemporaryDir work;
        const QString path = work.filePath("streamed.wav");
        QVERIFY(writeAudioFile(path, sine(440.0, 1.0, 22050), 22050));
        // What a piped encoder writes when it cannot seek back: RIFF and data sizes 0xFFFFFFFF.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QByteArray unknown(4, char(0xFF));
        file.seek(4);
        file.write(unknown);
        file.seek(40);
        file.write(unknown);
        file.close();
        const auto loaded = loadAudio(path.toStdString(), 22050);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        QCOMPARE(qint64(loaded->samples.size()), qint64(22050));
    }
};

QTEST_GUILESS_MAIN(TestAudioFormats)
#include "tst_audio_formats.moc"
