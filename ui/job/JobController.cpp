// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/job/JobController.h"

#include <utility>

namespace cepstra::ui {

/// Called on the job's thread; only touches the controller's locked fields.
class JobController::Relay : public JobObserver {
public:
    explicit Relay(JobController& controller)
        : m_controller(controller) {}
    void started(long long total, std::string_view unit) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_startedTotal = total;
        m_controller.m_latest = {0, total, QString::fromUtf8(unit.data(), qsizetype(unit.size()))};
        m_controller.m_discounted = 0;
        m_controller.m_phaseClock.start();
    }
    void progressed(long long done, long long total) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_latest.done = done;
        m_controller.m_latest.total = total;
    }
    void phaseStarted(std::string_view phase, long long total) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_latest.done = 0;
        m_controller.m_latest.total = total;
        m_controller.m_latest.phase = QString::fromUtf8(phase.data(), qsizetype(phase.size()));
        m_controller.m_discounted = 0;
        m_controller.m_phaseClock.start();
    }
    void warning(std::string_view message) override {
        std::lock_guard lock(m_controller.m_mutex);
        m_controller.m_warnings << QString::fromUtf8(message.data(), qsizetype(message.size()));
    }

private:
    JobController& m_controller;
};

QString progressText(const JobProgress& progress) {
    QString text = progress.phase.isEmpty() ? QString() : progress.phase + ' ';
    text += QObject::tr("%1/%2 %3").arg(progress.done).arg(progress.total).arg(progress.unit);
    if (progress.unitsPerSecond > 0.0)
        text +=
            QObject::tr(" · %1 %2/s").arg(progress.unitsPerSecond, 0, 'f', 1).arg(progress.unit);
    if (progress.etaSeconds >= 0.0)
        text += QObject::tr(" · ETA %1:%2")
                    .arg(qint64(progress.etaSeconds) / 60)
                    .arg(qint64(progress.etaSeconds) % 60, 2, 10, QLatin1Char('0'));
    return text;
}

JobController::JobController(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<cepstra::ui::JobProgress>();
    m_delivery.setInterval(100);
    connect(&m_delivery, &QTimer::timeout, this, &JobController::deliver);
}

JobController::~JobController() {
    if (m_thread) {
        m_cancel.requestStop();
        m_thread->wait();
    }
}

bool JobController::start(Work work) {
    if (m_thread)
        return false;
    m_cancel.reset();
    {
        std::lock_guard lock(m_mutex);
        m_latest = {};
        m_startedTotal = -1;
        m_discounted = 0;
        m_warnings.clear();
        m_phaseClock.start();
    }
    m_thread = QThread::create([this, work = std::move(work)] {
        Relay relay(*this);
        work(relay, m_cancel);
    });
    connect(m_thread, &QThread::finished, this, &JobController::threadDone);
    m_thread->start();
    m_delivery.start();
    return true;
}

void JobController::discountFromRate(long long units) {
    std::lock_guard lock(m_mutex);
    m_discounted += units;
}

void JobController::deliver() {
    JobProgress latest;
    long long startedTotal;
    QStringList warnings;
    {
        std::lock_guard lock(m_mutex);
        latest = m_latest;
        startedTotal = std::exchange(m_startedTotal, -1);
        warnings.swap(m_warnings);
        const double seconds = double(m_phaseClock.elapsed()) / 1000.0;
        const long long worked = latest.done - m_discounted;
        latest.unitsPerSecond = seconds > 0.2 && worked > 0 ? double(worked) / seconds : 0.0;
        if (latest.unitsPerSecond > 0.0)
            latest.etaSeconds = double(latest.total - latest.done) / latest.unitsPerSecond;
    }
    if (startedTotal >= 0)
        emit started(startedTotal, latest.unit);
    for (const QString& message : warnings)
        emit warning(message);
    deliverCollected();
    emit progress(latest);
}

void JobController::threadDone() {
    m_delivery.stop();
    deliver(); // the last calls before the result
    m_thread->deleteLater();
    m_thread = nullptr;
    emit finished();
}

} // namespace cepstra::ui
