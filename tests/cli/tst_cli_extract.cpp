// SPDX-License-Identifier: GPL-3.0-or-later
// Black-box tests of `cepstra-cli extract`: exit codes, files on disk, and their contents.
#include "core/Version.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"
#include "core/io/Npy.h"
#include "tests/support/CliProcess.h"
#include "tests/support/GoldenData.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;

namespace {

QStringList filesIn(const QString& directory) {
    return QDir(directory).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class TestCliExtract : public QObject {
    Q_OBJECT

private slots:
    void writesSixFilesEqualToTheCore() {
        QTemporaryDir work;
        const QString clip = work.filePath("tone.wav");
        QVERIFY(writeAudioFile(clip, sine(440.0, 3.0, 22050), 22050));
        const QString out = work.filePath("features");
        const CliRun run = runCli({"extract", clip, out});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.standardOutput.contains(out));
        const QStringList expected{"tone_melspectrogram.npy",
                                   "tone_melspectrogram_minmax.npy",
                                   "tone_melspectrogram_standard.npy",
                                   "tone_mfcc.npy",
                                   "tone_mfcc_minmax.npy",
                                   "tone_mfcc_standard.npy"};
        QCOMPARE(filesIn(out), expected);

        // The bytes equal what the core computes in-process.
        const FeatureConfig config;
        const auto clipFeatures = FeatureExtractor(config).extractFile(clip.toStdString());
        QVERIFY(clipFeatures.ok());
        for (const auto& output : buildOutputs(*clipFeatures, config)) {
            QFile file(
                QDir(out).filePath(QString::fromStdString("tone_" + output.suffix + ".npy")));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), QByteArray::fromStdString(encodeNpy(output.values)));
        }
    }

    void oldPipelineConfigAndLegacyNames() {
        QTemporaryDir work;
        const QString clip = work.filePath("blues.00000.au");
        QVERIFY(writeAudioFile(clip, chirp(100, 4000, 2.0, 22050), 22050, 1,
                               0x030000 | 0x0002)); // AU, PCM16
        const QString conf = work.filePath("conf.json");
        QVERIFY(writeText(conf, R"({"n_mels": 128, "n_mfcc": 20})"));
        const QString out = work.filePath("out");
        const CliRun run =
            runCli({"extract", clip, out, "--config", conf, "--set", "naming=legacy"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(filesIn(out),
                 (QStringList{"blues.00000_melspectrogram.npy",
                              "blues.00000_melspectrogram_minmaxnormalizer.npy",
                              "blues.00000_melspectrogram_standardcaler.npy",
                              "blues.00000_mfcc.npy", "blues.00000_mfcc_minmaxnormalizer.npy",
                              "blues.00000_mfcc_standardcaler.npy"}));
    }

    void goldenClipMatchesLibrosaThroughTheCli() {
        QTemporaryDir work;
        const QString clip = QDir(goldenDirectory()).filePath("audio/gtzan_like.au");
        QVERIFY2(QFile::exists(clip), "golden data missing");
        const CliRun run =
            runCli({"extract", clip, work.path(), "--set", "features=mfcc", "--set", "scalers=[]"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(filesIn(work.path()), QStringList{"gtzan_like_mfcc.npy"});
        const auto ours = readNpy(QDir(work.path()).filePath("gtzan_like_mfcc.npy").toStdString());
        QVERIFY(ours.ok());
        FeatureMatrix matrix(ours->shape[0], ours->shape[1]);
        for (Eigen::Index i = 0; i < matrix.size(); ++i)
            matrix.data()[i] = float(ours->values[std::size_t(i)]);
        const Comparison comparison = compareHeadTail(
            matrix, goldenArray("ref/gtzan_like__C1__mfcc__head.npy"),
            goldenArray("ref/gtzan_like__C1__mfcc__tail.npy"), rawTolerance(Feature::Mfcc, matrix));
        QVERIFY2(comparison.passed(), comparison.where.c_str());
    }

    void refusalsWriteNothing_data() {
        QTest::addColumn<QStringList>("extraArguments");
        QTest::addColumn<QString>("inputKind");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("invalid value")
            << QStringList{"--set", "n_fft=1"} << "good" << 2
            << "invalid config: n_fft must be between 2 and 65536 samples (got 1)";
        QTest::newRow("cross-key") << QStringList{"--set", "n_mfcc=200"} << "good" << 2
                                   << "n_mfcc must be between 1 and n_mels=128";
        QTest::newRow("unknown key")
            << QStringList{"--set", "nmels=64"} << "good" << 2 << "unknown config key \"nmels\"";
        QTest::newRow("bad --set")
            << QStringList{"--set", "n_mels"} << "good" << 2 << "--set expects key=value";
        QTest::newRow("missing config file")
            << QStringList{"--config", "/nonexistent/conf.json"} << "good" << 2 << "conf.json";
        QTest::newRow("missing input") << QStringList{} << "missing" << 2 << "does not exist";
        QTest::newRow("random bytes") << QStringList{} << "random" << 1 << "cannot decode";
        QTest::newRow("zero bytes") << QStringList{} << "empty" << 1 << "zero-byte file";
        QTest::newRow("too short uncentred")
            << QStringList{"--set", "center=false", "--set", "trim=false"} << "short" << 1
            << "n_fft=2048 is too large for uncentered analysis";
    }

    void refusalsWriteNothing() {
        QFETCH(QStringList, extraArguments);
        QFETCH(QString, inputKind);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir work;
        const QString clip = work.filePath("clip.wav");
        if (inputKind == "good")
            QVERIFY(writeAudioFile(clip, sine(440.0, 1.0, 22050), 22050));
        else if (inputKind == "short")
            QVERIFY(writeAudioFile(clip, sine(440.0, 0.04, 22050), 22050));
        else if (inputKind == "random")
            QVERIFY(writeText(clip, QByteArray(4096, '\x5a') + "RIFF junk that is not audio"));
        else if (inputKind == "empty")
            QVERIFY(writeText(clip, QByteArray()));
        const QString out = work.filePath("out");
        const CliRun run = runCli(QStringList{"extract", clip, out} + extraArguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.standardError.contains(message), qPrintable(run.standardError));
        QVERIFY2(!run.standardError.contains("cannot process cannot"),
                 qPrintable(run.standardError));
        QVERIFY2(run.standardError.startsWith("cepstra-cli: error: "),
                 qPrintable(run.standardError));
        QCOMPARE(run.standardError.count('\n'), 1); // one line
        QVERIFY(filesIn(out).isEmpty());
    }

    void versionAndHelp() {
        const CliRun version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.standardOutput.trimmed(), QString("cepstra-cli ") + kVersion);
        const CliRun help = runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.standardOutput.contains("extract"));
        const CliRun extractHelp = runCli({"extract", "--help"});
        QCOMPARE(extractHelp.exitCode, 0);
        QVERIFY(extractHelp.standardOutput.contains("--set"));
        const CliRun nothing = runCli({});
        QCOMPARE(nothing.exitCode, 2);
        const CliRun unknown = runCli({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliExtract)
#include "tst_cli_extract.moc"
