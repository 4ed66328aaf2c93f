// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainWindow.h"

#include "core/batch/RunPlan.h"
#include "core/dataset/DatasetScanner.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/export/ExportDialog.h"
#include "ui/health/HealthPanel.h"
#include "ui/health/HealthReview.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/preview/PairPreview.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/run/ResultsPanel.h"
#include "ui/widgets/FolderOpener.h"
#include "ui/window/MainMenus.h"
#include "ui/window/ShortcutGuard.h"
#include "ui/window/WindowSettings.h"

#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUrl>

namespace cepstra::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_dataset(new DatasetPanel)
    , m_parameters(new ParametersPanel)
    , m_preview(new PreviewPanel)
    , m_results(new ResultsPanel)
    , m_health(new HealthPanel)
    , m_centerTabs(new QTabWidget)
    , m_splitter(new QSplitter)
    , m_run(new RunSession(*this, *statusBar(), *m_dataset, *m_parameters, *m_results))
    , m_healthSession(new HealthSession(*this, *statusBar(), *m_centerTabs, *m_health))
    , m_pairPreview(new PairPreview(m_previewController, *m_preview, this))
    , m_opener(new FolderOpener(this)) {
    setWindowTitle("Cepstra");
    setAcceptDrops(true);
    setCentralWidget(buildCentre());
    m_darkAction = createMenus(*this, *m_run, *m_opener);
    new ShortcutGuard(*this);
    connect(m_run, &RunSession::problem, this, &MainWindow::showError);
    connect(m_healthSession, &HealthSession::problem, this, &MainWindow::showError);
    connect(m_opener, &FolderOpener::failed, this, [this](const QUrl& url, const QString& why) {
        const QString where = url.isLocalFile() ? url.toLocalFile() : url.toString();
        statusBar()->showMessage(tr("Nothing could open %1").arg(where));
        showError(
            tr("Cannot open it here"),
            url.isLocalFile()
                ? tr("No file manager could open the folder (%1). It is:\n\n%2").arg(why, where)
                : tr("No browser could open the page (%1). Its address is:\n\n%2").arg(why, where));
    });
    connect(m_results, &ResultsPanel::exportRequested, this, &MainWindow::showExportDialog);
    connect(m_health, &HealthPanel::findingActivated, this,
            [this](const QByteArray& path, const QByteArray& partner, double shift) {
                const QByteArray root = QFile::encodeName(m_dataset->inputFolder()) + '/';
                m_centerTabs->setCurrentWidget(m_preview);
                m_pairPreview->show(root + path, partner.isEmpty() ? partner : root + partner,
                                    shift);
            });
    connectDataset();
    connectPreview();
    restoreWindowSettings(*this, *m_splitter, *m_darkAction);
    m_run->updateEnabled();
    m_dataset->tree().setFocus(); // not the Dataset field: Space plays, arrows pick clips
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildCentre() {
    m_centerTabs->addTab(m_preview, tr("Preview"));
    m_centerTabs->addTab(m_results, tr("Results"));
    m_centerTabs->addTab(m_health, tr("Health"));
    auto* parameterScroll = new QScrollArea;
    parameterScroll->setWidget(m_parameters);
    parameterScroll->setWidgetResizable(true);
    parameterScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    parameterScroll->setMinimumWidth(280);
    m_splitter->addWidget(m_dataset);
    m_splitter->addWidget(m_centerTabs);
    m_splitter->addWidget(parameterScroll);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({380, 860, 320});
    return m_splitter;
}

void MainWindow::connectDataset() {
    connect(m_dataset, &DatasetPanel::clipSelected, &m_previewController,
            &PreviewController::setClip);
    connect(m_dataset, &DatasetPanel::pathEntered, this, &MainWindow::openPath);
    connect(m_dataset, &DatasetPanel::inputFolderChanged, this, [this](const QString& folder) {
        setWindowTitle(QStringLiteral("Cepstra — %1").arg(QDir(folder).dirName()));
        m_results->clear(); // results, logs and health belong to the dataset that is open
        m_healthSession->datasetChanged(folder);
    });
    connect(m_dataset, &DatasetPanel::outputFolderChanged, &m_previewController,
            &PreviewController::setOutputFolder);
    connect(m_dataset, &DatasetPanel::scanFinished, this, [this](int labels, int files) {
        if (!m_run->controller().isRunning())
            statusBar()->showMessage(tr("%1 labels, %2 files. Tune the parameters, then press Run.")
                                         .arg(labels)
                                         .arg(files));
        m_run->showRecorded();
        m_results->showLabels(m_dataset->model().labelStatistics());
        m_healthSession->datasetListed(m_dataset->inputFolder());
        // Show something at once: preview the first readable clip unless one is open.
        if (m_previewController.clip().isEmpty())
            m_dataset->selectFirstReadableFile();
        m_run->updateEnabled();
    });
    connect(m_dataset, &DatasetPanel::scanFailed, this,
            [this](const QString& message) { showError(tr("Cannot open the dataset"), message); });
}

void MainWindow::connectPreview() {
    connect(m_parameters, &ParametersPanel::configChanged, this,
            [this](const FeatureConfig&, bool valid) {
                // An invalid config is never previewed as if it were the one on screen: the
                // preview keeps the one from before the edit, dimmed, and says why. The
                // tree's outdated states follow the same config.
                const FeatureConfig shown = m_parameters->settledConfig();
                m_previewController.setConfig(shown);
                m_preview->setStale(valid ? QString() : m_parameters->problems().join(' '));
                m_dataset->model().setCurrentConfigHash(
                    QString::fromStdString(configHashOf(shown)));
                m_run->updateEnabled();
            });
    connect(&m_previewController, &PreviewController::previewReady, m_preview,
            &PreviewPanel::showResult);
    connect(&m_previewController, &PreviewController::previewFailed, m_preview,
            &PreviewPanel::showError);
    connect(&m_previewController, &PreviewController::busyChanged, m_preview,
            &PreviewPanel::showBusy);
    m_previewController.setConfig(m_parameters->config());
    m_dataset->model().setCurrentConfigHash(
        QString::fromStdString(configHashOf(m_parameters->config())));
}

void MainWindow::openPath(const QString& path) {
    const QFileInfo info(path);
    if (info.isDir()) {
        m_dataset->setInputFolder(info.absoluteFilePath());
    } else if (info.isFile() && hasAudioExtension(info.absoluteFilePath().toStdString())) {
        m_centerTabs->setCurrentWidget(m_preview);
        m_previewController.setClip(QFile::encodeName(info.absoluteFilePath()));
    } else {
        showError(tr("Cannot open %1").arg(info.fileName()),
                  tr("%1 is neither a folder nor an audio file Cepstra reads (WAV, AU, FLAC, Ogg, "
                     "MP3, AIFF).")
                      .arg(path));
    }
}

bool MainWindow::startHealthCheck() {
    return m_healthSession->startCheck(m_dataset->inputFolder());
}

void MainWindow::showExportDialog() {
    const QString input = m_dataset->inputFolder();
    const QString output = m_dataset->outputFolder();
    if (input.isEmpty() || output.isEmpty()) {
        showError(tr("No dataset"), tr("Open a dataset folder and press Run first: Export writes "
                                       "the features a run made as one file for training."));
        return;
    }
    // This dataset's last check, less what the user ignored, and the clips they excluded.
    auto* dialog = new ExportDialog(output, m_healthSession->reviewedReport(input),
                                    m_health->review().excludedClips(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openOutputFolder() {
    const QString folder = m_dataset->outputFolder();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        showError(tr("No output folder yet"),
                  tr("The output folder %1 does not exist yet: a run creates it.").arg(folder));
        return;
    }
    // Said at once, so the place is known even while the file manager takes its time.
    statusBar()->showMessage(tr("Opening %1…").arg(folder));
    m_opener->open(QUrl::fromLocalFile(folder));
}

void MainWindow::showError(const QString& title, const QString& message) {
    m_lastError = message;
    // Window-modal and non-blocking, so a dialog never stalls a run's progress.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_run->mayClose()) { // a run: asked first, and closes the window itself if told to
        event->ignore();
        return;
    }
    saveWindowSettings(*this, *m_splitter, *m_darkAction);
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    openPath(urls.first().toLocalFile());
    event->acceptProposedAction();
}

} // namespace cepstra::ui
