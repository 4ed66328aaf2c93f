// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace cepstra::ui {

/// Runs the core's dataset health check (the same one as `cepstra-cli check`, with the same
/// cache) on a worker thread, and reports its progress on the UI thread ten times a second.
/// One check at a time; starting another cancels the one running. Lives on the UI thread.
class HealthController : public QObject {
    Q_OBJECT

public:
    explicit HealthController(QObject* parent = nullptr);
    ~HealthController() override;

    /// Checks `inputFolder` with `thresholds`, caching measurements where the CLI does.
    void start(const QString& inputFolder, const HealthThresholds& thresholds = {});
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    /// The last finished report, or null.
    const std::shared_ptr<const HealthReport>& report() const { return m_report; }
    /// The folder the last report is about.
    QString reportFolder() const { return m_reportFolder; }

signals:
    void started();
    void progress(int done, int total);
    void finished(std::shared_ptr<const cepstra::HealthReport> report);
    void cancelled();
    void failed(const QString& message);

private:
    class Observer;
    void done();

    QFutureWatcher<Result<HealthReport>> m_watcher;
    QTimer m_progressTimer;
    CancelToken m_cancel;
    std::atomic<int> m_done{0}, m_total{0};
    bool m_restart = false;
    QString m_folder, m_pendingFolder, m_reportFolder;
    HealthThresholds m_pendingThresholds;
    std::shared_ptr<const HealthReport> m_report;
};

} // namespace cepstra::ui

Q_DECLARE_METATYPE(std::shared_ptr<const cepstra::HealthReport>)
