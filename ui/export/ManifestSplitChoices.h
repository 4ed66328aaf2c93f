// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportOptions.h"
#include "core/health/HealthCheck.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QPushButton;

namespace cepstra::ui {

/// The Export form's choices that come from the dataset itself: its folds (test fold, valid
/// fold), its official split (a button that asks for `split manifest`), and keeping each family
/// of duplicates the last check found in one split (ticked by default once a check has run).
/// What the dataset has not got is hidden. UI thread only.
class ManifestSplitChoices : public QWidget {
    Q_OBJECT

public:
    /// `reviewed`: this dataset's last health check, or null.
    explicit ManifestSplitChoices(std::shared_ptr<const HealthReport> reviewed,
                                  QWidget* parent = nullptr);

    /// The folds and whether the manifest has its own split, as the last plan found them.
    void showDataset(const std::vector<int>& folds, bool hasManifestSplit);
    /// Sets test_fold, valid_fold and the families of duplicates as the choices stand.
    void applyTo(ExportOptions& options) const;

    QComboBox& testFold() { return *m_testFold; }
    QComboBox& validFold() { return *m_validFold; }
    QPushButton& officialSplit() { return *m_officialSplit; }
    QCheckBox& groupDuplicates() { return *m_groupDuplicates; }

signals:
    void changed();
    /// The user asked for the dataset's own split: the form's split becomes "manifest".
    void officialSplitRequested();

private:
    std::shared_ptr<const HealthReport> m_reviewed;
    QComboBox* m_testFold;
    QComboBox* m_validFold;
    QPushButton* m_officialSplit;
    QCheckBox* m_groupDuplicates;
    QWidget* m_foldRow;
};

} // namespace cepstra::ui
