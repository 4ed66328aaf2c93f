// SPDX-License-Identifier: GPL-3.0-or-later
// The batch runner through its public API: progress, cancellation, re-runs, isolation.
#include "core/batch/BatchRunner.h"
#include "core/dataset/DemoDataset.h"
#include "core/io/Npy.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"

#include <nlohmann/json.hpp>
#include <sndfile.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>

using namespace cepstra;
using namespace cepstra::test;

namespace {

class RecordingObserver : public RunObserver {
public:
    std::function<void(const FileEvent&)> onFile;
    std::vector<FileEvent> events;
    int startedWith = -1;
    void started(long long total, std::string_view) override { startedWith = int(total); }
    void fileFinished(const FileEvent& event) override {
        events.push_back(event);
        if (onFile)
            onFile(event);
    }
};

RunRequest requestFor(const QString& input, const QString& output, int jobs = 2) {
    return {input.toStdString(), output.toStdString(), FeatureConfig{}, jobs, false};
}

} // namespace

class TestBatchRunner : public QObject {
    Q_OBJECT

private slots:
    void progressOnlyGoesUpAndCoversEveryFile() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("in").toStdString(), {3, 2.0, 22050}).ok());
        QVERIFY(writeBytes(work.filePath("in/noise/broken.wav"), "RIFF"));
        RecordingObserver observer;
        CancelToken cancel;
        const auto summary =
            runDataset(requestFor(work.filePath("in"), work.filePath("out")), observer, cancel);
        QVERIFY(summary.ok());
        QCOMPARE(observer.startedWith, 13);
        QCOMPARE(int(observer.events.size()), 13);
        for (std::size_t i = 0; i < observer.events.size(); ++i) {
            QCOMPARE(observer.events[i].finished, int(i) + 1);
            QCOMPARE(observer.events[i].total, 13);
        }
        QCOMPARE(summary->processed, 12);
        QCOMPARE(summary->failed, 1);
        QCOMPARE(summary->failures.front().first, std::string("noise/broken.wav"));
        const auto done =
            std::find_if(observer.events.begin(), observer.events.end(),
                         [](const FileEvent& e) { return e.status == FileStatus::Done; });
        QCOMPARE(done->audio.sampleRateHz, 22050);
        QCOMPARE(done->audio.frames, 44100LL);
    }

    void cancelStopsPromptlyAndAReRunCompletes() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("in").toStdString(), {10, 5.0, 22050}).ok());
        RecordingObserver observer;
        CancelToken cancel;
        observer.onFile = [&](const FileEvent&) { cancel.requestStop(); };
        const auto interrupted =
            runDataset(requestFor(work.filePath("in"), work.filePath("out")), observer, cancel);
        QVERIFY(interrupted.ok());
        QVERIFY(interrupted->interrupted);
        // Work already finished when the stop came is kept: the first clip, the worker pool's
        // queue of finished results (2 * jobs + 2) and one clip in flight per worker, at most.
        constexpr int kJobs = 2;
        QVERIFY2(interrupted->processed <= 1 + (2 * kJobs + 2) + kJobs,
                 qPrintable(QString::number(interrupted->processed)));
        for (const QString& name : snapshotFolder(work.filePath("out")).keys())
            QVERIFY(!name.contains(".cepstra-tmp-"));

        RecordingObserver second;
        CancelToken noCancel;
        const auto resumed =
            runDataset(requestFor(work.filePath("in"), work.filePath("out")), second, noCancel);
        QVERIFY(resumed.ok());
        QVERIFY(!resumed->interrupted);
        QCOMPARE(resumed->processed + resumed->skipped, 40);
        QCOMPARE(resumed->skipped, interrupted->processed);

        RecordingObserver third;
        const auto again =
            runDataset(requestFor(work.filePath("in"), work.filePath("out"), 1), third, noCancel);
        QVERIFY(again.ok());
        QCOMPARE(again->skipped, 40);
        QVERIFY(std::all_of(third.events.begin(), third.events.end(),
                            [](const FileEvent& e) { return e.unchanged; }));
    }

    void badRequestsAreErrorsNotSummaries() {
        QTemporaryDir work;
        RecordingObserver observer;
        CancelToken cancel;
        const auto missing =
            runDataset(requestFor(work.filePath("nope"), work.filePath("out")), observer, cancel);
        QVERIFY(!missing.ok());
        QCOMPARE(int(missing.error().kind), int(ErrorKind::InvalidUsage));
        QVERIFY(writeDemoDataset(work.filePath("in").toStdString(), {1, 1.0, 22050}).ok());
        const auto inside =
            runDataset(requestFor(work.filePath("in"), work.filePath("in/out")), observer, cancel);
        QVERIFY(!inside.ok());
        QVERIFY(inside.error().message.find("inside the input folder") != std::string::npos);
        QVERIFY(observer.events.empty());
        // An INPUT with no audio leaves no OUTPUT behind, not even a catalog.
        QVERIFY(QDir().mkpath(work.filePath("empty/label")));
        const auto empty =
            runDataset(requestFor(work.filePath("empty"), work.filePath("out")), observer, cancel);
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().message.find("no audio files found") != std::string::npos);
        QVERIFY(!QFileInfo::exists(work.filePath("out")));
    }

    /// A run holds one batch of files at a time (2048). Across the boundary it must decide as
    /// one pass would: a collision between the last file of a batch and the first of the
    /// next, removals anywhere, and the dataset statistics merged over every batch.
    void runsPastOneBatchAsOnePassWould() {
        QTemporaryDir work;
        const QString input = work.filePath("in"), output = work.filePath("out");
        QVERIFY(writeAudioFile(work.filePath("clip.wav"), sine(330, 0.1, 22050), 22050));
        const int clips = 2100;
        for (int i = 0; i < clips; ++i) {
            const QString name = input + QString("/a/c%1.wav").arg(i, 4, 10, QChar('0'));
            QVERIFY(QDir().mkpath(QFileInfo(name).path()));
            QVERIFY(::link(QFile::encodeName(work.filePath("clip.wav")).constData(),
                           QFile::encodeName(name).constData()) == 0);
        }
        // Sorted, a/c2047.flac is the last file of the first batch, a/c2047.wav the next.
        QVERIFY(writeAudioFile(input + "/a/c2047.flac", sine(330, 0.1, 22050), 22050, 1,
                               SF_FORMAT_FLAC | SF_FORMAT_PCM_16));
        RunRequest request = requestFor(input, output);
        QVERIFY(applyConfigText(request.config, R"({"features": ["mfcc"], "scalers": ["standard"],
                                                    "scale_axis": "dataset"})")
                    .ok());
        RecordingObserver observer;
        CancelToken cancel;
        auto summary = runDataset(request, observer, cancel);
        QVERIFY(summary.ok());
        QCOMPARE(summary->processed, clips);
        QCOMPARE(summary->failed, 1);
        QCOMPARE(summary->failures.front().first, std::string("a/c2047.wav"));
        QVERIFY2(summary->failures.front().second.find("also produced by a/c2047.flac") !=
                     std::string::npos,
                 summary->failures.front().second.c_str());

        // Every clip is the same audio, so the merged fit is one clip's, counted 2100 times.
        const auto one = readNpyMatrix((output + "/a/c0000_mfcc.npy").toStdString());
        QVERIFY(one.ok());
        QFile statistics(output + "/cepstra-dataset-statistics.json");
        QVERIFY(statistics.open(QIODevice::ReadOnly));
        const auto fit =
            nlohmann::json::parse(statistics.readAll().toStdString())["features"]["mfcc"];
        QCOMPARE(int(fit["count"].size()), int(one->rows()));
        for (int band = 0; band < int(one->rows()); ++band) {
            QCOMPARE(fit["count"][band].get<long long>(), (long long)(clips)*one->cols());
            const double mean = one->row(band).cast<double>().mean();
            QVERIFY2(std::abs(fit["mean"][band].get<double>() - mean) <=
                         1e-5 * (1 + std::abs(mean)),
                     qPrintable(QString("band %1").arg(band)));
        }

        // Inputs removed on both sides of the boundary lose their outputs, and nothing else.
        for (const char* gone : {"a/c0003", "a/c2046", "a/c2048", "a/c2099"})
            QVERIFY(QFile::remove(input + "/" + gone + ".wav"));
        summary = runDataset(request, observer, cancel);
        QVERIFY(summary.ok());
        QCOMPARE(summary->removed, 4);
        QCOMPARE(summary->processed, 0);
        QCOMPARE(summary->skipped, clips - 4);
        QVERIFY(!QFileInfo::exists(output + "/a/c2048_mfcc.npy"));
        QVERIFY(QFileInfo::exists(output + "/a/c2049_mfcc.npy"));
        QCOMPARE(QDir(output + "/a").entryList({"*_mfcc.npy"}).size(), clips - 4);
        QCOMPARE(QDir(output + "/a").entryList({"*_mfcc_standard.npy"}).size(), clips - 4);
    }
};

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "tst_batch_runner.moc"
