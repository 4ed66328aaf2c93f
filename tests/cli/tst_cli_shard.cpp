// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #14: `run --shard K/N` and `merge`. For any N, shards then merge give the OUTPUT a
// single run gives, byte for byte (every .npy, the statistics file, the catalog's file rows
// and clip statistics), and a shard's files never move when files are added.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <sndfile.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;

namespace {

/// A demo dataset with what makes runs differ: a corrupt clip, two inputs whose outputs
/// collide (a.wav, a.flac), and a clip at the top level.
bool makeDataset(const QString& input) {
    if (!writeDemoDataset(input.toStdString(), {4, 2.0, 22050}).ok())
        return false;
    const auto clip = sine(440, 1.5, 22050);
    return writeBytes(input + "/noise/broken.wav", QByteArray("RIFF\x10\0\0\0WAVEfmt ", 16)) &&
           writeAudioFile(input + "/tones/a.wav", clip, 22050) &&
           writeAudioFile(input + "/tones/a.flac", clip, 22050, 1,
                          SF_FORMAT_FLAC | SF_FORMAT_PCM_16) &&
           writeAudioFile(input + "/top.wav", sine(220, 1.0, 22050), 22050);
}

/// Every file under OUTPUT but the catalogs: relative path -> bytes.
QMap<QString, QByteArray> outputFiles(const QString& output) {
    QMap<QString, QByteArray> files;
    QDirIterator it(output, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(output).relativeFilePath(path);
        if (relative.startsWith("shards/") || relative.contains(".sqlite"))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files[relative] = file.readAll();
    }
    return files;
}

/// The catalog's rows as a single run and a merge must agree on: all but run ids and times.
QStringList catalogContent(const QString& output) {
    const QString catalog = output + "/cepstra-catalog.sqlite";
    return queryDatabase(catalog,
                         "SELECT path, label, size_bytes, mtime_ns, content_hash, config_hash, "
                         "status, error, outputs, duration_seconds, sample_rate, channels, "
                         "frames, format FROM files ORDER BY path") +
           queryDatabase(catalog, "SELECT path, feature, hex(statistics) FROM clip_statistics "
                                  "ORDER BY path, feature");
}

CliRun runShard(const QString& input, const QString& output, int index, int count,
                const QStringList& settings) {
    return runCli(QStringList{"run", input, output, "--shard",
                              QString("%1/%2").arg(index).arg(count), "--progress", "none"} +
                  settings);
}

} // namespace

class TestCliShard : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_input;

private slots:
    void initTestCase() {
        m_input = m_work.filePath("genres");
        QVERIFY(makeDataset(m_input));
    }

    void shardsThenMergeEqualOneRun_data() {
        QTest::addColumn<int>("shards");
        QTest::addColumn<QString>("axis");
        for (const QString& axis : QStringList{"frame", "dataset"})
            for (int shards : {1, 2, 5})
                QTest::addRow("%s-%d", qPrintable(axis), shards) << shards << axis;
    }
    void shardsThenMergeEqualOneRun() {
        QFETCH(int, shards);
        QFETCH(QString, axis);
        const QStringList settings{"--set", "scale_axis=" + axis};
        const QString single = m_work.filePath("single-" + axis);
        if (!QFile::exists(single))
            QCOMPARE(runCli(QStringList{"run", m_input, single, "--progress", "none"} + settings)
                         .exitCode,
                     1); // broken.wav, and a.flac refused
        const QString sharded = m_work.filePath(QString("sharded-%1-%2").arg(axis).arg(shards));
        QStringList rows;
        for (int k = 1; k <= shards; ++k) {
            const CliRun shard = runShard(m_input, sharded, k, shards, settings);
            QVERIFY2(shard.exitCode == 0 || shard.exitCode == 1, qPrintable(shard.standardError));
            QVERIFY(shard.standardOutput.contains("cepstra-cli merge"));
            const QString catalog = sharded + QString("/shards/%1-of-%2.sqlite").arg(k).arg(shards);
            QVERIFY(QFile::exists(catalog));
            rows += queryDatabase(catalog, "SELECT path FROM files");
        }
        // Each file in exactly one shard: 16 demo clips, broken.wav, a.wav, top.wav and a.flac,
        // refused for colliding with a.wav in the shard they share, as a failed row.
        QCOMPARE(rows.size(), 20);
        QCOMPARE(QSet<QString>(rows.begin(), rows.end()).size(), 20);
        QVERIFY(!QFile::exists(sharded + "/cepstra-catalog.sqlite")); // shards never write it
        const CliRun merge = runCli({"merge", sharded, "--progress", "none"});
        QCOMPARE(merge.exitCode, 1); // the same failures as the single run
        QVERIFY(merge.standardOutput.contains("broken.wav"));
        QCOMPARE(outputFiles(sharded), outputFiles(single));
        QCOMPARE(catalogContent(sharded), catalogContent(single));
        if (axis == "dataset")
            QVERIFY(outputFiles(sharded).contains("cepstra-dataset-statistics.json"));
    }

    void aFilesShardDoesNotChangeWhenFilesAreAdded() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeDemoDataset(input.toStdString(), {6, 1.0, 22050}).ok());
        QStringList before[3];
        for (int k = 1; k <= 3; ++k) {
            QVERIFY(runShard(input, output, k, 3, {}).exitCode == 0);
            before[k - 1] = queryDatabase(output + QString("/shards/%1-of-3.sqlite").arg(k),
                                          "SELECT path FROM files ORDER BY path");
        }
        for (int i = 0; i < 6; ++i)
            QVERIFY(writeAudioFile(input + QString("/tones/added-%1.wav").arg(i),
                                   sine(300 + 20 * i, 1.0, 22050), 22050));
        for (int k = 1; k <= 3; ++k) {
            const CliRun rerun = runShard(input, output, k, 3, {});
            QCOMPARE(rerun.exitCode, 0);
            const QStringList after =
                queryDatabase(output + QString("/shards/%1-of-3.sqlite").arg(k),
                              "SELECT path FROM files ORDER BY path");
            for (const QString& path : before[k - 1])
                QVERIFY2(after.contains(path), qPrintable(path));
            // Only the added files were computed.
            QVERIFY(rerun.standardOutput.startsWith(QString("%1 processed, %2 skipped")
                                                        .arg(after.size() - before[k - 1].size())
                                                        .arg(before[k - 1].size())));
        }
        QCOMPARE(runCli({"merge", output, "--progress", "none"}).exitCode, 0);
    }

    void mergeRefusesMissingUnfinishedAndMixedShards() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeDemoDataset(input.toStdString(), {2, 1.0, 22050}).ok());
        QCOMPARE(runCli({"merge", output}).exitCode, 2); // no such folder
        QVERIFY(QDir().mkpath(output));
        CliRun merge = runCli({"merge", output});
        QCOMPARE(merge.exitCode, 2);
        QVERIFY2(merge.standardError.contains("no shard catalogs"),
                 qPrintable(merge.standardError));
        QCOMPARE(runShard(input, output, 1, 3, {}).exitCode, 0);
        QCOMPARE(runShard(input, output, 3, 3, {}).exitCode, 0);
        merge = runCli({"merge", output});
        QCOMPARE(merge.exitCode, 2);
        QVERIFY2(merge.standardError.contains("shards missing") &&
                     merge.standardError.contains("2-of-3") &&
                     merge.standardError.contains("--shard K/3"),
                 qPrintable(merge.standardError));
        QCOMPARE(merge.standardError.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(output + "/cepstra-catalog.sqlite"));
        QCOMPARE(runShard(input, output, 2, 3, {}).exitCode, 0);
        // A shard whose last run did not finish (as a killed task leaves it).
        queryDatabase(
            output + "/shards/2-of-3.sqlite",
            "UPDATE runs SET status = 'interrupted' WHERE id = (SELECT max(id) FROM runs)", true);
        merge = runCli({"merge", output});
        QCOMPARE(merge.exitCode, 2);
        QVERIFY2(merge.standardError.contains("2-of-3 (interrupted)"),
                 qPrintable(merge.standardError));
        QVERIFY(!QFile::exists(output + "/cepstra-catalog.sqlite"));
        // Re-running that shard alone completes it, with nothing to recompute.
        const CliRun again = runShard(input, output, 2, 3, {});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.standardOutput.startsWith("0 processed"));
        // A run on one machine would redo the shards' work and leave it unmerged.
        const CliRun single = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(single.exitCode, 2);
        QVERIFY2(single.standardError.contains("shard 1-of-3") &&
                     single.standardError.contains("cepstra-cli merge"),
                 qPrintable(single.standardError));
        QCOMPARE(runCli({"merge", output, "--progress", "none"}).exitCode, 0);
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode,
                 0); // merged: allowed
        // A shard of another N is refused while the catalogs of N = 3 are there...
        const CliRun otherCount = runShard(input, output, 1, 2, {});
        QCOMPARE(otherCount.exitCode, 2);
        QVERIFY2(otherCount.standardError.contains("a run in 3 shards") &&
                     otherCount.standardError.contains("--shard K/3"),
                 qPrintable(otherCount.standardError));
        QVERIFY(!QFile::exists(output + "/shards/1-of-2.sqlite"));
        // ...and merge refuses such a mix when one is made by hand.
        QVERIFY(QFile::copy(output + "/shards/1-of-3.sqlite", output + "/shards/1-of-2.sqlite"));
        merge = runCli({"merge", output});
        QCOMPARE(merge.exitCode, 2);
        QVERIFY2(merge.standardError.contains("N = 2, 3"), qPrintable(merge.standardError));
    }

    void badShardsAreBadUsage() {
        QTemporaryDir work;
        const QString output = work.filePath("out");
        for (const QString& shard :
             QStringList{"0/3", "4/3", "1/0", "a/b", "3", "1/3/2", "-1/3", "1/100001", ""}) {
            const CliRun run = runCli({"run", m_input, output, "--shard", shard});
            QVERIFY2(run.exitCode == 2, qPrintable(shard));
            QVERIFY2(run.standardError.contains("--shard expects K/N"),
                     qPrintable(run.standardError));
            QVERIFY(!QFile::exists(output));
        }
    }

    /// From one machine to shards: the new shards start from the merged catalog, so nothing
    /// that stands is computed again.
    void shardsAfterASingleRunRecomputeNothing() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDataset(input)); // with a clip at the top level
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 1);
        const auto before = outputFiles(output);
        const auto runBothShards = [&] {
            for (int k = 1; k <= 2; ++k) {
                const CliRun shard = runShard(input, output, k, 2, {});
                QVERIFY2(shard.standardOutput.startsWith("0 processed") &&
                             shard.standardOutput.contains(" 0 removed") &&
                             !shard.standardOutput.contains("refusing to overwrite"),
                         qPrintable(shard.standardOutput));
            }
        };
        runBothShards();
        QCOMPARE(runCli({"merge", output, "--progress", "none"}).exitCode, 1);
        QCOMPARE(outputFiles(output), before);
        // A changed clip is computed once, by its shard; after that it stands.
        QVERIFY(writeAudioFile(input + "/top.wav", sine(330, 1.0, 22050), 22050));
        int processed = 0;
        for (int k = 1; k <= 2; ++k)
            processed += runShard(input, output, k, 2, {}).standardOutput.startsWith("1 processed");
        QCOMPARE(processed, 1);
        runBothShards();
    }
};

QTEST_GUILESS_MAIN(TestCliShard)
#include "tst_cli_shard.moc"
