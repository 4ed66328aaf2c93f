// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthPanel.h"

#include "ui/health/DuplicateFamiliesView.h"
#include "ui/health/HealthCountsView.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthFindingsView.h"
#include "ui/health/HealthReview.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

#include <map>

namespace cepstra::ui {
namespace {

constexpr const char* kCheckOnOpenKey = "health/checkOnOpen";

} // namespace

HealthPanel::HealthPanel(QWidget* parent)
    : QWidget(parent)
    , m_review(new HealthReview(this))
    , m_check(new QPushButton(tr("Check dataset")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_save(new QPushButton(tr("Save report…")))
    , m_saveList(new QPushButton(tr("Save flagged list…")))
    , m_progress(new QProgressBar)
    , m_onOpen(new QCheckBox(tr("Check when a dataset opens")))
    , m_summary(new QLabel)
    , m_findings(new HealthFindingsView(*m_review))
    , m_families(new DuplicateFamiliesView(*m_review))
    , m_countsView(new HealthCountsView)
    , m_tabs(new QTabWidget) {
    m_check->setToolTip(tr("Read every clip and look for duplicates, silence, clipping, label "
                           "conflicts and other faults, as cepstra-cli check does"));
    m_cancel->setEnabled(false);
    m_save->setEnabled(false);
    m_save->setToolTip(tr("Save the report as one HTML file with charts, or as JSON"));
    m_saveList->setEnabled(false);
    m_saveList->setToolTip(
        tr("Save the clips to leave out, one path a line, for cepstra-cli export --exclude-list: "
           "every flagged clip whose findings you did not ignore, and every clip you excluded"));
    // A row of its own at full width, so "123/4567 clips read" is never cut off.
    m_progress->setVisible(false);
    m_onOpen->setChecked(QSettings().value(kCheckOnOpenKey, false).toBool());
    m_onOpen->setToolTip(tr("Start a check whenever a dataset folder is opened"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_check, &QPushButton::clicked, this, &HealthPanel::checkRequested);
    connect(m_cancel, &QPushButton::clicked, this, &HealthPanel::cancelRequested);
    connect(m_save, &QPushButton::clicked, this, &HealthPanel::saveRequested);
    connect(m_saveList, &QPushButton::clicked, this, &HealthPanel::saveListRequested);
    connect(m_onOpen, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(kCheckOnOpenKey, on); });
    connect(m_findings, &HealthFindingsView::findingActivated, this,
            &HealthPanel::findingActivated);
    connect(m_families, &DuplicateFamiliesView::clipActivated, this,
            &HealthPanel::findingActivated);
    connect(m_review, &HealthReview::changed, this, &HealthPanel::showSummary);

    // Short rows, so the tab is no wider than the preview in a 1024-pixel window.
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_check);
    controls->addWidget(m_cancel);
    controls->addStretch(1);
    auto* saving = new QHBoxLayout;
    saving->addWidget(m_save);
    saving->addWidget(m_saveList);
    saving->addStretch(1);
    m_tabs->addTab(m_findings, tr("Findings"));
    m_tabs->addTab(m_families, tr("Duplicates"));
    m_tabs->addTab(m_countsView, tr("Counts and labels"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_progress);
    layout->addWidget(m_onOpen, 0, Qt::AlignLeft);
    layout->addWidget(m_summary);
    layout->addLayout(saving);
    layout->addWidget(m_tabs, 1);
    clear();
}

HealthPanel::~HealthPanel() = default;

HealthFindingsModel& HealthPanel::findings() {
    return m_findings->model();
}
HealthFindingsFilter& HealthPanel::filter() {
    return m_findings->filter();
}
QTableView& HealthPanel::table() {
    return m_findings->table();
}
QTableWidget& HealthPanel::counts() {
    return m_countsView->counts();
}
QComboBox& HealthPanel::checkFilter() {
    return m_findings->checkFilter();
}
QComboBox& HealthPanel::severityFilter() {
    return m_findings->severityFilter();
}
QLineEdit& HealthPanel::textFilter() {
    return m_findings->textFilter();
}

void HealthPanel::setRunning(bool running) {
    m_check->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0); // busy until the first count arrives
        m_progress->setFormat(tr("Reading every clip once…"));
        m_summary->setText(tr("Checking the dataset: reading every clip once…"));
    }
}

void HealthPanel::setProgress(const JobProgress& progress) {
    if (progress.total <= 0)
        return;
    m_progress->setRange(0, int(progress.total));
    m_progress->setValue(int(progress.done));
    m_progress->setFormat(progressText(progress));
}

void HealthPanel::showReport(std::shared_ptr<const HealthReport> report) {
    m_report = std::move(report);
    m_findings->setReport(m_report);
    m_families->setReport(m_report);
    m_countsView->setReport(m_report);
    m_save->setEnabled(bool(m_report));
    m_saveList->setEnabled(bool(m_report));
    m_tabs->setTabText(1, m_report && m_families->familyCount() > 0
                              ? tr("Duplicates (%1)").arg(m_families->familyCount())
                              : tr("Duplicates"));
    showSummary();
}

void HealthPanel::showSummary() {
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
    QString text =
        tr("<b>%1 clips in %2 labels: %3 findings</b> (%4 fail, %5 warn, %6 info); %7 clips "
           "flagged. Checked in %8 s: %9 clips read, %10 from the cache.")
            .arg(m_report->clipCount())
            .arg(m_report->labels.size())
            .arg(findingsCount)
            .arg(bySeverity[HealthSeverity::Fail])
            .arg(bySeverity[HealthSeverity::Warn])
            .arg(bySeverity[HealthSeverity::Info])
            .arg(m_report->flaggedClips().size())
            .arg(m_report->seconds, 0, 'f', m_report->seconds < 1.0 ? 2 : 1)
            .arg(m_report->measured)
            .arg(m_report->cached);
    const auto excluded = m_review->excludedClips().size();
    if (excluded > 0 || m_review->ignoredCount() > 0)
        text += tr(" You excluded %1 clips and ignored %2 findings; Export leaves out the "
                   "excluded clips.")
                    .arg(excluded)
                    .arg(m_review->ignoredCount());
    m_summary->setText(text);
}

void HealthPanel::showMessage(const QString& message) {
    m_summary->setText(message);
}

void HealthPanel::clear() {
    m_report.reset();
    m_findings->setReport(nullptr);
    m_families->setReport(nullptr);
    m_countsView->setReport(nullptr);
    m_save->setEnabled(false);
    m_saveList->setEnabled(false);
    m_tabs->setTabText(1, tr("Duplicates"));
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

} // namespace cepstra::ui
