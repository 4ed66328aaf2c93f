// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include "core/Version.h"
#include "core/batch/RunPlan.h"
#include "core/dataset/Catalog.h"
#include "core/dataset/DatasetScanner.h"
#include "core/health/HealthCache.h"
#include "core/health/HealthReportFormats.h"
#include "core/io/AtomicFile.h"
#include "ui/DatasetPanel.h"
#include "ui/ExportDialog.h"
#include "ui/HealthPanel.h"
#include "ui/ParametersPanel.h"
#include "ui/PathText.h"
#include "ui/PreviewPanel.h"
#include "ui/ResultsPanel.h"
#include "ui/dataset/DemoDatasetDialog.h"
#include "ui/health/HealthReview.h"
#include "ui/run/ForeignOutput.h"
#include "ui/widgets/FolderOpener.h"
#include "ui/window/ShortcutGuard.h"

#include <nlohmann/json.hpp>

#include <filesystem>

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

namespace cepstra::ui {
namespace {

/// "Audio (*.wav *.au ...)" from the scanner's own list, so a dialog offers what a run reads.
QString audioFileFilter() {
    QStringList patterns;
    for (std::string_view extension : audioExtensions())
        patterns << "*" + QString::fromLatin1(extension.data(), extension.size());
    return QObject::tr("Audio (%1)").arg(patterns.join(' '));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_dataset(new DatasetPanel)
    , m_parameters(new ParametersPanel)
    , m_preview(new PreviewPanel)
    , m_results(new ResultsPanel)
    , m_health(new HealthPanel)
    , m_centerTabs(new QTabWidget)
    , m_splitter(new QSplitter)
    , m_progressBar(new QProgressBar)
    , m_progressLabel(new QLabel)
    , m_opener(new FolderOpener(this)) {
    setWindowTitle("Cepstra");
    setAcceptDrops(true);
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
    setCentralWidget(m_splitter);
    m_progressBar->setMaximumWidth(260);
    m_progressBar->setTextVisible(true);
    m_progressBar->setVisible(false);
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_progressBar);

    createActions();
    new ShortcutGuard(*this);
    connect(m_opener, &FolderOpener::failed, this, [this](const QUrl& url, const QString& why) {
        const QString where = url.isLocalFile() ? url.toLocalFile() : url.toString();
        statusBar()->showMessage(tr("Nothing could open %1").arg(where));
        showError(
            tr("Cannot open it here"),
            url.isLocalFile()
                ? tr("No file manager could open the folder (%1). It is:\n\n%2").arg(why, where)
                : tr("No browser could open the page (%1). Its address is:\n\n%2").arg(why, where));
    });
    connectPanels();
    connectHealth();
    restoreSettings();
    updateRunEnabled();
    m_dataset->tree().setFocus(); // not the Dataset field: Space plays, arrows pick clips
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFolder = file->addAction(tr("Open &dataset folder…"), m_dataset, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"),
                                                                 m_dataset->inputFolder());
        if (!folder.isEmpty())
            openPath(folder);
    });
    openFolder->setShortcut(QKeySequence::Open);
    file->addAction(
        tr("Open &clip…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, [this] {
            const QString clip =
                QFileDialog::getOpenFileName(this, tr("Open an audio clip to preview"),
                                             m_dataset->inputFolder(), audioFileFilter());
            if (!clip.isEmpty())
                openPath(clip);
        });
    file->addAction(tr("Make a &demo dataset…"), this, &MainWindow::makeDemoDataset)
        ->setToolTip(tr("No data at hand? Write a small dataset of synthetic music to try "
                        "Cepstra on"));
    file->addSeparator();
    file->addAction(tr("&Load config…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Load config"), {}, tr("Config (*.json)"));
        if (const QString error = path.isEmpty() ? QString() : m_parameters->loadConfigFile(path);
            !error.isEmpty())
            showError(tr("Cannot load the config"), error);
    });
    file->addAction(tr("&Save config…"), QKeySequence::Save, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save config"), "cepstra-config.json", tr("Config (*.json)"));
        if (const QString error = path.isEmpty() ? QString() : m_parameters->saveConfigFile(path);
            !error.isEmpty())
            showError(tr("Cannot save the config"), error);
    });
    file->addSeparator();
    file->addAction(tr("&Export features…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::showExportDialog)
        ->setToolTip(tr("Write the run's features as one HDF5 or NPZ file for training"));
    file->addSeparator();
    // Ctrl+Q itself: QKeySequence::Quit is empty on some platforms (Windows, offscreen).
    file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_parameters->undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = m_parameters->undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    m_runAction = run->addAction(tr("&Run"), this, [this] { startRun(); });
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    m_runAction->setToolTip(
        tr("Extract and scale every clip (Ctrl+R); only what changed is recomputed"));
    m_cancelAction = run->addAction(tr("&Cancel"), &m_run, &RunController::cancel);
    m_cancelAction->setShortcut(QKeySequence::Cancel);
    m_cancelAction->setEnabled(false);
    run->addSeparator();
    run->addAction(tr("Check dataset &health"), QKeySequence(Qt::CTRL | Qt::Key_H), this,
                   &MainWindow::startHealthCheck)
        ->setToolTip(tr("Find duplicates, silence, clipping and label conflicts (the Health tab)"));
    QAction* openOutput =
        run->addAction(tr("Open &output folder"), this, &MainWindow::openOutputFolder);
    connect(m_results, &ResultsPanel::openOutputRequested, openOutput, &QAction::trigger);
    connect(m_results, &ResultsPanel::exportRequested, this, &MainWindow::showExportDialog);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_darkAction = view->addAction(tr("&Dark theme"));
    m_darkAction->setCheckable(true);
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::applyTheme);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this,
                    &MainWindow::showShortcuts);
    help->addAction(tr("Read the &manual (README)"), this, [this] {
        m_opener->open(QUrl(QStringLiteral("%1#the-desktop-app").arg(kProjectUrl)));
    });
    help->addSeparator();
    help->addAction(tr("&About Cepstra"), this, &MainWindow::showAbout);

    QToolBar* toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName("runToolBar");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(openFolder);
    toolbar->addSeparator();
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_cancelAction);
}

void MainWindow::connectPanels() {
    connect(m_dataset, &DatasetPanel::clipSelected, &m_previewController,
            &PreviewController::setClip);
    connect(m_dataset, &DatasetPanel::pathEntered, this, &MainWindow::openPath);
    connect(m_dataset, &DatasetPanel::inputFolderChanged, this, [this](const QString& folder) {
        setWindowTitle(QStringLiteral("Cepstra — %1").arg(QDir(folder).dirName()));
        m_results->clear(); // results, logs and health belong to the dataset that is open
        if (m_healthCheck.isRunning())
            m_healthCheck.cancel();
        m_health->clear();
        m_health->review().setDataset(folder);
    });
    connect(m_dataset, &DatasetPanel::outputFolderChanged, &m_previewController,
            &PreviewController::setOutputFolder);
    connect(m_dataset, &DatasetPanel::scanFinished, this, [this](int labels, int files) {
        if (!m_run.isRunning())
            statusBar()->showMessage(tr("%1 labels, %2 files. Tune the parameters, then press Run.")
                                         .arg(labels)
                                         .arg(files));
        showRecordedStates();
        m_results->showLabels(m_dataset->model().labelStatistics());
        // The last check of this dataset comes back from its cache, read again only where a
        // clip changed; "Check when a dataset opens" checks it whatever.
        const QString input = m_dataset->inputFolder();
        if (m_health->checkOnOpen())
            startHealthCheck();
        else if (std::filesystem::exists(
                     HealthCache::defaultLocation(QFile::encodeName(input).toStdString())))
            m_healthCheck.start(input);
        // Show something at once: preview the first readable clip unless one is open.
        if (m_previewController.clip().isEmpty())
            m_dataset->selectFirstReadableFile();
        updateRunEnabled();
    });
    connect(m_dataset, &DatasetPanel::scanFailed, this,
            [this](const QString& message) { showError(tr("Cannot open the dataset"), message); });
    connect(m_parameters, &ParametersPanel::configChanged, this,
            [this](const FeatureConfig&, bool valid) {
                // An invalid config is never previewed as if it were the one on screen: the
                // preview keeps the one from before the edit, dimmed, and says why.
                // The tree's outdated states follow the same config as the preview.
                const FeatureConfig shown = m_parameters->settledConfig();
                m_previewController.setConfig(shown);
                m_preview->setStale(valid ? QString() : m_parameters->problems().join(' '));
                m_dataset->model().setCurrentConfigHash(
                    QString::fromStdString(configHashOf(shown)));
                updateRunEnabled();
            });
    connect(&m_previewController, &PreviewController::previewReady, m_preview,
            &PreviewPanel::showResult);
    connect(&m_previewController, &PreviewController::previewFailed, m_preview,
            &PreviewPanel::showError);
    connect(&m_previewController, &PreviewController::busyChanged, m_preview,
            &PreviewPanel::showBusy);
    connect(&m_run, &RunController::filesFinished, this,
            [this](const std::vector<FileEvent>& events) {
                m_dataset->model().applyEvents(events, m_runConfigHash);
                for (const FileEvent& event : events)
                    if (event.status == FileStatus::Failed)
                        m_results->appendLog(
                            tr("failed: %1: %2")
                                .arg(displayPath(event.relativePath), displayPath(event.error)));
            });
    connect(&m_run, &RunController::progress, this, &MainWindow::onProgress);
    connect(&m_run, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(&m_run, &RunController::failed, this, [this](const QString& message) {
        setRunning(false);
        m_results->appendLog(tr("run failed: %1").arg(message));
        statusBar()->showMessage(tr("The run stopped: %1").arg(message));
        showError(tr("The run could not start or finish"), message);
    });
    m_previewController.setConfig(m_parameters->config());
    m_dataset->model().setCurrentConfigHash(
        QString::fromStdString(configHashOf(m_parameters->config())));
}

void MainWindow::showRecordedStates() {
    const QString output = m_dataset->outputFolder();
    if (output.isEmpty())
        return;
    const std::string outputPath = QFile::encodeName(output).toStdString();
    auto states = Catalog::readStates(outputPath);
    if (!states) {
        m_results->appendLog(tr("cannot read earlier results: %1")
                                 .arg(QString::fromStdString(states.error().message)));
        return;
    }
    m_dataset->model().applyRecordedStates(*states);
    // Results says what the tree says: the last run of this dataset into this folder.
    const auto run = Catalog::readLatestRun(outputPath);
    if (run && *run &&
        checkRecordedInput((*run)->inputDirectory,
                           QFile::encodeName(m_dataset->inputFolder()).toStdString(), outputPath,
                           false))
        m_results->showRecordedRun(**run, *states, output);
}

void MainWindow::connectHealth() {
    connect(m_health, &HealthPanel::checkRequested, this, &MainWindow::startHealthCheck);
    connect(m_health, &HealthPanel::cancelRequested, &m_healthCheck, &HealthController::cancel);
    connect(m_health, &HealthPanel::saveRequested, this, &MainWindow::saveHealthReport);
    connect(m_health, &HealthPanel::saveListRequested, this, &MainWindow::saveFlaggedList);
    connect(m_health, &HealthPanel::findingActivated, this, &MainWindow::previewFinding);
    connect(&m_healthCheck, &HealthController::started, this,
            [this] { m_health->setRunning(true); });
    connect(&m_healthCheck, &HealthController::progress, m_health, &HealthPanel::setProgress);
    connect(&m_healthCheck, &HealthController::finished, this,
            [this](std::shared_ptr<const HealthReport> report) {
                m_health->setRunning(false);
                if (m_healthCheck.reportFolder() != m_dataset->inputFolder())
                    return; // a check of a dataset that has since been closed
                m_health->showReport(report);
                statusBar()->showMessage(
                    tr("Health check: %1 clips, worst finding: %2.")
                        .arg(report->clipCount())
                        .arg(QString::fromUtf8(toString(report->worst()).data())));
            });
    connect(&m_healthCheck, &HealthController::cancelled, this, [this] {
        m_health->setRunning(false);
        m_health->showMessage(tr("Check cancelled. Press Check dataset to start again; what was "
                                 "read is cached."));
    });
    connect(&m_healthCheck, &HealthController::failed, this, [this](const QString& message) {
        m_health->setRunning(false);
        m_health->showMessage(tr("The check could not run: %1").arg(message));
    });
    connect(&m_previewController, &PreviewController::previewReady, this,
            [this](const std::shared_ptr<const PreviewResult>& result) {
                if (!m_pendingAlignment ||
                    m_previewController.clip() != m_pendingAlignment->partner)
                    return;
                const PendingAlignment pending = *m_pendingAlignment;
                m_pendingAlignment.reset();
                if (!result->error.isEmpty())
                    return;
                m_preview->pinAligned(pending.shift);
                m_previewController.setClip(pending.clip);
            });
}

bool MainWindow::startHealthCheck() {
    const QString input = m_dataset->inputFolder();
    if (input.isEmpty()) {
        showError(tr("No dataset"), tr("Open a dataset folder first, then check its health."));
        return false;
    }
    m_centerTabs->setCurrentWidget(m_health);
    m_healthCheck.start(input);
    return true;
}

void MainWindow::previewFinding(const QByteArray& path, const QByteArray& partner,
                                double partnerShift) {
    const QByteArray root = QFile::encodeName(m_dataset->inputFolder()) + '/';
    m_centerTabs->setCurrentWidget(m_preview);
    m_preview->setPinned(false);
    if (partner.isEmpty()) {
        m_pendingAlignment.reset();
        m_previewController.setClip(root + path);
        return;
    }
    // The partner first, to pin as A; the clip itself follows as B (see connectHealth).
    m_pendingAlignment = PendingAlignment{root + partner, root + path, partnerShift};
    m_previewController.setClip(root + partner);
}

void MainWindow::saveHealthReport() {
    const auto report = m_health->report();
    if (!report)
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save the health report"),
                                     QDir(m_dataset->inputFolder()).dirName() + "-health.html",
                                     tr("HTML report (*.html);;JSON report (*.json)"));
    if (path.isEmpty())
        return;
    const std::string document = path.endsWith(".json", Qt::CaseInsensitive)
                                     ? dumpJson(healthReportJson(*report), 1) + "\n"
                                     : healthReportHtml(*report);
    if (auto status = writeFileAtomically(QFile::encodeName(path).toStdString(), document); !status)
        showError(tr("Cannot save the report"), QString::fromStdString(status.error().message));
    else
        statusBar()->showMessage(tr("Health report saved to %1").arg(path));
}

void MainWindow::saveFlaggedList() {
    const auto report = m_health->report();
    if (!report)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the clips to leave out"),
        QDir(m_dataset->inputFolder()).dirName() + "-flagged.txt", tr("Text (*.txt)"));
    if (path.isEmpty())
        return;
    const QString error = writeFlaggedList(path);
    if (!error.isEmpty())
        showError(tr("Cannot save the list"), error);
}

QString MainWindow::writeFlaggedList(const QString& path) {
    std::string lines;
    const auto list = m_health->review().leaveOutList(*m_health->report());
    for (const std::string& clip : list)
        lines += clip + "\n";
    if (auto status = writeFileAtomically(QFile::encodeName(path).toStdString(), lines); !status)
        return QString::fromStdString(status.error().message);
    statusBar()->showMessage(
        tr("%1 clips to leave out saved to %2; give it to cepstra-cli export --exclude-list")
            .arg(list.size())
            .arg(path));
    return {};
}

void MainWindow::showExportDialog() {
    const QString output = m_dataset->outputFolder();
    if (m_dataset->inputFolder().isEmpty() || output.isEmpty()) {
        showError(tr("No dataset"), tr("Open a dataset folder and press Run first: Export writes "
                                       "the features a run made as one file for training."));
        return;
    }
    // This dataset's last check, less what the user ignored, and the clips they excluded.
    std::shared_ptr<const HealthReport> reviewed;
    if (m_health->report() && m_healthCheck.reportFolder() == m_dataset->inputFolder())
        reviewed =
            std::make_shared<const HealthReport>(m_health->review().reviewed(*m_health->report()));
    auto* dialog =
        new ExportDialog(output, std::move(reviewed), m_health->review().excludedClips(), this);
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

void MainWindow::makeDemoDataset() {
    auto* dialog = new DemoDatasetDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DemoDatasetDialog::created, this, &MainWindow::openPath);
    dialog->open();
}

void MainWindow::showShortcuts() {
    QStringList rows;
    for (QAction* menu : menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (!action->shortcut().isEmpty())
                rows << QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                            .arg(action->text().remove('&').toHtmlEscaped(),
                                 action->shortcut().toString(QKeySequence::NativeText));
    rows << tr("<tr><td>Play or pause the preview</td><td><b>Space</b></td></tr>")
         << tr("<tr><td>Pin the preview as A</td><td><b>Ctrl+P</b></td></tr>")
         << tr("<tr><td>Zoom in, out, fit</td><td><b>Ctrl++, Ctrl+-, Ctrl+0</b></td></tr>");
    auto* box = new QMessageBox(QMessageBox::Information, tr("Keyboard shortcuts"),
                                "<table cellspacing=4>" + rows.join("") + "</table>",
                                QMessageBox::Close, this);
    box->setObjectName("shortcuts");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
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

bool MainWindow::startRun(bool startOver) {
    if (m_run.isRunning() || !m_parameters->isValid())
        return false;
    const QString input = m_dataset->inputFolder();
    const QString output = m_dataset->outputFolder();
    if (input.isEmpty()) {
        showError(tr("No dataset"),
                  tr("Open a dataset folder first: one subfolder per label, holding audio files. "
                     "You can also drop it on this window."));
        return false;
    }
    if (output.isEmpty()) {
        showError(tr("No output folder"), tr("Choose where the features should go."));
        return false;
    }
    if (auto status = checkRunPaths(input.toStdString(), output.toStdString()); !status) {
        showError(tr("Output folder not allowed"), QString::fromStdString(status.error().message));
        return false;
    }
    // Another dataset's features are never deleted without the user saying so.
    if (const auto foreign = startOver ? std::nullopt : foreignFeaturesIn(output, input)) {
        const QString own =
            QFile::decodeName(defaultOutputFolder(QFile::encodeName(input).toStdString()).c_str());
        askAboutForeignFeatures(
            this, *foreign, input, output, own, [this, own](ForeignChoice choice) {
                if (choice == ForeignChoice::OwnFolder) {
                    m_dataset->setOutputFolder(own);
                    startRun(false); // asks again if that folder holds another's features too
                } else if (choice == ForeignChoice::Replace) {
                    startRun(true);
                }
            });
        return false;
    }
    m_dataset->model().resetStatuses();
    m_runOutput = output;
    const FeatureConfig config = m_parameters->config();
    m_runConfigHash = QString::fromStdString(configHashOf(config));
    m_results->appendLog(tr("config: %1").arg(QString::fromStdString(toJson(config).dump())));
    m_results->appendLog(
        tr("run started: %1 -> %2%3")
            .arg(input, output,
                 startOver ? tr(" (replacing another dataset's features)") : QString()));
    statusBar()->showMessage(
        tr("Running: extracting features from %1 into %2…").arg(input, output));
    m_run.start(RunRequest{.inputDirectory = QFile::encodeName(input).toStdString(),
                           .outputDirectory = QFile::encodeName(output).toStdString(),
                           .config = config,
                           .startOver = startOver});
    setRunning(true); // after start(): the controller now says it runs, so Run is disabled
    return true;
}

void MainWindow::setRunning(bool running) {
    m_cancelAction->setEnabled(running);
    m_progressBar->setVisible(running);
    m_runAction->setText(running ? tr("Running…") : tr("&Run"));
    if (!running)
        m_progressLabel->clear();
    updateRunEnabled();
}

void MainWindow::updateRunEnabled() {
    m_runAction->setEnabled(!m_run.isRunning() && m_parameters->isValid() &&
                            !m_dataset->inputFolder().isEmpty());
    const QStringList problems = m_parameters->problems();
    m_runAction->setToolTip(problems.isEmpty()
                                ? tr("Extract and scale every clip (Ctrl+R)")
                                : tr("Fix the parameters first: %1").arg(problems.join("; ")));
}

void MainWindow::onProgress(const RunProgress& progress) {
    m_progressBar->setMaximum(std::max(1, progress.total));
    m_progressBar->setValue(progress.done);
    QString text = !progress.phase ? tr("%1/%2 files").arg(progress.done).arg(progress.total)
                                   : tr("scaling %1/%2").arg(progress.done).arg(progress.total);
    if (progress.clipsPerSecond > 0.0)
        text += tr(" · %1 clips/s").arg(progress.clipsPerSecond, 0, 'f', 1);
    if (progress.etaSeconds >= 0.0)
        text += tr(" · ETA %1:%2")
                    .arg(qint64(progress.etaSeconds) / 60)
                    .arg(qint64(progress.etaSeconds) % 60, 2, 10, QLatin1Char('0'));
    m_progressLabel->setText(text);
}

void MainWindow::onRunFinished(const RunSummary& summary) {
    setRunning(false);
    m_results->showSummary(summary, m_runOutput);
    m_results->showLabels(m_dataset->model().labelStatistics());
    const QString message = tr("%1%2 processed, %3 skipped as up to date, %4 failed.")
                                .arg(summary.interrupted ? tr("Cancelled: ") : QString())
                                .arg(summary.processed)
                                .arg(summary.skipped)
                                .arg(summary.failed);
    m_results->appendLog(message);
    statusBar()->showMessage(message);
    // A long run finishing while the user works elsewhere: tell them on the desktop.
    if (!isActiveWindow() && m_notifier)
        m_notifier->notify(summary.failed > 0 ? tr("Cepstra: run finished with failures")
                                              : tr("Cepstra: run finished"),
                           message);
}

void MainWindow::showError(const QString& title, const QString& message) {
    m_lastError = message;
    // Window-modal and non-blocking, so a dialog never stalls a run's progress.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::applyTheme(bool dark) {
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    if (!dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette palette;
    const QColor window(37, 37, 40), base(28, 28, 30), text(230, 230, 230), accent(91, 155, 213);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Highlight, accent);
    palette.setColor(QPalette::HighlightedText, Qt::black);
    palette.setColor(QPalette::Mid, QColor(90, 90, 95));
    palette.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    // Links and fields need their own contrast on dark (the About box, spin boxes).
    palette.setColor(QPalette::Link, QColor(140, 190, 255));
    palette.setColor(QPalette::LinkVisited, QColor(190, 160, 255));
    palette.setColor(QPalette::Light, QColor(70, 70, 75));
    palette.setColor(QPalette::Dark, QColor(20, 20, 22));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    QApplication::setPalette(palette);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Cepstra"),
        tr("<h3>Cepstra %1</h3><p>Mel spectrograms and MFCCs for audio datasets, identical to "
           "librosa 0.11 and scikit-learn within float32 rounding.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.<br>"
           "Built on libsndfile, libsoxr, FFTW, Eigen, SQLite, xxHash and Qt.</p>"
           "<p><a href=\"%2\">%2</a></p>")
            .arg(kVersion, kProjectUrl));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray())) {
        // First start: a size that shows the three panes side by side, within the screen.
        const QSize available = screen() ? screen()->availableSize() : QSize(1600, 1000);
        resize(std::min(1440, available.width() * 9 / 10),
               std::min(900, available.height() * 9 / 10));
    }
    restoreState(settings.value("window/state").toByteArray());
    m_splitter->restoreState(settings.value("window/splitter").toByteArray());
    m_darkAction->setChecked(settings.value("view/dark", false).toBool());
    FeatureConfig config;
    if (applyConfigText(config, settings.value("parameters/config").toString().toStdString()).ok())
        m_parameters->setConfig(config);
    // Each dataset's chosen output applies to that dataset alone.
    m_dataset->setChosenOutputs(settings.value("dataset/chosenOutputs").toMap());
    const QString input = settings.value("dataset/input").toString();
    if (!input.isEmpty() && QFileInfo(input).isDir())
        m_dataset->setInputFolder(input);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/splitter", m_splitter->saveState());
    settings.setValue("view/dark", m_darkAction->isChecked());
    settings.setValue("parameters/config",
                      QString::fromStdString(toJson(m_parameters->config()).dump()));
    settings.setValue("dataset/input", m_dataset->inputFolder());
    settings.setValue("dataset/chosenOutputs", m_dataset->chosenOutputs());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_run.isRunning() && !m_quitDuringRun) {
        event->ignore();
        askToQuitDuringRun();
        return;
    }
    if (m_run.isRunning())
        m_run.cancel(); // the controller waits for the runner when it is destroyed
    saveSettings();
    event->accept();
}

void MainWindow::askToQuitDuringRun() {
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Quit during the run?"),
        tr("A run is writing features into %1%2.\n\nQuitting stops it safely: every clip "
           "finished so far is kept in the output's catalog, nothing half-written is left, and "
           "the next Run continues where this one stopped.")
            .arg(m_runOutput, m_progressLabel->text().isEmpty()
                                  ? QString()
                                  : " (" + m_progressLabel->text() + ")"),
        QMessageBox::NoButton, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* quit = box->addButton(tr("Stop and quit"), QMessageBox::DestructiveRole);
    quit->setObjectName("quit");
    box->addButton(tr("Keep running"), QMessageBox::RejectRole)->setObjectName("keepRunning");
    box->setDefaultButton(qobject_cast<QPushButton*>(box->buttons().last()));
    connect(box, &QMessageBox::finished, this, [this, box, quit] {
        if (box->clickedButton() != quit)
            return;
        m_quitDuringRun = true;
        close();
    });
    box->open();
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
