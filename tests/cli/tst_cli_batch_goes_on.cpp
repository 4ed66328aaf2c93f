// SPDX-License-Identifier: GPL-3.0-or-later
// One file, or another command, never stops the batch: the cases of the round-three attack
// where a legal long name, a path past PATH_MAX, a clip too big for memory, a check beside a
// run, or a hostile list file stopped or hung a command. Each is now one failure line, or one
// refusal, and the rest of the batch goes on.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <climits>
#include <filesystem>
#include <string>

using namespace cepstra;
using namespace cepstra::test;

namespace {

nlohmann::json summaryOf(const CliRun& run) {
    const QStringList lines = run.standardOutput.trimmed().split('\n');
    return nlohmann::json::parse(lines.last().toStdString(), nullptr, false);
}

QString failureOf(const nlohmann::json& summary, const std::string& pathPart) {
    for (const auto& failure : summary["failures"])
        if (failure["path"].get<std::string>().find(pathPart) != std::string::npos)
            return QString::fromStdString(failure["error"].get<std::string>());
    return {};
}

/// A 16-bit mono WAV header that promises `dataBytes` of samples, the file made that long
/// without writing them (sparse: a few KB on disk).
bool writeSparseWav(const QString& path, std::uint32_t dataBytes) {
    QByteArray header;
    const auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            header.append(char((v >> (8 * i)) & 0xFF));
    };
    const auto u16 = [&](std::uint16_t v) { header.append(char(v & 0xFF)).append(char(v >> 8)); };
    header.append("RIFF");
    u32(36 + dataBytes);
    header.append("WAVEfmt ");
    u32(16), u16(1), u16(1), u32(22050), u32(44100), u16(2), u16(16);
    header.append("data");
    u32(dataBytes);
    if (!writeBytes(path, header))
        return false;
    return ::truncate(QFile::encodeName(path).constData(), off_t(44) + dataBytes) == 0;
}

QString name(char c, int length) {
    return QString(length, QChar(c));
}

} // namespace

class TestCliBatchGoesOn : public QObject {
    Q_OBJECT

private slots:
    /// 8 and 21. Every legal file name has a legal temporary; an output whose own name is too
    /// long is one failed clip that names that output, and the batch goes on, on every re-run.
    void longNamesAreOneFailedClip() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        const QString fits = name('f', 220), over = name('v', 240);
        QVERIFY(writeAudioFile(input + "/x/" + fits + ".wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/x/" + over + ".wav", sine(550, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/x/short.wav", sine(660, 1.0, 22050), 22050));
        for (int attempt = 0; attempt < 2; ++attempt) {
            const CliRun run = runCli({"run", input, output, "--progress", "json"});
            QCOMPARE(run.exitCode, 1);
            const auto summary = summaryOf(run);
            QCOMPARE(summary["failed"].get<int>(), 1);
            const QString reason = failureOf(summary, over.toStdString());
            QVERIFY2(reason.contains("name is too long") &&
                         reason.contains(over + "_melspectrogram.npy") &&
                         !reason.contains(".cepstra-tmp"),
                     qPrintable(reason));
        }
        // 220 + "_melspectrogram_standard.npy" is 248 bytes: legal, so written.
        QVERIFY(QFile::exists(output + "/x/" + fits + "_melspectrogram_standard.npy"));
        QVERIFY(QFile::exists(output + "/x/short_mfcc.npy"));

        const QString dest = work.filePath(name('e', 250) + ".h5");
        QCOMPARE(runCli({"export", output, dest, "--progress", "none"}).exitCode, 0);
        QVERIFY(QFile::exists(dest));
        const QString report = work.filePath(name('r', 250) + ".txt");
        const CliRun checked =
            runCli({"check", input, "--report", report, "--cache", work.filePath("cache.sqlite")});
        QVERIFY2(checked.exitCode == 0 || checked.exitCode == 1, qPrintable(checked.standardError));
        QVERIFY(QFile::exists(report));
    }

    /// 8. An output path past PATH_MAX is one failed clip too (OUTPUT itself short enough for
    /// SQLite's 512 bytes; a long OUTPUT is refused up front instead).
    void anOutputPathPastPathMaxIsOneFailedClip() {
        QTemporaryDir work;
        QString deepInput = work.filePath("d/label");
        for (int i = 0; i < 16; ++i)
            deepInput += "/" + name(char('a' + i), 240);
        // libsndfile opens paths of up to 1024 bytes: write it short, then move it down.
        QVERIFY(writeAudioFile(work.filePath("deep.wav"), sine(440, 1.0, 22050), 22050));
        QVERIFY(QDir().mkpath(deepInput));
        QVERIFY(QFile::rename(work.filePath("deep.wav"), deepInput + "/deep.wav"));
        QVERIFY(writeAudioFile(work.filePath("d/label/near.wav"), sine(550, 1.0, 22050), 22050));
        const QString output = work.filePath("o/" + name('k', 240));
        QVERIFY(output.size() + deepInput.size() - work.filePath("d").size() > PATH_MAX);
        const CliRun run = runCli({"run", work.filePath("d"), output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 1);
        QVERIFY2(failureOf(summary, "deep.wav").contains("too long"), run.standardOutput.toUtf8());

        QString tooLong = work.filePath("o2");
        for (int i = 0; i < 3; ++i)
            tooLong += "/" + name(char('p' + i), 240);
        const CliRun refused = runCli({"run", work.filePath("d"), tooLong, "--progress", "none"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.standardError.contains("too long for its catalog"),
                 qPrintable(refused.standardError));
        std::filesystem::remove_all(work.path().toStdString());
    }

    /// 14. Clips whose path passes PATH_MAX are reported by run, check and scan, never dropped.
    void inputsPastPathMaxAreReported() {
        QTemporaryDir work;
        const QString input = work.filePath("d");
        QVERIFY(writeAudioFile(input + "/ok/a.wav", sine(440, 1.0, 22050), 22050));
        // Past PATH_MAX a path cannot be named whole: build it a folder at a time.
        int folder = ::open(QFile::encodeName(input).constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(folder >= 0);
        for (int depth = 0; depth < 18; ++depth) {
            const std::string part = name(char('a' + depth), 250).toStdString();
            QVERIFY(::mkdirat(folder, part.c_str(), 0755) == 0);
            const int next = ::openat(folder, part.c_str(), O_RDONLY | O_DIRECTORY);
            ::close(folder);
            folder = next;
            QVERIFY(folder >= 0);
        }
        const int clip = ::openat(folder, "lost.wav", O_WRONLY | O_CREAT, 0644);
        QVERIFY(clip >= 0);
        ::close(clip);
        ::close(folder);

        const CliRun run = runCli({"run", input, work.filePath("o"), "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 1);
        QVERIFY2(!summary["failures"].empty() &&
                     summary["failures"][0]["error"].get<std::string>().find("too long") !=
                         std::string::npos,
                 run.standardOutput.toUtf8());
        const CliRun scan = runCli({"scan", input});
        QCOMPARE(scan.exitCode, 1);
        QVERIFY2(scan.standardOutput.contains("too long"), qPrintable(scan.standardOutput));
        const CliRun check =
            runCli({"check", input, "--format", "json", "--cache", work.filePath("c.sqlite")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.standardOutput.contains("too long"), qPrintable(check.standardOutput));
        std::filesystem::remove_all(work.path().toStdString()); // QDir cannot name these
    }

    /// 9. A check that keeps its measurements in a run's catalog honours the run's lock: it is
    /// refused while a run holds it, and never breaks the run.
    void checkHonoursARunsLock() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeDemoDataset(input.toStdString(), {1, 1.0, 22050}).ok());
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const QString lockPath = output + "/cepstra-catalog.sqlite.lock";
        const int lock = ::open(QFile::encodeName(lockPath).constData(), O_RDWR);
        QVERIFY(lock >= 0 && ::flock(lock, LOCK_EX) == 0); // what a running run holds
        const auto before = snapshotFolder(output);
        const CliRun refused = runCli({"check", input, "--features", output});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.standardError.contains("is using") &&
                     refused.standardError.trimmed().count('\n') == 0,
                 qPrintable(refused.standardError));
        QCOMPARE(snapshotFolder(output), before);
        ::close(lock);
        QCOMPARE(runCli({"check", input, "--features", output}).exitCode, 0);
    }

    /// 10. A list file is read only when it is a regular file, and only up to a bound.
    void listFilesMustBeSmallRegularFiles() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeDemoDataset(input.toStdString(), {2, 1.0, 22050}).ok());
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const QString lists = work.filePath("lists"), dest = work.filePath("x.h5");
        QVERIFY(QDir().mkpath(lists));
        QVERIFY(::mkfifo(QFile::encodeName(lists + "/train.txt").constData(), 0644) == 0);
        CliRun run = runCli({"export", output, dest, "--split-lists", lists}, 60000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("FIFO"), qPrintable(run.standardError));
        QVERIFY(QFile::remove(lists + "/train.txt"));
        QVERIFY(QFile::link("/dev/zero", lists + "/train.txt"));
        run = runCli({"export", output, dest, "--split-lists", lists}, 60000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("a device"), qPrintable(run.standardError));
        const QString huge = work.filePath("huge.txt");
        QVERIFY(writeBytes(huge, "tones/tones.00000.wav\n"));
        QVERIFY(::truncate(QFile::encodeName(huge).constData(), off_t(300) << 20) == 0);
        run = runCli({"export", output, dest, "--exclude-list", huge}, 60000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("more than the 64 MiB"), qPrintable(run.standardError));
        QVERIFY(!QFile::exists(dest));
    }

    /// 11. A clip whose decoded size cannot fit in memory is refused with a clear line before
    /// it is decoded (here a sparse header, and a hop that makes millions of frames a second).
    void aClipTooBigForMemoryIsRefused() {
        QTemporaryDir work;
        const QString input = work.filePath("d");
        QVERIFY(writeSparseWav(input + "/x/huge.wav", 0x7FFFFFF0u));
        QVERIFY(writeAudioFile(input + "/x/small.wav", sine(440, 0.5, 22050), 22050));
        const CliRun run = runCli({"run", input, work.filePath("o"), "--progress", "json", "--set",
                                   "hop_length=1", "--set", "trim=false"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 1);
        const QString reason = failureOf(summary, "huge.wav");
        QVERIFY2(reason.contains("of memory") && reason.contains("GB"), qPrintable(reason));
    }

    /// 17. Every kind of failure takes the one path into the catalog: the runs table counts
    /// what the files table holds, and export's left-out list names each.
    void everyFailureReachesTheCatalog() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeAudioFile(input + "/x/a.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/x/a.flac", sine(440, 1.0, 22050), 22050, 1,
                               0x170002 /* SF_FORMAT_FLAC | SF_FORMAT_PCM_16 */));
        QVERIFY(writeBytes(input + "/x/broken.wav", "RIFF and nothing"));
        QVERIFY(::mkfifo(QFile::encodeName(input + "/x/pipe.wav").constData(), 0644) == 0);
        QVERIFY(writeAudioFile(input + "/x/b.wav", sine(550, 1.0, 22050), 22050));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(summaryOf(run)["failed"].get<int>(), 3);
        const QString catalog = output + "/cepstra-catalog.sqlite";
        QCOMPARE(queryDatabase(catalog, "SELECT files_failed FROM runs"), QStringList{"3"});
        QCOMPARE(queryDatabase(catalog, "SELECT path FROM files WHERE status = 'failed' "
                                        "ORDER BY path"),
                 (QStringList{"x/a.wav", "x/broken.wav", "x/pipe.wav"}));
        const CliRun exported =
            runCli({"export", output, work.filePath("x.npz"), "--progress", "json"});
        QCOMPARE(exported.exitCode, 0);
        const auto summary = summaryOf(exported);
        QStringList leftOut;
        for (const auto& clip : summary["excluded"])
            leftOut << QString::fromStdString(clip["path"].get<std::string>());
        // x/a.flac claims the names first by path; x/a.wav is refused.
        QCOMPARE(leftOut, (QStringList{"x/a.wav", "x/broken.wav", "x/pipe.wav"}));
    }
};

QTEST_GUILESS_MAIN(TestCliBatchGoesOn)
#include "tst_cli_batch_goes_on.moc"
