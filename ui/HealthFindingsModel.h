// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace cepstra::ui {

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

/// The findings of a HealthReport as a table: file, label, check, severity, value, threshold,
/// detail. Sorting goes by the underlying values (severity by rank, numbers as numbers).
class HealthFindingsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { File, Label, Check, Severity, Value, Threshold, Detail, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit HealthFindingsModel(QObject* parent = nullptr);
    void setReport(std::shared_ptr<const HealthReport> report);
    const FindingRow& row(int index) const { return m_rows[std::size_t(index)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<FindingRow> m_rows;
};

/// Filters the findings table by check, severity and a text found in file, label or detail.
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
