// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"
#include "core/util/Job.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>
#include <mutex>

namespace cepstra::ui {

/// Where a long job stands, as the app shows it: the core's JobObserver calls, throttled.
struct JobProgress {
    long long done = 0;
    long long total = 0;
    QString unit;  ///< "files", "clips", "arrays"
    QString phase; ///< empty for the main pass, then each later pass ("dataset-scaling")
    double unitsPerSecond = 0.0;
    double etaSeconds = -1.0; ///< negative while unknown
};

/// "12/100 files · 3.2 files/s · ETA 0:28", with the phase first when there is one: how every
/// long job's progress reads in the app.
QString progressText(const JobProgress& progress);

/// The app's one adapter of a long core job (run, check, export) to Qt: the job runs on its
/// own thread and reports through a JobObserver; the calls are collected under a lock and
/// delivered on the UI thread at most ten times a second, so a fast job cannot flood the event
/// loop. A job's result stays with whoever started it: the work function stores it, and reads
/// it back on finished(). One job at a time; lives on the UI thread.
class JobController : public QObject {
    Q_OBJECT

public:
    /// The job: runs on the controller's thread, reports through `observer`, and stops soon
    /// after `cancel` is asked.
    using Work = std::function<void(JobObserver& observer, const CancelToken& cancel)>;

    explicit JobController(QObject* parent = nullptr);
    ~JobController() override; ///< asks a running job to stop and waits for it

    bool isRunning() const { return m_thread != nullptr; }
    /// Starts `work`; false (and nothing started) while another job runs.
    bool start(Work work);
    /// Asks the job to stop; it ends at its next check and emits finished().
    void cancel() { m_cancel.requestStop(); }
    bool cancelRequested() const { return m_cancel.stopRequested(); }

    /// For a job's own observer, on the job's thread: units that took no work (a skipped,
    /// unchanged file) and must not speed up the rate.
    void discountFromRate(long long units);

signals:
    void started(qint64 total, const QString& unit);
    void progress(const cepstra::ui::JobProgress& progress);
    void warning(const QString& message);
    /// The work returned: read its result now.
    void finished();

protected:
    /// At each delivery, on the UI thread, before progress(): a subclass hands over what its
    /// own observer collected.
    virtual void deliverCollected() {}

private:
    class Relay;
    void deliver();
    void threadDone();

    CancelToken m_cancel;
    QThread* m_thread = nullptr;
    QTimer m_delivery;
    QElapsedTimer m_phaseClock; ///< since the job or its current phase started

    // Written by the job's thread, read by deliver() on the UI thread.
    std::mutex m_mutex;
    JobProgress m_latest;
    long long m_startedTotal = -1;
    long long m_discounted = 0; ///< units of the current phase that took no work
    QStringList m_warnings;
};

} // namespace cepstra::ui

Q_DECLARE_METATYPE(cepstra::ui::JobProgress)
