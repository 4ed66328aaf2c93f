// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile input to check, export, make-demo and sharded runs, as an outside attack found it:
// files written over the dataset or a device, a FIFO where an array should be, sizes that
// cannot fit, a full standard output, control characters in names, NaN audio, empty options.
// Each gets one clear error line (exit 2 for usage, 1 for a file), and nothing is written.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>
#include <sndfile.h>
#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace cepstra;
using namespace cepstra::test;

namespace {

/// A sawtooth sweeping from `fromHz` to `toHz`: steady loudness, rich in harmonics.
std::vector<float> sawtoothSweep(double fromHz, double toHz, double seconds, int rate) {
    std::vector<float> samples(std::size_t(seconds * rate));
    double phase = 0.0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = double(i) / rate;
        phase += (fromHz + (toHz - fromHz) * t / seconds) / rate;
        samples[i] = float(0.5 * (2.0 * (phase - std::floor(phase)) - 1.0));
    }
    return samples;
}

void expectOneErrorLine(const CliRun& run, int exitCode, const QString& mentions) {
    QVERIFY2(run.exitCode == exitCode,
             qPrintable(QString("exit %1: %2").arg(run.exitCode).arg(run.standardError)));
    QVERIFY2(run.standardError.startsWith("cepstra-cli: error: ") &&
                 run.standardError.trimmed().count('\n') == 0 &&
                 run.standardError.contains(mentions),
             qPrintable(run.standardError));
}

nlohmann::json jsonLines(const QString& output, const std::string& event) {
    for (const QString& line : output.split('\n', Qt::SkipEmptyParts)) {
        const auto parsed = nlohmann::json::parse(line.toStdString(), nullptr, false);
        if (!parsed.is_discarded() && parsed.value("event", "") == event)
            return parsed;
    }
    return nullptr;
}

} // namespace

class TestCliHostile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_work.isValid());
        m_dataset = m_work.filePath("dataset");
        QVERIFY(writeAudioFile(m_dataset + "/tones/a.wav", sine(440, 2.0, 22050), 22050));
        QVERIFY(writeAudioFile(m_dataset + "/tones/b.wav", sine(660, 2.0, 22050), 22050));
        QVERIFY(writeAudioFile(m_dataset + "/noise/n.wav", whiteNoise(2.0, 22050, 7), 22050));
        m_cache = m_work.filePath("cache.sqlite");
    }

    /// --report, --flagged-list and --cache never write inside INPUT, over a device, into a
    /// missing folder or from an empty name; the dataset stays byte for byte.
    void checkRefusesFilesItCannotSafelyWrite_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString clip = "dataset/tones/a.wav";
        for (const QString option : {"--report", "--flagged-list", "--cache"}) {
            QTest::addRow("%s over a clip", qPrintable(option))
                << QStringList{option, clip} << "inside the dataset folder";
            QTest::addRow("%s empty", qPrintable(option)) << QStringList{option, ""} << "is empty";
            QTest::addRow("%s in a missing folder", qPrintable(option))
                << QStringList{option, "nowhere/x"} << "does not exist";
        }
        QTest::newRow("--report a device")
            << QStringList{"--report", "/dev/null"} << "not a regular file";
        QTest::newRow("--report a folder") << QStringList{"--report", "."} << "a folder";
        QTest::newRow("--features and --cache")
            << QStringList{"--features", ".", "--cache", "c.sqlite"} << "excludes";
    }
    void checkRefusesFilesItCannotSafelyWrite() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const auto before = snapshotFolder(m_dataset);
        QDir::setCurrent(m_work.path());
        const CliRun run = runCli(QStringList{"check", "dataset"} + arguments);
        expectOneErrorLine(run, 2, mentions);
        QCOMPARE(snapshotFolder(m_dataset), before);
        QVERIFY(!QFile::exists(m_work.filePath("c.sqlite")));
        struct stat device {};
        QVERIFY(::stat("/dev/null", &device) == 0 && S_ISCHR(device.st_mode));
    }

    /// NaN audio is `unreadable` with run's reason, not measured as silence.
    void checkReportsNonFiniteAudioAsUnreadable() {
        QTemporaryDir work;
        std::vector<float> samples = sine(440, 2.0, 22050);
        samples[1000] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY(writeAudioFile(work.filePath("d/x/nan.wav"), samples, 22050, 1,
                               SF_FORMAT_WAV | SF_FORMAT_FLOAT));
        QVERIFY(writeAudioFile(work.filePath("d/x/ok.wav"), sine(440, 2.0, 22050), 22050));
        const CliRun run = runCli({"check", work.filePath("d"), "--format", "json", "--cache",
                                   work.filePath("c.sqlite")});
        QCOMPARE(run.exitCode, 1);
        const auto report = nlohmann::json::parse(run.standardOutput.toStdString());
        bool found = false;
        for (const auto& file : report["files"])
            if (file["path"] == "x/nan.wav")
                for (const auto& finding : file["findings"])
                    found = found || (finding["check"] == "unreadable" &&
                                      finding["detail"].get<std::string>().find(
                                          "Audio buffer is not finite everywhere") == 0);
        QVERIFY2(found, run.standardOutput.toUtf8().constData());
    }

    /// --force reads every clip again; without it a second check reads none.
    void checkForceReadsEveryClipAgain() {
        QVERIFY(runCli({"check", m_dataset, "--cache", m_cache}).exitCode <= 1);
        const CliRun cached = runCli({"check", m_dataset, "--cache", m_cache});
        QVERIFY2(cached.standardOutput.contains("(0 read, 3 from the cache"),
                 qPrintable(cached.standardOutput));
        const CliRun forced = runCli({"check", m_dataset, "--cache", m_cache, "--force"});
        QVERIFY2(forced.standardOutput.contains("(3 read, 0 from the cache"),
                 qPrintable(forced.standardOutput));
    }

    /// With --report, standard output has the headline and where the report went, no more.
    void aReportFileLeavesOnlyTheHeadlineOnStandardOutput() {
        const QString report = m_work.filePath("report.html");
        const CliRun run = runCli(
            {"check", m_dataset, "--cache", m_cache, "--format", "html", "--report", report});
        QVERIFY(run.exitCode <= 1);
        const QStringList lines = run.standardOutput.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].contains("3 clips in 2 labels"));
        QCOMPARE(lines[1], "Report written to " + report);
        QFile written(report);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().startsWith("<!DOCTYPE html>"));
    }

    /// A report that cannot reach standard output (a full disk) fails the command.
    void aFullStandardOutputFailsTheCheck() {
        QProcess process;
        process.setStandardOutputFile("/dev/full");
        process.start(cliPath(), {"check", m_dataset, "--cache", m_cache});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(error.contains("could not write the report to standard output"),
                 qPrintable(error));
    }

    /// A line break in a file name cannot forge a line of the text report.
    void controlCharactersInNamesAreEscaped() {
        QTemporaryDir work;
        QVERIFY(writeAudioFile(work.filePath("d/x/evil\nx/fake.wav"), silence(2.0, 22050), 22050) ||
                writeAudioFile(work.filePath("d/x/evil\nfake.wav"), silence(2.0, 22050), 22050));
        QVERIFY(writeAudioFile(work.filePath("d/x/ok.wav"), sine(440, 2.0, 22050), 22050));
        const CliRun run =
            runCli({"check", work.filePath("d"), "--cache", work.filePath("c.sqlite")});
        QVERIFY(run.exitCode <= 1);
        QVERIFY2(run.standardOutput.contains("evil\\x0A"), qPrintable(run.standardOutput));
        for (const QString& line : run.standardOutput.split('\n'))
            QVERIFY2(!line.startsWith("fake.wav") && !line.startsWith("x/fake.wav"),
                     qPrintable(line));
    }

    /// Two different sweeps of one steady timbre share chroma but are not one recording; the
    /// same sweep re-encoded as MP3 at -6 dB still is.
    void distinctSteadySweepsAreNotNearDuplicates() {
        QTemporaryDir work;
        const std::vector<float> up = sawtoothSweep(200, 2000, 15.0, 22050);
        std::vector<float> quieter = up;
        for (float& sample : quieter)
            sample *= 0.5f;
        QVERIFY(writeAudioFile(work.filePath("d/a/up.wav"), up, 22050));
        QVERIFY(writeAudioFile(work.filePath("d/a/up-quieter.mp3"), quieter, 22050, 1,
                               SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III));
        QVERIFY(writeAudioFile(work.filePath("d/a/down.wav"), sawtoothSweep(300, 1200, 15.0, 22050),
                               22050));
        const CliRun run = runCli({"check", work.filePath("d"), "--format", "json", "--cache",
                                   work.filePath("c.sqlite")});
        const auto report = nlohmann::json::parse(run.standardOutput.toStdString());
        QVERIFY2(report["groups"].size() == 1, report["groups"].dump().c_str());
        QCOMPARE(report["groups"][0]["check"], "near_duplicate");
        QCOMPARE(report["groups"][0]["paths"],
                 nlohmann::json::array({"a/up-quieter.mp3", "a/up.wav"}));
    }

    /// A dataset statistics file Cepstra did not write is refused before anything is written.
    void aForeignStatisticsFileIsRefused() {
        QTemporaryDir work;
        const QString output = work.filePath("out");
        QVERIFY(writeBytes(output + "/cepstra-dataset-statistics.json", R"({"my": "notes"})"));
        const CliRun run = runCli({"run", m_dataset, output, "--set", "scale_axis=dataset"});
        expectOneErrorLine(run, 2, "which Cepstra did not write");
        QCOMPARE(QDir(output).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"cepstra-dataset-statistics.json"});
        QFile kept(output + "/cepstra-dataset-statistics.json");
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(R"({"my": "notes"})"));
    }

    void makeDemoRefusesNotANumber() {
        QTemporaryDir work;
        const CliRun run =
            runCli({"make-demo", work.filePath("demo"), "--seconds", "nan", "--clips", "1"});
        expectOneErrorLine(run, 2, "--seconds");
        QVERIFY(!QFile::exists(work.filePath("demo")));
    }

    /// Export: --frames far past the longest clip, a FIFO for an array, an exclude list that
    /// names nothing, and splits too small for a label's share.
    void exportRefusesHostileSizesAndFiles() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeDemoDataset(input.toStdString(), {4, 1.0, 22050}).ok());
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);

        const QString dest = work.filePath("x.h5");
        expectOneErrorLine(runCli({"export", output, dest, "--frames", "100000000"}), 2,
                           "times the longest clip");
        QCOMPARE(QDir(work.path()).entryList(QDir::Files | QDir::Hidden), QStringList{});
        expectOneErrorLine(runCli({"export", output, dest, "--exclude-list", ""}), 2,
                           "--exclude-list is empty");

        // Four clips a label at 0.8/0.1/0.1: the small splits still get clips.
        const CliRun split = runCli({"export", output, dest, "--split",
                                     "train=0.8,valid=0.1,test=0.1", "--progress", "json"});
        QCOMPARE(split.exitCode, 0);
        const auto plan = jsonLines(split.standardOutput, "plan");
        QVERIFY(!plan.is_null());
        for (const auto& each : plan["splits"])
            QVERIFY2(each["clips"].get<int>() > 0, plan["splits"].dump().c_str());

        QFile list(work.filePath("exclude.txt"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("tones/nosuch.wav\n");
        list.close();
        const CliRun excluded = runCli(
            {"export", output, dest, "--exclude-list", list.fileName(), "--progress", "none"});
        QCOMPARE(excluded.exitCode, 0);
        QVERIFY2(excluded.standardError.contains(
                     "exclude.txt: tones/nosuch.wav matches no clip of the run"),
                 qPrintable(excluded.standardError));

        // A FIFO where an array was: left out as damaged (exit 1), never waited on.
        const QStringList arrays =
            QDir(output + "/tones").entryList({"*_melspectrogram.npy"}, QDir::Files);
        QVERIFY(!arrays.isEmpty());
        const QString fifo = output + "/tones/" + arrays.first();
        QVERIFY(QFile::remove(fifo));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0644) == 0);
        const CliRun blocked =
            runCli({"export", output, work.filePath("y.h5"), "--progress", "none"}, 60000);
        QCOMPARE(blocked.exitCode, 1);
        QVERIFY2(blocked.standardOutput.contains("not a regular file"),
                 qPrintable(blocked.standardOutput));
        QVERIFY(QFile::exists(work.filePath("y.h5")));
    }

private:
    QTemporaryDir m_work;
    QString m_dataset;
    QString m_cache;
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
