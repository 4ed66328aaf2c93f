// SPDX-License-Identifier: GPL-3.0-or-later
#include "python/bindings/JobRelay.h"

#include <chrono>
#include <exception>
#include <optional>
#include <thread>

namespace cepstra::python {

JobRelay::JobRelay(py::object progress)
    : m_progress(std::move(progress)) {}

void JobRelay::report(long long done, long long total) {
    std::lock_guard lock(m_mutex);
    m_pending.changed = true;
    m_pending.done = done;
    m_pending.total = total;
}

void JobRelay::warn(std::string message) {
    std::lock_guard lock(m_mutex);
    m_pending.warnings.push_back(std::move(message));
}

JobRelay::Pending JobRelay::take(bool& finished) {
    // Woken early only when the job ends: progress is relayed at most every 100 ms.
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(100), [this] { return m_pending.finished; });
    Pending update = m_pending;
    finished = m_pending.finished;
    m_pending.changed = false;
    m_pending.warnings.clear();
    return update;
}

/// Relays an update to Python; false when a warning or the callback raised.
bool JobRelay::relay(const Pending& update) {
    for (const std::string& message : update.warnings)
        if (PyErr_WarnEx(PyExc_UserWarning, message.c_str(), 1) != 0)
            return false;
    if (!update.changed || m_progress.is_none())
        return true;
    try {
        m_progress(update.done, update.total);
    } catch (py::error_already_set& error) {
        error.restore();
        return false;
    }
    return true;
}

void JobRelay::run(const std::function<void()>& job,
                   const std::function<void(py::handle exception)>& onStop) {
    std::exception_ptr failure;
    std::thread worker([&] {
        try {
            job();
        } catch (...) {
            failure = std::current_exception();
        }
        std::lock_guard lock(m_mutex);
        m_pending.finished = true;
        m_wake.notify_all();
    });
    std::optional<py::error_already_set> raised;
    for (bool finished = false; !finished;) {
        Pending update;
        {
            py::gil_scoped_release release;
            update = take(finished);
        }
        // Signal handlers first: Ctrl+C stops the job even while progress is being reported.
        if (PyErr_CheckSignals() != 0 || !relay(update)) {
            raised.emplace();
            m_cancel.requestStop();
            break;
        }
    }
    {
        py::gil_scoped_release release;
        worker.join();
    }
    if (raised) {
        if (onStop)
            onStop(raised->value());
        throw *raised;
    }
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace cepstra::python
