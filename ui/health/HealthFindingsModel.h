// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace cepstra::ui {

class HealthReview;

/// One row of the findings table: a clip's finding, or the dataset's (label_imbalance).
struct FindingRow {
    std::string path; ///< INPUT-relative bytes; empty for a dataset finding
    std::string label;
    HealthFinding finding;
    /// For a duplicate: another clip of its group, and how far that clip must be shifted on
    /// this clip's time axis for their shared audio to line up (seconds).
    std::string partner;
    double partnerShiftSeconds = 0.0;
};

/// The findings of a HealthReport as a table: file, check, severity, what the user decided
/// (excluded, ignored), label, value, threshold, detail; the columns a narrow window shows come
/// first. Sorting goes by the underlying values (severity by rank, numbers as numbers).
class HealthFindingsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { File, Check, Severity, Decision, Label, Value, Threshold, Detail, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;

    /// `review` says what was decided about each finding; it outlives the model.
    explicit HealthFindingsModel(const HealthReview& review, QObject* parent = nullptr);
    void setReport(std::shared_ptr<const HealthReport> report);
    const FindingRow& row(int index) const { return m_rows[std::size_t(index)]; }
    const std::shared_ptr<const HealthReport>& report() const { return m_report; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString decisionText(const FindingRow& row) const;

    const HealthReview& m_review;
    std::shared_ptr<const HealthReport> m_report;
    std::vector<FindingRow> m_rows;
};

/// Filters the findings table by check, severity and a text found in the file, label, check,
/// severity, decision or detail.
class HealthFindingsFilter : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit HealthFindingsFilter(QObject* parent = nullptr);
    /// Empty: any.
    void setCheck(const QString& check);
    void setSeverity(const QString& severity);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_check, m_severity, m_text;
};

} // namespace cepstra::ui
