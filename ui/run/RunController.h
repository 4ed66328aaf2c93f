// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace cepstra::ui {

/// Throttled progress of a run, for the progress bar.
struct RunProgress {
    int done = 0;
    int total = 0;
    double clipsPerSecond = 0.0;
    double etaSeconds = -1.0;      ///< negative while unknown
    std::optional<RunPhase> phase; ///< none for extraction, then each later pass
};

/// Adapts the core's batch runner to signals: runDataset() runs on its own thread, and its
/// callbacks are collected under a lock and delivered on the UI thread at most ten times a
/// second, so a fast run cannot flood the event loop. The same runner as cepstra-cli; no
/// second copy of the loop. Lives on the UI thread.
class RunController : public QObject {
    Q_OBJECT

public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    bool isRunning() const { return m_thread != nullptr; }
    void start(const RunRequest& request);
    /// Asks the run to stop; it ends within a block of frames and emits finished().
    void cancel();

signals:
    void started(int totalFiles);
    void filesFinished(const std::vector<cepstra::FileEvent>& events);
    void progress(const cepstra::ui::RunProgress& progress);
    void finished(const cepstra::RunSummary& summary);
    void failed(const QString& message);

private:
    class Observer;
    void deliver();
    void threadDone();

    CancelToken m_cancel;
    QThread* m_thread = nullptr;
    QTimer m_delivery;
    QElapsedTimer m_clock;

    // Written by the runner thread, read by deliver() on the UI thread.
    std::mutex m_mutex;
    std::vector<FileEvent> m_pendingEvents;
    RunProgress m_latest;
    int m_startedTotal = -1;
    int m_worked = 0; ///< files computed (not skipped) so far, for the rate
    std::optional<Result<RunSummary>> m_outcome;
};

} // namespace cepstra::ui
