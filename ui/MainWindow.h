// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/DesktopNotifier.h"
#include "ui/HealthController.h"
#include "ui/PreviewController.h"
#include "ui/RunController.h"

#include <memory>
#include <optional>

#include <QMainWindow>

class QAction;
class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;

namespace cepstra::ui {

class DatasetPanel;
class HealthPanel;
class ParametersPanel;
class PreviewPanel;
class FolderOpener;
class ResultsPanel;

/// Cepstra's window: dataset on the left, preview and results in the middle, parameters on the
/// right, run controls in the tool bar and progress in the status bar. It wires the panels to
/// the two controllers and keeps no DSP or batch logic of its own. UI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// A folder opens as the dataset; an audio file opens for preview.
    void openPath(const QString& path);
    /// Checks the folders, then starts the batch runner. Problems are shown as dialogs. When
    /// the output holds another dataset's features, asks first (false then) and, unless
    /// `startOver`, never deletes them without an answer.
    bool startRun(bool startOver = false);

    DatasetPanel& datasetPanel() { return *m_dataset; }
    ParametersPanel& parametersPanel() { return *m_parameters; }
    PreviewPanel& previewPanel() { return *m_preview; }
    ResultsPanel& resultsPanel() { return *m_results; }
    HealthPanel& healthPanel() { return *m_health; }
    HealthController& healthController() { return m_healthCheck; }
    QTabWidget& centerTabs() { return *m_centerTabs; }
    /// Checks the open dataset's health (the Health tab shows it). False without a dataset.
    bool startHealthCheck();
    /// Opens the Export dialog for the output folder's run.
    void showExportDialog();
    RunController& runController() { return m_run; }
    PreviewController& previewController() { return m_previewController; }
    QAction* runAction() const { return m_runAction; }
    QAction* cancelAction() const { return m_cancelAction; }
    /// The text of the last error dialog, for tests and the log.
    QString lastError() const { return m_lastError; }
    /// Where run-finished notifications go (tests put a recorder here).
    void setNotifier(std::unique_ptr<DesktopNotifier> notifier) {
        m_notifier = std::move(notifier);
    }
    /// Opens the output folder in the file manager, or says where it is when none can.
    void openOutputFolder();
    /// Writes the Health tab's list of clips to leave out to `path`; the error, or empty.
    QString writeFlaggedList(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void connectPanels();
    void restoreSettings();
    void saveSettings() const;
    void showError(const QString& title, const QString& message);
    void updateRunEnabled();
    void setRunning(bool running);
    void onProgress(const RunProgress& progress);
    void onRunFinished(const RunSummary& summary);
    void applyTheme(bool dark);
    void showAbout();
    void showShortcuts();
    void makeDemoDataset();
    void saveFlaggedList();
    void askToQuitDuringRun();
    void showRecordedStates();
    void connectHealth();
    void previewFinding(const QByteArray& path, const QByteArray& partner, double partnerShift);
    void saveHealthReport();

    DatasetPanel* m_dataset;
    ParametersPanel* m_parameters;
    PreviewPanel* m_preview;
    ResultsPanel* m_results;
    HealthPanel* m_health;
    QTabWidget* m_centerTabs;
    QSplitter* m_splitter;
    QProgressBar* m_progressBar;
    QLabel* m_progressLabel;
    QAction* m_runAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_darkAction = nullptr;
    FolderOpener* m_opener;
    bool m_quitDuringRun = false; ///< the user said to stop the run and quit
    PreviewController m_previewController;
    RunController m_run;
    HealthController m_healthCheck;
    /// A duplicate being previewed: once `partner` (A) shows, it is pinned, shifted, and
    /// `clip` (B) is previewed beside it.
    struct PendingAlignment {
        QByteArray partner, clip;
        double shift = 0.0;
    };
    std::optional<PendingAlignment> m_pendingAlignment;
    QString m_lastError;
    QString m_runOutput;
    QString m_runConfigHash; ///< the config of the run in progress, for the tree's states
    std::unique_ptr<DesktopNotifier> m_notifier = std::make_unique<DesktopNotifier>();
};

} // namespace cepstra::ui
