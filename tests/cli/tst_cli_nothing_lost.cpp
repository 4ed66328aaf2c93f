// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing lost, round three: the seven ways an outside attack made Cepstra lose a user's data,
// each driven through cepstra-cli as the attack did. Files are counted before and after.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace cepstra;
using namespace cepstra::test;

namespace {

constexpr int kFilesPerClip = 6;

bool makeDemo(const QString& directory, int clipsPerLabel, double seconds) {
    return writeDemoDataset(directory.toStdString(), {clipsPerLabel, seconds, 22050}).ok();
}

nlohmann::json summaryOf(const CliRun& run) {
    const QStringList lines = run.standardOutput.trimmed().split('\n');
    return nlohmann::json::parse(lines.last().toStdString(), nullptr, false);
}

QStringList catalogRows(const QString& output, const QString& sql) {
    return queryDatabase(QDir(output).filePath("cepstra-catalog.sqlite"), sql);
}

bool symlinkTo(const QString& target, const QString& link) {
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) ==
           0;
}

} // namespace

class TestCliNothingLost : public QObject {
    Q_OBJECT

private slots:
    /// 1. A different INPUT (here one label folder of the same dataset) run into an OUTPUT that
    /// holds another INPUT's features is refused, naming both folders, and deletes nothing;
    /// --start-over is the explicit way to replace them.
    void anotherInputIntoAnOutputIsRefused() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(makeDemo(input, 2, 2.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotFolder(output);
        QCOMPARE(snapshotNpyFiles(output).size(), 8 * kFilesPerClip);

        const CliRun typo = runCli({"run", input + "/tones", output, "--progress", "none"});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.standardError.startsWith("cepstra-cli: error: ") &&
                     typo.standardError.trimmed().count('\n') == 0 &&
                     typo.standardError.contains(output) && typo.standardError.contains(input) &&
                     typo.standardError.contains(input + "/tones") &&
                     typo.standardError.contains("--start-over"),
                 qPrintable(typo.standardError));
        QCOMPARE(snapshotFolder(output), before);

        const CliRun replaced =
            runCli({"run", input + "/tones", output, "--progress", "json", "--start-over"});
        QCOMPARE(replaced.exitCode, 0);
        QCOMPARE(summaryOf(replaced)["processed"].get<int>(), 2);
        QCOMPARE(snapshotNpyFiles(output).size(), 2 * kFilesPerClip);
        // Run again from the same INPUT: now the recorded one.
        QCOMPARE(runCli({"run", input + "/tones", output, "--progress", "none"}).exitCode, 0);
    }

    /// 2. A label folder that is a symbolic link to a vanished target (an unmounted disk) is a
    /// folder that cannot be listed: reported, and its results kept.
    void aLabelLinkToAVanishedDiskKeepsItsOutputs() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        const QString disk = work.filePath("disk");
        QVERIFY(makeDemo(input, 2, 1.0));
        QVERIFY(QDir(input + "/tones").rename(input + "/tones", disk + "-tones"));
        QVERIFY(symlinkTo(disk + "-tones", input + "/tones"));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        QCOMPARE(before.size(), 8 * kFilesPerClip);

        QVERIFY(QDir(disk + "-tones").rename(disk + "-tones", disk + "-unmounted"));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["removed"].get<int>(), 0);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(), std::string("tones/"));
        const std::string reason = summary["failures"][0]["error"];
        QVERIFY2(reason.find("broken symbolic link") != std::string::npos &&
                     reason.find("its 2 earlier results are kept") != std::string::npos,
                 reason.c_str());
        QCOMPARE(snapshotNpyFiles(output), before);
        QCOMPARE(runCli({"scan", input}).exitCode, 1); // scan says so too

        QVERIFY(QDir(disk + "-unmounted").rename(disk + "-unmounted", disk + "-tones"));
        const CliRun again = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(summaryOf(again)["skipped"].get<int>(), 8);
    }

    /// 3. An input that is there but now zero bytes or undecodable (being re-copied) keeps its
    /// earlier outputs, fails, and stays out of exports until it decodes again.
    void aPresentButBrokenInputKeepsItsOutputs() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(makeDemo(input, 2, 1.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        const QString emptied = input + "/tones/tones.00000.wav";
        const QString garbled = input + "/noise/noise.00001.wav";
        QFile original(emptied);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        original.close();
        QVERIFY(writeBytes(emptied, ""));
        QVERIFY(writeBytes(garbled, QByteArray(4096, 'x')));

        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["removed"].get<int>(), 0);
        QCOMPARE(summary["failed"].get<int>(), 2);
        for (const auto& failure : summary["failures"])
            QVERIFY2(failure["error"].get<std::string>().find("earlier outputs are kept") !=
                         std::string::npos,
                     failure.dump().c_str());
        QCOMPARE(snapshotNpyFiles(output), before);
        QCOMPARE(
            catalogRows(output, "SELECT status FROM files WHERE path = 'tones/tones.00000.wav'"),
            QStringList{"failed"});
        // Out of the export, with the reason.
        const CliRun exported =
            runCli({"export", output, work.filePath("x.h5"), "--progress", "json"});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.standardOutput.contains("tones/tones.00000.wav") &&
                     exported.standardOutput.contains("failed in the run"),
                 qPrintable(exported.standardOutput));
        // A second run trusts nothing new: still failed, still kept.
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 1);
        QCOMPARE(snapshotNpyFiles(output), before);

        QVERIFY(writeBytes(emptied, bytes));
        const CliRun healed = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(healed.exitCode, 1); // the garbled one still fails
        QCOMPARE(summaryOf(healed)["processed"].get<int>(), 1);
        QCOMPARE(
            catalogRows(output, "SELECT status FROM files WHERE path = 'tones/tones.00000.wav'"),
            QStringList{"done"});
    }

    /// 4. extract refuses to replace a file at an output name: it keeps no catalog, so nothing
    /// there is known to be its own. --overwrite is the explicit way.
    void extractRefusesAForeignFile() {
        QTemporaryDir work;
        const QString clip = work.filePath("a.wav"), out = work.filePath("out");
        QVERIFY(writeAudioFile(clip, sine(440, 1.0, 22050), 22050));
        QVERIFY(writeBytes(out + "/a_mfcc.npy", "the user's own notes"));
        const CliRun refused = runCli({"extract", clip, out});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.standardError.contains("refusing to overwrite") &&
                     refused.standardError.contains("a_mfcc.npy") &&
                     refused.standardError.contains("--overwrite"),
                 qPrintable(refused.standardError));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden), QStringList{"a_mfcc.npy"});
        QFile kept(out + "/a_mfcc.npy");
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("the user's own notes"));
        kept.close();

        QCOMPARE(runCli({"extract", clip, out, "--overwrite"}).exitCode, 0);
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), kFilesPerClip);
    }

    /// 5. A dangling symbolic link at an output name is someone's entry too: refused, kept.
    void aDanglingLinkAtAnOutputNameIsRefused() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeAudioFile(input + "/x/a.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/x/b.wav", sine(660, 1.0, 22050), 22050));
        QVERIFY(QDir().mkpath(output + "/x"));
        QVERIFY(symlinkTo(work.filePath("nowhere"), output + "/x/b_mfcc.npy"));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 1);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(), std::string("x/b.wav"));
        QVERIFY(summary["failures"][0]["error"].get<std::string>().find("refusing to overwrite") !=
                std::string::npos);
        QVERIFY(QFileInfo(output + "/x/b_mfcc.npy").isSymLink());
        QCOMPARE(QFileInfo(output + "/x/b_mfcc.npy").symLinkTarget(), work.filePath("nowhere"));
    }

    /// 6. Half-written temporaries a killed run or export left behind are removed by the next
    /// run or export into that folder, which says how many; a live writer's are left alone.
    void temporariesOfAKilledWriterAreRemoved() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(makeDemo(input, 1, 1.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        // A killed writer's leftovers: this version's name, and an earlier version's.
        QVERIFY(writeBytes(output + "/tones/.cepstra-tmp-killed00001", QByteArray(4096, 'x')));
        QVERIFY(writeBytes(output + "/noise/.noise.00000_mfcc.npy.cepstra-tmp-abcdefghij",
                           QByteArray(4096, 'x')));
        // A live writer's: it holds the lock.
        const QString live = output + "/drums/.cepstra-tmp-liveone00001";
        QVERIFY(writeBytes(live, "being written"));
        const int held = ::open(QFile::encodeName(live).constData(), O_RDONLY);
        QVERIFY(held >= 0 && ::flock(held, LOCK_EX) == 0);
        QVERIFY(writeAudioFile(input + "/tones/new.wav", sine(300, 1.0, 22050), 22050));

        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(summaryOf(run)["temporaries_removed"].get<int>(), 2);
        QVERIFY(!QFile::exists(output + "/tones/.cepstra-tmp-killed00001"));
        QVERIFY(!QFile::exists(output + "/noise/.noise.00000_mfcc.npy.cepstra-tmp-abcdefghij"));
        QVERIFY(QFile::exists(live));
        const CliRun text = runCli({"run", input, output, "--progress", "none"});
        QVERIFY(!text.standardOutput.contains("temporaries"));
        ::close(held);

        QVERIFY(writeBytes(work.filePath("exports/.cepstra-tmp-killedexport"), "x"));
        const CliRun exported =
            runCli({"export", output, work.filePath("exports/all.h5"), "--progress", "none"});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.standardOutput.contains("Removed 1 half-written temporaries"),
                 qPrintable(exported.standardOutput));
        QCOMPARE(QDir(work.filePath("exports")).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"all.h5"});
    }

    /// 7. OUTPUT above INPUT would put the outputs of INPUT's top-level clips inside INPUT.
    void anOutputHoldingTheInputIsRefused() {
        QTemporaryDir work;
        const QString dataset = work.filePath("d");
        QVERIFY(writeAudioFile(dataset + "/tones/a.wav", sine(440, 1.0, 22050), 22050));
        const auto before = snapshotFolder(dataset);
        const CliRun run = runCli({"run", dataset + "/tones", dataset, "--progress", "none"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("contains the input folder"),
                 qPrintable(run.standardError));
        QCOMPARE(snapshotFolder(dataset), before);
    }
};

QTEST_GUILESS_MAIN(TestCliNothingLost)
#include "tst_cli_nothing_lost.moc"
