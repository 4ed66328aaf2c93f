// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QGroupBox>
#include <QStringList>

#include <map>
#include <memory>
#include <string>
#include <vector>

class QCheckBox;
class QGridLayout;
class QLabel;

namespace cepstra::ui {

/// The Export form's "Leave out" box. A choice that drops data is never made for the user:
/// the clips the health check flagged are listed by check, with their findings by severity and
/// how many clips each check would leave out, and none is ticked until the user ticks it. The
/// clips the user excluded by hand in the Health tab are their own line, ticked: the user
/// already chose them. UI thread only.
class ExportLeaveOut : public QGroupBox {
    Q_OBJECT

public:
    /// `reviewed`: the last check of this dataset with ignored findings taken out, or null.
    ExportLeaveOut(std::shared_ptr<const HealthReport> reviewed,
                   std::vector<std::string> excludedByUser, QWidget* parent = nullptr);

    /// The clips to leave out as the box stands now, sorted.
    std::vector<std::string> excludedClips() const;
    QStringList pickedChecks() const;
    void setPickedChecks(const QStringList& checks);
    bool userExclusionsApplied() const;
    void setUserExclusionsApplied(bool applied);

    /// The box of a check by its name ("silent"), or null when it flags nothing here.
    QCheckBox* checkBox(const QString& check) const;
    QCheckBox* userExclusions() const { return m_userExclusions; }

signals:
    void changed();

private:
    void addCheckRows(QGridLayout& grid, int firstRow);

    std::shared_ptr<const HealthReport> m_report;
    std::vector<std::string> m_excludedByUser;
    QCheckBox* m_userExclusions = nullptr;
    std::map<HealthCheckKind, QCheckBox*> m_checks;
};

} // namespace cepstra::ui
