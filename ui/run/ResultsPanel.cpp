// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/ResultsPanel.h"

#include "ui/widgets/Charts.h"
#include "ui/widgets/PathText.h"

#include <QApplication>
#include <QCursor>
#include <QEvent>

#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QDateTime>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace cepstra::ui {
ResultsPanel::ResultsPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel)
    , m_failures(new QTableWidget(0, 2))
    , m_clipsChart(makeChartView())
    , m_failuresChart(makeChartView())
    , m_minutesChart(makeChartView())
    , m_meanChart(makeChartView())
    , m_log(new QPlainTextEdit) {
    m_summary->setWordWrap(true);
    m_summary->setText(tr("No run yet. Press Run to extract features."));
    m_failures->setHorizontalHeaderLabels({tr("File"), tr("Why it failed")});
    m_failures->horizontalHeader()->setStretchLastSection(true);
    m_failures->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failures->verticalHeader()->hide();
    // Every reason whole: wrapped in its column, the file beside it elided in the middle.
    m_failures->setWordWrap(true);
    m_failures->setTextElideMode(Qt::ElideMiddle);
    m_failures->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_failures->viewport()->installEventFilter(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(20000);

    auto* copy = new QPushButton(tr("Copy list"));
    copy->setToolTip(tr("Copy every failed file and its reason to the clipboard"));
    auto* open = new QPushButton(tr("Open output folder"));
    auto* save = new QPushButton(tr("Save log…"));
    auto* exportButton = new QPushButton(tr("Export…"));
    exportButton->setToolTip(tr("Write the run's features as one HDF5 or NPZ file for training"));
    connect(exportButton, &QPushButton::clicked, this, &ResultsPanel::exportRequested);
    connect(copy, &QPushButton::clicked, this, &ResultsPanel::copyFailures);
    connect(open, &QPushButton::clicked, this, &ResultsPanel::openOutputRequested);
    connect(save, &QPushButton::clicked, this, &ResultsPanel::saveLog);

    auto* summaryTab = new QWidget;
    auto* summaryLayout = new QVBoxLayout(summaryTab);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addWidget(m_failures, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(copy);
    buttons->addWidget(open);
    buttons->addWidget(exportButton);
    buttons->addStretch(1);
    summaryLayout->addLayout(buttons);

    // One chart above the other at full width, so that every label name has room; the tab
    // scrolls when the window is short.
    auto* charts = new QWidget;
    auto* chartsLayout = new QVBoxLayout(charts);
    for (QChartView* view : {m_clipsChart, m_failuresChart, m_minutesChart, m_meanChart})
        chartsLayout->addWidget(view);
    auto* chartsTab = new QScrollArea;
    chartsTab->setWidget(charts);
    chartsTab->setWidgetResizable(true);
    chartsTab->setFrameShape(QFrame::NoFrame);

    auto* logTab = new QWidget;
    auto* logLayout = new QVBoxLayout(logTab);
    logLayout->addWidget(m_log, 1);
    logLayout->addWidget(save, 0, Qt::AlignLeft);

    auto* tabs = new QTabWidget;
    tabs->addTab(summaryTab, tr("Summary"));
    tabs->addTab(chartsTab, tr("Per label"));
    tabs->addTab(logTab, tr("Log"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);
}

void ResultsPanel::clear() {
    m_summary->setText(tr("No run yet. Press Run to extract features."));
    m_failures->setRowCount(0);
    m_log->clear();
    m_labels.clear();
    for (QChartView* view : {m_clipsChart, m_failuresChart, m_minutesChart, m_meanChart})
        view->setChart(new QChart);
}

void ResultsPanel::showSummary(const RunSummary& summary, const QString& outputFolder) {
    QString text =
        tr("%1%2 processed, %3 skipped as up to date, %4 failed, %5 removed, of %6 files in %7 s. "
           "Features are in %8.")
            .arg(summary.interrupted ? tr("Cancelled: ") : QString())
            .arg(summary.processed)
            .arg(summary.skipped)
            .arg(summary.failed)
            .arg(summary.removed)
            .arg(summary.total)
            .arg(summary.wallSeconds, 0, 'f', 1)
            .arg(outputFolder);
    if (summary.interrupted)
        text += tr(" Press Run again to finish; work already done is kept.");
    m_summary->setText(text);
    showFailures(summary.failures);
}

void ResultsPanel::showRecordedRun(const Catalog::RecordedRun& run,
                                   const std::map<std::string, Catalog::RecordedState>& states,
                                   const QString& outputFolder) {
    const QString when = run.finishedAt.empty() ? QString::fromStdString(run.startedAt)
                                                : QString::fromStdString(run.finishedAt);
    const QString local =
        QDateTime::fromString(when, Qt::ISODate).toLocalTime().toString("yyyy-MM-dd hh:mm");
    QString text =
        tr("Last run, %1 (%2): %3 processed, %4 skipped as up to date, %5 failed, %6 removed, "
           "of %7 files. Features are in %8.")
            .arg(local.isEmpty() ? when : local)
            .arg(toQString(toString(run.status)))
            .arg(run.counts.processed)
            .arg(run.counts.skipped)
            .arg(run.counts.failed)
            .arg(run.counts.removed)
            .arg(run.counts.total)
            .arg(outputFolder);
    if (run.status != RunStatus::Completed)
        text += tr(" Press Run to finish; work already done is kept.");
    m_summary->setText(text);
    std::vector<std::pair<std::string, std::string>> failures;
    for (const auto& [path, state] : states)
        if (state.state == FileState::Failed || state.state == FileState::Unavailable)
            failures.emplace_back(path, state.error);
    showFailures(failures);
}

QString ResultsPanel::summaryText() const {
    return m_summary->text();
}

void ResultsPanel::showFailures(const std::vector<std::pair<std::string, std::string>>& failures) {
    m_failures->setRowCount(int(failures.size()));
    for (int row = 0; row < int(failures.size()); ++row) {
        const auto& [path, error] = failures[std::size_t(row)];
        m_failures->setItem(row, 0, new QTableWidgetItem(displayPath(path)));
        auto* reason = new QTableWidgetItem(displayPath(error));
        reason->setToolTip(displayPath(error));
        m_failures->setItem(row, 1, reason);
    }
    fitFailures();
}

void ResultsPanel::fitFailures() {
    m_failures->resizeColumnToContents(0);
    const int most = m_failures->viewport()->width() * 2 / 5;
    if (m_failures->columnWidth(0) > most)
        m_failures->setColumnWidth(0, std::max(most, fontMetrics().averageCharWidth() * 12));
    m_failures->resizeRowsToContents();
}

bool ResultsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_failures->viewport() && event->type() == QEvent::Resize)
        fitFailures();
    return QWidget::eventFilter(watched, event);
}

void ResultsPanel::showLabels(const std::vector<LabelStatistics>& labels) {
    m_labels = labels;
    QStringList names;
    QList<qreal> clips, failures, minutes, meanSeconds;
    for (const auto& label : labels) {
        names << label.label;
        clips << label.clips;
        failures << label.failures;
        minutes << std::round(label.totalSeconds / 6.0) / 10.0;
        // Failed clips have no duration worth averaging.
        meanSeconds << (label.succeeded
                            ? std::round(label.totalSeconds / label.succeeded * 10.0) / 10.0
                            : 0.0);
    }
    const QPalette& colours = palette();
    m_clipsChart->setChart(
        barChart(tr("Clips per label"), names, clips, QColor(91, 155, 213), colours, true));
    m_failuresChart->setChart(
        barChart(tr("Failures per label"), names, failures, QColor(208, 64, 64), colours, true));
    m_minutesChart->setChart(
        barChart(tr("Total duration (min)"), names, minutes, QColor(222, 73, 104), colours));
    m_meanChart->setChart(
        barChart(tr("Mean clip duration (s)"), names, meanSeconds, QColor(140, 41, 129), colours));
    for (QChartView* view : {m_clipsChart, m_failuresChart, m_minutesChart, m_meanChart})
        fitChartHeight(*view, int(names.size()));
}

void ResultsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_labels.empty())
        showLabels(m_labels);
}

void ResultsPanel::appendLog(const QString& line) {
    m_log->appendPlainText(QDateTime::currentDateTime().toString("hh:mm:ss  ") + line);
}

QString ResultsPanel::logText() const {
    return m_log->toPlainText();
}

int ResultsPanel::failureRows() const {
    return m_failures->rowCount();
}

QString ResultsPanel::failureListText() const {
    QStringList lines;
    for (int row = 0; row < m_failures->rowCount(); ++row)
        lines << m_failures->item(row, 0)->text() + "\t" + m_failures->item(row, 1)->text();
    return lines.join('\n');
}

void ResultsPanel::copyFailures() {
    QApplication::clipboard()->setText(failureListText());
}

void ResultsPanel::saveLog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save run log"), "cepstra-run.log",
                                                      tr("Log files (*.log *.txt)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(logText().toUtf8()) < 0 || !file.commit())
        QMessageBox::warning(
            this, tr("Cannot save the log"),
            tr("Cannot write %1: %2. Choose another location.").arg(path, file.errorString()));
}

} // namespace cepstra::ui
