// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthSession.h"

#include "core/health/HealthCache.h"
#include "core/health/HealthReportFormats.h"
#include "core/io/AtomicFile.h"
#include "ui/health/HealthPanel.h"
#include "ui/health/HealthReview.h"
#include "ui/widgets/PathText.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QStatusBar>
#include <QTabWidget>

#include <filesystem>

namespace cepstra::ui {

HealthSession::HealthSession(QWidget& window, QStatusBar& statusBar, QTabWidget& tabs,
                             HealthPanel& panel)
    : QObject(&window)
    , m_window(window)
    , m_statusBar(statusBar)
    , m_tabs(tabs)
    , m_panel(panel) {
    connect(&m_panel, &HealthPanel::checkRequested, this, [this] { startCheck(m_inputFolder); });
    connect(&m_panel, &HealthPanel::cancelRequested, &m_controller, &HealthController::stop);
    connect(&m_panel, &HealthPanel::saveRequested, this, &HealthSession::saveReport);
    connect(&m_panel, &HealthPanel::saveListRequested, this, &HealthSession::saveFlaggedList);
    connectController();
}

void HealthSession::connectController() {
    connect(&m_controller, &HealthController::checkStarted, this,
            [this] { m_panel.setRunning(true); });
    connect(&m_controller, &JobController::progress, &m_panel, &HealthPanel::setProgress);
    connect(&m_controller, &HealthController::checkFinished, this,
            [this](std::shared_ptr<const HealthReport> report) {
                m_panel.setRunning(false);
                if (m_controller.reportFolder() != m_inputFolder)
                    return; // a check of a dataset that has since been closed
                m_panel.showReport(report);
                m_statusBar.showMessage(tr("Health check: %1 clips, worst finding: %2.")
                                            .arg(report->clipCount())
                                            .arg(toQString(toString(report->worst()))));
            });
    connect(&m_controller, &HealthController::cancelled, this, [this] {
        m_panel.setRunning(false);
        m_panel.showMessage(tr("Check cancelled. Press Check dataset to start again; what was "
                               "read is cached."));
    });
    connect(&m_controller, &HealthController::checkFailed, this, [this](const QString& message) {
        m_panel.setRunning(false);
        m_panel.showMessage(tr("The check could not run: %1").arg(message));
    });
}

bool HealthSession::startCheck(const QString& inputFolder) {
    if (inputFolder.isEmpty()) {
        emit problem(tr("No dataset"), tr("Open a dataset folder first, then check its health."));
        return false;
    }
    m_tabs.setCurrentWidget(&m_panel);
    m_controller.start(inputFolder);
    return true;
}

void HealthSession::datasetChanged(const QString& inputFolder) {
    m_inputFolder = inputFolder;
    if (m_controller.isRunning())
        m_controller.stop();
    m_panel.clear();
    m_panel.review().setDataset(inputFolder);
}

void HealthSession::datasetListed(const QString& inputFolder) {
    // The last check of this dataset comes back from its cache, read again only where a clip
    // changed; "Check when a dataset opens" checks it whatever.
    if (m_panel.checkOnOpen())
        startCheck(inputFolder);
    else if (std::filesystem::exists(
                 HealthCache::defaultLocation(QFile::encodeName(inputFolder).toStdString())))
        m_controller.start(inputFolder);
}

std::shared_ptr<const HealthReport>
HealthSession::reviewedReport(const QString& inputFolder) const {
    if (!m_panel.report() || m_controller.reportFolder() != inputFolder)
        return nullptr;
    return std::make_shared<const HealthReport>(m_panel.review().reviewed(*m_panel.report()));
}

void HealthSession::saveReport() {
    const auto report = m_panel.report();
    if (!report)
        return;
    const QString path = QFileDialog::getSaveFileName(
        &m_window, tr("Save the health report"), QDir(m_inputFolder).dirName() + "-health.html",
        tr("HTML report (*.html);;JSON report (*.json)"));
    if (path.isEmpty())
        return;
    const std::string document = path.endsWith(".json", Qt::CaseInsensitive)
                                     ? dumpJson(healthReportJson(*report), 1) + "\n"
                                     : healthReportHtml(*report);
    if (auto status = writeFileAtomically(QFile::encodeName(path).toStdString(), document); !status)
        emit problem(tr("Cannot save the report"), toQString(status.error().message));
    else
        m_statusBar.showMessage(tr("Health report saved to %1").arg(path));
}

void HealthSession::saveFlaggedList() {
    const auto report = m_panel.report();
    if (!report)
        return;
    const QString path = QFileDialog::getSaveFileName(
        &m_window, tr("Save the clips to leave out"),
        QDir(m_inputFolder).dirName() + "-flagged.txt", tr("Text (*.txt)"));
    if (path.isEmpty())
        return;
    std::string lines;
    const auto list = m_panel.review().leaveOutList(*report);
    for (const std::string& clip : list)
        lines += clip + "\n";
    if (auto status = writeFileAtomically(QFile::encodeName(path).toStdString(), lines); !status)
        emit problem(tr("Cannot save the list"), toQString(status.error().message));
    else
        m_statusBar.showMessage(
            tr("%1 clips to leave out saved to %2, for cepstra-cli export --exclude-list")
                .arg(list.size())
                .arg(path));
}

} // namespace cepstra::ui
