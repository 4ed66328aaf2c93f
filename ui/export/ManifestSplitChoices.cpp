// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ManifestSplitChoices.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cepstra::ui {
namespace {

/// Refills a fold combo with "none" and `folds`, keeping the fold it showed when there still.
void fillFolds(QComboBox& combo, const std::vector<int>& folds) {
    const QVariant chosen = combo.currentData();
    combo.blockSignals(true);
    combo.clear();
    combo.addItem(QObject::tr("none"), QVariant());
    for (int fold : folds)
        combo.addItem(QString::number(fold), fold);
    if (const int index = combo.findData(chosen); index >= 0 && chosen.isValid())
        combo.setCurrentIndex(index);
    combo.blockSignals(false);
}

} // namespace

ManifestSplitChoices::ManifestSplitChoices(std::shared_ptr<const HealthReport> reviewed,
                                           QWidget* parent)
    : QWidget(parent)
    , m_reviewed(std::move(reviewed))
    , m_testFold(new QComboBox)
    , m_validFold(new QComboBox)
    , m_officialSplit(new QPushButton(tr("Use the dataset's own split")))
    , m_groupDuplicates(new QCheckBox(tr("Keep each family of duplicates in one split")))
    , m_foldRow(new QWidget) {
    m_testFold->setAccessibleName(tr("Test fold"));
    m_validFold->setAccessibleName(tr("Valid fold"));
    auto* folds = new QHBoxLayout(m_foldRow);
    folds->setContentsMargins(0, 0, 0, 0);
    folds->addWidget(new QLabel(tr("Test fold")));
    folds->addWidget(m_testFold);
    folds->addWidget(new QLabel(tr("valid fold")));
    folds->addWidget(m_validFold);
    folds->addWidget(new QLabel(tr("(the other folds are train)")));
    folds->addStretch(1);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_foldRow);
    column->addWidget(m_officialSplit, 0, Qt::AlignLeft);
    column->addWidget(m_groupDuplicates);
    fillFolds(*m_testFold, {});
    fillFolds(*m_validFold, {});
    m_foldRow->setVisible(false);
    m_officialSplit->setVisible(false);
    const std::size_t families = m_reviewed ? m_reviewed->duplicateFamilies().size() : 0;
    m_groupDuplicates->setVisible(families > 0);
    setVisible(families > 0);
    m_groupDuplicates->setChecked(families > 0); // the check ran: keep copies apart by default
    m_groupDuplicates->setToolTip(
        tr("%n families of duplicate or overlapping clips were found by the last check; a "
           "fractional split keeps each whole.",
           nullptr, int(families)));
    for (QComboBox* combo : {m_testFold, m_validFold})
        connect(combo, &QComboBox::currentIndexChanged, this, &ManifestSplitChoices::changed);
    connect(m_groupDuplicates, &QCheckBox::toggled, this, &ManifestSplitChoices::changed);
    connect(m_officialSplit, &QPushButton::clicked, this,
            &ManifestSplitChoices::officialSplitRequested);
}

void ManifestSplitChoices::showDataset(const std::vector<int>& folds, bool hasManifestSplit) {
    fillFolds(*m_testFold, folds);
    fillFolds(*m_validFold, folds);
    m_foldRow->setVisible(!folds.empty());
    m_officialSplit->setVisible(hasManifestSplit);
    setVisible(!folds.empty() || hasManifestSplit || !m_groupDuplicates->isHidden());
}

void ManifestSplitChoices::applyTo(ExportOptions& options) const {
    if (const QVariant fold = m_testFold->currentData(); fold.isValid())
        options.testFold = fold.toInt();
    if (const QVariant fold = m_validFold->currentData(); fold.isValid())
        options.validFold = fold.toInt();
    if (m_reviewed && m_groupDuplicates->isChecked())
        options.duplicateFamilies = m_reviewed->duplicateFamilies();
}

} // namespace cepstra::ui
