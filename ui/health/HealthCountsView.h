// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QWidget>

#include <memory>

class QChartView;
class QTableWidget;

namespace cepstra::ui {

/// The Counts and labels tab: findings by check and severity, and per-label charts (clips and
/// failures; clips with each finding). UI thread only.
class HealthCountsView : public QWidget {
    Q_OBJECT

public:
    explicit HealthCountsView(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const HealthReport> report);
    QTableWidget& counts() { return *m_counts; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCounts();
    void showCharts();

    std::shared_ptr<const HealthReport> m_report;
    QTableWidget* m_counts;
    QChartView* m_labelChart;
    QChartView* m_findingsChart;
};

} // namespace cepstra::ui
