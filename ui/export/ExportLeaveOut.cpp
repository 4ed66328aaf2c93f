// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportLeaveOut.h"

#include "ui/health/HealthReview.h"
#include "ui/widgets/PathText.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>

#include <set>

namespace cepstra::ui {
namespace {

/// "2 fail, 5 warn": how many clips have a finding of `check` at each severity.
QString severityCounts(const HealthReport& report, HealthCheckKind check) {
    std::map<HealthSeverity, std::set<std::string>> clips;
    for (const HealthFile& file : report.files)
        for (const HealthFinding& finding : file.findings)
            if (finding.check == check)
                clips[finding.severity].insert(file.path);
    QStringList parts;
    for (HealthSeverity severity :
         {HealthSeverity::Fail, HealthSeverity::Warn, HealthSeverity::Info})
        if (const auto found = clips.find(severity); found != clips.end())
            parts << QObject::tr("%1 %2")
                         .arg(found->second.size())
                         .arg(toQString(toString(severity)));
    return parts.join(", ");
}

} // namespace

ExportLeaveOut::ExportLeaveOut(std::shared_ptr<const HealthReport> reviewed,
                               std::vector<std::string> excludedByUser, QWidget* parent)
    : QGroupBox(tr("Leave out"), parent)
    , m_report(std::move(reviewed))
    , m_excludedByUser(std::move(excludedByUser)) {
    auto* grid = new QGridLayout(this);
    int row = 0;
    if (!m_excludedByUser.empty()) {
        m_userExclusions = new QCheckBox(
            m_excludedByUser.size() == 1
                ? tr("The clip you excluded in the Health tab")
                : tr("The %1 clips you excluded in the Health tab").arg(m_excludedByUser.size()));
        m_userExclusions->setChecked(true);
        connect(m_userExclusions, &QCheckBox::toggled, this, &ExportLeaveOut::changed);
        grid->addWidget(m_userExclusions, row++, 0, 1, 3);
    }
    if (!m_report) {
        auto* none = new QLabel(tr("Check the dataset's health first (Run › Check dataset "
                                   "health): then the clips it flags can be left out here, "
                                   "check by check."));
        none->setWordWrap(true);
        grid->addWidget(none, row, 0, 1, 3);
        return;
    }
    auto* intro = new QLabel(tr("Clips the health check flagged, by check. Tick a check to leave "
                                "out the clips it flags (a family of duplicates keeps one):"));
    intro->setWordWrap(true);
    grid->addWidget(intro, row++, 0, 1, 3);
    addCheckRows(*grid, row);
}

void ExportLeaveOut::addCheckRows(QGridLayout& grid, int row) {
    for (HealthCheckKind check : allHealthChecks()) {
        const auto flagged = HealthReview::flaggedBy(*m_report, {check});
        if (flagged.empty())
            continue; // nothing to leave out: info findings flag no clip
        auto* box = new QCheckBox(toQString(toString(check)));
        box->setToolTip(tr("Leave out the clips the %1 check flags").arg(box->text()));
        connect(box, &QCheckBox::toggled, this, &ExportLeaveOut::changed);
        m_checks[check] = box;
        grid.addWidget(box, row, 0, Qt::AlignLeft);
        grid.addWidget(new QLabel(severityCounts(*m_report, check)), row, 1);
        grid.addWidget(new QLabel(flagged.size() == 1
                                      ? tr("leaves out 1 clip")
                                      : tr("leaves out %1 clips").arg(flagged.size())),
                       row, 2);
        ++row;
    }
    if (m_checks.empty())
        grid.addWidget(new QLabel(tr("The last check flagged no clip.")), row, 0, 1, 3);
    grid.setColumnStretch(2, 1);
}

std::vector<std::string> ExportLeaveOut::excludedClips() const {
    std::set<std::string> clips;
    if (userExclusionsApplied())
        clips.insert(m_excludedByUser.begin(), m_excludedByUser.end());
    std::set<HealthCheckKind> picked;
    for (const auto& [check, box] : m_checks)
        if (box->isChecked())
            picked.insert(check);
    if (m_report && !picked.empty())
        for (const std::string& path : HealthReview::flaggedBy(*m_report, picked))
            clips.insert(path);
    return {clips.begin(), clips.end()};
}

QStringList ExportLeaveOut::pickedChecks() const {
    QStringList picked;
    for (const auto& [check, box] : m_checks)
        if (box->isChecked())
            picked << box->text();
    return picked;
}

void ExportLeaveOut::setPickedChecks(const QStringList& checks) {
    for (const auto& [check, box] : m_checks)
        box->setChecked(checks.contains(box->text()));
}

bool ExportLeaveOut::userExclusionsApplied() const {
    return m_userExclusions && m_userExclusions->isChecked();
}

void ExportLeaveOut::setUserExclusionsApplied(bool applied) {
    if (m_userExclusions)
        m_userExclusions->setChecked(applied);
}

QCheckBox* ExportLeaveOut::checkBox(const QString& check) const {
    for (const auto& [kind, box] : m_checks)
        if (box->text() == check)
            return box;
    return nullptr;
}

} // namespace cepstra::ui
