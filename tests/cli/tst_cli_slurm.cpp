// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14 on a real Slurm: tools/slurm-local.sh starts munged, slurmctld and slurmd (as root,
// through sudo when the test is not root) on a generated slurm.conf; `cepstra-cli slurm
// --submit` runs a 4-task array and the merge, and the output must equal one machine's run
// byte for byte. A killed task is re-run alone. If Slurm cannot start, the test fails.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace cepstra;
using namespace cepstra::test;

namespace {

struct Command {
    int exitCode = -1;
    QString output;
};

/// Runs a program with SLURM_CONF set, merging its stderr into its output.
Command runProgram(const QString& program, const QStringList& arguments, const QString& slurmConf) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!slurmConf.isEmpty())
        environment.insert("SLURM_CONF", slurmConf);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

/// tools/slurm-local.sh, as root: directly when we are, else through sudo.
Command slurmLocal(const QString& action, const QString& directory) {
    const QString script = QStringLiteral(CEPSTRA_SOURCE_DIR "/tools/slurm-local.sh");
    if (::geteuid() == 0)
        return runProgram(script, {action, directory}, {});
    return runProgram("sudo", {"-n", script, action, directory}, {});
}

QMap<QString, QByteArray> outputFiles(const QString& output) {
    QMap<QString, QByteArray> files;
    QDirIterator it(output, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = QDir(output).relativeFilePath(it.next());
        if (relative.startsWith("shards/") || relative.startsWith("slurm/") ||
            relative.contains(".sqlite"))
            continue;
        QFile file(it.filePath());
        if (file.open(QIODevice::ReadOnly))
            files[relative] = file.readAll();
    }
    return files;
}

QStringList catalogContent(const QString& output) {
    const QString catalog = output + "/cepstra-catalog.sqlite";
    return queryDatabase(catalog,
                         "SELECT path, label, size_bytes, mtime_ns, content_hash, config_hash, "
                         "status, error, outputs, frames, format FROM files ORDER BY path") +
           queryDatabase(catalog, "SELECT path, feature, hex(statistics) FROM clip_statistics "
                                  "ORDER BY path, feature");
}

/// The job ids `cepstra-cli slurm --submit` printed: shards, then merge.
QStringList jobIds(const QString& text) {
    const auto match = QRegularExpression("shards as job (\\d+).*merge as job (\\d+)",
                                          QRegularExpression::DotMatchesEverythingOption)
                           .match(text);
    return match.hasMatch() ? QStringList{match.captured(1), match.captured(2)} : QStringList{};
}

} // namespace

class TestCliSlurm : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_slurm, m_conf, m_input;

    /// Waits until none of `jobs` is in the queue (finished, failed or cancelled).
    bool waitForJobs(const QStringList& jobs, int timeoutMs = 240000) {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            const Command queue = runProgram("squeue", {"-h", "-j", jobs.join(',')}, m_conf);
            if (queue.exitCode == 0 && queue.output.trimmed().isEmpty())
                return true;
            QTest::qWait(500);
        }
        return false;
    }

    /// The merge job's state reason, such as "DependencyNeverSatisfied".
    QString reasonOf(const QString& job) {
        return runProgram("squeue", {"-h", "-j", job, "-o", "%r"}, m_conf).output.trimmed();
    }

    QString singleRun(const QString& axis) {
        const QString single = m_work.filePath("single-" + axis);
        if (!QFile::exists(single))
            runCli({"run", m_input, single, "--set", "scale_axis=" + axis, "--progress", "none"});
        return single;
    }

private slots:
    void initTestCase() {
        // A folder of its own, created by the script as root: munged insists on that.
        m_slurm = QDir::tempPath() + QString("/cepstra-slurm-%1").arg(::getpid());
        const Command started = slurmLocal("start", m_slurm);
        QVERIFY2(started.exitCode == 0, qPrintable("Slurm did not start: " + started.output));
        m_conf = m_slurm + "/slurm.conf";
        m_input = m_work.filePath("genres");
        QVERIFY(writeDemoDataset(m_input.toStdString(), {5, 2.0, 22050}).ok());
        QProcess::execute("chmod", {"-R", "a+rX", m_work.path()}); // jobs run as this user
    }
    void cleanupTestCase() {
        const Command stopped = slurmLocal("stop", m_slurm);
        QVERIFY2(stopped.exitCode == 0, qPrintable(stopped.output));
        QVERIFY(!QFileInfo::exists(m_slurm + "/slurmctld.pid"));
    }

    void writesTheScriptsAndRefusesBadOptions() {
        const QString output = m_work.filePath("written");
        const CliRun written =
            runCli({"slurm", m_input, output, "--tasks", "3", "--partition", "debug", "--time",
                    "00:30:00", "--mail-user", "me@example.org", "--set", "n_mels=64"});
        QCOMPARE(written.exitCode, 0);
        QVERIFY(written.standardOutput.contains("Submit both with: bash"));
        QFile shards(output + "/slurm/cepstra-shards.sbatch");
        QVERIFY(shards.open(QIODevice::ReadOnly));
        const QString script = QString::fromUtf8(shards.readAll());
        for (const char* line :
             {"#SBATCH --array=1-3", "#SBATCH --partition=debug", "#SBATCH --time=00:30:00",
              "#SBATCH --mail-user=me@example.org", "#SBATCH --mail-type=FAIL",
              "--shard \"${SLURM_ARRAY_TASK_ID}/3\"", "--jobs \"${SLURM_CPUS_PER_TASK:-1}\""})
            QVERIFY2(script.contains(line), line);
        QFile submit(output + "/slurm/submit.sh");
        QVERIFY(submit.open(QIODevice::ReadOnly));
        QVERIFY(submit.readAll().contains("--dependency=afterok:$shards"));
        QFile config(output + "/slurm/config.json");
        QVERIFY(config.open(QIODevice::ReadOnly));
        QVERIFY(config.readAll().contains("\"n_mels\":64"));

        for (const QStringList& bad :
             {QStringList{"--tasks", "0"}, QStringList{"--tasks", "2", "--partition", "a b"},
              QStringList{"--tasks", "2", "--set", "n_mels=0"},
              QStringList{"--tasks", "2", "--time", "1#"}}) {
            const QString refused = m_work.filePath("refused");
            const CliRun run = runCli(QStringList{"slurm", m_input, refused} + bad);
            QVERIFY2(run.exitCode == 2, qPrintable(bad.join(' ')));
            QCOMPARE(run.standardError.trimmed().count('\n'), 0);
            QVERIFY(!QFile::exists(refused));
        }
    }

    void anArrayAndItsMergeEqualOneMachine_data() {
        QTest::addColumn<QString>("axis");
        QTest::newRow("frame") << QString("frame");
        QTest::newRow("dataset") << QString("dataset");
    }
    void anArrayAndItsMergeEqualOneMachine() {
        QFETCH(QString, axis);
        const QString output = m_work.filePath("cluster-" + axis);
        const Command submitted =
            runProgram(cliPath(),
                       {"slurm", m_input, output, "--tasks", "4", "--cpus-per-task", "1", "--set",
                        "scale_axis=" + axis, "--submit"},
                       m_conf);
        QVERIFY2(submitted.exitCode == 0, qPrintable(submitted.output));
        const QStringList jobs = jobIds(submitted.output);
        QCOMPARE(jobs.size(), 2);
        QVERIFY(waitForJobs(jobs));
        QDir logs(output + "/slurm/logs");
        const QStringList mergeLogs = logs.entryList({"merge.*.log"});
        QCOMPARE(mergeLogs.size(), 1);
        QFile log(logs.filePath(mergeLogs.first()));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(log.readAll()).trimmed();
        QVERIFY2(
            text.section('\n', -1).startsWith("0 processed, 20 skipped as up to date, 0 failed"),
            qPrintable(text));
        QCOMPARE(logs.entryList({"shard-*.log"}).size(), 4);
        const QString single = singleRun(axis);
        QCOMPARE(outputFiles(output), outputFiles(single));
        QCOMPARE(catalogContent(output), catalogContent(single));
    }

    void aKilledTaskIsRerunAlone() {
        const QString output = m_work.filePath("killed");
        // Two CPUs a task on this node: one task runs at a time, so task 3 is cancelled
        // before or while it runs, never after.
        const Command submitted = runProgram(
            cliPath(),
            {"slurm", m_input, output, "--tasks", "4", "--cpus-per-task", "2", "--submit"}, m_conf);
        QVERIFY2(submitted.exitCode == 0, qPrintable(submitted.output));
        const QStringList jobs = jobIds(submitted.output);
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(runProgram("scancel", {jobs[0] + "_3"}, m_conf).exitCode, 0);
        // The other tasks finish; the merge can never start.
        QElapsedTimer clock;
        clock.start();
        while (reasonOf(jobs[1]) != "DependencyNeverSatisfied" && clock.elapsed() < 240000)
            QTest::qWait(500);
        QCOMPARE(reasonOf(jobs[1]), QString("DependencyNeverSatisfied"));
        QCOMPARE(runProgram("scancel", {jobs[1]}, m_conf).exitCode, 0);
        QVERIFY(waitForJobs(jobs));
        const CliRun refused = runCli({"merge", output});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.standardError.contains("3-of-4"), qPrintable(refused.standardError));

        // Only task 3 again, then the merge after it.
        const QString logs = output + "/slurm/logs";
        const Command rerun =
            runProgram("sbatch",
                       {"--parsable", "--array=3", "--output=" + logs + "/shard-%a.%A.log",
                        output + "/slurm/cepstra-shards.sbatch"},
                       m_conf);
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.output));
        const QString task = rerun.output.trimmed().section(';', 0, 0);
        const Command merge = runProgram("sbatch",
                                         {"--parsable", "--dependency=afterok:" + task,
                                          "--output=" + logs + "/merge.%j.log",
                                          output + "/slurm/cepstra-merge.sbatch"},
                                         m_conf);
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.output));
        QVERIFY(waitForJobs({task, merge.output.trimmed().section(';', 0, 0)}));
        const QStringList shard3 =
            queryDatabase(output + "/shards/3-of-4.sqlite", "SELECT status FROM runs ORDER BY id");
        QCOMPARE(shard3.last(), QString("completed"));
        QCOMPARE(outputFiles(output), outputFiles(singleRun("frame")));
        QCOMPARE(catalogContent(output), catalogContent(singleRun("frame")));
    }
};

QTEST_GUILESS_MAIN(TestCliSlurm)
#include "tst_cli_slurm.moc"
