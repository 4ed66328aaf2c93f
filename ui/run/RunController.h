// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "ui/job/JobController.h"

#include <optional>
#include <vector>

namespace cepstra::ui {

/// The batch runner as a job of the app: runDataset() (the same runner as cepstra-cli; no
/// second copy of the loop) on the job controller's thread, with each file's event delivered
/// on the UI thread in batches. Lives on the UI thread.
class RunController : public JobController {
    Q_OBJECT

public:
    explicit RunController(QObject* parent = nullptr);

    void start(const RunRequest& request);

signals:
    void filesFinished(const std::vector<cepstra::FileEvent>& events);
    void runFinished(const cepstra::RunSummary& summary);
    void runFailed(const QString& message);

protected:
    void deliverCollected() override;

private:
    class Observer;
    void settle();

    // Written by the runner's thread, read on the UI thread.
    std::mutex m_mutex;
    std::vector<FileEvent> m_pendingEvents;
    std::optional<Result<RunSummary>> m_outcome;
};

} // namespace cepstra::ui
