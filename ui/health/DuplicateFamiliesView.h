// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <QWidget>

#include <memory>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace cepstra::ui {

class HealthReview;

/// Families of duplicates: clips joined by exact or near duplicate pairs, one row per family
/// with its clips beneath, each with its label, the seconds of audio it shares and where that
/// audio starts in it. One action keeps one clip of a family and excludes the rest (the
/// selected clip, or the one check --flagged-list would keep); another ignores the family as
/// a false alarm. Double-clicking a clip previews it beside the family's first. UI thread only.
class DuplicateFamiliesView : public QWidget {
    Q_OBJECT

public:
    DuplicateFamiliesView(HealthReview& review, QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const HealthReport> report);
    QTreeWidget& tree() { return *m_tree; }
    QPushButton& keepOneButton() { return *m_keepOne; }
    QPushButton& ignoreButton() { return *m_ignore; }
    QPushButton& restoreButton() { return *m_restore; }
    int familyCount() const;

signals:
    /// As HealthPanel::findingActivated: `path` beside `partner`, shifted to line up.
    void clipActivated(const QByteArray& path, const QByteArray& partner, double partnerShift);

private:
    enum Column { Clip, Label, Shared, Offset, Decision, ColumnCount };
    void fill();
    void updateDecisions();
    /// The family of the selected row, and the selected clip if a clip row is selected.
    std::vector<std::string> selectedFamily(std::string* clip = nullptr) const;
    void activate(QTreeWidgetItem* item);

    HealthReview& m_review;
    std::shared_ptr<const HealthReport> m_report;
    std::vector<std::vector<std::string>> m_families;
    QTreeWidget* m_tree;
    QPushButton* m_keepOne;
    QPushButton* m_ignore;
    QPushButton* m_restore;
};

} // namespace cepstra::ui
