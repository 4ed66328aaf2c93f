// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/health/HealthSession.h"
#include "ui/preview/PreviewController.h"
#include "ui/run/RunSession.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QSplitter;
class QTabWidget;

namespace cepstra::ui {

class DatasetPanel;
class FolderOpener;
class HealthPanel;
class PairPreview;
class ParametersPanel;
class PreviewPanel;
class ResultsPanel;

/// Cepstra's window: dataset on the left, preview, results and health in the middle,
/// parameters on the right, run controls in the tool bar and progress in the status bar. It
/// composes the rooms' panels and sessions and wires them together; their behaviour is
/// their own. UI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// A folder opens as the dataset; an audio file opens for preview.
    void openPath(const QString& path);
    /// Checks the folders, then starts the batch runner (RunSession::start).
    bool startRun(bool startOver = false) { return m_run->start(startOver); }
    /// Checks the open dataset's health (the Health tab shows it). False without a dataset.
    bool startHealthCheck();
    /// Opens the Export dialog for the output folder's run.
    void showExportDialog();
    /// Opens the output folder in the file manager, or says where it is when none can.
    void openOutputFolder();
    /// A problem as a window-modal dialog that does not block.
    void showError(const QString& title, const QString& message);

    DatasetPanel& datasetPanel() { return *m_dataset; }
    ParametersPanel& parametersPanel() { return *m_parameters; }
    PreviewPanel& previewPanel() { return *m_preview; }
    ResultsPanel& resultsPanel() { return *m_results; }
    HealthPanel& healthPanel() { return *m_health; }
    QTabWidget& centerTabs() { return *m_centerTabs; }
    HealthController& healthController() { return m_healthSession->controller(); }
    RunController& runController() { return m_run->controller(); }
    PreviewController& previewController() { return m_previewController; }
    QAction* runAction() const { return m_run->runAction(); }
    QAction* cancelAction() const { return m_run->cancelAction(); }
    /// The text of the last error dialog, for tests and the log.
    QString lastError() const { return m_lastError; }
    /// Where run-finished notifications go (tests put a recorder here).
    void setNotifier(std::unique_ptr<DesktopNotifier> notifier) {
        m_run->setNotifier(std::move(notifier));
    }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildCentre();
    void connectDataset();
    void connectPreview();

    DatasetPanel* m_dataset;
    ParametersPanel* m_parameters;
    PreviewPanel* m_preview;
    ResultsPanel* m_results;
    HealthPanel* m_health;
    QTabWidget* m_centerTabs;
    QSplitter* m_splitter;
    PreviewController m_previewController;
    RunSession* m_run;
    HealthSession* m_healthSession;
    PairPreview* m_pairPreview;
    FolderOpener* m_opener;
    QAction* m_darkAction = nullptr;
    QString m_lastError;
};

} // namespace cepstra::ui
