// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>

#include <set>
#include <string>
#include <vector>

namespace cepstra::ui {

/// What the user decided about a check's findings: clips to leave out of exports, and findings
/// to ignore as false alarms. A duplicate's or a conflict's finding is ignored for its whole
/// group (both clips of a pair agree), and a family of duplicates can be kept to one clip. The
/// decisions are remembered per dataset folder, and feed the Export dialog and the list that
/// `cepstra-cli export --exclude-list` reads. UI thread only.
class HealthReview : public QObject {
    Q_OBJECT

public:
    explicit HealthReview(QObject* parent = nullptr);

    /// The dataset whose decisions these are: loads what was decided for it before.
    void setDataset(const QString& inputFolder);

    bool isExcluded(const std::string& path) const;
    void setExcluded(const std::vector<std::string>& paths, bool excluded);
    /// Every clip the user excluded, sorted.
    std::vector<std::string> excludedClips() const;

    bool isIgnored(const HealthReport& report, const std::string& path,
                   const HealthFinding& finding) const;
    void setIgnored(const HealthReport& report, const std::string& path,
                    const HealthFinding& finding, bool ignored);
    int ignoredCount() const { return int(m_ignored.size()); }

    /// Ignores (or restores) every duplicate pair inside `family` (duplicateFamilies()).
    void setFamilyIgnored(const HealthReport& report, const std::vector<std::string>& family,
                          bool ignored);
    /// Keeps `keeper` of `family` and excludes the rest.
    void keepOne(const std::vector<std::string>& family, const std::string& keeper);

    /// `report` without the ignored findings, and without the ignored groups, so that they
    /// neither flag a clip nor join a family.
    HealthReport reviewed(const HealthReport& report) const;
    /// The clips that `checks` flag in `report`, as check --flagged-list flags them (a family
    /// of duplicates keeps one clip): what ticking those checks in the Export dialog leaves out.
    static std::vector<std::string> flaggedBy(const HealthReport& report,
                                              const std::set<HealthCheckKind>& checks);
    /// "Save flagged list": every clip the reviewed report flags, and every clip excluded by
    /// hand, sorted; with no decisions, exactly what check --flagged-list writes.
    std::vector<std::string> leaveOutList(const HealthReport& report) const;
    /// The keeper check --flagged-list would choose in `family`: the first clip with no
    /// warn or fail finding of another kind.
    static std::string defaultKeeper(const HealthReport& report,
                                     const std::vector<std::string>& family);

signals:
    void changed();

private:
    QByteArray keyOf(const HealthReport& report, const std::string& path,
                     const HealthFinding& finding) const;
    static QByteArray groupKey(const HealthGroup& group);
    void save() const;

    QString m_dataset;
    std::set<std::string> m_excluded;
    QSet<QByteArray> m_ignored;
};

} // namespace cepstra::ui
