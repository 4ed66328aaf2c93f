// SPDX-License-Identifier: GPL-3.0-or-later
// What a second outside attack found after round three's fixes: files a person named replaced
// without a word, a link re-pointed past the one-INPUT rule, a newcomer taking a clip's
// outputs, an alias folder giving clips two labels, a shard beside a run, cut MP3s, half sets,
// crashes on huge numbers, and folders that stopped a batch. Each is driven as the attack did.
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
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;

namespace {

nlohmann::json summaryOf(const CliRun& run) {
    const QStringList lines = run.standardOutput.trimmed().split('\n');
    return nlohmann::json::parse(lines.last().toStdString(), nullptr, false);
}

QByteArray bytesOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void expectRefusal(const CliRun& run, const QString& mentions) {
    QVERIFY2(run.exitCode == 2 && run.standardError.startsWith("cepstra-cli: error: ") &&
                 run.standardError.trimmed().count('\n') == 0 &&
                 run.standardError.contains(mentions),
             qPrintable(QString::number(run.exitCode) + ": " + run.standardError));
}

} // namespace

class TestCliSecondAttack : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_input, m_output;

private slots:
    void initTestCase() {
        m_input = m_work.filePath("d");
        m_output = m_work.filePath("o");
        QVERIFY(writeDemoDataset(m_input.toStdString(), {2, 1.0, 22050}).ok());
        QCOMPARE(runCli({"run", m_input, m_output, "--progress", "none"}).exitCode, 0);
    }

    /// A file a person named is replaced only when Cepstra wrote it, or with --overwrite.
    void filesOfOthersAreNeverReplaced() {
        const QString thesis = m_work.filePath("thesis.npz");
        QVERIFY(writeBytes(thesis, "my thesis draft"));
        expectRefusal(runCli({"export", m_output, thesis}), "not an export Cepstra wrote");
        QCOMPARE(bytesOf(thesis), QByteArray("my thesis draft"));
        QCOMPARE(runCli({"export", m_output, thesis, "--overwrite", "--progress", "none"}).exitCode,
                 0);
        // An export is Cepstra's own: replaced by the next export without a word.
        for (const QString name : {"again.npz", "again.h5"}) {
            QCOMPARE(
                runCli({"export", m_output, m_work.filePath(name), "--progress", "none"}).exitCode,
                0);
            QCOMPARE(
                runCli({"export", m_output, m_work.filePath(name), "--progress", "none"}).exitCode,
                0);
        }
        const QString notes = m_work.filePath("notes.txt");
        QVERIFY(writeBytes(notes, "field notes"));
        const QString cache = m_work.filePath("cache.sqlite");
        expectRefusal(runCli({"check", m_input, "--report", notes, "--cache", cache}),
                      "not a report Cepstra wrote");
        expectRefusal(runCli({"check", m_input, "--flagged-list", notes, "--cache", cache}),
                      "not a flagged list Cepstra wrote");
        QCOMPARE(bytesOf(notes), QByteArray("field notes"));
        for (const QString format : {"text", "json", "html"}) {
            const QString report = m_work.filePath("report." + format);
            for (int time = 0; time < 2; ++time)
                QCOMPARE(runCli({"check", m_input, "--format", format, "--report", report,
                                 "--cache", cache})
                             .exitCode,
                         0);
        }
    }

    /// The catalog records INPUT resolved: a link re-pointed at part of the dataset is
    /// another INPUT, and refused.
    void aRepointedLinkIsAnotherInput() {
        const QString link = m_work.filePath("current"), output = m_work.filePath("o-link");
        QVERIFY(QFile::link(m_input, link));
        QCOMPARE(runCli({"run", link, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        QVERIFY(QFile::remove(link));
        QVERIFY(QFile::link(m_input + "/tones", link));
        expectRefusal(runCli({"run", link, output, "--progress", "none"}), "--start-over");
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    /// A newcomer whose outputs would be a done clip's (a.flac beside a.wav) is the one
    /// refused: the clip that has the outputs keeps them, even though the newcomer sorts first.
    void aNewcomerNeverTakesAClipsOutputs() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeAudioFile(input + "/x/a.wav", sine(440, 1.0, 22050), 22050));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        QVERIFY(writeAudioFile(input + "/x/a.flac", whiteNoise(1.0, 22050, 3), 22050, 1,
                               0x170002 /* FLAC, PCM 16 */));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(summaryOf(run)["failures"][0]["path"].get<std::string>(), std::string("x/a.flac"));
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    /// A link to a folder of the dataset is skipped (and said), so no clip gets two labels.
    void anAliasFolderGivesNoClipTwoLabels() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeDemoDataset(input.toStdString(), {2, 1.0, 22050}).ok());
        QVERIFY(QFile::link(input + "/tones", input + "/aaa"));
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 8);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(), std::string("aaa/"));
        const CliRun exported =
            runCli({"export", output, work.filePath("x.h5"), "--progress", "json"});
        QCOMPARE(exported.exitCode, 0);
        int clips = 0;
        const auto exportSummary = summaryOf(exported);
        for (const auto& split : exportSummary["splits"])
            clips += split["clips"].get<int>();
        QVERIFY2(clips == 8, qPrintable(exported.standardOutput));
    }

    /// A shard shares OUTPUT with the other shards, never with a run of the whole of it.
    void aShardWaitsForARunOfTheWholeOutput() {
        const QString lock = m_output + "/cepstra-catalog.sqlite.lock";
        const int held = ::open(QFile::encodeName(lock).constData(), O_RDWR);
        QVERIFY(held >= 0 && ::flock(held, LOCK_EX) == 0); // what a running run holds
        expectRefusal(runCli({"run", m_input, m_output, "--shard", "1/2", "--progress", "none"}),
                      "is using");
        ::close(held);
        QVERIFY(!QDir(m_output + "/shards").exists() ||
                QDir(m_output + "/shards").entryList(QDir::Files).filter(".sqlite").isEmpty());
    }

    /// An MP3 whose Xing/LAME tag states its length, cut short, fails as truncated.
    void aCutTaggedMp3IsTruncated() {
        QTemporaryDir work;
        const QString wav = work.filePath("long.wav"), mp3 = work.filePath("d/x/cut.mp3");
        QVERIFY(writeAudioFile(wav, melody(5, 10.0, 44100), 44100));
        QVERIFY(QDir().mkpath(work.filePath("d/x")));
        QCOMPARE(QProcess::execute("lame", {"--quiet", "-V", "4", wav, mp3 + ".whole"}), 0);
        QByteArray whole = bytesOf(mp3 + ".whole");
        QVERIFY(whole.size() > 40000);
        QVERIFY(writeBytes(mp3, whole.left(whole.size() / 3)));
        QVERIFY(QFile::remove(mp3 + ".whole"));
        const CliRun run =
            runCli({"run", work.filePath("d"), work.filePath("o"), "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(summaryOf(run)["failures"][0]["error"].get<std::string>().find(
                     "truncated audio") != std::string::npos,
                 qPrintable(run.standardOutput));
    }

    /// A set whose later name is too long writes none of its files.
    void aSetIsNeverHalfWritten() {
        QTemporaryDir work;
        const QString stem(230, 'n');
        QVERIFY(
            writeAudioFile(work.filePath("d/x/" + stem + ".wav"), sine(440, 1.0, 22050), 22050));
        QCOMPARE(
            runCli({"run", work.filePath("d"), work.filePath("o"), "--progress", "none"}).exitCode,
            1);
        QVERIFY(snapshotNpyFiles(work.filePath("o")).isEmpty());
    }

    /// Numbers past a double are refused with a line, never a crash.
    void hugeNumbersAreRefused() {
        expectRefusal(runCli({"run", m_input, m_output, "--set", "n_mels=1e400"}), "n_mels");
        const QString config = m_work.filePath("huge.json");
        QVERIFY(writeBytes(config, "{\"sr\": 1e999}"));
        expectRefusal(runCli({"extract", m_input + "/tones/tones.00000.wav", m_work.filePath("x"),
                              "--config", config}),
                      "not valid JSON");
        QVERIFY(writeBytes(config, "{\"n_mels\": 64, \"n_mels\": 32}"));
        expectRefusal(runCli({"extract", m_input + "/tones/tones.00000.wav", m_work.filePath("x"),
                              "--config", config}),
                      "names the key \"n_mels\" twice");
    }

    /// A label folder named as a file Cepstra keeps in OUTPUT fails alone.
    void aReservedFolderNameFailsAlone() {
        QTemporaryDir work;
        const QString input = work.filePath("d");
        QVERIFY(
            writeAudioFile(input + "/cepstra-catalog.sqlite/a.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/fine/b.wav", sine(550, 1.0, 22050), 22050));
        const CliRun run = runCli({"run", input, work.filePath("o"), "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(summaryOf(run)["processed"].get<int>(), 1);
    }

    /// A damaged check cache of its own is kept aside and made anew, with a warning; a link
    /// to a run's catalog is no cache.
    void checkCachesHealThemselves() {
        const QString cache = m_work.filePath("damaged.sqlite");
        QVERIFY(writeBytes(cache, QByteArray(8192, 'x')));
        const CliRun check = runCli({"check", m_input, "--cache", cache});
        QCOMPARE(check.exitCode, 0);
        QVERIFY2(check.standardError.contains("warning: the check cache") &&
                     check.standardError.contains("damaged"),
                 qPrintable(check.standardError));
        QVERIFY(QFile::exists(cache + ".damaged"));
        const QString link = m_work.filePath("catalog-link.sqlite");
        QVERIFY(QFile::link(m_output + "/cepstra-catalog.sqlite", link));
        expectRefusal(runCli({"check", m_input, "--cache", link}), "is a run's catalog");
    }

    /// A label folder this process may not write fails its clips, not the batch.
    void anUnwritableLabelFolderFailsItsClipsOnly() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeDemoDataset(input.toStdString(), {1, 1.0, 22050}).ok());
        QVERIFY(QDir().mkpath(output + "/drums"));
        QProcess::execute("chmod", {"-R", "a+rwX", work.path()});
        QVERIFY(::chmod(QFile::encodeName(output + "/drums").constData(), 0555) == 0);
        const CliRun run = runCliAsUser(work.path(), {"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 3);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(),
                 std::string("drums/drums.00000.wav"));
        QVERIFY(::chmod(QFile::encodeName(output + "/drums").constData(), 0755) == 0);
    }

    /// Slurm refuses up front what every task would refuse on the cluster.
    void slurmRefusesAnotherInputsOutput() {
        expectRefusal(runCli({"slurm", m_input + "/tones", m_output, "--tasks", "2"}),
                      "holds the features of");
        QVERIFY(!QDir(m_output + "/slurm").exists());
    }

    /// An output folder that is a link into INPUT gets nothing written through it.
    void anOutputFolderLinkedIntoTheInputIsRefused() {
        QTemporaryDir work;
        const QString input = work.filePath("d"), output = work.filePath("o");
        QVERIFY(writeDemoDataset(input.toStdString(), {1, 1.0, 22050}).ok());
        QVERIFY(QDir().mkpath(output));
        QVERIFY(QFile::link(input + "/tones", output + "/tones"));
        const auto before = snapshotFolder(input);
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(summaryOf(run)["failures"][0]["error"].get<std::string>().find(
                    "leads into the input folder") != std::string::npos);
        QCOMPARE(snapshotFolder(input), before);
    }

    /// A split asked for that gets no clip is refused.
    void anEmptySplitIsRefused() {
        const QString dest = m_work.filePath("split.h5");
        expectRefusal(runCli({"export", m_output, dest, "--split", "train=0.95,test=0.05"}),
                      "the test split gets no clip");
        QVERIFY(!QFile::exists(dest));
    }

    /// Messages: a misspelt command, an empty OUTPUT.
    void usageMistakesAreNamed() {
        expectRefusal(runCli({"bogus"}), "unknown command 'bogus'");
        expectRefusal(runCli({"run", m_input, ""}), "OUTPUT is empty");
    }
};

QTEST_GUILESS_MAIN(TestCliSecondAttack)
#include "tst_cli_second_attack.moc"
