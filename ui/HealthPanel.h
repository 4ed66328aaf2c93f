// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace cepstra::ui {

class HealthFindingsFilter;
class HealthFindingsModel;

/// The Health tab: what `cepstra-cli check` finds in the open dataset. Summary counts by check
/// and severity, a sortable and filterable table of findings (double-click or Enter previews
/// the clip, and a duplicate beside its partner, lined up), and per-label charts. The check
/// itself runs in a HealthController; this panel only shows it. UI thread only.
class HealthPanel : public QWidget {
    Q_OBJECT

public:
    explicit HealthPanel(QWidget* parent = nullptr);

    void setRunning(bool running);
    void setProgress(int done, int total);
    void showReport(std::shared_ptr<const HealthReport> report);
    /// A line where the summary goes: cancelled, failed, or no dataset.
    void showMessage(const QString& message);
    void clear();

    bool checkOnOpen() const;
    void setCheckOnOpen(bool on);

    HealthFindingsModel& findings() { return *m_model; }
    HealthFindingsFilter& filter() { return *m_filter; }
    QTableView& table() { return *m_table; }
    QTableWidget& counts() { return *m_counts; }
    QComboBox& checkFilter() { return *m_checkFilter; }
    QComboBox& severityFilter() { return *m_severityFilter; }
    QLineEdit& textFilter() { return *m_textFilter; }
    QPushButton& checkButton() { return *m_check; }
    QPushButton& cancelButton() { return *m_cancel; }
    QString summaryText() const;
    const std::shared_ptr<const HealthReport>& report() const { return m_report; }

signals:
    void checkRequested();
    void cancelRequested();
    /// `path` is INPUT-relative; `partner` is empty unless the finding is a duplicate.
    void findingActivated(const QByteArray& path, const QByteArray& partner, double partnerShift);
    void saveRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void activate(const QModelIndex& index);
    void showCounts();
    void showCharts();

    QPushButton* m_check;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QProgressBar* m_progress;
    QCheckBox* m_onOpen;
    QLabel* m_summary;
    QTableWidget* m_counts;
    QComboBox* m_checkFilter;
    QComboBox* m_severityFilter;
    QLineEdit* m_textFilter;
    QTableView* m_table;
    HealthFindingsModel* m_model;
    HealthFindingsFilter* m_filter;
    QChartView* m_labelChart;
    QChartView* m_findingsChart;
    std::shared_ptr<const HealthReport> m_report;
};

} // namespace cepstra::ui
