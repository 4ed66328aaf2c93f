// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #13: `cepstra-cli check` on a dataset with faults planted by sox, ffmpeg, flac and
// oggenc, the way real datasets get them. Every fault must be found under its check's name,
// and the untouched clips must come out clean.
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace cepstra::test;

namespace {

constexpr int kRate = 22050;
constexpr double kClipSeconds = 30.0;

/// Runs a tool (sox, ffmpeg, flac, oggenc) and says whether it succeeded; its output on failure.
bool tool(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning().noquote() << program << arguments.join(' ')
                             << "failed:" << process.readAllStandardError();
        return false;
    }
    return true;
}

bool writeMelody(const QString& path, unsigned seed, double seconds = kClipSeconds) {
    return writeAudioFile(path, melody(seed, seconds, kRate), kRate);
}

/// Checks expected of each planted file; the untouched clips expect none.
using Expectations = std::map<QString, std::set<std::string>>;

/// Builds the dataset under `root` and returns what each file must be flagged with. Three
/// labels of 8–9 clips, so the labels are balanced; every clip is 30 s but the one outlier.
bool plantDataset(const QString& root, const QString& scratch, Expectations& expected,
                  QStringList& untouched) {
    for (const char* label : {"blues", "jazz", "rock"})
        QDir().mkpath(root + "/" + label);
    QDir().mkpath(scratch);
    unsigned seed = 100;
    for (const char* label : {"blues", "jazz", "rock"})
        for (int i = 0; i < 3; ++i) {
            const QString path = QString("%1/clean.%2.wav").arg(label).arg(i);
            if (!writeMelody(root + "/" + path, seed++))
                return false;
            untouched << path;
        }
    const auto at = [&](const QString& relative) { return root + "/" + relative; };
    const auto source = [&](const QString& name, unsigned sourceSeed,
                            double seconds = kClipSeconds) {
        const QString path = scratch + "/" + name;
        return writeMelody(path, sourceSeed, seconds) ? path : QString();
    };

    // An MP3 re-encode filed under another label: the same audio taught as two genres.
    const bool ok =
        writeMelody(at("blues/original.wav"), 200) &&
        tool("ffmpeg", {"-v", "error", "-i", at("blues/original.wav"), "-b:a", "128k",
                        at("jazz/reencoded.mp3")}) &&
        // Shifted by 1.5 s and 6 dB quieter.
        writeMelody(at("rock/recording.wav"), 201) &&
        tool("sox", {at("rock/recording.wav"), at("rock/shifted.wav"), "pad", "1.5", "gain", "-6",
                     "trim", "0", QString::number(kClipSeconds)}) &&
        // Byte-different, sample-identical: WAV and FLAC.
        writeMelody(at("rock/exact.wav"), 202) &&
        tool("flac", {"--silent", "-o", at("rock/exact-copy.flac"), at("rock/exact.wav")}) &&
        // An Ogg Vorbis re-encode 12 dB quieter.
        writeMelody(at("blues/vinyl.wav"), 203) &&
        tool("sox", {at("blues/vinyl.wav"), scratch + "/quiet.wav", "gain", "-12"}) &&
        tool("oggenc",
             {"--quiet", "-q", "4", "-o", at("blues/vinyl-quiet.ogg"), scratch + "/quiet.wav"}) &&
        // Two clips cut from one 45 s recording, sharing 15 s.
        !source("session.wav", 204, 45.0).isEmpty() &&
        tool("sox", {scratch + "/session.wav", at("blues/session-a.wav"), "trim", "0", "30"}) &&
        tool("sox", {scratch + "/session.wav", at("jazz/session-b.wav"), "trim", "15", "30"}) &&
        // Hard-clipped, silent, DC-offset, upsampled from 8 kHz, dual mono, too short.
        !source("loud.wav", 205).isEmpty() &&
        tool("sox", {"-V1", scratch + "/loud.wav", at("blues/clipped.wav"), "gain", "25"}) &&
        tool("sox", {"-n", "-r", QString::number(kRate), "-c", "1", "-b", "16",
                     at("blues/silent.wav"), "trim", "0", QString::number(kClipSeconds)}) &&
        !source("offset.wav", 206).isEmpty() &&
        tool("sox", {scratch + "/offset.wav", at("jazz/dc.wav"), "dcshift", "0.2"}) &&
        !source("wide.wav", 207).isEmpty() &&
        tool("sox", {scratch + "/wide.wav", "-r", "8000", scratch + "/narrow.wav"}) &&
        tool("sox",
             {scratch + "/narrow.wav", "-r", QString::number(kRate), at("jazz/upsampled.wav")}) &&
        !source("mono.wav", 208).isEmpty() &&
        tool("sox", {scratch + "/mono.wav", "-c", "2", at("rock/dual-mono.wav")}) &&
        writeMelody(at("rock/short.wav"), 209, 12.0) &&
        writeBytes(at("jazz/broken.wav"), QByteArray("RIFF\x10\0\0\0WAVEfmt ", 16));
    if (!ok)
        return false;

    const std::set<std::string> conflict{"near_duplicate", "label_conflict"};
    expected = {
        {"blues/original.wav", conflict},
        {"jazz/reencoded.mp3", {"near_duplicate", "label_conflict", "format_mismatch"}},
        {"rock/recording.wav", {"near_duplicate"}},
        {"rock/shifted.wav", {"near_duplicate"}},
        {"rock/exact.wav", {"exact_duplicate"}},
        {"rock/exact-copy.flac", {"exact_duplicate", "format_mismatch"}},
        {"blues/vinyl.wav", {"near_duplicate"}},
        {"blues/vinyl-quiet.ogg", {"near_duplicate", "format_mismatch"}},
        {"blues/session-a.wav", conflict},
        {"jazz/session-b.wav", conflict},
        {"blues/clipped.wav", {"clipping"}},
        {"blues/silent.wav", {"silent"}},
        {"jazz/dc.wav", {"dc_offset"}},
        {"jazz/upsampled.wav", {"low_bandwidth"}},
        {"rock/dual-mono.wav", {"dual_mono", "format_mismatch"}},
        {"rock/short.wav", {"duration_outlier"}},
        {"jazz/broken.wav", {"unreadable"}},
    };
    return true;
}

nlohmann::json parseReport(const CliRun& run) {
    return nlohmann::json::parse(run.standardOutput.toStdString(), nullptr, false);
}

/// path -> check names found on it.
std::map<QString, std::set<std::string>> checksByFile(const nlohmann::json& report) {
    std::map<QString, std::set<std::string>> found;
    for (const auto& file : report["files"]) {
        auto& checks = found[QString::fromStdString(file["path"].get<std::string>())];
        for (const auto& finding : file["findings"])
            checks.insert(finding["check"].get<std::string>());
    }
    return found;
}

const nlohmann::json* groupOf(const nlohmann::json& report, const std::string& check,
                              const std::string& path) {
    for (const auto& group : report["groups"])
        if (group["check"] == check)
            for (const auto& member : group["paths"])
                if (member == path)
                    return &group;
    return nullptr;
}

/// The offset of `second` against `first` in a two-clip group, seconds.
double offsetBetween(const nlohmann::json& group, const std::string& first,
                     const std::string& second) {
    double firstOffset = 0, secondOffset = 0;
    for (std::size_t i = 0; i < group["paths"].size(); ++i) {
        if (group["paths"][i] == first)
            firstOffset = group["offset_seconds"][i].get<double>();
        if (group["paths"][i] == second)
            secondOffset = group["offset_seconds"][i].get<double>();
    }
    return secondOffset - firstOffset;
}

} // namespace

class CliCheck : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_work.isValid());
        m_dataset = m_work.filePath("dataset");
        QVERIFY(plantDataset(m_dataset, m_work.filePath("scratch"), m_expected, m_untouched));
        m_cache = m_work.filePath("health-cache.sqlite");
    }

    void everyPlantedFaultIsFoundAndTheRestIsClean() {
        const CliRun run = runCli({"check", m_dataset, "--format", "json", "--cache", m_cache});
        QCOMPARE(run.exitCode, 1); // unreadable, silent and label_conflict are failures
        const nlohmann::json report = parseReport(run);
        QVERIFY2(report.is_object(), qPrintable(run.standardError));
        const auto found = checksByFile(report);
        QCOMPARE(int(found.size()), m_untouched.size() + int(m_expected.size()));
        QString diagnosis;
        for (const auto& [path, checks] : found) {
            const auto wanted =
                m_expected.count(path) ? m_expected.at(path) : std::set<std::string>{};
            if (checks != wanted) {
                QStringList got, want;
                for (const auto& c : checks)
                    got << QString::fromStdString(c);
                for (const auto& c : wanted)
                    want << QString::fromStdString(c);
                diagnosis +=
                    path + ": found {" + got.join(',') + "}, expected {" + want.join(',') + "}\n";
            }
        }
        QVERIFY2(diagnosis.isEmpty(), qPrintable(diagnosis + run.standardError));
        QVERIFY(report["dataset_findings"].empty()); // 9, 8 and 9 clips: balanced
    }

    void duplicatesGiveTheirOffsetAndOverlap() {
        const nlohmann::json report =
            parseReport(runCli({"check", m_dataset, "--format", "json", "--cache", m_cache}));
        const nlohmann::json* shifted = groupOf(report, "near_duplicate", "rock/shifted.wav");
        QVERIFY(shifted);
        QVERIFY(std::abs(offsetBetween(*shifted, "rock/recording.wav", "rock/shifted.wav") - 1.5) <
                0.25);
        QVERIFY((*shifted)["overlap_seconds"].get<double>() > 25.0);

        const nlohmann::json* session = groupOf(report, "near_duplicate", "blues/session-a.wav");
        QVERIFY(session);
        // session-b starts 15 s into the recording, so its audio sits 15 s earlier than a's.
        QVERIFY(std::abs(offsetBetween(*session, "blues/session-a.wav", "jazz/session-b.wav") +
                         15.0) < 0.25);
        const double overlap = (*session)["overlap_seconds"].get<double>();
        QVERIFY2(overlap > 13.0 && overlap < 16.0, qPrintable(QString::number(overlap)));
        const nlohmann::json* conflict = groupOf(report, "label_conflict", "jazz/session-b.wav");
        QVERIFY(conflict);
        QCOMPARE((*conflict)["labels"].size(), 2u);

        const nlohmann::json* exact = groupOf(report, "exact_duplicate", "rock/exact.wav");
        QVERIFY(exact);
        QCOMPARE((*exact)["paths"], nlohmann::json({"rock/exact-copy.flac", "rock/exact.wav"}));
        QVERIFY(!groupOf(report, "near_duplicate", "rock/exact.wav")); // said once, as exact
    }

    void findingsNameTheirValueAndThreshold() {
        const nlohmann::json report =
            parseReport(runCli({"check", m_dataset, "--format", "json", "--cache", m_cache}));
        for (const auto& file : report["files"])
            for (const auto& finding : file["findings"]) {
                QVERIFY(finding["value"].is_number());
                QVERIFY(finding["threshold"].is_number());
                QVERIFY(!finding["detail"].get<std::string>().empty());
                QVERIFY(std::set<std::string>({"info", "warn", "fail"}).count(finding["severity"]));
                if (finding["check"] == "dc_offset") {
                    QVERIFY(std::abs(finding["value"].get<double>() - 0.2) < 0.01);
                    QCOMPARE(finding["threshold"].get<double>(), 0.05);
                }
                if (finding["check"] == "silent") // sox dithers: not zeros, but no audio
                    QCOMPARE(finding["severity"], "fail");
                if (finding["check"] == "low_bandwidth") // 4 kHz of 11.025 kHz
                    QVERIFY(finding["value"].get<double>() < 0.4);
            }
        const auto& jazz = report["labels"]["jazz"];
        QCOMPARE(jazz["clips"].get<int>(), 8);
        QCOMPARE(jazz["failures"].get<int>(), 3); // broken, and the two label conflicts
        QCOMPARE(jazz["min_seconds"].get<double>(), 30.0);
        QCOMPARE(report["labels"]["rock"]["min_seconds"].get<double>(), 12.0);
        QCOMPARE(report["labels"]["rock"]["findings"]["exact_duplicate"].get<int>(), 2);
        QCOMPARE(report["labels"]["blues"]["failures"].get<int>(), 3); // two conflicts, silence
        QCOMPARE(report["summary"]["worst"], "fail");
        QCOMPARE(report["thresholds"]["clipping.max_share"].get<double>(), 0.001);
    }

    void anUnchangedDatasetIsReadFromTheCache() {
        const nlohmann::json report =
            parseReport(runCli({"check", m_dataset, "--format", "json", "--cache", m_cache}));
        QCOMPARE(report["summary"]["measured"].get<int>(), 0);
        // The broken clip too: its reason is kept, not looked for again.
        QCOMPARE(report["summary"]["cached"].get<int>(),
                 m_untouched.size() + int(m_expected.size()));
        // A changed clip is measured again, and only it.
        QVERIFY(tool(
            "sox", {m_dataset + "/rock/short.wav", m_dataset + "/rock/short2.wav", "gain", "-1"}));
        QVERIFY(QFile::remove(m_dataset + "/rock/short.wav"));
        QVERIFY(QFile::rename(m_dataset + "/rock/short2.wav", m_dataset + "/rock/short.wav"));
        const nlohmann::json again =
            parseReport(runCli({"check", m_dataset, "--format", "json", "--cache", m_cache}));
        QCOMPARE(again["summary"]["measured"].get<int>(), 1);
        QCOMPARE(checksByFile(again)["rock/short.wav"], std::set<std::string>{"duration_outlier"});
    }

    void thresholdsChangeWithSet() {
        const CliRun run =
            runCli({"check", m_dataset, "--format", "json", "--cache", m_cache, "--set",
                    "duration_outlier.max_deviation=0.9", "--set", "dc_offset.max=0.5"});
        const auto found = checksByFile(parseReport(run));
        QVERIFY(found.at("rock/short.wav").empty());
        QVERIFY(found.at("jazz/dc.wav").empty());
        QCOMPARE(parseReport(run)["thresholds"]["dc_offset.max"].get<double>(), 0.5);
    }

    void badUsageIsExitTwoAndWritesNothing() {
        const QString report = m_work.filePath("never.json");
        const QString empty = m_work.filePath("empty");
        QVERIFY(QDir().mkpath(empty + "/label"));
        for (const QStringList& arguments :
             {QStringList{"check", m_dataset, "--set", "clipping.max_share"},
              QStringList{"check", m_dataset, "--set", "nosuch.key=1"},
              QStringList{"check", m_dataset, "--set", "clipping.max_share=2"},
              QStringList{"check", m_dataset, "--set", "clipping.max_share=lots"},
              QStringList{"check", m_dataset, "--format", "xml"},
              QStringList{"check", m_work.filePath("missing")},
              QStringList{"check", empty}, // no audio in it
              QStringList{"check", m_dataset, "--features", m_work.filePath("scratch")}}) {
            const CliRun run = runCli(arguments + QStringList{"--report", report});
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(' ') + ": " + run.standardError));
            QCOMPARE(run.standardError.trimmed().count('\n'), 0);
            QVERIFY(run.standardError.startsWith("cepstra-cli: error: "));
            QVERIFY(!QFile::exists(report));
        }
    }

    void aBalancedCleanDatasetPassesAndAnImbalancedOneIsFlagged() {
        QTemporaryDir work;
        for (int i = 0; i < 4; ++i)
            QVERIFY(writeMelody(work.filePath(QString("data/many/%1.wav").arg(i)), 300 + i, 12.0));
        QVERIFY(writeMelody(work.filePath("data/few/0.wav"), 310, 12.0));
        QVERIFY(writeMelody(work.filePath("data/few/1.wav"), 311, 12.0));
        const CliRun clean =
            runCli({"check", work.filePath("data"), "--cache", work.filePath("c.sqlite")});
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.standardOutput));
        QVERIFY(clean.standardOutput.contains("label_imbalance"));
        QVERIFY(clean.standardOutput.contains("many has 4 clips, few 2"));
        const CliRun tolerant =
            runCli({"check", work.filePath("data"), "--format", "json", "--cache",
                    work.filePath("c.sqlite"), "--set", "label_imbalance.max_ratio=2"});
        QCOMPARE(tolerant.exitCode, 0);
        const nlohmann::json report = parseReport(tolerant);
        QVERIFY(report["dataset_findings"].empty());
        QCOMPARE(report["summary"]["worst"], "info");
        QCOMPARE(report["summary"]["files_with_findings"].get<int>(), 0);
    }

    /// check --flagged-list names what to leave out; export --exclude-list leaves exactly that
    /// out of the file, as h5py reads it.
    void flaggedClipsAreLeftOutOfAnExport() {
        const QString flagged = m_work.filePath("flagged.txt");
        QCOMPARE(
            runCli({"check", m_dataset, "--cache", m_cache, "--flagged-list", flagged}).exitCode,
            1);
        QFile list(flagged);
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QStringList expected{
            // a finding of their own
            "blues/clipped.wav", "blues/original.wav", "blues/session-a.wav", "blues/silent.wav",
            // the second copy of blues/vinyl-quiet.ogg ("-" sorts before ".")
            "blues/vinyl.wav", "jazz/broken.wav", "jazz/dc.wav", "jazz/reencoded.mp3",
            "jazz/session-b.wav", "jazz/upsampled.wav",
            // the second copies of rock/exact-copy.flac and rock/recording.wav
            "rock/exact.wav", "rock/shifted.wav", "rock/short.wav"};
        QCOMPARE(QString::fromUtf8(list.readAll()).split('\n', Qt::SkipEmptyParts), expected);

        const QString features = m_work.filePath("features");
        QCOMPARE(runCli({"run", m_dataset, features, "--progress", "none"}).exitCode, 1); // broken
        const QString h5 = m_work.filePath("clean.h5");
        const CliRun exported =
            runCli({"export", features, h5, "--exclude-list", flagged, "--progress", "none"});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.standardError));
        QVERIFY(exported.standardOutput.contains("in the exclude list"));
        QProcess python;
        python.start(numpyPython(),
                     {"-c",
                      "import h5py, sys\n"
                      "with h5py.File(sys.argv[1]) as f:\n"
                      "    print('\\n'.join(sorted(p.decode() for p in f['all/path'][()])))\n",
                      h5});
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(python.exitCode(), 0);
        QStringList kept = m_untouched;
        for (const auto& [path, checks] : m_expected)
            if (!expected.contains(path))
                kept << path;
        kept.sort();
        QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts),
                 kept);
        QCOMPARE(runCli({"export", features, m_work.filePath("x.h5"), "--exclude-list",
                         m_work.filePath("no-such-list.txt")})
                     .exitCode,
                 2);
        QVERIFY(!QFile::exists(m_work.filePath("x.h5")));
    }

    void manyCopiesOfOneRecordingAreAllFound() {
        // Keys shared by a group of copies must not be taken for common ones and dropped.
        QTemporaryDir work;
        const QString original = work.filePath("scratch/original.wav");
        QVERIFY(writeMelody(original, 400, 20.0));
        const QString d = work.filePath("d/copies/");
        QVERIFY(QDir().mkpath(d));
        QVERIFY(tool("sox", {original, d + "a.wav"}));
        QVERIFY(tool("sox", {original, d + "b-shift.wav", "pad", "0.37", "trim", "0", "20"}));
        QVERIFY(tool("sox", {original, d + "c-loud.wav", "gain", "6"}));
        QVERIFY(tool("lame", {"--quiet", "-b", "64", original, d + "d.mp3"}));
        QVERIFY(tool("oggenc", {"--quiet", "-q", "0", "-o", d + "e.ogg", original}));
        QVERIFY(tool("ffmpeg", {"-v", "error", "-i", original, "-ar", "8000", d + "f-8k.wav"}));
        const nlohmann::json report = parseReport(runCli(
            {"check", work.filePath("d"), "--format", "json", "--cache", work.filePath("c")}));
        int pairs = 0;
        for (const auto& group : report["groups"])
            pairs += group["check"] == "near_duplicate" ? 1 : 0;
        QCOMPARE(pairs, 6 * 5 / 2);
        for (const auto& file : report["files"])
            QVERIFY2(std::count_if(file["findings"].begin(), file["findings"].end(),
                                   [](const auto& f) { return f["check"] == "near_duplicate"; }) ==
                         5,
                     file["path"].get<std::string>().c_str());
    }

    /// The README's threshold table is the one the declarations print, so it cannot go stale.
    void readmeThresholdsAreTheDeclaredOnes() {
        QFile readme(QStringLiteral(CEPSTRA_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype begin = text.indexOf("<!-- thresholds:begin");
        const qsizetype end = text.indexOf("<!-- thresholds:end -->");
        QVERIFY(begin >= 0 && end > begin);
        const qsizetype firstRow = text.indexOf('\n', begin) + 1;
        const CliRun printed = runCli({"params", "--checks", "--format", "markdown"});
        QCOMPARE(printed.exitCode, 0);
        QCOMPARE(text.mid(firstRow, end - firstRow), printed.standardOutput);
        QVERIFY(printed.standardOutput.contains("| `near_duplicate.min_overlap` | `10.0` |"));
    }

    void theHtmlReportIsOneFileABrowserRenders() {
        const QString html = m_work.filePath("health.html");
        const CliRun run =
            runCli({"check", m_dataset, "--format", "html", "--report", html, "--cache", m_cache});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.standardOutput.contains("Report written to"));
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray page = file.readAll();
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("<svg"));
        QVERIFY(page.contains("jazz/session-b.wav"));
        QVERIFY(!page.contains("src=\"http")); // self-contained: nothing to fetch
        const QString shot = QCoreApplication::applicationDirPath() + "/health-report.png";
        QFile::remove(shot);
        QVERIFY(tool("chromium",
                     {"--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600",
                      "--screenshot=" + shot, "file://" + html}));
        QVERIFY(QFileInfo(shot).size() > 20000); // a rendered page, not a blank one
    }

private:
    QTemporaryDir m_work;
    QString m_dataset, m_cache;
    Expectations m_expected;
    QStringList m_untouched;
};

QTEST_GUILESS_MAIN(CliCheck)
#include "tst_cli_check.moc"
