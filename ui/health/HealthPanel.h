// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"
#include "ui/job/JobController.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace cepstra::ui {

class DuplicateFamiliesView;
class HealthCountsView;
class HealthFindingsFilter;
class HealthFindingsModel;
class HealthFindingsView;
class HealthReview;

/// The Health tab: what `cepstra-cli check` finds in the open dataset, and what the user
/// decides about it. A summary; the findings, to filter, preview and exclude or ignore;
/// families of duplicates, to keep one of; counts by check and severity with per-label charts.
/// The decisions (HealthReview) feed the Export dialog and "Save flagged list". The check
/// itself runs in a HealthController; this panel only shows it. UI thread only.
class HealthPanel : public QWidget {
    Q_OBJECT

public:
    explicit HealthPanel(QWidget* parent = nullptr);
    ~HealthPanel() override;

    void setRunning(bool running);
    void setProgress(const JobProgress& progress);
    void showReport(std::shared_ptr<const HealthReport> report);
    /// A line where the summary goes: cancelled, failed, or no dataset.
    void showMessage(const QString& message);
    void clear();

    bool checkOnOpen() const;
    void setCheckOnOpen(bool on);

    HealthReview& review() { return *m_review; }
    HealthFindingsView& findingsView() { return *m_findings; }
    DuplicateFamiliesView& familiesView() { return *m_families; }
    HealthFindingsModel& findings();
    HealthFindingsFilter& filter();
    QTableView& table();
    QTableWidget& counts();
    QComboBox& checkFilter();
    QComboBox& severityFilter();
    QLineEdit& textFilter();
    QTabWidget& tabs() { return *m_tabs; }
    QPushButton& checkButton() { return *m_check; }
    QPushButton& cancelButton() { return *m_cancel; }
    QPushButton& saveListButton() { return *m_saveList; }
    QProgressBar& progressBar() { return *m_progress; }
    QString summaryText() const;
    const std::shared_ptr<const HealthReport>& report() const { return m_report; }

signals:
    void checkRequested();
    void cancelRequested();
    /// `path` is INPUT-relative; `partner` is empty unless the finding is a duplicate.
    void findingActivated(const QByteArray& path, const QByteArray& partner, double partnerShift);
    void saveRequested();
    /// "Save flagged list…": the clips to leave out, for `cepstra-cli export --exclude-list`.
    void saveListRequested();

private:
    void showSummary();

    HealthReview* m_review;
    QPushButton* m_check;
    QPushButton* m_cancel;
    QPushButton* m_save;
    QPushButton* m_saveList;
    QProgressBar* m_progress;
    QCheckBox* m_onOpen;
    QLabel* m_summary;
    HealthFindingsView* m_findings;
    DuplicateFamiliesView* m_families;
    HealthCountsView* m_countsView;
    QTabWidget* m_tabs;
    std::shared_ptr<const HealthReport> m_report;
};

} // namespace cepstra::ui
