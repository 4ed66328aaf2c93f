// SPDX-License-Identifier: GPL-3.0-or-later
// No silent or wrong output, and messages that say what is true: the round-three attack's
// cases of an empty export that succeeded, a scan that under-reported, output lost to a full
// stdout, seeds and task counts taken in silence, and messages that named the wrong thing.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

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

void expectOneErrorLine(const CliRun& run, int exitCode, const QString& mentions) {
    QVERIFY2(run.exitCode == exitCode,
             qPrintable(QString("exit %1: %2").arg(run.exitCode).arg(run.standardError)));
    QVERIFY2(run.standardError.startsWith("cepstra-cli: error: ") &&
                 run.standardError.trimmed().count('\n') == 0 &&
                 run.standardError.contains(mentions),
             qPrintable(run.standardError));
}

/// The exit code and standard error of the CLI with its standard output on /dev/full.
std::pair<int, QString> runIntoFullDisk(const QStringList& arguments) {
    QProcess process;
    process.setStandardOutputFile("/dev/full");
    process.start(cliPath(), arguments);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

QString python(const QString& script) {
    QProcess process;
    process.start(numpyPython(), {"-c", script});
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed() +
           QString::fromUtf8(process.readAllStandardError()).trimmed();
}

} // namespace

class TestCliHonestOutput : public QObject {
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

    /// 15. An export with no clip in it is refused, as pad beyond the clips is, saying why.
    void anEmptyExportIsRefused() {
        const QString dest = m_work.filePath("empty.h5");
        expectOneErrorLine(runCli({"export", m_output, dest, "--frames", "400", "--fit", "crop"}),
                           2, "nothing to export");
        const QString lists = m_work.filePath("lists");
        QVERIFY(writeBytes(lists + "/train.txt", "nothing/matches.wav\n"));
        expectOneErrorLine(runCli({"export", m_output, dest, "--split-lists", lists}), 2,
                           "not in any split list");
        QVERIFY(!QFile::exists(dest));
    }

    /// 16. scan reports what run and check report, and exits 1 when something cannot be read.
    void scanReportsEveryUnusableEntry() {
        QTemporaryDir work;
        const QString input = work.filePath("d");
        QVERIFY(writeAudioFile(input + "/x/a.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(::mkfifo(QFile::encodeName(input + "/x/pipe.wav").constData(), 0644) == 0);
        QVERIFY(QFile::link(work.filePath("gone.wav"), input + "/x/broken.wav"));
        QVERIFY(QFile::link(input + "/x/loop.wav", input + "/x/loop.wav"));
        QVERIFY(QFile::link(input + "/x", input + "/y")); // after x: the second link to it
        const CliRun scan = runCli({"scan", input, "--format", "json"});
        QCOMPARE(scan.exitCode, 1);
        const auto report = nlohmann::json::parse(scan.standardOutput.toStdString());
        QStringList unreadable;
        for (const auto& entry : report["unreadable"])
            unreadable << QString::fromStdString(entry["path"].get<std::string>());
        unreadable.sort();
        QCOMPARE(unreadable, (QStringList{"x/broken.wav", "x/loop.wav", "x/pipe.wav", "y/"}));
    }

    /// 18. scan, params and run --progress json fail when standard output cannot be written.
    void aFullStandardOutputFailsEveryCommand() {
        for (const QStringList& arguments :
             {QStringList{"scan", m_input}, QStringList{"params"},
              QStringList{"run", m_input, m_output, "--progress", "json"},
              QStringList{"run", m_input, m_output, "--progress", "none"}}) {
            const auto [code, error] = runIntoFullDisk(arguments);
            QVERIFY2(code == 1 && error.contains("could not write") &&
                         error.contains("standard output"),
                     qPrintable(arguments.join(' ') + ": " + QString::number(code) + " " + error));
        }
    }

    /// 19. A seed out of range or not a whole number is refused, never clamped.
    void impossibleSeedsAreRefused_data() {
        QTest::addColumn<QString>("seed");
        for (const char* seed : {"-1", "18446744073709551616", "1e23", "1.5", "x", ""})
            QTest::newRow(seed) << QString(seed);
    }
    void impossibleSeedsAreRefused() {
        QFETCH(QString, seed);
        const QString dest = m_work.filePath("seeded.h5");
        expectOneErrorLine(
            runCli({"export", m_output, dest, "--split", "train=0.5,test=0.5", "--seed=" + seed}),
            2, "--seed");
        QVERIFY(!QFile::exists(dest));
        QCOMPARE(runCli({"export", m_output, dest, "--split", "train=0.5,test=0.5", "--seed",
                         "18446744073709551615", "--progress", "none"})
                     .exitCode,
                 0);
        QVERIFY(QFile::remove(dest));
    }

    /// 20. Slurm array tasks are capped at the clips there are, with a warning.
    void slurmTasksAreCappedAtTheClips() {
        const QString output = m_work.filePath("cluster");
        const CliRun run = runCli({"slurm", m_input, output, "--tasks", "100000"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.standardError.contains("warning: --tasks 100000 is more than the 8 clips"),
                 qPrintable(run.standardError));
        QFile script(output + "/slurm/cepstra-shards.sbatch");
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        QVERIFY2(text.contains("--array=1-8"), qPrintable(text));
    }

    /// 22. merge, which has no --force, says how to rebuild a damaged shard's catalog.
    void mergeSaysHowToRebuildADamagedShard() {
        const QString output = m_work.filePath("sharded");
        for (const QString shard : {"1/2", "2/2"})
            QVERIFY(
                runCli({"run", m_input, output, "--shard", shard, "--progress", "none"}).exitCode <=
                1);
        QVERIFY(writeBytes(output + "/shards/1-of-2.sqlite", QByteArray(8192, 'x')));
        const CliRun merge = runCli({"merge", output});
        expectOneErrorLine(merge, 2, "--shard 1/2 --force");
        QVERIFY(!merge.standardError.contains("run again with --force to keep"));
    }

    /// 23. extract names a symbolic link loop as one, and never says "cannot process cannot".
    void extractNamesALinkLoop() {
        const QString loop = m_work.filePath("loop.wav");
        QVERIFY(QFile::link(loop, loop));
        expectOneErrorLine(runCli({"extract", loop, m_work.filePath("x")}), 2,
                           "symbolic link loop");
        QVERIFY(writeBytes(m_work.filePath("text.wav"), "not audio at all"));
        const CliRun garbage =
            runCli({"extract", m_work.filePath("text.wav"), m_work.filePath("x")});
        expectOneErrorLine(garbage, 1, "cannot decode");
        QVERIFY(!garbage.standardError.contains("cannot process"));
    }

    /// 24. A config that is not JSON says where and why; one that cannot be read says the
    /// system's reason.
    void configErrorsSayWhereAndWhy() {
        const QString config = m_work.filePath("conf.json");
        QVERIFY(writeBytes(config, "{\n  \"n_mels\": 64,\n  \"n_fft\" 1024\n}\n"));
        expectOneErrorLine(
            runCli({"extract", m_work.filePath("x.wav"), m_work.filePath("x"), "--config", config}),
            2, "line 3, column");
        QVERIFY(writeBytes(config, "{\"n_mels\": 64}"));
        QVERIFY(::chmod(QFile::encodeName(config).constData(), 0) == 0);
        const CliRun unreadable =
            runCliAsUser(m_work.path(), {"extract", m_work.filePath("x.wav"), m_work.filePath("x"),
                                         "--config", config});
        expectOneErrorLine(unreadable, 2, "Permission denied");
        QVERIFY(::chmod(QFile::encodeName(config).constData(), 0644) == 0);
    }

    /// 24. HDF5 declares label names UTF-8 only when they are; other bytes are declared ASCII.
    void hdf5DeclaresLabelBytesHonestly() {
        QTemporaryDir work;
        const QString input = work.filePath("d");
        QVERIFY(writeAudioFile(input + "/plain/a.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/other/b.wav", sine(550, 1.0, 22050), 22050));
        QVERIFY(::rename(QFile::encodeName(input + "/other").constData(),
                         (input.toStdString() + "/caf\xe9").c_str()) == 0);
        const QString output = work.filePath("o"), dest = work.filePath("x.h5");
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        QCOMPARE(runCli({"export", output, dest, "--progress", "none"}).exitCode, 0);
        const QString cset = python("import h5py\nf = h5py.File('" + dest +
                                    "', 'r')\nprint(f['label_names'].id.get_type().get_cset() "
                                    "== h5py.h5t.CSET_ASCII, f['label_names'][1])");
        QCOMPARE(cset, QString("True b'plain'"));
        const QString plainDest = m_work.filePath("plain.h5");
        QCOMPARE(runCli({"export", m_output, plainDest, "--progress", "none"}).exitCode, 0);
        QCOMPARE(python("import h5py\nf = h5py.File('" + plainDest +
                        "', 'r')\nprint(f['label_names'].id.get_type().get_cset() == "
                        "h5py.h5t.CSET_UTF8)"),
                 QString("True"));
    }

    /// 24. export --help and the README say the same about exit 1.
    void exportHelpAgreesWithTheReadme() {
        const CliRun help = runCli({"export", "--help"});
        QCOMPARE(help.exitCode, 0);
        QFile readme(QString(CEPSTRA_SOURCE_DIR) + "/README.md");
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll()).simplified();
        for (const QString& phrase :
             {QString("1 written, but the arrays of some clips are missing or damaged (each "
                      "listed), or the write itself failed")})
            QVERIFY2(help.standardOutput.simplified().contains(phrase) && text.contains(phrase),
                     qPrintable(phrase));
    }
};

QTEST_GUILESS_MAIN(TestCliHonestOutput)
#include "tst_cli_honest_output.moc"
