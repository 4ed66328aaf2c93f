// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "ui/DatasetPanel.h"
#include "ui/MainWindow.h"

#include <QSignalSpy>
#include <QtTest>

namespace cepstra::test {

/// Opens a dataset folder in the window and waits until its scan has filled the tree.
inline bool openDatasetAndWait(ui::MainWindow& window, const QString& folder) {
    QSignalSpy scanned(&window.datasetPanel(), &ui::DatasetPanel::scanFinished);
    window.openPath(folder);
    return scanned.wait(20000);
}

/// Presses Run and waits for the runner to finish; nothing if it did not start or finish.
inline std::optional<RunSummary> runAndWait(ui::MainWindow& window) {
    QSignalSpy finished(&window.runController(), &ui::RunController::finished);
    if (!window.startRun() || !finished.wait(120000))
        return std::nullopt;
    return finished.last().at(0).value<RunSummary>();
}

} // namespace cepstra::test
