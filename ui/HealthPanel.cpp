// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/HealthPanel.h"

#include "ui/Charts.h"
#include "ui/HealthFindingsModel.h"
#include "ui/PathText.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>

namespace cepstra::ui {
namespace {

constexpr const char* kCheckOnOpenKey = "health/checkOnOpen";
const HealthSeverity kSeverities[] = {HealthSeverity::Fail, HealthSeverity::Warn,
                                      HealthSeverity::Info};

QString name(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

} // namespace

HealthPanel::HealthPanel(QWidget* parent)
    : QWidget(parent)
    , m_check(new QPushButton(tr("Check dataset")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_save(new QPushButton(tr("Save report…")))
    , m_progress(new QProgressBar)
    , m_onOpen(new QCheckBox(tr("Check when a dataset opens")))
    , m_summary(new QLabel)
    , m_counts(new QTableWidget(0, 3))
    , m_checkFilter(new QComboBox)
    , m_severityFilter(new QComboBox)
    , m_textFilter(new QLineEdit)
    , m_table(new QTableView)
    , m_model(new HealthFindingsModel(this))
    , m_filter(new HealthFindingsFilter(this))
    , m_labelChart(makeChartView())
    , m_findingsChart(makeChartView()) {
    m_check->setToolTip(tr("Read every clip and look for duplicates, silence, clipping, label "
                           "conflicts and other faults, as cepstra-cli check does"));
    m_cancel->setEnabled(false);
    m_save->setEnabled(false);
    m_save->setToolTip(tr("Save the report as one HTML file with charts, or as JSON"));
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(240);
    m_onOpen->setChecked(QSettings().value(kCheckOnOpenKey, false).toBool());
    m_onOpen->setToolTip(tr("Start a check whenever a dataset folder is opened"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_check, &QPushButton::clicked, this, &HealthPanel::checkRequested);
    connect(m_cancel, &QPushButton::clicked, this, &HealthPanel::cancelRequested);
    connect(m_save, &QPushButton::clicked, this, &HealthPanel::saveRequested);
    connect(m_onOpen, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(kCheckOnOpenKey, on); });

    m_counts->setHorizontalHeaderLabels({tr("fail"), tr("warn"), tr("info")});
    m_counts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_counts->setSelectionMode(QAbstractItemView::NoSelection);
    m_counts->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_counts->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_counts->setToolTip(tr("Findings by check and severity"));

    m_checkFilter->addItem(tr("Every check"), QString());
    for (HealthCheckKind check : allHealthChecks())
        m_checkFilter->addItem(name(toString(check)), name(toString(check)));
    m_severityFilter->addItem(tr("Every severity"), QString());
    for (HealthSeverity severity : kSeverities)
        m_severityFilter->addItem(name(toString(severity)), name(toString(severity)));
    m_textFilter->setPlaceholderText(tr("Filter by file, label or detail"));
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
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the detail is elided; its
                                                                   // tooltip has it whole
    m_table->setToolTip(tr("Double-click a finding to preview its clip; a duplicate shows beside "
                           "its partner, lined up where they share audio"));
    connect(m_table, &QTableView::activated, this, &HealthPanel::activate);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_check);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress);
    controls->addStretch(1);
    controls->addWidget(m_save);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_checkFilter);
    filters->addWidget(m_severityFilter);
    filters->addWidget(m_textFilter, 1);
    auto* findings = new QWidget;
    auto* findingsLayout = new QVBoxLayout(findings);
    findingsLayout->addLayout(filters);
    findingsLayout->addWidget(m_table, 1);
    auto* summary = new QWidget;
    auto* summaryLayout = new QHBoxLayout(summary);
    summaryLayout->addWidget(m_counts, 0, Qt::AlignTop);
    auto* charts = new QVBoxLayout; // one above the other: label names need the width
    charts->addWidget(m_labelChart, 1);
    charts->addWidget(m_findingsChart, 1);
    summaryLayout->addLayout(charts, 1);
    auto* tabs = new QTabWidget;
    tabs->addTab(findings, tr("Findings"));
    tabs->addTab(summary, tr("Counts and labels"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_onOpen); // a row of its own, so the tab stays as narrow as the others
    layout->addWidget(m_summary);
    layout->addWidget(tabs, 1);
    clear();
}

void HealthPanel::setRunning(bool running) {
    m_check->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0); // busy until the first count arrives
        m_summary->setText(tr("Checking the dataset: reading every clip once…"));
    }
}

void HealthPanel::setProgress(int done, int total) {
    if (total <= 0)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1/%2 clips read").arg(done).arg(total));
}

void HealthPanel::showReport(std::shared_ptr<const HealthReport> report) {
    m_report = std::move(report);
    m_model->setReport(m_report);
    m_save->setEnabled(bool(m_report));
    if (!m_report)
        return;
    int findingsCount = 0;
    std::map<HealthSeverity, int> bySeverity;
    for (const HealthFile& file : m_report->files)
        for (const HealthFinding& finding : file.findings) {
            ++findingsCount;
            ++bySeverity[finding.severity];
        }
    for (const HealthFinding& finding : m_report->datasetFindings) {
        ++findingsCount;
        ++bySeverity[finding.severity];
    }
    const auto flagged = m_report->flaggedClips().size();
    m_summary->setText(
        tr("<b>%1 clips in %2 labels: %3 findings</b> (%4 fail, %5 warn, %6 info); %7 clips "
           "flagged, which Export can leave out. Checked in %8 s: %9 clips read, %10 from the "
           "cache.")
            .arg(m_report->clipCount())
            .arg(m_report->labels.size())
            .arg(findingsCount)
            .arg(bySeverity[HealthSeverity::Fail])
            .arg(bySeverity[HealthSeverity::Warn])
            .arg(bySeverity[HealthSeverity::Info])
            .arg(flagged)
            .arg(m_report->seconds, 0, 'f', m_report->seconds < 1.0 ? 2 : 1)
            .arg(m_report->measured)
            .arg(m_report->cached));
    for (int column = 0; column < HealthFindingsModel::Detail; ++column)
        m_table->resizeColumnToContents(column);
    showCounts();
    showCharts();
}

void HealthPanel::showMessage(const QString& message) {
    m_summary->setText(message);
}

void HealthPanel::clear() {
    m_report.reset();
    m_model->setReport(nullptr);
    m_counts->setRowCount(0);
    m_save->setEnabled(false);
    m_labelChart->setChart(new QChart);
    m_findingsChart->setChart(new QChart);
    m_summary->setText(tr("No check yet. Press <b>Check dataset</b> to find duplicates, silence, "
                          "clipping and label conflicts before training."));
}

bool HealthPanel::checkOnOpen() const {
    return m_onOpen->isChecked();
}

void HealthPanel::setCheckOnOpen(bool on) {
    m_onOpen->setChecked(on);
}

QString HealthPanel::summaryText() const {
    return m_summary->text();
}

void HealthPanel::activate(const QModelIndex& index) {
    const FindingRow& row = m_model->row(m_filter->mapToSource(index).row());
    if (row.path.empty() || row.path.ends_with('/'))
        return; // the dataset's finding, or a folder: no clip to preview
    emit findingActivated(QByteArray::fromStdString(row.path),
                          QByteArray::fromStdString(row.partner), row.partnerShiftSeconds);
}

void HealthPanel::showCounts() {
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
}

void HealthPanel::showCharts() {
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
}

void HealthPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_report)
        showCharts(); // charts are themed from the palette
}

} // namespace cepstra::ui
