// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthCountsView.h"

#include "ui/widgets/Charts.h"
#include "ui/widgets/PathText.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace cepstra::ui {
namespace {

const HealthSeverity kSeverities[] = {HealthSeverity::Fail, HealthSeverity::Warn,
                                      HealthSeverity::Info};

} // namespace

HealthCountsView::HealthCountsView(QWidget* parent)
    : QWidget(parent)
    , m_counts(new QTableWidget(0, 3))
    , m_labelChart(makeChartView())
    , m_findingsChart(makeChartView()) {
    m_counts->setHorizontalHeaderLabels({tr("fail"), tr("warn"), tr("info")});
    m_counts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_counts->setSelectionMode(QAbstractItemView::NoSelection);
    m_counts->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_counts->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_counts->setToolTip(tr("Findings by check and severity"));

    // The counts, then the charts one above the other at full width, so that label names
    // have room; the tab scrolls when the window is short.
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->addWidget(m_counts, 0, Qt::AlignLeft);
    column->addWidget(m_labelChart);
    column->addWidget(m_findingsChart);
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    setReport(nullptr);
}

void HealthCountsView::setReport(std::shared_ptr<const HealthReport> report) {
    m_report = std::move(report);
    if (!m_report) {
        m_counts->setRowCount(0);
        m_labelChart->setChart(new QChart);
        m_findingsChart->setChart(new QChart);
        return;
    }
    showCounts();
    showCharts();
}

void HealthCountsView::showCounts() {
    const auto counts = m_report->counts();
    m_counts->setRowCount(int(counts.size()));
    QStringList checks;
    int row = 0;
    for (const auto& [check, severities] : counts) {
        checks << QString::fromStdString(check);
        for (int column = 0; column < 3; ++column) {
            const auto found = severities.find(std::string(toString(kSeverities[column])));
            auto* item = new QTableWidgetItem(
                found == severities.end() ? QString() : QString::number(found->second));
            item->setTextAlignment(Qt::AlignCenter);
            m_counts->setItem(row, column, item);
        }
        ++row;
    }
    m_counts->setVerticalHeaderLabels(checks);
    // Every row in view: the tab scrolls, not this table.
    m_counts->setMinimumHeight(m_counts->sizeHint().height());
}

void HealthCountsView::showCharts() {
    QStringList labels;
    QList<qreal> clips, failures;
    std::set<std::string> checks;
    for (const auto& [label, health] : m_report->labels) {
        labels << displayPath(label);
        clips << health.clips;
        failures << health.failures;
        for (const auto& [check, count] : health.findings)
            checks.insert(check);
    }
    m_labelChart->setChart(countChart(tr("Clips per label, and those with a failure"), labels,
                                      {{tr("clips"), clips}, {tr("with a failure"), failures}},
                                      palette(), false,
                                      {QColor(91, 155, 213), QColor(208, 64, 64)}));
    std::vector<std::pair<QString, QList<qreal>>> perCheck;
    for (const std::string& check : checks) {
        QList<qreal> values;
        for (const auto& [label, health] : m_report->labels) {
            const auto found = health.findings.find(check);
            values << (found == health.findings.end() ? 0 : found->second);
        }
        perCheck.emplace_back(QString::fromStdString(check), values);
    }
    m_findingsChart->setChart(
        countChart(tr("Clips with each finding, per label"), labels, perCheck, palette(), true));
    fitChartHeight(*m_labelChart, int(labels.size()), 2);
    fitChartHeight(*m_findingsChart, int(labels.size()));
}

void HealthCountsView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_report)
        showCharts(); // charts are themed from the palette
}

} // namespace cepstra::ui
