// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #9's hostile cases, black-box through cepstra-cli: what must never lose data, crash,
// hang or pass garbage as done. Each test failed before its fix.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <limits>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace cepstra;
using namespace cepstra::test;

namespace {

constexpr int kFilesPerClip = 6;

QStringList catalogRows(const QString& output, const QString& sql) {
    return queryDatabase(QDir(output).filePath("cepstra-catalog.sqlite"), sql);
}

nlohmann::json summaryOf(const CliRun& run) {
    const QStringList lines = run.standardOutput.trimmed().split('\n');
    return nlohmann::json::parse(lines.last().toStdString(), nullptr, false);
}

bool makeDemo(const QString& directory, int clipsPerLabel, double seconds) {
    return writeDemoDataset(directory.toStdString(), {clipsPerLabel, seconds, 22050}).ok();
}

/// Opens every folder and file under `root` to everyone, for a CLI running as nobody.
void openUp(const QString& root) {
    QProcess::execute("chmod", {"-R", "a+rwX", root});
}

bool chmodPath(const QString& path, mode_t mode) {
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

/// A float WAV of `value` everywhere.
bool writeConstantFloatWav(const QString& path, float value, int frames) {
    return writeAudioFile(path, std::vector<float>(std::size_t(frames), value), 22050, 1,
                          SF_FORMAT_WAV | SF_FORMAT_FLOAT);
}

/// Runs `script` with Debian's python3 on `input` and returns its standard output.
QString python(const QString& script, const QByteArray& input) {
    QProcess process;
    process.start(numpyPython(), {"-c", script});
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed() +
           QString::fromUtf8(process.readAllStandardError()).trimmed();
}

} // namespace

class TestCliFaults : public QObject {
    Q_OBJECT

private slots:
    /// Case 1: a label folder that cannot be listed is a failure, never a removal.
    void anUnreadableFolderKeepsItsOutputs() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 1.0));
        openUp(work.path());
        QCOMPARE(runCliAsUser(work.path(), {"run", input, output, "--progress", "none"}).exitCode,
                 0);
        const auto before = snapshotNpyFiles(output);
        QCOMPARE(before.size(), 8 * kFilesPerClip);

        QVERIFY(chmodPath(input + "/noise", 0));
        const CliRun locked =
            runCliAsUser(work.path(), {"run", input, output, "--progress", "json"});
        QVERIFY(chmodPath(input + "/noise", 0755));
        QCOMPARE(locked.exitCode, 1);
        const auto summary = summaryOf(locked);
        QCOMPARE(summary["removed"].get<int>(), 0);
        QCOMPARE(summary["failed"].get<int>(), 1);
        const std::string reason = summary["failures"][0]["error"];
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(), std::string("noise/"));
        QVERIFY2(reason.find("cannot list this folder") != std::string::npos &&
                     reason.find("its 2 earlier results are kept") != std::string::npos,
                 reason.c_str());
        QCOMPARE(snapshotNpyFiles(output), before);
        QCOMPARE(catalogRows(output, "SELECT count(*) FROM files WHERE path LIKE 'noise/%'"),
                 QStringList{"2"});

        // Readable again: nothing to do, nothing lost.
        const CliRun again =
            runCliAsUser(work.path(), {"run", input, output, "--progress", "json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(summaryOf(again)["skipped"].get<int>(), 8);
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    /// Case 1, for a file: it exists but cannot be read now, so its outputs stay, and the next
    /// run reads it again instead of trusting its unchanged size and time.
    void anUnreadableFileKeepsItsOutputs() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 1.0));
        openUp(work.path());
        QCOMPARE(runCliAsUser(work.path(), {"run", input, output, "--progress", "none"}).exitCode,
                 0);
        const auto before = snapshotNpyFiles(output);
        const QString clip = input + "/drums/drums.00000.wav";
        QVERIFY(chmodPath(clip, 0));
        const CliRun locked =
            runCliAsUser(work.path(), {"run", input, output, "--progress", "json"});
        QVERIFY(chmodPath(clip, 0644));
        QCOMPARE(locked.exitCode, 1);
        const auto summary = summaryOf(locked);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(),
                 std::string("drums/drums.00000.wav"));
        const std::string reason = summary["failures"][0]["error"];
        QVERIFY2(reason.find("Permission denied") != std::string::npos &&
                     reason.find("earlier outputs are kept") != std::string::npos,
                 reason.c_str());
        QCOMPARE(snapshotNpyFiles(output), before);
        // Out of exports until it can be read again.
        QCOMPARE(
            catalogRows(output, "SELECT status FROM files WHERE path = 'drums/drums.00000.wav'"),
            QStringList{"unavailable"});

        const CliRun again =
            runCliAsUser(work.path(), {"run", input, output, "--progress", "json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(summaryOf(again)["processed"].get<int>(), 0); // re-read, same content
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    /// Case 2: file and folder names that are not UTF-8 are carried as bytes; JSON escapes
    /// them the way Python's surrogateescape reads them back.
    void nonUtf8NamesRunAndReportExactly() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        const std::string folder = input.toStdString() + "/caf\xe9";
        QVERIFY(QDir().mkpath(input));
        QVERIFY(::mkdir(folder.c_str(), 0755) == 0);
        QVERIFY(writeAudioFile(input + "/plain.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(::rename(QFile::encodeName(input + "/plain.wav").constData(),
                         (folder + "/a\xff.wav").c_str()) == 0);

        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 0);
        const QString decoded =
            python("import json, os, sys\n"
                   "for line in sys.stdin:\n"
                   "    event = json.loads(line)\n"
                   "    if event['event'] == 'file':\n"
                   "        print(os.fsencode(event['path']).hex(), event['status'])\n",
                   run.standardOutput.toUtf8());
        QCOMPARE(decoded, QString(QByteArray("caf\xe9/a\xff.wav").toHex() + " done"));
        QVERIFY(::access((output.toStdString() + "/caf\xe9/a\xff_mfcc.npy").c_str(), R_OK) == 0);

        const CliRun again = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.standardOutput.contains("1 skipped as up to date"));
        const CliRun scan = runCli({"scan", input, "--format", "json"});
        QCOMPARE(scan.exitCode, 0);
        QCOMPARE(python("import json, sys\nprint(list(json.load(sys.stdin)['labels']))",
                        scan.standardOutput.toUtf8()),
                 QString("['caf\\udce9']"));
        std::filesystem::remove_all(work.path().toStdString()); // QDir cannot name these
    }

    /// Case 4: nesting deep enough to exhaust a recursive printer is refused up front.
    void deeplyNestedConfigIsRefused() {
        QTemporaryDir work;
        QVERIFY(writeAudioFile(work.filePath("a.wav"), sine(440, 1.0, 22050), 22050));
        const QString deep = QString(60000, '[') + QString(60000, ']');
        CliRun run = runCli(
            {"extract", work.filePath("a.wav"), work.filePath("o"), "--set", "scalers=" + deep});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("nests lists or objects more than"),
                 qPrintable(run.standardError));
        QCOMPARE(run.standardError.count('\n'), 1);
        QVERIFY(writeBytes(work.filePath("deep.json"), ("{\"scalers\": " + deep + "}").toUtf8()));
        run = runCli({"extract", work.filePath("a.wav"), work.filePath("o"), "--config",
                      work.filePath("deep.json")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!QDir(work.filePath("o")).exists() || QDir(work.filePath("o")).isEmpty());
    }

    /// Case 5: NaN and infinity are refused with librosa's reason.
    void nonFiniteSamplesAreRefused_data() {
        QTest::addColumn<float>("value");
        QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("+Inf") << std::numeric_limits<float>::infinity();
        QTest::newRow("-Inf") << -std::numeric_limits<float>::infinity();
    }
    void nonFiniteSamplesAreRefused() {
        QFETCH(float, value);
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeConstantFloatWav(input + "/bad/x.wav", value, 22050));
        QVERIFY(writeAudioFile(input + "/good/y.wav", sine(440, 1.0, 22050), 22050));
        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.standardOutput.contains("bad/x.wav: ") &&
                     run.standardOutput.contains("Audio buffer is not finite everywhere"),
                 qPrintable(run.standardOutput));
        QCOMPARE(catalogRows(output, "SELECT status FROM files WHERE path = 'bad/x.wav'"),
                 QStringList{"failed"});
        QVERIFY(snapshotNpyFiles(output + "/bad").isEmpty());
    }

    /// Case 8: a stop inside one long clip (an hour of audio) abandons that clip: no output of
    /// it is written and its row stays pending for the next run. Were the stop only checked
    /// between clips, the clip would be finished and written first.
    void interruptInsideAnHourLongClip() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(QDir().mkpath(input + "/long"));
        QCOMPARE(QProcess::execute("sox", {"-n", "-r", "8000", "-c", "1", "-b", "16",
                                           input + "/long/hour.wav", "synth", "3600", "sine", "440",
                                           "vol", "0.3"}),
                 0);
        for (const int signalNumber : {SIGINT, SIGKILL}) {
            QProcess run;
            run.start(cliPath(), {"run", input, output, "--progress", "json", "--jobs", "1"});
            run.closeWriteChannel();
            QVERIFY(run.waitForReadyRead(60000)); // the start event: the clip is being read
            QTest::qWait(500);
            ::kill(pid_t(run.processId()), signalNumber);
            QVERIFY(run.waitForFinished(60000));
            if (signalNumber == SIGINT) {
                QCOMPARE(run.exitStatus(), QProcess::NormalExit);
                QCOMPARE(run.exitCode(), 130);
            }
            QVERIFY(snapshotNpyFiles(output).isEmpty());
            QCOMPARE(catalogRows(output, "SELECT status FROM files"), QStringList{"pending"});
        }
        // The killed run never finished its row; the next run calls it crashed.
        const CliRun finish = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(finish.exitCode, 0);
        QCOMPARE(catalogRows(output, "SELECT status FROM runs ORDER BY id"),
                 (QStringList{"interrupted", "crashed", "completed"}));
        QCOMPARE(snapshotNpyFiles(output).size(), kFilesPerClip);
    }

    /// Case 9: FIFOs never block, and special entries are reported, not skipped in silence.
    void specialFilesAreReported() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeAudioFile(input + "/good/a.wav", sine(440, 1.0, 22050), 22050));
        const QByteArray odd = QFile::encodeName(input + "/odd/");
        QVERIFY(QDir().mkpath(input + "/odd"));
        QVERIFY(::mkfifo(odd + "pipe.wav", 0644) == 0);
        QVERIFY(::symlink("missing.wav", odd + "broken.wav") == 0);
        QVERIFY(::symlink("loop.wav", odd + "loop.wav") == 0);
        QVERIFY(::symlink("..", odd + "up") == 0); // a folder link back into the dataset

        const CliRun extract =
            runCli({"extract", input + "/odd/pipe.wav", work.filePath("o")}, 30000);
        QCOMPARE(extract.exitCode, 2);
        QVERIFY2(extract.standardError.contains("not a regular file"),
                 qPrintable(extract.standardError));

        const CliRun run = runCli({"run", input, output, "--progress", "none"}, 60000);
        QCOMPARE(run.exitCode, 1);
        for (const char* expected :
             {"odd/pipe.wav: a FIFO (named pipe)", "odd/broken.wav: a broken symbolic link",
              "odd/loop.wav: a symbolic link loop", "odd/up/: links to a folder that is already"})
            QVERIFY2(run.standardOutput.contains(expected), expected);
        QVERIFY(run.standardOutput.contains("1 processed"));
        QVERIFY(QFile::exists(output + "/good/a_mfcc.npy"));
    }

    /// Case 9: when two inputs would write the same outputs, a broken one says why it is
    /// broken rather than hiding behind the collision.
    void aCollisionDoesNotHideADecodeError() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        // Path order decides who claims the name: clip.wav before clip.wave.
        QVERIFY(writeAudioFile(input + "/x/clip.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeBytes(input + "/x/clip.wave", QByteArray(4000, 'z')));
        QVERIFY(writeAudioFile(input + "/y/clip.flac", sine(440, 1.0, 22050), 22050, 1,
                               SF_FORMAT_FLAC | SF_FORMAT_PCM_16));
        QVERIFY(writeAudioFile(input + "/y/clip.wav", sine(660, 1.0, 22050), 22050));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        std::map<std::string, std::string> reasons;
        const nlohmann::json summary = summaryOf(run);
        for (const auto& failure : summary["failures"])
            reasons[failure["path"]] = failure["error"];
        QCOMPARE(reasons.size(), std::size_t(2));
        QVERIFY2(reasons["x/clip.wave"].find("cannot decode") != std::string::npos,
                 reasons["x/clip.wave"].c_str());
        QVERIFY2(reasons["y/clip.wav"].find("is also produced by y/clip.flac") != std::string::npos,
                 reasons["y/clip.wav"].c_str());
    }

    /// Case 9: a damaged catalog gets a message that says how to recover, and --force does.
    void aDamagedCatalogCanBeRebuilt() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 1, 1.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        const QString catalog = output + "/cepstra-catalog.sqlite";
        QFile::remove(catalog + "-wal");
        QFile::remove(catalog + "-shm");
        QVERIFY(writeBytes(catalog, QByteArray(8192, 'x')));

        CliRun run = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("is damaged") && run.standardError.contains("--force"),
                 qPrintable(run.standardError));
        QCOMPARE(snapshotNpyFiles(output), before);

        run = runCli({"run", input, output, "--progress", "none", "--force"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("cepstra-catalog.sqlite.damaged"),
                 qPrintable(run.standardError));
        QVERIFY(QFile::exists(catalog + ".damaged"));
        QVERIFY(run.standardOutput.contains("4 processed"));
        const auto after = snapshotNpyFiles(output);
        QCOMPARE(after.keys(), before.keys());
        for (const QString& key : before.keys())
            QVERIFY(after[key].bytes == before[key].bytes);
    }

    /// Case 9: a value that underflows librosa's lifter formula, and a huge integer, are
    /// refused naming the key.
    void impossibleNumbersAreNamed() {
        QTemporaryDir work;
        QVERIFY(writeAudioFile(work.filePath("a.wav"), sine(440, 1.0, 22050), 22050));
        const CliRun lifter = runCli(
            {"extract", work.filePath("a.wav"), work.filePath("o"), "--set", "lifter=1e-310"});
        QCOMPARE(lifter.exitCode, 2);
        QVERIFY2(lifter.standardError.contains("lifter must be 0 (off) or a positive number"),
                 qPrintable(lifter.standardError));
    }

    /// A catalog write that fails inside a transaction rolls it back: the run is recorded as
    /// failed, and no half-claimed rows are left (issue #10). A trigger injects the failure.
    void aFailedCatalogWriteRollsBack() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 1.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const QString catalog = output + "/cepstra-catalog.sqlite";
        QCOMPARE(queryDatabase(catalog,
                               "CREATE TRIGGER injected BEFORE UPDATE ON files WHEN "
                               "NEW.path = 'tones/tones.00001.wav' BEGIN "
                               "SELECT RAISE(ABORT, 'injected failure'); END;",
                               true),
                 QStringList{});
        const CliRun run = runCli({"run", input, output, "--progress", "none", "--force"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.standardError.contains("injected failure"), qPrintable(run.standardError));
        QCOMPARE(queryDatabase(catalog, "SELECT status FROM runs ORDER BY id"),
                 (QStringList{"completed", "failed"}));
        QCOMPARE(queryDatabase(catalog, "SELECT DISTINCT status FROM files"), QStringList{"done"});
    }

    /// One run per output folder: a second one is told who holds it.
    void aSecondRunOnTheSameOutputIsRefused() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 1, 1.0));
        QVERIFY(QDir().mkpath(output));
        const QByteArray lockPath = QFile::encodeName(output + "/cepstra-catalog.sqlite.lock");
        const int lock = ::open(lockPath.constData(), O_RDWR | O_CREAT, 0644);
        QVERIFY(lock >= 0 && ::flock(lock, LOCK_EX | LOCK_NB) == 0);
        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        ::close(lock);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("another Cepstra run is using"),
                 qPrintable(run.standardError));
        QVERIFY(snapshotNpyFiles(output).isEmpty());
    }

    /// librosa warns once about empty mel filters; so does a run, and the output stays.
    void emptyMelFiltersAreWarnedOnce() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 1.0));
        const CliRun run = runCli({"run", input, output, "--progress", "none", "--set", "n_fft=512",
                                   "--set", "n_mels=256"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.standardError.count("Empty filters detected in mel frequency basis"), 1);
        QVERIFY(run.standardError.startsWith("cepstra-cli: warning: "));
        const CliRun json = runCli({"run", input, work.filePath("out2"), "--progress", "json",
                                    "--set", "n_fft=512", "--set", "n_mels=256"});
        QVERIFY(
            json.standardOutput.startsWith("{\"event\":\"warning\",\"message\":\"Empty filters"));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
