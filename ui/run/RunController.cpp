// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/RunController.h"

namespace cepstra::ui {

/// Called on the runner's thread: the job's calls go to the controller's relay, each file's
/// event to the controller's locked queue.
class RunController::Observer : public RunObserver {
public:
    Observer(RunController& controller, JobObserver& relay)
        : m_controller(controller)
        , m_relay(relay) {}
    void started(long long total, std::string_view unit) override { m_relay.started(total, unit); }
    void progressed(long long done, long long total) override { m_relay.progressed(done, total); }
    void phaseStarted(std::string_view phase, long long total) override {
        m_relay.phaseStarted(phase, total);
    }
    void warning(std::string_view message) override { m_relay.warning(message); }
    void fileFinished(const FileEvent& event) override {
        if (event.unchanged)
            m_controller.discountFromRate(1);
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_pendingEvents.push_back(event);
    }

private:
    RunController& m_controller;
    JobObserver& m_relay;
};

RunController::RunController(QObject* parent)
    : JobController(parent) {
    qRegisterMetaType<std::vector<cepstra::FileEvent>>();
    qRegisterMetaType<cepstra::RunSummary>();
    connect(this, &JobController::finished, this, &RunController::settle);
}

void RunController::start(const RunRequest& request) {
    {
        std::lock_guard lock(m_mutex);
        m_pendingEvents.clear();
        m_outcome.reset();
    }
    JobController::start([this, request](JobObserver& relay, const CancelToken& cancel) {
        Observer observer(*this, relay);
        auto outcome = runDataset(request, observer, cancel);
        std::lock_guard lock(m_mutex);
        m_outcome = std::move(outcome);
    });
}

void RunController::deliverCollected() {
    std::vector<FileEvent> events;
    {
        std::lock_guard lock(m_mutex);
        events.swap(m_pendingEvents);
    }
    if (!events.empty())
        emit filesFinished(events);
}

void RunController::settle() {
    std::optional<Result<RunSummary>> outcome;
    {
        std::lock_guard lock(m_mutex);
        outcome.swap(m_outcome);
    }
    if (outcome && outcome->ok())
        emit runFinished(outcome->value());
    else
        emit runFailed(outcome ? QString::fromStdString(outcome->error().message)
                               : tr("the run ended unexpectedly"));
}

} // namespace cepstra::ui
