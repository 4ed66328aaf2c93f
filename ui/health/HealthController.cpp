// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthController.h"

#include "core/health/HealthCache.h"

#include <QFile>

namespace cepstra::ui {

HealthController::HealthController(QObject* parent)
    : JobController(parent) {
    qRegisterMetaType<std::shared_ptr<const cepstra::HealthReport>>();
    connect(this, &JobController::finished, this, &HealthController::settle);
}

void HealthController::start(const QString& inputFolder, const HealthThresholds& thresholds) {
    if (isRunning()) { // the folder changed under a check: start over when it stops
        m_restart = true;
        m_pendingFolder = inputFolder;
        m_pendingThresholds = thresholds;
        cancel();
        return;
    }
    m_folder = inputFolder;
    m_outcome.reset();
    HealthRequest request;
    request.input = QFile::encodeName(inputFolder).toStdString();
    request.thresholds = thresholds;
    request.cache = HealthCache::defaultLocation(request.input);
    // m_outcome is written on the job's thread and read only after it has ended.
    JobController::start([this, request](JobObserver& observer, const CancelToken& cancel) {
        m_outcome = checkDatasetHealth(request, observer, cancel);
    });
    emit checkStarted();
}

void HealthController::stop() {
    m_restart = false;
    cancel();
}

void HealthController::settle() {
    std::optional<Result<HealthReport>> outcome;
    outcome.swap(m_outcome);
    if (m_restart) {
        m_restart = false;
        start(m_pendingFolder, m_pendingThresholds);
        return;
    }
    if (outcome && outcome->ok()) {
        m_report = std::make_shared<const HealthReport>(std::move(*outcome).value());
        m_reportFolder = m_folder;
        emit checkFinished(m_report);
    } else if (outcome && outcome->error().kind == ErrorKind::Cancelled) {
        emit cancelled();
    } else {
        emit checkFailed(outcome ? QString::fromStdString(outcome->error().message)
                                 : tr("the check ended unexpectedly"));
    }
}

} // namespace cepstra::ui
