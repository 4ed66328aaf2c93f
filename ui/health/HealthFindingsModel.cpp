// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthFindingsModel.h"

#include "ui/health/HealthReview.h"
#include "ui/widgets/PathText.h"

#include <QBrush>
#include <QColor>

namespace cepstra::ui {
namespace {

/// The partner of `path` in `group` and the shift that lines the partner up with it: the
/// group's offsets say where the shared audio starts in each clip.
void addPartner(FindingRow& row, const HealthGroup& group) {
    std::size_t self = 0;
    while (self < group.paths.size() && group.paths[self] != row.path)
        ++self;
    if (self == group.paths.size())
        return;
    const std::size_t other = self == 0 ? 1 : 0;
    if (other >= group.paths.size())
        return;
    row.partner = group.paths[other];
    row.partnerShiftSeconds = group.offsetSeconds[self] - group.offsetSeconds[other];
}

} // namespace

HealthFindingsModel::HealthFindingsModel(const HealthReview& review, QObject* parent)
    : QAbstractTableModel(parent)
    , m_review(review) {
    // A decision changes one column; the rows stay.
    connect(&review, &HealthReview::changed, this, [this] {
        if (!m_rows.empty())
            emit dataChanged(index(0, Decision), index(rowCount() - 1, Decision));
    });
}

QString HealthFindingsModel::decisionText(const FindingRow& row) const {
    QStringList decisions;
    if (m_review.isExcluded(row.path))
        decisions << tr("excluded");
    if (m_report && m_review.isIgnored(*m_report, row.path, row.finding))
        decisions << tr("ignored");
    return decisions.join(", ");
}

void HealthFindingsModel::setReport(std::shared_ptr<const HealthReport> report) {
    beginResetModel();
    m_report = report;
    m_rows.clear();
    if (report) {
        for (const HealthFinding& finding : report->datasetFindings)
            m_rows.push_back({.finding = finding});
        for (const HealthFile& file : report->files)
            for (const HealthFinding& finding : file.findings) {
                FindingRow row{.path = file.path, .label = file.label, .finding = finding};
                if (finding.group >= 0 && finding.group < int(report->groups.size()))
                    addPartner(row, report->groups[std::size_t(finding.group)]);
                m_rows.push_back(std::move(row));
            }
    }
    endResetModel();
}

int HealthFindingsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HealthFindingsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthFindingsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const FindingRow& row = m_rows[std::size_t(index.row())];
    const HealthFinding& f = row.finding;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case File:
            return row.path.empty() ? tr("(the dataset)") : displayPath(row.path);
        case Label:
            return displayPath(row.label);
        case Check:
            return toQString(toString(f.check));
        case Severity:
            return toQString(toString(f.severity));
        case Decision:
            return decisionText(row);
        case Value:
            return QString::number(f.value, 'g', 4);
        case Threshold:
            return QString::number(f.threshold, 'g', 4);
        case Detail:
            return displayPath(f.detail);
        }
    }
    if (role == kSortRole) {
        switch (index.column()) {
        case Severity:
            return int(f.severity);
        case Value:
            return f.value;
        case Threshold:
            return f.threshold;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Severity)
        return f.severity == HealthSeverity::Fail   ? QBrush(QColor(200, 30, 50))
               : f.severity == HealthSeverity::Warn ? QBrush(QColor(200, 120, 0))
                                                    : QVariant();
    return {};
}

QVariant HealthFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const names[] = {"File",  "Check", "Severity",  "Decision",
                                        "Label", "Value", "Threshold", "Detail"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

HealthFindingsFilter::HealthFindingsFilter(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(HealthFindingsModel::kSortRole);
}

void HealthFindingsFilter::setCheck(const QString& check) {
    m_check = check;
    invalidateFilter();
}

void HealthFindingsFilter::setSeverity(const QString& severity) {
    m_severity = severity;
    invalidateFilter();
}

void HealthFindingsFilter::setText(const QString& text) {
    m_text = text;
    invalidateFilter();
}

bool HealthFindingsFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const auto cell = [&](int column) {
        return sourceModel()->index(sourceRow, column, sourceParent).data().toString();
    };
    if (!m_check.isEmpty() && cell(HealthFindingsModel::Check) != m_check)
        return false;
    if (!m_severity.isEmpty() && cell(HealthFindingsModel::Severity) != m_severity)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < HealthFindingsModel::ColumnCount; ++column)
        if (cell(column).contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace cepstra::ui
