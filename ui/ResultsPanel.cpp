// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ResultsPanel.h"

#include "ui/Charts.h"

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

    auto* chartsTab = new QWidget;
    auto* chartsLayout = new QGridLayout(chartsTab);
    chartsLayout->addWidget(m_clipsChart, 0, 0);
    chartsLayout->addWidget(m_failuresChart, 0, 1);
    chartsLayout->addWidget(m_minutesChart, 1, 0);
    chartsLayout->addWidget(m_meanChart, 1, 1);

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
    m_failures->setRowCount(int(summary.failures.size()));
    for (int row = 0; row < int(summary.failures.size()); ++row) {
        const auto& [path, error] = summary.failures[std::size_t(row)];
        m_failures->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(path)));
        m_failures->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(error)));
    }
    m_failures->resizeColumnToContents(0);
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
