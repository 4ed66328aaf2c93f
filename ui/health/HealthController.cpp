// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthController.h"

#include "core/health/HealthCache.h"

#include <QFile>
#include <QtConcurrent>

namespace cepstra::ui {

/// Called on the check's own thread; only touches the controller's atomics.
class HealthController::Observer : public HealthObserver {
public:
    Observer(std::atomic<int>& done, std::atomic<int>& total)
        : m_done(done)
        , m_total(total) {}
    void started(int /*files*/, int toMeasure) override { m_total = toMeasure; }
    void measured(int done, int total) override {
        m_done = done;
        m_total = total;
    }

private:
    std::atomic<int>& m_done;
    std::atomic<int>& m_total;
};

HealthController::HealthController(QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const cepstra::HealthReport>>();
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] { emit progress(m_done, m_total); });
    connect(&m_watcher, &QFutureWatcher<Result<HealthReport>>::finished, this,
            &HealthController::done);
}

HealthController::~HealthController() {
    m_cancel.requestStop();
    m_watcher.waitForFinished();
}

void HealthController::start(const QString& inputFolder, const HealthThresholds& thresholds) {
    if (m_watcher.isRunning()) { // the folder changed under a check: start over when it stops
        m_restart = true;
        m_pendingFolder = inputFolder;
        m_pendingThresholds = thresholds;
        m_cancel.requestStop();
        return;
    }
    m_cancel.reset();
    m_done = 0;
    m_total = 0;
    m_folder = inputFolder;
    HealthRequest request;
    request.input = QFile::encodeName(inputFolder).toStdString();
    request.thresholds = thresholds;
    request.cache = HealthCache::defaultLocation(request.input);
    m_watcher.setFuture(QtConcurrent::run([this, request] {
        Observer observer(m_done, m_total);
        return checkDatasetHealth(request, observer, m_cancel);
    }));
    m_progressTimer.start();
    emit started();
}

void HealthController::cancel() {
    m_restart = false;
    m_cancel.requestStop();
}

void HealthController::done() {
    m_progressTimer.stop();
    Result<HealthReport> result = m_watcher.result();
    if (m_restart) {
        m_restart = false;
        start(m_pendingFolder, m_pendingThresholds);
        return;
    }
    if (result) {
        m_report = std::make_shared<const HealthReport>(std::move(result).value());
        m_reportFolder = m_folder;
        emit progress(m_total, m_total);
        emit finished(m_report);
    } else if (result.error().kind == ErrorKind::Cancelled) {
        emit cancelled();
    } else {
        emit failed(QString::fromStdString(result.error().message));
    }
}

} // namespace cepstra::ui
