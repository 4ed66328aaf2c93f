// SPDX-License-Identifier: GPL-3.0-or-later
// Properties that hold for any correct mel/MFCC pipeline, checked on synthetic signals.
#include "core/dsp/Cepstrum.h"
#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Trim.h"
#include "core/dsp/Window.h"
#include "core/features/FeatureExtractor.h"
#include "tests/support/SyntheticAudio.h"

#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;

class TestDspProperties : public QObject {
    Q_OBJECT

private slots:
    void sinePeaksInItsMelBand_data() {
        QTest::addColumn<double>("frequencyHz");
        QTest::addColumn<int>("nMels");
        QTest::addColumn<bool>("htk");
        for (double f : {110.0, 440.0, 1000.0, 3000.0, 8000.0})
            for (int nMels : {40, 128})
                for (bool htk : {false, true})
                    QTest::addRow("%g Hz, %d mels%s", f, nMels, htk ? ", htk" : "")
                        << f << nMels << htk;
    }

    void sinePeaksInItsMelBand() {
        QFETCH(double, frequencyHz);
        QFETCH(int, nMels);
        QFETCH(bool, htk);
        FeatureConfig config;
        config.nMels = nMels;
        config.htk = htk;
        config.features = {Feature::MelSpectrogram};
        const FeatureExtractor extractor(config);
        const auto clip = extractor.extractSignal(sine(frequencyHz, 2.0, config.sampleRateHz));
        QVERIFY(clip.ok());
        const FeatureMatrix& mel = *clip->find(Feature::MelSpectrogram);
        Eigen::Index peakBand = 0;
        mel.rowwise().sum().maxCoeff(&peakBand);

        const auto& centers = extractor.melSpectrogram().filterbank().centerFrequenciesHz();
        const auto nearest =
            std::min_element(centers.begin(), centers.end(),
                             [&](double a, double b) {
                                 return std::abs(a - frequencyHz) < std::abs(b - frequencyHz);
                             }) -
            centers.begin();
        QVERIFY2(
            std::abs(peakBand - nearest) <= 1,
            qPrintable(QStringLiteral("peak band %1 (centre %2 Hz), nearest band %3 (centre %4 Hz)")
                           .arg(peakBand)
                           .arg(centers[std::size_t(peakBand)])
                           .arg(nearest)
                           .arg(centers[std::size_t(nearest)])));
        // The peak band's triangle must contain the tone.
        const double lower = peakBand > 0 ? centers[std::size_t(peakBand - 1)] : 0.0;
        const double upper = std::size_t(peakBand + 1) < centers.size()
                                 ? centers[std::size_t(peakBand + 1)]
                                 : config.sampleRateHz / 2.0;
        QVERIFY(lower < frequencyHz && frequencyHz < upper);
    }

    void shapesFollowLibrosasFraming_data() {
        QTest::addColumn<int>("samples");
        QTest::addColumn<int>("nFft");
        QTest::addColumn<int>("hop");
        QTest::addColumn<bool>("center");
        QTest::addColumn<int>("expectedFrames");
        QTest::newRow("centred default") << 22050 << 2048 << 512 << true << 1 + 22050 / 512;
        QTest::newRow("centred odd hop") << 10000 << 1024 << 333 << true << 1 + 10000 / 333;
        QTest::newRow("uncentred") << 22050 << 2048 << 512 << false << 1 + (22050 - 2048) / 512;
        QTest::newRow("uncentred exact") << 2048 << 2048 << 512 << false << 1;
        QTest::newRow("shorter than n_fft, centred")
            << 1000 << 2048 << 512 << true << 1 + 1000 / 512;
    }

    void shapesFollowLibrosasFraming() {
        QFETCH(int, samples);
        QFETCH(int, nFft);
        QFETCH(int, hop);
        QFETCH(bool, center);
        QFETCH(int, expectedFrames);
        FeatureConfig config;
        config.nFft = nFft;
        config.hopLength = hop;
        config.center = center;
        config.trim = false;
        config.nMels = 64;
        config.nMfcc = 13;
        config.features = {Feature::MelSpectrogram, Feature::Mfcc, Feature::LogMel};
        QVERIFY(validate(config).empty());
        const auto clip =
            FeatureExtractor(config).extractSignal(whiteNoise(double(samples) / 22050.0, 22050, 7));
        QVERIFY2(clip.ok(), clip.ok() ? "" : clip.error().message.c_str());
        QCOMPARE(clip->find(Feature::MelSpectrogram)->rows(), 64);
        QCOMPARE(clip->find(Feature::Mfcc)->rows(), 13);
        for (const auto& [feature, values] : clip->features) {
            QCOMPARE(values.cols(), Eigen::Index(expectedFrames));
            QVERIFY(values.allFinite());
        }
    }

    void uncentredShortClipIsRefused() {
        FeatureConfig config;
        config.center = false;
        config.trim = false;
        const auto clip = FeatureExtractor(config).extractSignal(sine(440, 0.05, 22050));
        QVERIFY(!clip.ok());
        QCOMPARE(int(clip.error().kind), int(ErrorKind::TooShort));
        QVERIFY(clip.error().message.find("n_fft=2048 is too large") != std::string::npos);
    }

    void silenceGivesTheLogFloorEverywhere() {
        FeatureConfig config;
        config.features = {Feature::LogMel, Feature::Mfcc};
        const auto clip = FeatureExtractor(config).extractSignal(silence(1.0, 22050));
        QVERIFY(clip.ok());
        const FeatureMatrix& logMel = *clip->find(Feature::LogMel);
        QCOMPARE(logMel.minCoeff(), -100.0f);
        QCOMPARE(logMel.maxCoeff(), -100.0f);
        QVERIFY(clip->find(Feature::Mfcc)->allFinite());
    }

    void powerToDbFloorsAtTopDb() {
        FeatureMatrix power(1, 3);
        power << 1e4f, 1.0f, 1e-9f;
        const FeatureMatrix db = powerToDb(power);
        QCOMPARE(db(0, 0), 40.0f);
        QCOMPARE(db(0, 1), 0.0f);
        QCOMPARE(db(0, 2), -40.0f); // 40 dB - top_db 80
    }

    void dctMatricesAreOrthonormal_data() {
        QTest::addColumn<int>("dctType");
        QTest::addColumn<int>("size");
        for (int type : {1, 2, 3})
            for (int size : {2, 13, 128})
                QTest::addRow("type %d, N=%d", type, size) << type << size;
    }

    void dctMatricesAreOrthonormal() {
        QFETCH(int, dctType);
        QFETCH(int, size);
        const Eigen::MatrixXd dct = orthonormalDctMatrix(dctType, size, size);
        const double error =
            (dct * dct.transpose() - Eigen::MatrixXd::Identity(size, size)).cwiseAbs().maxCoeff();
        QVERIFY2(error < 1e-12, qPrintable(QString::number(error)));
        if (dctType == 3)
            QVERIFY((dct - orthonormalDctMatrix(2, size, size).transpose()).cwiseAbs().maxCoeff() <
                    1e-12);
    }

    void melScalesRoundTrip() {
        QCOMPARE(hzToMel(1000.0, false), 15.0);
        QVERIFY(std::abs(hzToMel(1000.0, true) - 999.9855) < 1e-3);
        for (double hz : {0.0, 50.0, 999.0, 1000.0, 4000.0, 11025.0})
            for (bool htk : {false, true})
                QVERIFY(std::abs(melToHz(hzToMel(hz, htk), htk) - hz) < 1e-9 * std::max(1.0, hz));
    }

    void windowsArePeriodicAndCentred() {
        const auto hann = makeCenteredWindow(WindowType::Hann, 8, 8);
        QCOMPARE(hann[0], 0.0);
        QCOMPARE(hann[4], 1.0);
        QVERIFY(std::abs(hann[2] - 0.5) < 1e-15);
        const auto narrow = makeCenteredWindow(WindowType::Boxcar, 4, 10);
        const std::vector<double> expected{0, 0, 0, 1, 1, 1, 1, 0, 0, 0};
        QCOMPARE(narrow, expected);
    }

    void trimKeepsTheLoudPart() {
        std::vector<float> signal = silence(1.0, 22050);
        const auto tone = sine(440.0, 1.0, 22050);
        signal.insert(signal.end(), tone.begin(), tone.end());
        const auto tail = silence(1.0, 22050);
        signal.insert(signal.end(), tail.begin(), tail.end());
        const SampleRange kept = findNonSilentRange(signal, 60.0);
        // Frames are 2048 long with hop 512: the edges may reach two hops into the silence.
        QVERIFY(kept.start > 22050 - 3 * 512 && kept.start <= 22050);
        QVERIFY(kept.end >= 44100 && kept.end < 44100 + 3 * 512);
        QCOMPARE(kept.start % 512, 0LL);
        QCOMPARE(findNonSilentRange(silence(1.0, 22050), 60.0), (SampleRange{0, 22050}));
    }

    void cancellationStopsExtraction() {
        CancelToken cancel;
        cancel.requestStop();
        const auto clip =
            FeatureExtractor(FeatureConfig{}).extractSignal(whiteNoise(5.0, 22050, 1), &cancel);
        QVERIFY(!clip.ok());
        QCOMPARE(int(clip.error().kind), int(ErrorKind::Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestDspProperties)
#include "tst_dsp_properties.moc"
