// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets that carry their truth in a metadata file (issue #22), built here as they ship:
// ESC-50 (BOM, CRLF, takes of one source), UrbanSound8K (fold folders, float noise, mixed
// rates), FMA (two-level header, quoted multi-line HTML, empty genre_top, nested subsets, a
// broken MP3), AudioFolder, and a table named with --manifest. Runs and exports are checked on
// disk: the catalog's rows, and each export's arrays as numpy and h5py read them.
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

#include <map>
#include <memory>
#include <set>

using namespace cepstra::test;
using nlohmann::json;

namespace {

constexpr int kRate = 22050;

/// Each split's label names, labels, folds, groups and paths, as numpy or h5py reads them.
json readExport(const QString& file) {
    const char* script = R"py(
import json, sys
import numpy as np
path = sys.argv[1]
out = {}
if path.endswith(".npz"):
    with np.load(path) as z:
        names = [str(n) for n in z["label_names"]]
        for split in ("train", "valid", "test", "all"):
            if split + "_label" in z:
                out[split] = {"label": [names[i] for i in z[split + "_label"]],
                              "fold": [int(f) for f in z[split + "_fold"]],
                              "fold_dtype": str(z[split + "_fold"].dtype),
                              "group": [str(g) for g in z[split + "_group"]],
                              "path": [str(p) for p in z[split + "_path"]]}
else:
    import h5py
    with h5py.File(path, "r") as h:
        names = [n.decode() for n in h["label_names"][()]]
        for split in ("train", "valid", "test", "all"):
            if split in h:
                g = h[split]
                out[split] = {"label": [names[i] for i in g["label"][()]],
                              "fold": [int(f) for f in g["fold"][()]],
                              "fold_dtype": str(g["fold"].dtype),
                              "group": [x.decode() for x in g["group"][()]],
                              "path": [x.decode() for x in g["path"][()]]}
print(json.dumps(out))
)py";
    QProcess python;
    python.start(numpyPython(), {"-c", script, file});
    python.closeWriteChannel();
    if (!python.waitForFinished(120000) || python.exitCode() != 0) {
        qWarning() << python.readAllStandardError();
        return json();
    }
    return json::parse(python.readAllStandardOutput().toStdString(), nullptr, false);
}

/// A distinct one-second clip per seed.
bool writeClip(const QString& path, unsigned seed, int rate = kRate, int channels = 1,
               int format = 0) {
    std::vector<float> mono = melody(seed, 1.0, rate);
    std::vector<float> samples;
    for (float value : mono)
        for (int c = 0; c < channels; ++c)
            samples.push_back(value);
    return writeAudioFile(path, samples, rate, channels, format);
}

bool writeText(const QString& path, const QByteArray& text) {
    return writeBytes(path, text);
}

/// The run's summary event (--progress json), or null.
json summaryOf(const CliRun& run) {
    for (const QString& line : run.standardOutput.split('\n', Qt::SkipEmptyParts)) {
        const json event = json::parse(line.toStdString(), nullptr, false);
        if (event.is_object() && event.value("event", "") == "summary")
            return event;
    }
    return json();
}

std::map<std::string, std::string> labelsInCatalog(const QString& features) {
    std::map<std::string, std::string> labels;
    for (const QString& row : queryDatabase(features + "/cepstra-catalog.sqlite",
                                            "SELECT path, label, fold, group_name FROM files")) {
        const QStringList columns = row.split('|');
        labels[columns[0].toStdString()] =
            (columns[1] + "|" + columns[2] + "|" + columns[3]).toStdString();
    }
    return labels;
}

} // namespace

class TestCliManifests : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_work;
    QString path(const QString& name) const { return m_work->filePath(name); }

    CliRun run(const QString& input, const QString& output, const QStringList& extra = {}) {
        return runCli(QStringList{"run", input, output, "--progress", "json", "--set",
                                  "features=[\"melspectrogram\"]", "--set", "n_mels=16", "--set",
                                  "n_mfcc=13"} +
                      extra);
    }

    /// ESC-50 as it ships, small: 5 folds, 2 classes, each source with takes A and B in one
    /// fold; a BOM and CRLF; a row naming a missing file, a duplicate row, a row with an empty
    /// category, and an audio file no row names. 2-190000-A-0.wav (fold 2) is an exact copy of
    /// 1-100000-A-0.wav (fold 1) under another source: the leak check must see.
    QString buildEsc50() {
        const QString root = path("ESC-50-master");
        QByteArray csv = "\xEF\xBB\xBF"
                         "filename,fold,target,category,esc10,src_file,take\r\n";
        unsigned seed = 1;
        for (int fold = 1; fold <= 5; ++fold)
            for (const auto& [target, category] :
                 {std::pair(0, QByteArray("dog")), std::pair(10, QByteArray("rain"))})
                for (int source = 0; source < 2; ++source)
                    for (const char* take : {"A", "B"}) {
                        const QByteArray src =
                            QByteArray::number(fold * 100000 + target * 10 + source);
                        const QByteArray name = QByteArray::number(fold) + "-" + src + "-" + take +
                                                "-" + QByteArray::number(target) + ".wav";
                        writeClip(root + "/audio/" + name, seed++);
                        csv += name + "," + QByteArray::number(fold) + "," +
                               QByteArray::number(target) + "," + category + ",False," + src + "," +
                               take + "\r\n";
                    }
        QFile::copy(root + "/audio/1-100000-A-0.wav", root + "/audio/2-190000-A-0.wav");
        csv += "2-190000-A-0.wav,2,0,dog,False,190000,A\r\n";
        csv += "5-999999-A-0.wav,5,0,dog,False,999999,A\r\n"; // missing
        csv += "1-100000-A-0.wav,1,0,dog,False,100000,A\r\n"; // duplicate row
        writeClip(root + "/audio/3-777777-A-0.wav", 900);
        csv += "3-777777-A-0.wav,3,0,,False,777777,A\r\n"; // no category
        writeClip(root + "/audio/4-888888-A-0.wav", 901);  // no row names it
        writeText(root + "/meta/esc50.csv", csv);
        return root;
    }

    /// UrbanSound8K: audio/fold1..3, classes not folders; float noise in start and end; the
    /// clips keep their uploads' rates, widths and channels.
    QString buildUrbanSound8k() {
        const QString root = path("UrbanSound8K");
        QByteArray csv = "slice_file_name,fsID,start,end,salience,fold,classID,class\n";
        const int formats[] = {SF_FORMAT_WAV | SF_FORMAT_PCM_16, SF_FORMAT_WAV | SF_FORMAT_PCM_24,
                               SF_FORMAT_WAV | SF_FORMAT_FLOAT};
        const int rates[] = {44100, 22050, 48000};
        unsigned seed = 50;
        for (int fold = 1; fold <= 3; ++fold)
            for (const auto& [classId, name] :
                 {std::pair(3, QByteArray("dog_bark")), std::pair(6, QByteArray("gun_shot"))})
                for (int slice = 0; slice < 2; ++slice) {
                    const QByteArray fsId = QByteArray::number(1000 * fold + classId);
                    const QByteArray file = fsId + "-" + QByteArray::number(classId) + "-0-" +
                                            QByteArray::number(slice) + ".wav";
                    writeClip(root + "/audio/fold" + QByteArray::number(fold) + "/" + file, seed++,
                              rates[fold - 1], slice + 1, formats[fold - 1]);
                    csv += file + "," + fsId + ",11.341332999999999,15.341332999999999,1," +
                           QByteArray::number(fold) + "," + QByteArray::number(classId) + "," +
                           name + "\n";
                }
        writeText(root + "/metadata/UrbanSound8K.csv", csv);
        return root;
    }

    /// FMA: fma_metadata/tracks.csv beside fma_small/. Two header lines and a track_id line;
    /// an artist bio of quoted HTML with commas, quotes and a line break; an empty genre_top;
    /// a medium-only track (not in small); a small track with no audio; a broken MP3.
    QString buildFma() {
        const QString root = path("fma");
        QByteArray csv = ",album,artist,artist,set,set,track,track\n"
                         ",title,bio,id,split,subset,genre_top,title\n"
                         "track_id,,,,,,,\n";
        const struct {
            int id;
            const char* split;
            const char* subset;
            const char* genre;
            int artist;
        } tracks[] = {
            {2, "training", "small", "Hip-Hop", 1},  {3, "training", "medium", "Hip-Hop", 1},
            {5, "training", "small", "Hip-Hop", 1},  {10, "training", "small", "Pop", 6},
            {20, "training", "small", "", 7},        {140, "validation", "small", "Folk", 8},
            {141, "validation", "small", "Pop", 9},  {148, "test", "small", "Folk", 10},
            {149, "test", "small", "Hip-Hop", 11},   {1200, "test", "small", "Pop", 12},
            {1201, "training", "small", "Folk", 13}, {99134, "training", "small", "Pop", 14}};
        for (const auto& track : tracks) {
            const QString id = QString("%1").arg(track.id, 6, 10, QChar('0'));
            const QString file = root + "/fma_small/" + id.left(3) + "/" + id + ".mp3";
            if (track.id == 99134) // fma#36: no audio at all
                ;
            else if (track.id == 1201) // a broken MP3: a frame header, then noise
                writeBytes(file, QByteArray("\xFF\xFB\x90\x64") + QByteArray(3000, '\x55'));
            else if (QString(track.subset) == "small")
                if (!writeClip(file, unsigned(track.id), 44100, 2,
                               SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
                    return {}; // the caller's QVERIFY on the empty root fails
            csv += QByteArray::number(track.id) + ",Album \"" + QByteArray::number(track.id) +
                   "\"," +
                   (track.id == 2 ? "\"<p>Born in <b>Brooklyn</b>, \"\"AWOL\"\"\r\nrapper</p>\""
                                  : "plain") +
                   "," + QByteArray::number(track.artist) + "," + track.split + "," + track.subset +
                   "," + track.genre + ",Title\n";
        }
        writeText(root + "/fma_metadata/tracks.csv", csv);
        return root;
    }

private slots:
    void init() {
        m_work = std::make_unique<QTemporaryDir>();
        QVERIFY(m_work->isValid());
    }

    void esc50LabelsFoldsAndGroupsComeFromTheManifest() {
        const QString root = buildEsc50(), features = path("esc-features");
        const CliRun ran = run(root, features);
        QCOMPARE(ran.exitCode, 0);
        const json note = json::parse(ran.standardOutput.split('\n').first().toStdString());
        QCOMPARE(note.value("event", ""), "note");
        QVERIFY(note.value("message", "").find("meta/esc50.csv") != std::string::npos);
        const auto labels = labelsInCatalog(features);
        QCOMPARE(labels.at("audio/1-100000-A-0.wav"), "dog|1|100000");
        QCOMPARE(labels.at("audio/5-500101-B-10.wav"), "rain|5|500101");
        QCOMPARE(labels.at("audio/3-777777-A-0.wav"), "|3|777777"); // the empty category
        QCOMPARE(labels.at("audio/4-888888-A-0.wav"), "|0|");       // no row names it
        const json manifest = summaryOf(ran).at("manifest");
        QCOMPARE(manifest.at("missing_files").size(), 1u);
        QCOMPARE(manifest.at("missing_files")[0].at("path"), "audio/5-999999-A-0.wav");
        QCOMPARE(manifest.at("missing_files")[0].at("line").get<int>(), 43);
        QCOMPARE(manifest.at("duplicate_rows")[0].at("line").get<int>(), 44);
        QCOMPARE(manifest.at("unlabelled_rows")[0].at("path"), "audio/3-777777-A-0.wav");
        QCOMPARE(manifest.at("unnamed_files")[0].at("path"), "audio/4-888888-A-0.wav");

        // --test-fold: exactly the manifest's folds, as numpy reads them.
        const QString h5 = path("esc-fold2.h5");
        const CliRun exported = runCli({"export", features, h5, "--test-fold", "2", "--valid-fold",
                                        "3", "--progress", "none"});
        QCOMPARE(exported.exitCode, 0);
        QVERIFY2(exported.standardOutput.startsWith("Labels from meta/esc50.csv"),
                 qPrintable(exported.standardOutput));
        QVERIFY(exported.standardOutput.contains("has no label in the manifest"));
        const json file = readExport(h5);
        QCOMPARE(file.at("test").at("fold_dtype"), "int32");
        QCOMPARE(file.at("test").at("path").size(), 9u); // 8 clips and the copy
        for (const auto& fold : file.at("test").at("fold"))
            QCOMPARE(fold.get<int>(), 2);
        for (const auto& fold : file.at("valid").at("fold"))
            QCOMPARE(fold.get<int>(), 3);
        for (const auto& fold : file.at("train").at("fold"))
            QVERIFY(fold.get<int>() != 2 && fold.get<int>() != 3);
        QCOMPARE(file.at("train").at("path").size(), 24u);
        QCOMPARE(file.at("valid").at("path").size(), 8u);
        const json& test = file.at("test");
        for (std::size_t i = 0; i < test.at("path").size(); ++i) {
            const std::string clip = test.at("path")[i];
            const std::string expected = labels.at(clip);
            QCOMPARE(test.at("label")[i].get<std::string>() + "|2|" +
                         test.at("group")[i].get<std::string>(),
                     expected);
        }

        // A fold that is not there, and a fold split with fractions: refused, nothing written.
        const CliRun noFold = runCli({"export", features, path("x.h5"), "--test-fold", "7"});
        QCOMPARE(noFold.exitCode, 2);
        QVERIFY(noFold.standardError.contains("folds: 1, 2, 3, 4, 5"));
        QCOMPARE(runCli({"export", features, path("x.h5"), "--test-fold", "1", "--split",
                         "train=0.5,test=0.5"})
                     .exitCode,
                 2);
        QVERIFY(!QFile::exists(path("x.h5")));

        // Fractions keep each source's takes together, and warn of the folds they ignore.
        const QString npz = path("esc-fractions.npz");
        const CliRun fractions = runCli({"export", features, npz, "--split",
                                         "train=0.6,valid=0.2,test=0.2", "--progress", "none"});
        QCOMPARE(fractions.exitCode, 0);
        QVERIFY(fractions.standardError.contains("folds 1, 2, 3, 4, 5"));
        std::map<std::string, std::string> splitOfGroup;
        const json split = readExport(npz);
        for (const char* name : {"train", "valid", "test"}) {
            QVERIFY2(split.contains(name), name);
            for (const auto& group : split.at(name).at("group")) {
                const auto [where, added] = splitOfGroup.emplace(group, name);
                QVERIFY2(where->second == name, group.get<std::string>().c_str());
            }
        }
    }

    void checkFindsTheFoldLeakAndExportKeepsTheFamilyWhole() {
        const QString root = buildEsc50(), features = path("esc-features");
        QCOMPARE(run(root, features).exitCode, 0);
        const QString report = path("check.json");
        const CliRun checked = runCli({"check", root, "--features", features, "--format", "json",
                                       "--report", report, "--progress", "none"});
        QVERIFY2(checked.exitCode == 0 || checked.exitCode == 1, qPrintable(checked.standardError));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const json document = json::parse(file.readAll().toStdString());
        std::set<std::string> leaking;
        for (const auto& group : document.at("groups"))
            if (group.at("check") == "fold_leak")
                for (const auto& member : group.at("paths"))
                    leaking.insert(member);
        QCOMPARE(leaking,
                 (std::set<std::string>{"audio/1-100000-A-0.wav", "audio/2-190000-A-0.wav"}));

        // Many seeds: the two copies never land in two splits, from the catalog or the report.
        for (const QString& group : {QString("duplicates"), "duplicates=" + report})
            for (int seed = 0; seed < 6; ++seed) {
                const QString out = path(QString("grouped-%1.npz").arg(seed));
                const CliRun exported = runCli(
                    {"export", features, out, "--split", "train=0.5,valid=0.25,test=0.25",
                     "--group", group, "--seed", QString::number(seed), "--progress", "none"});
                QCOMPARE(exported.exitCode, 0);
                QVERIFY(exported.standardOutput.contains("Keeping 1 families"));
                const json splits = readExport(out);
                std::set<std::string> holding;
                for (const auto& [name, split] : splits.items())
                    for (const auto& clip : split.at("path"))
                        if (leaking.contains(clip))
                            holding.insert(name);
                QCOMPARE(holding.size(), 1u);
            }
        const CliRun badReport =
            runCli({"export", features, path("y.npz"), "--split", "train=0.5,test=0.5", "--group",
                    "duplicates=" + root + "/meta/esc50.csv"});
        QCOMPARE(badReport.exitCode, 2);
        QVERIFY(badReport.standardError.contains("not a `cepstra-cli check --format json`"));
    }

    void noCheckKeptIsAClearRefusal() {
        const QString root = buildEsc50(), features = path("esc-features");
        QCOMPARE(run(root, features).exitCode, 0);
        // Another dataset's check is not kept with these features.
        const QString other = buildUrbanSound8k();
        const CliRun foreign = runCli({"check", other, "--features", features});
        QCOMPARE(foreign.exitCode, 2);
        QVERIFY2(foreign.standardError.contains("holds the features of"),
                 qPrintable(foreign.standardError));
        const CliRun refused = runCli({"export", features, path("z.npz"), "--split",
                                       "train=0.5,test=0.5", "--group", "duplicates"});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.standardError.contains("cepstra-cli check INPUT --features FEATURES"));
        QVERIFY(!QFile::exists(path("z.npz")));
    }

    void aRelabelledRowChangesTheExportAndNoFeature() {
        const QString root = buildEsc50(), features = path("esc-features");
        QCOMPARE(run(root, features).exitCode, 0);
        const auto before = snapshotNpyFiles(features);
        QVERIFY(!before.isEmpty());
        QFile csv(root + "/meta/esc50.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QByteArray text = csv.readAll();
        csv.close();
        text.replace("1-100001-B-0.wav,1,0,dog", "1-100001-B-0.wav,4,0,cat");
        QVERIFY(writeText(root + "/meta/esc50.csv", text));
        // Before the run: the export says its labels are the run's, not the edited file's.
        const CliRun stale = runCli({"export", features, path("stale.h5"), "--progress", "none"});
        QCOMPARE(stale.exitCode, 0);
        QVERIFY2(stale.standardError.contains("changed since the last run"),
                 qPrintable(stale.standardError));
        const CliRun again = run(root, features);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(summaryOf(again).at("relabelled"), 1);
        QCOMPARE(snapshotNpyFiles(features), before);
        QCOMPARE(labelsInCatalog(features).at("audio/1-100001-B-0.wav"), "cat|4|100001");
        const QString h5 = path("relabelled.h5");
        QCOMPARE(
            runCli({"export", features, h5, "--test-fold", "4", "--progress", "none"}).exitCode, 0);
        const json test = readExport(h5).at("test");
        const auto at =
            std::find(test.at("path").begin(), test.at("path").end(), "audio/1-100001-B-0.wav");
        QVERIFY(at != test.at("path").end());
        QCOMPARE(test.at("label")[std::size_t(at - test.at("path").begin())], "cat");
    }

    void manifestNoneAndBadManifests() {
        const QString root = buildEsc50();
        QCOMPARE(run(root + "/audio", path("hint")).standardError.contains("ESC-50-master"), true);
        const CliRun folders = run(root, path("folders"), {"--manifest", "none"});
        QCOMPARE(folders.exitCode, 0);
        QCOMPARE(labelsInCatalog(path("folders")).at("audio/1-100000-A-0.wav"), "audio|0|");

        // An unterminated quote: file:line and the reason, exit 2, nothing written.
        writeText(path("broken.csv"), "path,label\nd/a.wav,dog\n\"d/b.wav,cat\n");
        const CliRun broken = run(root, path("never"), {"--manifest", path("broken.csv")});
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.standardError.contains("broken.csv:3"), qPrintable(broken.standardError));
        QVERIFY(!QDir(path("never")).exists());
        // A mapped column that is not there.
        writeText(path("table.tsv"), "file\tkind\naudio/1-100000-A-0.wav\tbark\n");
        const CliRun missing =
            run(root, path("never"),
                {"--manifest", path("table.tsv"), "--manifest-columns", "path=file,label=species"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.standardError.contains("species"));
        QVERIFY(!QDir(path("never")).exists());
        // Hostile tables, each refused with its file and line before anything is written.
        const struct {
            const char* name;
            QByteArray text;
            const char* said;
        } hostile[] = {
            {"header.csv", "path,label\n", "it has no rows"},
            {"foreign.csv", "path,label\nfold1/7061-6-0-0.wav,gun_shot\n", "none of its 1 rows"},
            {"nopath.csv", "label,fold\ncat,1\n", "no path column"},
            {"semicolons.csv", "path;label\naudio/1-100000-A-0.wav;dog\n", "comma- or tab-"},
            {"nul.csv", QByteArray("path,label\naudio/1-100000-A-0.wav,c\0at\n", 38),
             "nul.csv:2: a field holds a NUL byte"},
            {"ragged.csv", "path,label\naudio/1-100000-A-0.wav,dog,extra\n",
             "ragged.csv:2: the row has 3 fields"},
        };
        for (const auto& table : hostile) {
            writeText(path(table.name), table.text);
            const CliRun refused = run(root, path("never"), {"--manifest", path(table.name)});
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.standardError.contains(table.said), qPrintable(refused.standardError));
            QCOMPARE(refused.standardError.count('\n'), 1);
            QVERIFY(!QDir(path("never")).exists());
        }
        for (const QStringList& options :
             {QStringList{"--manifest-columns", "label=take"}, QStringList{"--subset", "small"}}) {
            const CliRun refused = run(root, path("never"), options);
            QCOMPARE(refused.exitCode, 2);
            QVERIFY(!QDir(path("never")).exists());
        }
        // A known layout's own file named explicitly reads as that layout.
        const CliRun named = run(root, path("named"), {"--manifest", root + "/meta/esc50.csv"});
        QCOMPARE(named.exitCode, 0);
        QCOMPARE(labelsInCatalog(path("named")).at("audio/1-100000-A-0.wav"), "dog|1|100000");

        // Mapped right, a TSV table labels the clip it names.
        const CliRun mapped =
            run(root, path("mapped"),
                {"--manifest", path("table.tsv"), "--manifest-columns", "path=file,label=kind"});
        QCOMPARE(mapped.exitCode, 0);
        QCOMPARE(labelsInCatalog(path("mapped")).at("audio/1-100000-A-0.wav"), "bark|0|");
    }

    /// A catalog an earlier version wrote (schema 2, no facts) is migrated by the next run,
    /// which then takes the manifest's labels without recomputing a feature.
    void aVersionTwoCatalogTakesTheManifestWithoutRecomputing() {
        const QString root = buildEsc50(), features = path("old-features");
        QCOMPARE(run(root, features, {"--manifest", "none"}).exitCode, 0);
        const QString catalog = features + "/cepstra-catalog.sqlite";
        for (const char* column : {"split", "group_name", "fold"})
            queryDatabase(catalog, QString("ALTER TABLE files DROP COLUMN %1").arg(column), true);
        queryDatabase(catalog, "UPDATE meta SET value = '2' WHERE key = 'schema_version'", true);
        QVERIFY(!queryDatabase(catalog, "PRAGMA table_info(files)").join(' ').contains("fold"));
        const auto before = snapshotNpyFiles(features);
        const CliRun again = run(root, features);
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.standardError.contains("the last run took its labels from the first-level "
                                             "folders"));
        QCOMPARE(queryDatabase(catalog, "SELECT value FROM meta WHERE key = 'schema_version'"),
                 QStringList{"3"});
        QCOMPARE(snapshotNpyFiles(features), before);
        QCOMPARE(labelsInCatalog(features).at("audio/2-200000-A-0.wav"), "dog|2|200000");
    }

    /// Shards each read the manifest, and their merge holds the facts one run would.
    void shardsAndTheirMergeKeepTheManifestsFacts() {
        const QString root = buildUrbanSound8k(), single = path("single"),
                      sharded = path("sharded");
        QCOMPARE(run(root, single).exitCode, 0);
        for (const char* shard : {"1/3", "2/3", "3/3"})
            QCOMPARE(run(root, sharded, {"--shard", shard}).exitCode, 0);
        const CliRun merged = runCli({"merge", sharded, "--progress", "none"});
        QCOMPARE(merged.exitCode, 0);
        QVERIFY2(merged.standardOutput.startsWith("Labels from metadata/UrbanSound8K.csv"),
                 qPrintable(merged.standardOutput));
        QCOMPARE(labelsInCatalog(sharded), labelsInCatalog(single));
        QCOMPARE(labelsInCatalog(sharded).at("audio/fold1/1003-3-0-0.wav"), "dog_bark|1|1003");
    }

    void urbanSound8kLabelsAreClassesNotFolds() {
        const QString root = buildUrbanSound8k(), features = path("us8k-features");
        const CliRun scan = runCli({"scan", root, "--format", "json"});
        QCOMPARE(scan.exitCode, 0);
        const json scanned = json::parse(scan.standardOutput.toStdString());
        QVERIFY(scanned.at("labels_from").get<std::string>().find("UrbanSound8K.csv") !=
                std::string::npos);
        QCOMPARE(scanned.at("labels").size(), 2u);
        QCOMPARE(scanned.at("labels").at("dog_bark").at("files"), 6);
        const CliRun ran = run(root, features);
        QCOMPARE(ran.exitCode, 0);
        const auto labels = labelsInCatalog(features);
        QCOMPARE(labels.size(), 12u);
        QCOMPARE(labels.at("audio/fold2/2003-3-0-1.wav"), "dog_bark|2|2003");
        QCOMPARE(labels.at("audio/fold3/3006-6-0-0.wav"), "gun_shot|3|3006");
        const QString h5 = path("us8k.h5");
        QCOMPARE(
            runCli({"export", features, h5, "--test-fold", "3", "--progress", "none"}).exitCode, 0);
        const json file = readExport(h5);
        QCOMPARE(file.at("test").at("path").size(), 4u);
        QCOMPARE(file.at("train").at("path").size(), 8u);
        std::set<std::string> classes;
        for (const auto& label : file.at("train").at("label"))
            classes.insert(label);
        QCOMPARE(classes, (std::set<std::string>{"dog_bark", "gun_shot"}));
    }

    void fmaSplitIsTheManifests() {
        const QString root = buildFma(), features = path("fma-features");
        QVERIFY2(!root.isEmpty(), "libsndfile cannot write MP3");
        const CliRun ran = run(root, features);
        QCOMPARE(ran.exitCode, 1); // the broken MP3 fails, and only it
        const json summary = summaryOf(ran);
        QCOMPARE(summary.at("manifest").at("missing_files").size(), 1u);
        QCOMPARE(summary.at("manifest").at("missing_files")[0].at("path"),
                 "fma_small/099/099134.mp3");
        QCOMPARE(summary.at("manifest").at("unlabelled_rows").size(), 1u);
        const auto labels = labelsInCatalog(features);
        QCOMPARE(labels.count("fma_small/000/000003.mp3"), 0u); // medium only
        QCOMPARE(labels.at("fma_small/000/000002.mp3"), "Hip-Hop|0|1");
        QCOMPARE(labels.at("fma_small/000/000020.mp3"), "|0|7");
        const QString npz = path("fma.npz");
        const CliRun exported =
            runCli({"export", features, npz, "--split", "manifest", "--progress", "none"});
        QCOMPARE(exported.exitCode, 0);
        const json file = readExport(npz);
        const auto pathsOf = [&](const char* split) {
            std::set<std::string> paths;
            for (const auto& clip : file.at(split).at("path"))
                paths.insert(clip);
            return paths;
        };
        QCOMPARE(pathsOf("train"),
                 (std::set<std::string>{"fma_small/000/000002.mp3", "fma_small/000/000005.mp3",
                                        "fma_small/000/000010.mp3"}));
        QCOMPARE(pathsOf("valid"),
                 (std::set<std::string>{"fma_small/000/000140.mp3", "fma_small/000/000141.mp3"}));
        QCOMPARE(pathsOf("test"),
                 (std::set<std::string>{"fma_small/000/000148.mp3", "fma_small/000/000149.mp3",
                                        "fma_small/001/001200.mp3"}));
        // --test-fold on a dataset without folds is refused, naming the way out.
        const CliRun noFolds = runCli({"export", features, path("n.h5"), "--test-fold", "1"});
        QCOMPARE(noFolds.exitCode, 2);
        QVERIFY(noFolds.standardError.contains("have no folds"));
    }

    void audioFolderMetadata() {
        const QString root = path("hf");
        writeClip(root + "/train/a.wav", 1);
        writeClip(root + "/train/b.wav", 2);
        writeText(root + "/metadata.jsonl",
                  "{\"file_name\": \"train/a.wav\", \"label\": \"cat\"}\n"
                  "{\"file_name\": \"train/b.wav\", \"label\": \"dog\"}\n");
        QCOMPARE(run(root, path("hf-features")).exitCode, 0);
        const auto labels = labelsInCatalog(path("hf-features"));
        QCOMPARE(labels.at("train/a.wav"), "cat|0|");
        QCOMPARE(labels.at("train/b.wav"), "dog|0|");
    }
};

QTEST_GUILESS_MAIN(TestCliManifests)
#include "tst_cli_manifests.moc"
