// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"
#include "ui/job/JobController.h"

#include <memory>
#include <optional>

namespace cepstra::ui {

/// The core's dataset health check (the same one as `cepstra-cli check`, with the same cache)
/// as a job of the app. One check at a time; starting another stops the one running and
/// starts over when it has stopped. Lives on the UI thread.
class HealthController : public JobController {
    Q_OBJECT

public:
    explicit HealthController(QObject* parent = nullptr);

    /// Checks `inputFolder` with `thresholds`, caching measurements where the CLI does.
    void start(const QString& inputFolder, const HealthThresholds& thresholds = {});
    /// Stops the check, and any start waiting for it.
    void stop();
    /// The last finished report, or null.
    const std::shared_ptr<const HealthReport>& report() const { return m_report; }
    /// The folder the last report is about.
    QString reportFolder() const { return m_reportFolder; }

signals:
    void checkStarted();
    void checkFinished(std::shared_ptr<const cepstra::HealthReport> report);
    void cancelled();
    void checkFailed(const QString& message);

private:
    void settle();

    std::optional<Result<HealthReport>> m_outcome; ///< written by the job, read on finished()
    bool m_restart = false;
    QString m_folder, m_pendingFolder, m_reportFolder;
    HealthThresholds m_pendingThresholds;
    std::shared_ptr<const HealthReport> m_report;
};

} // namespace cepstra::ui

Q_DECLARE_METATYPE(std::shared_ptr<const cepstra::HealthReport>)
