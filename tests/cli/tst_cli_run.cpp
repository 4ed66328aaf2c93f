// SPDX-License-Identifier: GPL-3.0-or-later
// Black-box tests of `cepstra-cli run`: layout, exit codes, failure isolation, incremental
// re-runs, interrupt and resume, determinism, dataset scaling, and what it must never touch.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/GoldenData.h"
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

using namespace cepstra;
using namespace cepstra::test;

namespace {

constexpr int kFilesPerClip = 6; // 2 features x (raw + 2 scalers)

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

} // namespace

class TestCliRun : public QObject {
    Q_OBJECT

private slots:
    void writesTheMirroredLayoutAndCatalog() {
        QTemporaryDir work;
        const QString input = work.filePath("genres"), output = work.filePath("features");
        QVERIFY(makeDemo(input, 2, 3.0));
        QVERIFY(writeBytes(input + "/README.txt", "not audio"));
        QVERIFY(writeBytes(input + "/loose.wav", QByteArray())); // top level: label "genres"
        QVERIFY(writeAudioFile(input + "/top.wav", sine(330, 2.0, 22050), 22050));
        const CliRun run = runCli({"run", input, output, "--progress", "json", "--jobs", "2"});
        QCOMPARE(run.exitCode, 1); // loose.wav is empty
        const auto summary = summaryOf(run);
        QCOMPARE(summary["total"].get<int>(), 10);
        QCOMPARE(summary["processed"].get<int>(), 9);
        QCOMPARE(summary["failed"].get<int>(), 1);
        QCOMPARE(summary["failures"][0]["path"].get<std::string>(), std::string("loose.wav"));

        const auto files = snapshotNpyFiles(output);
        QCOMPARE(files.size(), 9 * kFilesPerClip);
        QVERIFY(files.contains("tones/tones.00001_mfcc_minmax.npy"));
        QVERIFY(files.contains("genres/top_melspectrogram_standard.npy"));
        // Every file event is one JSON object with the documented keys.
        int fileEvents = 0;
        for (const QString& line : run.standardOutput.split('\n', Qt::SkipEmptyParts)) {
            const auto event = nlohmann::json::parse(line.toStdString());
            if (event["event"] == "file") {
                ++fileEvents;
                for (const char* key : {"path", "status", "error", "done", "total"})
                    QVERIFY2(event.contains(key), key);
            }
        }
        QCOMPARE(fileEvents, 10);

        QCOMPARE(catalogRows(output, "SELECT count(*) FROM files"), QStringList{"10"});
        QCOMPARE(catalogRows(output,
                             "SELECT status, label, sample_rate, channels, frames FROM files "
                             "WHERE path = 'tones/tones.00000.wav'"),
                 QStringList{"done|tones|22050|1|66150"});
        QCOMPARE(catalogRows(output,
                             "SELECT json_array_length(outputs), length(content_hash) FROM files "
                             "WHERE path = 'genres/top.wav' OR path = 'top.wav'"),
                 QStringList{"6|16"});
        QCOMPARE(catalogRows(
                     output,
                     "SELECT status, error LIKE '%zero-byte%' FROM files WHERE path = 'loose.wav'"),
                 QStringList{"failed|1"});
        QCOMPARE(
            catalogRows(
                output,
                "SELECT status, files_total, files_processed, files_failed, version FROM runs"),
            QStringList{"completed|10|9|1|0.1.0"});
    }

    void corruptFilesAreReportedAndTheBatchGoesOn() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeAudioFile(input + "/good/a.wav", sine(440, 2.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/good/stereo.flac", chirp(200, 3000, 2.0, 44100), 44100, 1,
                               SF_FORMAT_FLAC | SF_FORMAT_PCM_16));
        // A real stereo 44.1 kHz FLAC: interleave two different channels.
        std::vector<float> stereo;
        const auto left = sine(440, 2.0, 44100), right = chirp(100, 5000, 2.0, 44100);
        for (std::size_t i = 0; i < left.size(); ++i)
            stereo.insert(stereo.end(), {left[i], right[i]});
        QVERIFY(writeAudioFile(input + "/good/stereo.flac", stereo, 44100, 2,
                               SF_FORMAT_FLAC | SF_FORMAT_PCM_16));
        QVERIFY(writeAudioFile(input + "/bad/truncated.wav", sine(440, 1.0, 22050), 22050));
        QFile::resize(input + "/bad/truncated.wav", 30); // cut inside the header
        QVERIFY(writeAudioFile(input + "/bad/cut.wav", sine(440, 2.0, 22050), 22050));
        QFile::resize(input + "/bad/cut.wav", 20000); // cut inside the samples
        QVERIFY(writeBytes(input + "/bad/zero.wav", QByteArray()));
        QByteArray noise(8192, '\0');
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919 + 13) % 251);
        QVERIFY(writeBytes(input + "/bad/random.wav", noise));
        QVERIFY(writeBytes(input + "/bad/text.au", "This is a text file, not Sun audio.\n"));

        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(run.exitCode, 1);
        for (const char* name :
             {"bad/truncated.wav", "bad/zero.wav", "bad/random.wav", "bad/text.au"})
            QVERIFY2(run.standardOutput.contains(QString("  %1: ").arg(name)), name);
        QVERIFY(run.standardOutput.contains("2 processed"));
        QCOMPARE(snapshotNpyFiles(output).size(), 2 * kFilesPerClip);
        QCOMPARE(
            catalogRows(output,
                        "SELECT channels, sample_rate FROM files WHERE path = 'good/stereo.flac'"),
            QStringList{"2|44100"});
        QCOMPARE(catalogRows(
                     output,
                     "SELECT count(*) FROM files WHERE status = 'failed' AND length(error) > 10"),
                 QStringList{"5"});
        QCOMPARE(catalogRows(output, "SELECT error LIKE 'truncated audio%' FROM files "
                                     "WHERE path = 'bad/cut.wav'"),
                 QStringList{"1"});
        // libsndfile would read it as headerless u-law by its name; Cepstra says what it is.
        QCOMPARE(catalogRows(output, "SELECT error LIKE 'no Sun audio header%' FROM files "
                                     "WHERE path = 'bad/text.au'"),
                 QStringList{"1"});
        QVERIFY(!QDir(output + "/bad").exists() || snapshotNpyFiles(output + "/bad").isEmpty());
    }

    void rerunDoesNoWorkAndChangesNoByte() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 2.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);
        const CliRun again = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(summaryOf(again)["processed"].get<int>(), 0);
        QCOMPARE(summaryOf(again)["skipped"].get<int>(), 8);
        QCOMPARE(snapshotNpyFiles(output), before); // bytes and modification times

        // Touching a file (same bytes, new mtime) costs a hash, not a recompute.
        QFile touched(input + "/noise/noise.00001.wav");
        QVERIFY(touched.open(QIODevice::ReadWrite));
        touched.setFileTime(QDateTime::currentDateTime().addSecs(5),
                            QFileDevice::FileModificationTime);
        touched.close();
        const CliRun afterTouch = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(summaryOf(afterTouch)["processed"].get<int>(), 0);
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    void changedAddedAndRemovedInputs() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 2.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const auto before = snapshotNpyFiles(output);

        QVERIFY(writeAudioFile(input + "/tones/tones.00000.wav", sine(880, 2.0, 22050),
                               22050));                                                  // changed
        QVERIFY(writeAudioFile(input + "/tones/new.wav", sine(220, 2.0, 22050), 22050)); // added
        QVERIFY(QFile::remove(input + "/drums/drums.00001.wav"));                        // removed
        const CliRun run = runCli({"run", input, output, "--progress", "json"});
        QCOMPARE(run.exitCode, 0);
        const auto summary = summaryOf(run);
        QCOMPARE(summary["processed"].get<int>(), 2);
        QCOMPARE(summary["skipped"].get<int>(), 6);
        QCOMPARE(summary["removed"].get<int>(), 1);

        const auto after = snapshotNpyFiles(output);
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (it.key().startsWith("drums/drums.00001_"))
                QVERIFY2(!after.contains(it.key()), qPrintable(it.key()));
            else if (it.key().startsWith("tones/tones.00000_"))
                QVERIFY(after.value(it.key()).bytes != it.value().bytes);
            else
                QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key()));
        }
        QVERIFY(after.contains("tones/new_mfcc.npy"));
        QCOMPARE(
            catalogRows(output, "SELECT count(*) FROM files WHERE path = 'drums/drums.00001.wav'"),
            QStringList{"0"});
    }

    void changedConfigAndForceRecomputeEverything() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 1, 2.0));
        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        const CliRun changed = runCli({"run", input, output, "--progress", "json", "--set",
                                       "n_mels=64", "--set", "naming=legacy"});
        QCOMPARE(changed.exitCode, 0);
        QCOMPARE(summaryOf(changed)["processed"].get<int>(), 4);
        const auto files = snapshotNpyFiles(output);
        QCOMPARE(files.size(),
                 4 * kFilesPerClip); // the clean-named files of the old config are gone
        QVERIFY(files.contains("chords/chords.00000_mfcc_standardcaler.npy"));
        QVERIFY(
            files.value("chords/chords.00000_melspectrogram.npy").bytes.contains("'shape': (64, "));
        const CliRun forced = runCli({"run", input, output, "--progress", "json", "--set",
                                      "n_mels=64", "--set", "naming=legacy", "--force"});
        QCOMPARE(summaryOf(forced)["processed"].get<int>(), 4);
    }

    void oneAndTwoJobsGiveIdenticalBytes() {
        QTemporaryDir work;
        const QString input = work.filePath("in");
        QVERIFY(makeDemo(input, 3, 3.0));
        for (const char* axis : {"frame", "dataset"}) {
            const QString one = work.filePath(QString("one-") + axis),
                          two = work.filePath(QString("two-") + axis);
            const QString setting = QString("scale_axis=") + axis;
            QCOMPARE(
                runCli({"run", input, one, "--jobs", "1", "--progress", "none", "--set", setting})
                    .exitCode,
                0);
            QCOMPARE(
                runCli({"run", input, two, "--jobs", "2", "--progress", "none", "--set", setting})
                    .exitCode,
                0);
            const auto first = snapshotNpyFiles(one), second = snapshotNpyFiles(two);
            QCOMPARE(first.size(), 12 * kFilesPerClip);
            QCOMPARE(first.keys(), second.keys());
            for (const QString& key : first.keys())
                QVERIFY2(first[key].bytes == second[key].bytes, qPrintable(key));
        }
    }

    void interruptThenResumeEqualsACleanRun() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), clean = work.filePath("clean"),
                      resumed = work.filePath("resumed");
        QVERIFY(makeDemo(input, 20, 10.0));
        QCOMPARE(runCli({"run", input, clean, "--progress", "none"}).exitCode, 0);

        QProcess process;
        process.start(cliPath(), {"run", input, resumed, "--jobs", "1", "--progress", "json"});
        process.closeWriteChannel();
        QVERIFY(process.waitForStarted());
        bool signalled = false;
        while (!signalled && process.waitForReadyRead(30000))
            if (process.readAllStandardOutput().contains("\"event\":\"file\"")) {
                ::kill(pid_t(process.processId()), SIGINT);
                signalled = true;
            }
        QVERIFY(signalled);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 130);
        QVERIFY(snapshotNpyFiles(resumed).size() < snapshotNpyFiles(clean).size());
        QCOMPARE(catalogRows(resumed, "SELECT status FROM runs"), QStringList{"interrupted"});
        for (const QString& name : snapshotFolder(resumed).keys())
            QVERIFY2(!name.contains(".cepstra-tmp-"), qPrintable(name));

        const CliRun resume = runCli({"run", input, resumed, "--progress", "json"});
        QCOMPARE(resume.exitCode, 0);
        QVERIFY(summaryOf(resume)["skipped"].get<int>() > 0);
        const auto expected = snapshotNpyFiles(clean), actual = snapshotNpyFiles(resumed);
        QCOMPARE(actual.keys(), expected.keys());
        for (const QString& key : expected.keys())
            QVERIFY2(actual[key].bytes == expected[key].bytes, qPrintable(key));
    }

    void datasetScalingMatchesTheGoldenGroup() {
        const auto& group = goldenCases().at("dataset_groups")[0];
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QDir().mkpath(input + "/music");
        std::vector<std::string> stems;
        for (const auto& member : group.at("members")) {
            for (const auto& goldenCase : goldenCases().at("cases"))
                if (goldenCase.at("id") == member) {
                    const QString audio =
                        QDir(goldenDirectory())
                            .filePath(QString::fromStdString(goldenCase.at("audio")));
                    QVERIFY(QFile::copy(audio, input + "/music/" + QFileInfo(audio).fileName()));
                    stems.push_back(QFileInfo(audio).completeBaseName().toStdString());
                }
        }
        QCOMPARE(stems.size(), group.at("members").size());
        const CliRun run =
            runCli({"run", input, output, "--progress", "none", "--set", "scale_axis=dataset"});
        QCOMPARE(run.exitCode, 0);

        QFile statisticsFile(output + "/cepstra-dataset-statistics.json");
        QVERIFY(statisticsFile.open(QIODevice::ReadOnly));
        const auto statistics = nlohmann::json::parse(statisticsFile.readAll().toStdString());
        for (Feature feature : {Feature::MelSpectrogram, Feature::Mfcc}) {
            const std::string name(toString(feature));
            const auto& fit = statistics.at("features").at(name);
            const NpyArray mean = goldenArray("ref/dataset__" + name + "_mean.npy");
            for (std::size_t r = 0; r < mean.values.size(); ++r) {
                const double tolerance =
                    feature == Feature::Mfcc ? 2e-3 : 1e-4 * std::abs(mean.values[r]) + 1e-12;
                QVERIFY(std::abs(fit.at("mean")[r].get<double>() - mean.values[r]) <= tolerance);
            }
            std::vector<FeatureMatrix> raws;
            for (const auto& stem : stems)
                raws.push_back(readFeatureMatrix((output + "/music/").toStdString() + stem + "_" +
                                                 name + ".npy"));
            const auto bandTolerance = datasetBandRawTolerance(feature, raws);
            for (Scaler scaler : {Scaler::Standard, Scaler::MinMax}) {
                std::vector<double> spread;
                for (std::size_t r = 0; r < bandTolerance.size(); ++r)
                    spread.push_back(scaler == Scaler::Standard
                                         ? fit.at("std")[r].get<double>()
                                         : fit.at("max")[r].get<double>() -
                                               fit.at("min")[r].get<double>());
                const std::string scalerName(toString(scaler));
                for (std::size_t m = 0; m < stems.size(); ++m) {
                    const auto& expected = group.at("outputs")
                                               .at(group.at("members")[m])
                                               .at(name + "_" + scalerName + "_dataset");
                    const FeatureMatrix ours =
                        readFeatureMatrix((output + "/music/").toStdString() + stems[m] + "_" +
                                          name + "_" + scalerName + ".npy");
                    const Comparison comparison = compareHeadTail(
                        ours, goldenArray(expected.at("head")), goldenArray(expected.at("tail")),
                        scaledTolerance(feature, scaler, ScaleAxis::Dataset, raws[m], spread,
                                        bandTolerance));
                    QVERIFY2(comparison.passed(),
                             (stems[m] + " " + name + " " + scalerName + ": " + comparison.where)
                                 .c_str());
                }
            }
        }
        // Nothing changed: the second run fits the same statistics and rewrites nothing.
        const auto before = snapshotNpyFiles(output);
        QCOMPARE(runCli({"run", input, output, "--progress", "none", "--set", "scale_axis=dataset"})
                     .exitCode,
                 0);
        QCOMPARE(snapshotNpyFiles(output), before);
    }

    void datasetRunRecomputesAClipWhoseStatisticsAreGone() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 2.0));
        const QStringList run{
            "run", input, output, "--progress", "json", "--set", "scale_axis=dataset"};
        QCOMPARE(runCli(run).exitCode, 0);
        const QString catalog = QDir(output).filePath("cepstra-catalog.sqlite");
        const QString count =
            "SELECT count(*) FROM clip_statistics WHERE path = 'tones/tones.00001.wav'";
        queryDatabase(catalog, "DELETE FROM clip_statistics WHERE path = 'tones/tones.00001.wav'",
                      true);
        QCOMPARE(queryDatabase(catalog, count), QStringList{"0"});
        // Same bytes, new modification time: the content hash alone would call it unchanged.
        QFile touched(input + "/tones/tones.00001.wav");
        QVERIFY(touched.open(QIODevice::ReadWrite));
        touched.setFileTime(QDateTime::currentDateTime().addSecs(5),
                            QFileDevice::FileModificationTime);
        touched.close();
        const CliRun again = runCli(run);
        QVERIFY2(again.exitCode == 0, qPrintable(again.standardError));
        QCOMPARE(summaryOf(again)["processed"].get<int>(), 1);
        QCOMPARE(queryDatabase(catalog, count), QStringList{"2"});
    }

    void refusesOutputInsideInput_data() {
        QTest::addColumn<QString>("relativeOutput");
        QTest::newRow("inside") << "in/features";
        QTest::newRow("equal") << "in";
        QTest::newRow("equal with slash") << "in/";
    }

    void refusesOutputInsideInput() {
        QFETCH(QString, relativeOutput);
        QTemporaryDir work;
        const QString input = work.filePath("in");
        QVERIFY(makeDemo(input, 1, 1.0));
        const auto before = snapshotFolder(input);
        const CliRun run = runCli({"run", input, work.filePath(relativeOutput)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("choose an output folder outside it"),
                 qPrintable(run.standardError));
        QCOMPARE(run.standardError.count('\n'), 1);
        QCOMPARE(snapshotFolder(input), before);
    }

    void foreignFilesSurvive() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(makeDemo(input, 2, 2.0));
        QVERIFY(writeBytes(output + "/notes.txt", "my notes"));
        QVERIFY(writeBytes(output + "/tones/keep.me", "mine"));
        QVERIFY(writeBytes(output + "/tones/tones.00000_mfcc.npy", "not Cepstra's")); // collides
        const CliRun run = runCli({"run", input, output, "--progress", "none"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.standardOutput.contains("tones/tones.00000.wav: refusing to overwrite"));
        QFile::remove(input +
                      "/tones/tones.00001.wav"); // a removal deletes only that clip's outputs
        QVERIFY(runCli({"run", input, output, "--progress", "none"}).exitCode == 1);
        const auto files = snapshotFolder(output);
        QCOMPARE(files.value("notes.txt").bytes, QByteArray("my notes"));
        QCOMPARE(files.value("tones/keep.me").bytes, QByteArray("mine"));
        QCOMPARE(files.value("tones/tones.00000_mfcc.npy").bytes, QByteArray("not Cepstra's"));
        QVERIFY(!files.contains("tones/tones.00001_mfcc.npy"));
        QVERIFY(files.contains("drums/drums.00001_mfcc.npy"));
    }

    void aWriteFailureStopsCleanlyAndTheRerunCompletes() {
        // A file size limit makes writes fail the way a full disk does, without needing root.
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out"),
                      clean = work.filePath("clean");
        QVERIFY(makeDemo(input, 2, 10.0));
        QProcess limited;
        limited.start("bash",
                      {"-c", "ulimit -f 100 && exec \"$0\" run \"$1\" \"$2\" --progress none",
                       cliPath(), input, output});
        limited.closeWriteChannel();
        QVERIFY(limited.waitForFinished(60000));
        QCOMPARE(limited.exitStatus(), QProcess::NormalExit); // not killed by SIGXFSZ
        QCOMPARE(limited.exitCode(), 1);
        const QString error = QString::fromUtf8(limited.readAllStandardError());
        QVERIFY2(error.startsWith("cepstra-cli: error: cannot write ") &&
                     error.contains("ulimit -f"),
                 qPrintable(error));
        QCOMPARE(error.count('\n'), 1);
        for (const QString& name : snapshotFolder(output).keys())
            QVERIFY2(!name.contains(".cepstra-tmp-"), qPrintable(name));
        // The catalog says the run failed and nothing was recorded as done.
        QCOMPARE(catalogRows(output, "SELECT status FROM runs"), QStringList{"failed"});
        QCOMPARE(catalogRows(output, "SELECT count(*) FROM files WHERE status = 'done'"),
                 QStringList{"0"});

        QCOMPARE(runCli({"run", input, output, "--progress", "none"}).exitCode, 0);
        QCOMPARE(runCli({"run", input, clean, "--progress", "none"}).exitCode, 0);
        const auto resumed = snapshotNpyFiles(output), expected = snapshotNpyFiles(clean);
        QCOMPARE(resumed.keys(), expected.keys());
        for (const QString& key : expected.keys())
            QVERIFY2(resumed[key].bytes == expected[key].bytes, qPrintable(key));
    }

    void unusableFoldersAreClearErrors() {
        QTemporaryDir work;
        CliRun run = runCli({"run", work.filePath("missing"), work.filePath("out")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("does not exist"));
        QVERIFY(!QDir(work.filePath("out")).exists());

        QDir().mkpath(work.filePath("empty"));
        run = runCli({"run", work.filePath("empty"), work.filePath("out2")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("no audio files found"));

        QVERIFY(makeDemo(work.filePath("in"), 1, 1.0));
        QVERIFY(writeBytes(work.filePath("blocker"), "a file where the output folder should be"));
        run = runCli({"run", work.filePath("in"), work.filePath("blocker")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("cannot create output folder"),
                 qPrintable(run.standardError));

        run = runCli({"run", work.filePath("in"), work.filePath("out3"), "--set", "n_mels=0"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!QDir(work.filePath("out3")).exists());
    }

    void scanSummarisesWithoutWriting() {
        QTemporaryDir work;
        const QString input = work.filePath("in");
        QVERIFY(makeDemo(input, 2, 1.5));
        QVERIFY(writeBytes(input + "/noise/broken.wav", "RIFF...."));
        const auto before = snapshotFolder(work.path());
        CliRun run = runCli({"scan", input});
        QCOMPARE(run.exitCode, 1); // broken.wav cannot be read, as run and check would say
        QVERIFY(run.standardOutput.contains("4 labels, 9 audio files"));
        QVERIFY(run.standardOutput.contains("22050 Hz (8)"));
        QVERIFY(run.standardOutput.contains("noise/broken.wav"));
        run = runCli({"scan", input, "--format", "json"});
        QCOMPARE(run.exitCode, 1);
        const auto document = nlohmann::json::parse(run.standardOutput.toStdString());
        QCOMPARE(document["labels"]["tones"]["files"].get<int>(), 2);
        QCOMPARE(document["total_seconds"].get<double>(), 12.0);
        QCOMPARE(document["unreadable"][0]["path"].get<std::string>(),
                 std::string("noise/broken.wav"));
        QCOMPARE(snapshotFolder(work.path()), before);
    }

    void makeDemoRefusesANonEmptyFolder() {
        QTemporaryDir work;
        QVERIFY(writeBytes(work.filePath("taken/file.txt"), "x"));
        const CliRun run = runCli({"make-demo", work.filePath("taken")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.standardError.contains("not an empty folder"));
        QCOMPARE(runCli({"make-demo", work.filePath("fresh"), "--clips", "1", "--seconds", "1"})
                     .exitCode,
                 0);
        QCOMPARE(QDir(work.filePath("fresh/drums")).entryList(QDir::Files),
                 QStringList{"drums.00000.wav"});
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
