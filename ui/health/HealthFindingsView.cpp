// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthFindingsView.h"

#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthReview.h"
#include "ui/widgets/PathText.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace cepstra::ui {

HealthFindingsView::HealthFindingsView(HealthReview& review, QWidget* parent)
    : QWidget(parent)
    , m_review(review)
    , m_model(new HealthFindingsModel(review, this))
    , m_filter(new HealthFindingsFilter(this))
    , m_checkFilter(new QComboBox)
    , m_severityFilter(new QComboBox)
    , m_textFilter(new QLineEdit)
    , m_table(new QTableView)
    , m_detail(new QLabel) {
    m_checkFilter->addItem(tr("Every check"), QString());
    for (HealthCheckKind check : allHealthChecks())
        m_checkFilter->addItem(toQString(toString(check)), toQString(toString(check)));
    m_severityFilter->addItem(tr("Every severity"), QString());
    for (HealthSeverity severity :
         {HealthSeverity::Fail, HealthSeverity::Warn, HealthSeverity::Info})
        m_severityFilter->addItem(toQString(toString(severity)), toQString(toString(severity)));
    m_textFilter->setPlaceholderText(tr("Filter by file, label, check or detail"));
    m_textFilter->setClearButtonEnabled(true);
    connect(m_checkFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCheck(m_checkFilter->currentData().toString()); });
    connect(m_severityFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setSeverity(m_severityFilter->currentData().toString()); });
    connect(m_textFilter, &QLineEdit::textChanged, m_filter, &HealthFindingsFilter::setText);

    m_filter->setSourceModel(m_model);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HealthFindingsModel::Severity, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle); // a path keeps its clip's name in view
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a finding to preview its clip; a duplicate shows beside "
                           "its partner, lined up where they share audio"));
    connect(m_table, &QTableView::activated, this, &HealthFindingsView::activate);
    m_table->viewport()->installEventFilter(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HealthFindingsView::showDetail);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setToolTip(tr("The selected finding, whole"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_checkFilter);
    filters->addWidget(m_severityFilter);
    filters->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_textFilter); // a row of its own: the tab stays narrow
    layout->addWidget(buildActions());
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);
}

QWidget* HealthFindingsView::buildActions() {
    m_exclude = new QPushButton(tr("Exclude clip"));
    m_exclude->setToolTip(tr("Leave the selected findings' clips out of exports"));
    m_ignore = new QPushButton(tr("Ignore finding"));
    m_ignore->setToolTip(tr("A false alarm: the finding flags nothing (a duplicate's for both "
                            "clips of its pair)"));
    m_restore = new QPushButton(tr("Restore"));
    m_restore->setToolTip(tr("Undo excluding or ignoring the selected findings"));
    const auto apply = [this](bool exclude, bool ignore, bool value) {
        const auto& report = m_model->report();
        if (!report)
            return;
        std::vector<std::string> paths;
        for (int row : selectedRows()) {
            const FindingRow& finding = m_model->row(row);
            if (exclude)
                paths.push_back(finding.path);
            if (ignore)
                m_review.setIgnored(*report, finding.path, finding.finding, value);
        }
        if (exclude)
            m_review.setExcluded(paths, value);
    };
    connect(m_exclude, &QPushButton::clicked, this, [apply] { apply(true, false, true); });
    connect(m_ignore, &QPushButton::clicked, this, [apply] { apply(false, true, true); });
    connect(m_restore, &QPushButton::clicked, this, [apply] { apply(true, true, false); });
    auto* bar = new QWidget;
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_exclude);
    row->addWidget(m_ignore);
    row->addWidget(m_restore);
    row->addStretch(1);
    return bar;
}

void HealthFindingsView::setReport(std::shared_ptr<const HealthReport> report) {
    m_model->setReport(std::move(report));
    fitColumns();
    showDetail();
}

void HealthFindingsView::fitColumns() {
    // Columns to their contents, but the file no wider than leaves its check and severity in
    // view (elided in the middle, whole in its tooltip); the rest are a scroll away, and the
    // detail is whole beneath the table.
    for (int column = 0; column < HealthFindingsModel::Detail; ++column)
        m_table->resizeColumnToContents(column);
    QHeaderView& header = *m_table->horizontalHeader();
    const int room = m_table->viewport()->width() - header.sectionSize(HealthFindingsModel::Check) -
                     header.sectionSize(HealthFindingsModel::Severity);
    const int least = fontMetrics().averageCharWidth() * 14;
    if (header.sectionSize(HealthFindingsModel::File) > room)
        header.resizeSection(HealthFindingsModel::File, std::max(least, room));
}

bool HealthFindingsView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

std::vector<int> HealthFindingsView::selectedRows() const {
    std::set<int> rows;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        rows.insert(m_filter->mapToSource(index).row());
    return {rows.begin(), rows.end()};
}

void HealthFindingsView::showDetail() {
    const auto rows = selectedRows();
    const bool any = !rows.empty();
    for (QPushButton* button : {m_exclude, m_ignore, m_restore})
        button->setEnabled(any);
    if (rows.size() != 1) {
        m_detail->setText(any ? tr("%1 findings selected.").arg(rows.size())
                              : tr("Select a finding to read it whole and act on it."));
        return;
    }
    const FindingRow& row = m_model->row(rows.front());
    m_detail->setText(
        tr("<b>%1</b> · %2 · %3: %4")
            .arg(row.path.empty() ? tr("the dataset") : displayPath(row.path).toHtmlEscaped(),
                 toQString(toString(row.finding.check)), toQString(toString(row.finding.severity)),
                 displayPath(row.finding.detail).toHtmlEscaped()));
}

void HealthFindingsView::activate(const QModelIndex& index) {
    const FindingRow& row = m_model->row(m_filter->mapToSource(index).row());
    if (row.path.empty() || row.path.ends_with('/'))
        return; // the dataset's finding, or a folder: no clip to preview
    emit findingActivated(QByteArray::fromStdString(row.path),
                          QByteArray::fromStdString(row.partner), row.partnerShiftSeconds);
}

} // namespace cepstra::ui
