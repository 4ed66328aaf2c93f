// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/RunController.h"

namespace cepstra::ui {

/// Called on the runner's thread; only touches the controller's locked fields.
class RunController::Observer : public RunObserver {
public:
    explicit Observer(RunController& controller)
        : m_controller(controller) {}
    void runStarted(int total) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_startedTotal = total;
        m_controller.m_latest = {0, total, 0.0, -1.0, std::nullopt};
    }
    void fileFinished(const FileEvent& event) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_pendingEvents.push_back(event);
        m_controller.m_latest.done = event.finished;
        m_controller.m_latest.total = event.total;
        if (!event.unchanged)
            ++m_controller.m_worked;
    }
    void phaseStarted(RunPhase phase, int total) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_latest = {0, total, 0.0, -1.0, phase};
        m_controller.m_worked = 0;
    }
    void phaseProgress(int done, int total) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_latest.done = done;
        m_controller.m_latest.total = total;
        ++m_controller.m_worked;
    }

private:
    RunController& m_controller;
};

RunController::RunController(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<std::vector<cepstra::FileEvent>>();
    qRegisterMetaType<cepstra::RunSummary>();
    qRegisterMetaType<cepstra::ui::RunProgress>();
    m_delivery.setInterval(100);
    connect(&m_delivery, &QTimer::timeout, this, &RunController::deliver);
}

RunController::~RunController() {
    if (m_thread) {
        m_cancel.requestStop();
        m_thread->wait();
    }
}

void RunController::start(const RunRequest& request) {
    if (m_thread)
        return;
    m_cancel.reset();
    {
        std::lock_guard lock(m_mutex);
        m_pendingEvents.clear();
        m_latest = {};
        m_startedTotal = -1;
        m_worked = 0;
        m_outcome.reset();
    }
    m_clock.start();
    m_thread = QThread::create([this, request] {
        Observer observer(*this);
        auto outcome = runDataset(request, observer, m_cancel);
        std::lock_guard lock(m_mutex);
        m_outcome = std::move(outcome);
    });
    connect(m_thread, &QThread::finished, this, &RunController::threadDone);
    m_thread->start();
    m_delivery.start();
}

void RunController::cancel() {
    m_cancel.requestStop();
}

void RunController::deliver() {
    std::vector<FileEvent> events;
    RunProgress latest;
    int startedTotal;
    {
        std::lock_guard lock(m_mutex);
        events.swap(m_pendingEvents);
        latest = m_latest;
        startedTotal = std::exchange(m_startedTotal, -1);
        const double seconds = double(m_clock.elapsed()) / 1000.0;
        latest.clipsPerSecond = seconds > 0.2 ? m_worked / seconds : 0.0;
        if (latest.clipsPerSecond > 0.0)
            latest.etaSeconds = (latest.total - latest.done) / latest.clipsPerSecond;
    }
    if (startedTotal >= 0)
        emit started(startedTotal);
    if (!events.empty())
        emit filesFinished(events);
    emit progress(latest);
}

void RunController::threadDone() {
    m_delivery.stop();
    deliver(); // the last events before the result
    m_thread->deleteLater();
    m_thread = nullptr;
    std::optional<Result<RunSummary>> outcome;
    {
        std::lock_guard lock(m_mutex);
        outcome.swap(m_outcome);
    }
    if (outcome && outcome->ok())
        emit finished(outcome->value());
    else
        emit failed(outcome ? QString::fromStdString(outcome->error().message)
                            : tr("the run ended unexpectedly"));
}

} // namespace cepstra::ui
