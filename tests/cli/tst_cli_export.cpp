// SPDX-License-Identifier: GPL-3.0-or-later
// Black-box tests of `cepstra-cli export`: every example against the per-clip .npy files (with
// Debian's h5py and numpy, tests/cli/export_check.py), splits, split lists, determinism, bad
// options, interruption and write failures.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <memory>

using namespace cepstra;
using namespace cepstra::test;

namespace {

const QString kChecker = QStringLiteral(CEPSTRA_SOURCE_DIR "/tests/cli/export_check.py");

struct PythonRun {
    int exitCode = -1;
    QString output;
    QString error;
};

PythonRun runPython(const QStringList& arguments) {
    QProcess python;
    python.start(numpyPython(), arguments);
    python.closeWriteChannel();
    if (!python.waitForFinished(120000))
        python.kill();
    return {python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1,
            QString::fromUtf8(python.readAllStandardOutput()),
            QString::fromUtf8(python.readAllStandardError())};
}

/// No leftovers of a temporary name anywhere under `folder`.
bool hasTemporaries(const QString& folder) {
    for (const QString& name : snapshotFolder(folder).keys())
        if (name.contains(".cepstra-tmp-"))
            return true;
    return false;
}

/// The first file that differs between two snapshots, or an empty string.
QString firstDifference(const QMap<QString, FileSnapshot>& before,
                        const QMap<QString, FileSnapshot>& after) {
    QStringList names = before.keys() + after.keys();
    names.removeDuplicates();
    for (const QString& name : names)
        if (!before.contains(name) || !after.contains(name) || before[name] != after[name])
            return name;
    return {};
}

} // namespace

class TestCliExport : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_work;
    QString m_input, m_features;
    std::string m_config;
    nlohmann::json m_doneClips = nlohmann::json::array();

    QString path(const QString& name) const { return m_work->filePath(name); }

    CliRun exportTo(const QString& destination, const QStringList& options) const {
        return runCli(QStringList{"export", m_features, destination, "--progress", "none"} +
                      options);
    }

    /// Runs export_check.py on `file` with the expected options: its summary, or its reason.
    struct Checked {
        QString error; ///< empty when the file passed
        nlohmann::json summary;
    };
    Checked check(const QString& file, nlohmann::json expected) const {
        expected["file"] = file.toStdString();
        expected["features_dir"] = m_features.toStdString();
        expected["config"] = m_config;
        expected["done_clips"] = m_doneClips;
        if (!expected.contains("features"))
            expected["features"] = {"melspectrogram", "mfcc", "logmel"};
        const PythonRun run = runPython({kChecker, QString::fromStdString(expected.dump())});
        if (run.exitCode != 0)
            return {"export_check.py failed on " + file + ":\n" + run.error, {}};
        return {{}, nlohmann::json::parse(run.output.toStdString())};
    }

private slots:
    void initTestCase() {
        const PythonRun modules = runPython({"-c", "import numpy, h5py"});
        if (modules.exitCode != 0)
            QFAIL(qPrintable("/usr/bin/python3 cannot import numpy and h5py; install the Debian "
                             "packages python3-numpy and python3-h5py (" +
                             modules.error.trimmed() + ")"));
        m_work = std::make_unique<QTemporaryDir>();
        m_input = path("genres");
        m_features = path("features");
        QVERIFY(writeDemoDataset(m_input.toStdString(), {5, 3.0, 22050}).ok());
        QVERIFY(writeAudioFile(m_input + "/tones/short.wav", sine(660, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(m_input + "/chords/long.wav", chirp(100, 4000, 6.0, 22050), 22050));
        QVERIFY(writeBytes(m_input + "/noise/broken.wav", QByteArray())); // fails in the run
        const CliRun run = runCli({"run", m_input, m_features, "--progress", "none", "--set",
                                   "features=melspectrogram,mfcc,logmel", "--set", "n_mels=32",
                                   "--set", "scalers=standard"});
        QCOMPARE(run.exitCode, 1);
        const QString catalog = m_features + "/cepstra-catalog.sqlite";
        m_config = queryDatabase(catalog, "SELECT config_json FROM runs").value(0).toStdString();
        for (const QString& clip :
             queryDatabase(catalog, "SELECT path FROM files WHERE status = 'done' ORDER BY path"))
            m_doneClips.push_back(clip.toStdString());
        QCOMPARE(m_doneClips.size(), std::size_t(22));
    }

    void examplesEqualTheClipArrays_data() {
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hdf5 ragged") << "ragged.h5" << QStringList{} << "{}";
        QTest::newRow("npz ragged float16")
            << "ragged.npz" << QStringList{"--dtype", "float16", "--features", "mfcc,logmel"}
            << R"({"dtype": "float16", "features": ["mfcc", "logmel"]})";
        QTest::newRow("hdf5 centred pad float16 gzip split")
            << "pad.h5" << QStringList{"--frames",      "100",
                                       "--align",       "center",
                                       "--dtype",       "float16",
                                       "--compression", "gzip",
                                       "--split",       "train=0.6,valid=0.2,test=0.2",
                                       "--seed",        "7"}
            << R"({"frames": 100, "align": "center", "dtype": "float16",
                  "split": {"train": 0.6, "valid": 0.2, "test": 0.2}})";
        QTest::newRow("npz scaled pad with a pad value")
            << "scaled.npz" << QStringList{"--frames",    "150",  "--scaler",   "standard",
                                           "--pad-value", "-1.5", "--features", "mfcc"}
            << R"({"frames": 150, "scaler": "standard", "pad_value": -1.5, "features": ["mfcc"]})";
        QTest::newRow("hdf5 centred crop")
            << "crop.h5" << QStringList{"--frames", "120", "--fit", "crop", "--align", "center"}
            << R"({"frames": 120, "fit": "crop", "align": "center"})";
        QTest::newRow("npz segments split gzip")
            << "segments.npz"
            << QStringList{"--frames",      "40",  "--fit",   "segment",
                           "--segment-hop", "25",  "--split", "train=0.5,test=0.5",
                           "--compression", "gzip"}
            << R"({"frames": 40, "fit": "segment", "hop": 25,
                  "split": {"train": 0.5, "test": 0.5}})";
        QTest::newRow("hdf5 segments float16")
            << "segments.h5"
            << QStringList{"--frames", "64", "--fit", "segment", "--dtype", "float16"}
            << R"({"frames": 64, "fit": "segment", "dtype": "float16"})";
    }

    void examplesEqualTheClipArrays() {
        QFETCH(QString, destination);
        QFETCH(QStringList, options);
        QFETCH(QString, expected);
        const auto before = snapshotFolder(m_features);
        const QString file = path("out/" + destination); // the folder is created
        const CliRun run = exportTo(file, options);
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QVERIFY(run.standardOutput.contains("noise/broken.wav: failed in the run"));
        const auto checked = check(file, nlohmann::json::parse(expected.toStdString()));
        QVERIFY2(checked.error.isEmpty(), qPrintable(checked.error));
        if (options.contains("crop"))
            QVERIFY(run.standardOutput.contains("tones/short.wav: shorter than --frames"));
        // Nothing written or touched in FEATURES.
        QCOMPARE(firstDifference(before, snapshotFolder(m_features)), QString());
        QVERIFY(!hasTemporaries(path("out")));
    }

    void startFramesAreNegativeWhenCentredPaddingComesFirst() {
        const QString file = path("centred.npz");
        QCOMPARE(exportTo(file, {"--frames", "200", "--align", "center"}).exitCode, 0);
        const PythonRun run =
            runPython({"-c",
                       "import sys, numpy as np; z = np.load(sys.argv[1]); "
                       "starts = dict(zip(z['all_path'], z['all_start_frame'].tolist())); "
                       "frames = np.load(sys.argv[2]).shape[1]; "
                       "print(frames, starts['tones/short.wav'])",
                       file, m_features + "/tones/short_mfcc.npy"});
        const QStringList numbers = run.output.trimmed().split(' ');
        QCOMPARE(numbers.size(), 2);
        const int frames = numbers[0].toInt(), start = numbers[1].toInt();
        QVERIFY(frames > 0 && frames < 100);
        QCOMPARE(start, (frames - 200) / 2); // negative: the padding comes first
    }

    void namesThatAreNotUtf8KeepTheirBytes() {
        const QString input = path("bytes-in"), features = path("bytes-features");
        QVERIFY(writeAudioFile(input + "/tones/plain.wav", sine(440, 1.0, 22050), 22050));
        QVERIFY(writeAudioFile(input + "/tones/latin1.wav", sine(550, 1.0, 22050), 22050));
        const std::string folder = QFile::encodeName(input).toStdString();
        QCOMPARE(::rename((folder + "/tones/latin1.wav").c_str(),
                          (folder + "/tones/caf\xe9.wav").c_str()),
                 0);
        QCOMPARE(runCli({"run", input, features, "--progress", "none"}).exitCode, 0);
        for (const char* name : {"bytes.h5", "bytes.npz"}) {
            const QString file = path(name);
            QCOMPARE(runCli({"export", features, file, "--progress", "none"}).exitCode, 0);
            // HDF5 keeps the bytes as they are; NPZ has them as surrogateescape code points.
            const PythonRun run = runPython(
                {"-c",
                 "import os, sys, numpy as np\n"
                 "if sys.argv[1].endswith('.h5'):\n"
                 "    import h5py; paths = list(h5py.File(sys.argv[1])['all/path'][()])\n"
                 "else:\n"
                 "    paths = [os.fsencode(str(p)) for p in np.load(sys.argv[1])['all_path']]\n"
                 "print(bytes.fromhex('746f6e65732f636166e92e776176') in paths)",
                 file});
            QVERIFY2(run.output.trimmed() == "True", qPrintable(run.output + run.error));
        }
        // QTemporaryDir cannot delete a name QString cannot hold; the bytes can.
        std::filesystem::remove_all(folder);
        std::filesystem::remove_all(QFile::encodeName(features).toStdString());
    }

    void splitListsAreHonoured() {
        const QString lists = path("lists");
        QVERIFY(writeBytes(lists + "/train.txt",
                           "tones/tones.00000.au\ntones/tones.00001.wav\n"
                           "chords/chords.00000.flac\n  drums/drums.00000.wav "
                           " \r\n\n"));
        QVERIFY(writeBytes(lists + "/valid.txt", "noise/noise.00000.wav\ntones/nope.00099.wav\n"));
        QVERIFY(writeBytes(lists + "/test.txt", "chords/chords.00001.au\nnoise/broken.wav\n"));
        const QString file = path("listed.h5");
        const CliRun run = exportTo(file, {"--split-lists", lists});
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QCOMPARE(run.standardError.trimmed(),
                 QString("cepstra-cli: warning: valid.txt: tones/nope.00099.wav matches no clip "
                         "of the run; it is ignored"));
        QVERIFY(run.standardOutput.contains("tones/tones.00002.wav: not in any split list"));
        QVERIFY(run.standardOutput.contains("noise/broken.wav: failed in the run"));
        const auto checked = check(file, {{"expected_clips",
                                           {"tones/tones.00000.wav", "tones/tones.00001.wav",
                                            "chords/chords.00000.wav", "drums/drums.00000.wav",
                                            "noise/noise.00000.wav", "chords/chords.00001.wav"}}});
        QVERIFY2(checked.error.isEmpty(), qPrintable(checked.error));
        const nlohmann::json& summary = checked.summary;
        QCOMPARE(summary["train"]["clips"].size(), std::size_t(4));
        QCOMPARE(summary["valid"]["clips"], nlohmann::json({"noise/noise.00000.wav"}));
        QCOMPARE(summary["test"]["clips"], nlohmann::json({"chords/chords.00001.wav"}));

        // Many unknown names: one line with the count and the first few.
        QByteArray unknown;
        for (int i = 0; i < 7; ++i)
            unknown += "blues/blues.0000" + QByteArray::number(i) + ".wav\n";
        QVERIFY(writeBytes(path("many/train.txt"), unknown + "tones/tones.00000.wav\n"));
        const CliRun many = exportTo(path("many.npz"), {"--split-lists", path("many")});
        QCOMPARE(many.exitCode, 0);
        QCOMPARE(many.standardError.count('\n'), 1);
        QVERIFY2(
            many.standardError.contains("7 names in the split and exclude lists match no clip"),
            qPrintable(many.standardError));
    }

    void sameOptionsGiveIdenticalBytes_data() {
        QTest::addColumn<QString>("extension");
        QTest::newRow("hdf5") << "h5";
        QTest::newRow("npz") << "npz";
    }

    void sameOptionsGiveIdenticalBytes() {
        QFETCH(QString, extension);
        const QStringList options{"--frames",           "50",      "--fit",   "segment", "--split",
                                  "train=0.7,test=0.3", "--dtype", "float16", "--seed",  "3",
                                  "--compression",      "gzip"};
        QCOMPARE(exportTo(path("first." + extension), options).exitCode, 0);
        QCOMPARE(exportTo(path("second." + extension), options).exitCode, 0);
        QFile first(path("first." + extension)), second(path("second." + extension));
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        QVERIFY(first.readAll() == second.readAll());

        // The seed decides the split: four seeds do not all give the same one.
        QSet<QString> splits;
        for (const char* seed : {"1", "2", "3", "4"}) {
            const QString file = path(QString("seed-%1.%2").arg(seed, extension));
            QCOMPARE(exportTo(file, {"--split", "train=0.5,test=0.5", "--seed", seed}).exitCode, 0);
            const auto checked = check(file, {{"split", {{"train", 0.5}, {"test", 0.5}}}});
            QVERIFY2(checked.error.isEmpty(), qPrintable(checked.error));
            splits.insert(QString::fromStdString(checked.summary.dump()));
        }
        QVERIFY(splits.size() > 1);
    }

    void badOptionsExitTwoAndWriteNothing_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QString>("named");
        QTest::newRow("split sum") << QStringList{"--split", "train=0.8,valid=0.3"} << "x.h5"
                                   << "--split";
        QTest::newRow("split name") << QStringList{"--split", "train=0.5,dev=0.5"} << "x.h5"
                                    << "--split";
        QTest::newRow("frames 0") << QStringList{"--frames", "0"} << "x.npz"
                                  << "--frames";
        QTest::newRow("unknown feature") << QStringList{"--features", "mfcc,chroma"} << "x.h5"
                                         << "--features";
        QTest::newRow("scaler not written") << QStringList{"--scaler", "minmax"} << "x.h5"
                                            << "--scaler minmax";
        QTest::newRow("fit without frames") << QStringList{"--fit", "crop"} << "x.h5"
                                            << "--fit";
        QTest::newRow("hop without segment")
            << QStringList{"--frames", "10", "--segment-hop", "5"} << "x.h5"
            << "--segment-hop";
        QTest::newRow("split and lists")
            << QStringList{"--split", "train=1", "--split-lists", "lists"} << "x.h5"
            << "--split";
        QTest::newRow("missing lists") << QStringList{"--split-lists", "no-such-folder"} << "x.h5"
                                       << "--split-lists";
        QTest::newRow("dtype") << QStringList{"--dtype", "float64"} << "x.h5"
                               << "--dtype";
        QTest::newRow("extension") << QStringList{} << "x.csv"
                                   << "DEST";
        QTest::newRow("dest under a file") << QStringList{} << "blocker/x.h5"
                                           << "cannot create";
        QTest::newRow("dest is a folder") << QStringList{} << "folder.h5"
                                          << "is a folder";
        QTest::newRow("not a run's output") << QStringList{"FEATURES=genres"} << "x.h5"
                                            << "not a Cepstra output folder";
    }

    void badOptionsExitTwoAndWriteNothing() {
        QFETCH(QStringList, options);
        QFETCH(QString, destination);
        QFETCH(QString, named);
        QVERIFY(writeBytes(path("blocker"), "a file, not a folder"));
        QDir().mkpath(path("folder.h5"));
        QString features = m_features;
        if (options.value(0).startsWith("FEATURES="))
            features = path(options.takeFirst().mid(9));
        const auto before = snapshotFolder(m_work->path());
        const CliRun run = runCli(QStringList{"export", features, path(destination)} + options);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.startsWith("cepstra-cli: error: ") &&
                     run.standardError.count('\n') == 1 && run.standardError.contains(named),
                 qPrintable(run.standardError));
        QCOMPARE(firstDifference(before, snapshotFolder(m_work->path())), QString());
    }

    void anInterruptedExportLeavesNoFile_data() {
        QTest::addColumn<QString>("extension");
        QTest::newRow("hdf5") << "h5";
        QTest::newRow("npz") << "npz";
    }

    void anInterruptedExportLeavesNoFile() {
        QFETCH(QString, extension);
        const QString input = path("long-in"), features = path("long-features");
        if (!QDir(features).exists()) {
            QVERIFY(writeDemoDataset(input.toStdString(), {8, 30.0, 22050}).ok());
            QCOMPARE(runCli({"run", input, features, "--progress", "none"}).exitCode, 0);
        }
        const QString destination = path("stopped/out." + extension);
        QProcess process;
        process.start(cliPath(),
                      {"export", features, destination, "--frames", "1", "--fit", "segment",
                       "--compression", "gzip", "--dtype", "float16", "--progress", "json"});
        process.closeWriteChannel();
        bool signalled = false;
        while (!signalled && process.waitForReadyRead(30000))
            if (process.readAllStandardOutput().contains("\"event\":\"plan\"")) {
                ::kill(pid_t(process.processId()), SIGINT);
                signalled = true;
            }
        QVERIFY(signalled);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 130);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains("interrupted"));
        QVERIFY(!QFile::exists(destination));
        QVERIFY(!hasTemporaries(path("stopped")));
    }

    void aWriteFailureIsExitOneAndLeavesNoFile_data() {
        QTest::addColumn<QString>("extension");
        QTest::newRow("hdf5") << "h5";
        QTest::newRow("npz") << "npz";
    }

    void aWriteFailureIsExitOneAndLeavesNoFile() {
        QFETCH(QString, extension);
        // A file size limit fails the writes as a full disk would, without needing root.
        const QString destination = path("limited/out." + extension);
        QProcess limited;
        limited.start("bash",
                      {"-c", "ulimit -f 100 && exec \"$0\" export \"$1\" \"$2\" --progress none",
                       cliPath(), m_features, destination});
        limited.closeWriteChannel();
        QVERIFY(limited.waitForFinished(60000));
        QCOMPARE(limited.exitStatus(), QProcess::NormalExit);
        QCOMPARE(limited.exitCode(), 1);
        const QString error = QString::fromUtf8(limited.readAllStandardError());
        QVERIFY2(error.startsWith("cepstra-cli: error: cannot write ") &&
                     error.contains("ulimit -f") && error.count('\n') == 1,
                 qPrintable(error));
        QVERIFY(!QFile::exists(destination));
        QVERIFY(!hasTemporaries(path("limited")));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
