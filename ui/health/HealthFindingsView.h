// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace cepstra::ui {

class HealthFindingsFilter;
class HealthFindingsModel;
class HealthReview;

/// The Findings tab: every finding in a sortable table, filtered by check, severity or typed
/// text (which also matches check names), the selected finding's whole detail beneath, and
/// what to do about the selected findings: exclude their clips, ignore them, or restore them.
/// Double-click or Enter previews a clip. UI thread only.
class HealthFindingsView : public QWidget {
    Q_OBJECT

public:
    HealthFindingsView(HealthReview& review, QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const HealthReport> report);

    HealthFindingsModel& model() { return *m_model; }
    HealthFindingsFilter& filter() { return *m_filter; }
    QTableView& table() { return *m_table; }
    QComboBox& checkFilter() { return *m_checkFilter; }
    QComboBox& severityFilter() { return *m_severityFilter; }
    QLineEdit& textFilter() { return *m_textFilter; }
    QLabel& detail() { return *m_detail; }
    QPushButton& excludeButton() { return *m_exclude; }
    QPushButton& ignoreButton() { return *m_ignore; }
    QPushButton& restoreButton() { return *m_restore; }

signals:
    /// `path` is INPUT-relative; `partner` is empty unless the finding is a duplicate.
    void findingActivated(const QByteArray& path, const QByteArray& partner, double partnerShift);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildActions();
    void fitColumns();
    void activate(const QModelIndex& index);
    void showDetail();
    /// The source rows of the selected findings.
    std::vector<int> selectedRows() const;

    HealthReview& m_review;
    HealthFindingsModel* m_model;
    HealthFindingsFilter* m_filter;
    QComboBox* m_checkFilter;
    QComboBox* m_severityFilter;
    QLineEdit* m_textFilter;
    QTableView* m_table;
    QLabel* m_detail;
    QPushButton* m_exclude;
    QPushButton* m_ignore;
    QPushButton* m_restore;
};

} // namespace cepstra::ui
