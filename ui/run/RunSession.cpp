// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/RunSession.h"

#include "core/batch/RunPlan.h"
#include "core/dataset/Catalog.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/run/ForeignOutput.h"
#include "ui/run/ResultsPanel.h"
#include "ui/widgets/PathText.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace cepstra::ui {

RunSession::RunSession(QWidget& window, QStatusBar& statusBar, DatasetPanel& dataset,
                       ParametersPanel& parameters, ResultsPanel& results)
    : QObject(&window)
    , m_window(window)
    , m_statusBar(statusBar)
    , m_dataset(dataset)
    , m_parameters(parameters)
    , m_results(results)
    , m_runAction(new QAction(tr("&Run"), &window))
    , m_cancelAction(new QAction(tr("&Cancel"), &window))
    , m_progressBar(new QProgressBar)
    , m_progressLabel(new QLabel) {
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    connect(m_runAction, &QAction::triggered, this, [this] { start(); });
    m_cancelAction->setShortcut(QKeySequence::Cancel);
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, &m_controller, &RunController::cancel);
    m_progressBar->setMaximumWidth(260);
    m_progressBar->setTextVisible(true);
    m_progressBar->setVisible(false);
    m_statusBar.addPermanentWidget(m_progressLabel);
    m_statusBar.addPermanentWidget(m_progressBar);

    connect(&m_controller, &RunController::filesFinished, this,
            [this](const std::vector<FileEvent>& events) {
                m_dataset.model().applyEvents(events, m_runConfigHash);
                for (const FileEvent& event : events)
                    if (event.status == FileStatus::Failed)
                        m_results.appendLog(
                            tr("failed: %1: %2")
                                .arg(displayPath(event.relativePath), displayPath(event.error)));
            });
    connect(&m_controller, &JobController::progress, this, &RunSession::showProgress);
    connect(&m_controller, &RunController::runFinished, this, &RunSession::finished);
    connect(&m_controller, &RunController::runFailed, this, [this](const QString& message) {
        setRunning(false);
        m_results.appendLog(tr("run failed: %1").arg(message));
        m_statusBar.showMessage(tr("The run stopped: %1").arg(message));
        emit problem(tr("The run could not start or finish"), message);
    });
}

RunSession::~RunSession() = default;

bool RunSession::start(bool startOver) {
    if (m_controller.isRunning() || !m_parameters.isValid())
        return false;
    const QString input = m_dataset.inputFolder();
    const QString output = m_dataset.outputFolder();
    if (input.isEmpty()) {
        emit problem(tr("No dataset"),
                     tr("Open a dataset folder first: one subfolder per label, holding audio "
                        "files. You can also drop it on this window."));
        return false;
    }
    if (output.isEmpty()) {
        emit problem(tr("No output folder"), tr("Choose where the features should go."));
        return false;
    }
    const std::string inputPath = QFile::encodeName(input).toStdString();
    const std::string outputPath = QFile::encodeName(output).toStdString();
    if (auto status = checkRunPaths(inputPath, outputPath); !status) {
        emit problem(tr("Output folder not allowed"), toQString(status.error().message));
        return false;
    }
    if (const auto foreign = startOver ? std::nullopt : foreignFeaturesIn(output, input)) {
        askAboutForeign(*foreign, input, output);
        return false;
    }
    m_dataset.model().resetStatuses();
    m_runOutput = output;
    const FeatureConfig config = m_parameters.config();
    m_runConfigHash = QString::fromStdString(configHashOf(config));
    m_results.appendLog(tr("config: %1").arg(QString::fromStdString(toJson(config).dump())));
    m_results.appendLog(
        tr("run started: %1 -> %2%3")
            .arg(input, output,
                 startOver ? tr(" (replacing another dataset's features)") : QString()));
    m_statusBar.showMessage(tr("Running: extracting features from %1 into %2…").arg(input, output));
    m_controller.start(RunRequest{.inputDirectory = inputPath,
                                  .outputDirectory = outputPath,
                                  .config = config,
                                  .startOver = startOver});
    setRunning(true); // after start(): the controller now says it runs, so Run is disabled
    return true;
}

void RunSession::askAboutForeign(const ForeignFeatures& foreign, const QString& input,
                                 const QString& output) {
    // Another dataset's features are never deleted without the user saying so.
    const QString own =
        QFile::decodeName(defaultOutputFolder(QFile::encodeName(input).toStdString()).c_str());
    askAboutForeignFeatures(&m_window, foreign, input, output, own,
                            [this, own](ForeignChoice choice) {
                                if (choice == ForeignChoice::OwnFolder) {
                                    m_dataset.setOutputFolder(own);
                                    start(false); // asks again if that one holds another's
                                } else if (choice == ForeignChoice::Replace) {
                                    start(true);
                                }
                            });
}

void RunSession::setRunning(bool running) {
    m_cancelAction->setEnabled(running);
    m_progressBar->setVisible(running);
    m_runAction->setText(running ? tr("Running…") : tr("&Run"));
    if (!running)
        m_progressLabel->clear();
    updateEnabled();
}

void RunSession::updateEnabled() {
    m_runAction->setEnabled(!m_controller.isRunning() && m_parameters.isValid() &&
                            !m_dataset.inputFolder().isEmpty());
    const QStringList problems = m_parameters.problems();
    m_runAction->setToolTip(problems.isEmpty()
                                ? tr("Extract and scale every clip (Ctrl+R); only what changed "
                                     "is recomputed")
                                : tr("Fix the parameters first: %1").arg(problems.join("; ")));
}

void RunSession::showProgress(const JobProgress& progress) {
    m_progressBar->setMaximum(int(std::max(1LL, progress.total)));
    m_progressBar->setValue(int(progress.done));
    m_progressLabel->setText(progressText(progress));
}

void RunSession::finished(const RunSummary& summary) {
    setRunning(false);
    m_results.showSummary(summary, m_runOutput);
    m_results.showLabels(m_dataset.model().labelStatistics());
    const QString message = tr("%1%2 processed, %3 skipped as up to date, %4 failed.")
                                .arg(summary.interrupted ? tr("Cancelled: ") : QString())
                                .arg(summary.processed)
                                .arg(summary.skipped)
                                .arg(summary.failed);
    m_results.appendLog(message);
    m_statusBar.showMessage(message);
    // A long run finishing while the user works elsewhere: tell them on the desktop.
    if (!m_window.isActiveWindow() && m_notifier)
        m_notifier->notify(summary.failed > 0 ? tr("Cepstra: run finished with failures")
                                              : tr("Cepstra: run finished"),
                           message);
}

void RunSession::showRecorded() {
    const QString output = m_dataset.outputFolder();
    if (output.isEmpty())
        return;
    const std::string outputPath = QFile::encodeName(output).toStdString();
    auto states = Catalog::readStates(outputPath);
    if (!states) {
        m_results.appendLog(
            tr("cannot read earlier results: %1").arg(toQString(states.error().message)));
        return;
    }
    m_dataset.model().applyRecordedStates(*states);
    // Results says what the tree says: the last run of this dataset into this folder.
    const auto run = Catalog::readLatestRun(outputPath);
    if (run && *run &&
        checkRecordedInput((*run)->inputDirectory,
                           QFile::encodeName(m_dataset.inputFolder()).toStdString(), outputPath,
                           false))
        m_results.showRecordedRun(**run, *states, output);
}

bool RunSession::mayClose() {
    if (!m_controller.isRunning())
        return true;
    if (m_quitDuringRun) {
        m_controller.cancel(); // the controller waits for the runner when it is destroyed
        return true;
    }
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Quit during the run?"),
        tr("A run is writing features into %1%2.\n\nQuitting stops it safely: every clip "
           "finished so far is kept in the output's catalog, nothing half-written is left, and "
           "the next Run continues where this one stopped.")
            .arg(m_runOutput, m_progressLabel->text().isEmpty()
                                  ? QString()
                                  : " (" + m_progressLabel->text() + ")"),
        QMessageBox::NoButton, &m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* quit = box->addButton(tr("Stop and quit"), QMessageBox::DestructiveRole);
    quit->setObjectName("quit");
    QPushButton* keep = box->addButton(tr("Keep running"), QMessageBox::RejectRole);
    keep->setObjectName("keepRunning");
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::finished, this, [this, box, quit] {
        if (box->clickedButton() != quit)
            return;
        m_quitDuringRun = true;
        m_window.close();
    });
    box->open();
    return false;
}

} // namespace cepstra::ui
