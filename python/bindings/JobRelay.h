// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "core/util/CancelToken.h"
#include "python/bindings/Bindings.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace cepstra::python {

/// Runs one long core job (run, check, export) so that Python stays in charge: the job runs on
/// a thread of its own without the GIL, while the calling thread wakes every 100 ms to run
/// Python's signal handlers (Ctrl+C in a terminal or a notebook) and to call the progress
/// callback. A KeyboardInterrupt, or any exception the callback raises, requests a stop on the
/// job's CancelToken; the relay waits for the job to stop cleanly (the core polls the token
/// between blocks of samples), then raises that exception.
///
/// It is the job's observer too (core/util/Job.h): started() and progressed() become
/// progress(done, total), warnings Python warnings.
class JobRelay : public RunObserver {
public:
    /// `progress` is None or a callable taking (done, total).
    explicit JobRelay(py::object progress);

    void started(long long total, std::string_view /*unit*/) override { report(0, total); }
    void progressed(long long done, long long total) override { report(done, total); }
    void phaseStarted(std::string_view /*phase*/, long long total) override { report(0, total); }
    void warning(std::string_view message) override { warn(std::string(message)); }

    /// The token the job must poll.
    const CancelToken& cancel() const { return m_cancel; }

    /// Called from the job's thread: how far it is.
    void report(long long done, long long total);
    /// Called from the job's thread: a warning for Python's warnings module.
    void warn(std::string message);

    /// Runs `job` as described above. Call with the GIL held. Raises the pending exception of
    /// a stop, after `job` has returned; `onStop` may annotate it first (with the GIL held).
    void run(const std::function<void()>& job,
             const std::function<void(py::handle exception)>& onStop = {});

    /// Whether a stop was requested (by a signal or the callback).
    bool stopped() const { return m_cancel.stopRequested(); }

private:
    struct Pending {
        bool finished = false;
        bool changed = false;
        long long done = 0;
        long long total = 0;
        std::vector<std::string> warnings;
    };
    Pending take(bool& finished);
    bool relay(const Pending& update);

    py::object m_progress;
    CancelToken m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    Pending m_pending; // guarded by m_mutex
};

} // namespace cepstra::python
