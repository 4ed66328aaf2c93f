// SPDX-License-Identifier: GPL-3.0-or-later
// The batch runner through its public API: progress, cancellation, re-runs, isolation.
#include "core/batch/BatchRunner.h"
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace cepstra;
using namespace cepstra::test;

namespace {

class RecordingObserver : public RunObserver {
public:
    std::function<void(const FileEvent&)> onFile;
    std::vector<FileEvent> events;
    int startedWith = -1;
    void runStarted(int total) override { startedWith = total; }
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
    }
};

QTEST_GUILESS_MAIN(TestBatchRunner)
#include "tst_batch_runner.moc"
