// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/run/DesktopNotifier.h"
#include "ui/run/ForeignOutput.h"
#include "ui/run/RunController.h"

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QLabel;
class QProgressBar;
class QStatusBar;

namespace cepstra::ui {

class DatasetPanel;
class ParametersPanel;
class ResultsPanel;

/// A run as the window drives it: Run and Cancel, the checks before a run (folders, another
/// dataset's features in the output), progress in the status bar, the tree and Results as it
/// goes and when it ends, a desktop notification, the last run shown again from the catalog,
/// and the question when the window closes mid-run. Over the same RunController (and batch
/// runner) as ever. UI thread only.
class RunSession : public QObject {
    Q_OBJECT

public:
    /// `window` parents the dialogs and is asked whether it is active; the panels are its own.
    RunSession(QWidget& window, QStatusBar& statusBar, DatasetPanel& dataset,
               ParametersPanel& parameters, ResultsPanel& results);
    ~RunSession() override;

    RunController& controller() { return m_controller; }
    QAction* runAction() const { return m_runAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    void setNotifier(std::unique_ptr<DesktopNotifier> notifier) {
        m_notifier = std::move(notifier);
    }

    /// Checks the folders, then starts the run. When the output holds another dataset's
    /// features, asks first (false then) and, unless `startOver`, deletes nothing without an
    /// answer.
    bool start(bool startOver = false);
    /// Run is enabled only with a dataset, valid parameters and no run going.
    void updateEnabled();
    /// What OUTPUT's catalog records of this dataset: the tree's states, Results' last run.
    void showRecorded();
    /// Whether the window may close now. During a run it asks (and closes the window itself
    /// when told to stop and quit).
    bool mayClose();

signals:
    /// A problem for a dialog: a title and what to do.
    void problem(const QString& title, const QString& message);

private:
    void setRunning(bool running);
    void showProgress(const JobProgress& progress);
    void finished(const RunSummary& summary);
    void askAboutForeign(const ForeignFeatures& foreign, const QString& input,
                         const QString& output);

    QWidget& m_window;
    QStatusBar& m_statusBar;
    DatasetPanel& m_dataset;
    ParametersPanel& m_parameters;
    ResultsPanel& m_results;
    RunController m_controller;
    QAction* m_runAction;
    QAction* m_cancelAction;
    QProgressBar* m_progressBar;
    QLabel* m_progressLabel;
    QString m_runOutput;
    QString m_runConfigHash;      ///< the config of the run in progress, for the tree's states
    bool m_quitDuringRun = false; ///< the user said to stop the run and quit
    std::unique_ptr<DesktopNotifier> m_notifier = std::make_unique<DesktopNotifier>();
};

} // namespace cepstra::ui
