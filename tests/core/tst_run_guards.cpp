// SPDX-License-Identifier: GPL-3.0-or-later
// What a run guards through the public API: a dataset pass stopped part-way is never exported
// as if it had finished, and clips computed at once never reserve more memory than there is.
#include "core/batch/BatchRunner.h"
#include "core/dataset/DemoDataset.h"
#include "core/export/ExportPlan.h"
#include "core/util/MemoryBudget.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>

using namespace cepstra;

namespace {

/// Stops the run as soon as its scale_axis "dataset" pass starts.
class StopAtDatasetPass : public RunObserver {
public:
    explicit StopAtDatasetPass(CancelToken& cancel)
        : m_cancel(cancel) {}
    void phaseStarted(std::string_view, long long) override {
        if (armed)
            m_cancel.requestStop();
    }
    bool armed = true;

private:
    CancelToken& m_cancel;
};

} // namespace

class TestRunGuards : public QObject {
    Q_OBJECT

private slots:
    /// 13. Interrupted in its dataset pass, a run leaves scaled arrays under two fits: export
    /// refuses them until a run finishes the pass, and still exports the raw arrays.
    void anUnfinishedDatasetPassIsNotExported() {
        QTemporaryDir work;
        const std::string input = work.filePath("in").toStdString();
        const std::string output = work.filePath("out").toStdString();
        QVERIFY(writeDemoDataset(input, {2, 1.0, 22050}).ok());
        RunRequest request{input, output, FeatureConfig{}, 2, false};
        request.config.scaleAxis = ScaleAxis::Dataset;
        CancelToken cancel;
        StopAtDatasetPass observer(cancel);
        observer.armed = false;
        QVERIFY(runDataset(request, observer, cancel).ok()); // a whole first run
        observer.armed = true;
        // A changed clip, then a run stopped as its pass starts.
        QVERIFY(writeDemoDataset(work.filePath("more").toStdString(), {1, 1.0, 22050}).ok());
        QVERIFY(std::filesystem::copy_file(
            work.filePath("more/tones/tones.00000.wav").toStdString(), input + "/tones/extra.wav"));
        const auto stopped = runDataset(request, observer, cancel);
        QVERIFY(stopped.ok());
        QVERIFY(stopped->interrupted);

        ExportOptions options{.destination = work.filePath("x.h5").toStdString(),
                              .scaler = Scaler::Standard};
        const auto refused = planExport(output, options);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidUsage);
        QVERIFY2(refused.error().message.find("run again to finish it") != std::string::npos,
                 refused.error().message.c_str());
        options.scaler.reset();
        QVERIFY(planExport(output, options).ok());

        observer.armed = false;
        CancelToken again;
        QVERIFY(runDataset(request, observer, again).ok());
        options.scaler = Scaler::Standard;
        const auto plan = planExport(output, options);
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().message.c_str());
        QCOMPARE(int(plan->clips.size()), 9);
    }

    /// 11. A clip that can never fit is known up front; one that can waits while others hold
    /// the memory, and goes once they give it back.
    void memoryReservationsNeverExceedTheBudget() {
        MemoryBudget budget(100);
        QVERIFY(budget.canEverFit(100));
        QVERIFY(!budget.canEverFit(101));
        CancelToken cancel;
        std::atomic<bool> firstReleased{false}, secondGranted{false}, grantedAfterRelease{false};
        std::optional<MemoryBudget::Reservation> first(budget.reserve(60, cancel));
        std::thread second([&] {
            const auto reservation = budget.reserve(60, cancel);
            // Granted only once the first was given back: 60 + 60 > 100.
            grantedAfterRelease = firstReleased.load();
            secondGranted = true;
        });
        // What still fits beside the first is granted at once, whatever else waits.
        { const auto small = budget.reserve(40, cancel); }
        QVERIFY(!secondGranted.load());
        firstReleased = true;
        first.reset();
        second.join();
        QVERIFY(secondGranted.load());
        QVERIFY(grantedAfterRelease.load());

        // A stop request ends a wait.
        std::optional<MemoryBudget::Reservation> holder(budget.reserve(90, cancel));
        CancelToken stop;
        std::thread waiter([&] { const auto none = budget.reserve(50, stop); });
        stop.requestStop();
        waiter.join();
        QVERIFY(MemoryBudget(0).canEverFit(~0ull)); // no limit known
    }
};

QTEST_GUILESS_MAIN(TestRunGuards)
#include "tst_run_guards.moc"
