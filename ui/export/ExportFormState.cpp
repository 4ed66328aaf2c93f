// SPDX-License-Identifier: GPL-3.0-or-later
// What the Export dialog's form holds: its fields as export options, and as a map of field
// states that ExportMemory keeps per output folder, and back.
#include "ui/export/ExportDialog.h"

#include "ui/export/ExportLeaveOut.h"
#include "ui/export/ManifestSplitChoices.h"

#include "core/util/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>

namespace cepstra::ui {

QVariantMap ExportDialog::formState() const {
    QStringList features;
    for (const auto& [feature, box] : m_featureBoxes)
        if (box->isChecked())
            features << box->text();
    return {{"destination", m_destination->text()},
            {"features", features},
            {"scaler", m_scaler->currentData()},
            {"fixedLength", m_fixedLength->isChecked()},
            {"frames", m_frames->value()},
            {"fit", m_fit->currentData()},
            {"align", m_align->currentData()},
            {"segmentHop", m_segmentHop->value()},
            {"padValue", m_padValue->text()},
            {"split", m_split->text()},
            {"splitLists", m_splitLists->text()},
            {"seed", m_seed->value()},
            {"dtype", m_dtype->currentData()},
            {"compression", m_compression->currentData()},
            {"leaveOutChecks", m_leaveOut->pickedChecks()},
            {"leaveOutExcluded", m_leaveOut->userExclusionsApplied()}};
}

void ExportDialog::applyFormState(const QVariantMap& state) {
    if (state.isEmpty())
        return;
    const auto pick = [&](QComboBox* combo, const char* key) {
        if (const int index = combo->findData(state.value(key).toString()); index >= 0)
            combo->setCurrentIndex(index);
    };
    m_destination->setText(state.value("destination", m_destination->text()).toString());
    const QStringList features = state.value("features").toStringList();
    for (const auto& [feature, box] : m_featureBoxes)
        box->setChecked(features.isEmpty() || features.contains(box->text()));
    pick(m_scaler, "scaler");
    m_fixedLength->setChecked(state.value("fixedLength").toBool());
    m_frames->setValue(state.value("frames", m_frames->value()).toInt());
    pick(m_fit, "fit");
    pick(m_align, "align");
    m_segmentHop->setValue(state.value("segmentHop").toInt());
    m_padValue->setText(state.value("padValue").toString());
    m_split->setText(state.value("split").toString());
    m_splitLists->setText(state.value("splitLists").toString());
    m_seed->setValue(state.value("seed").toInt());
    pick(m_dtype, "dtype");
    pick(m_compression, "compression");
    m_leaveOut->setPickedChecks(state.value("leaveOutChecks").toStringList());
    m_leaveOut->setUserExclusionsApplied(state.value("leaveOutExcluded", true).toBool());
}

Result<ExportOptions> ExportDialog::options() const {
    ExportOptions options;
    options.destination = QFile::encodeName(m_destination->text().trimmed()).toStdString();
    for (const auto& [feature, box] : m_featureBoxes)
        if (box->isChecked())
            options.features.push_back(feature);
    if (options.features.empty())
        return Error{ErrorKind::InvalidUsage, "choose at least one feature"};
    // Each field's text goes through its option's declaration, as the CLI's does.
    const auto set = [&](std::string_view key, const QString& text) {
        return applySettingText(options, exportOptionTable(), key, text.trimmed().toStdString(),
                                commandLineName(key));
    };
    if (auto status = set("scaler", m_scaler->currentData().toString()); !status)
        return status.error();
    if (m_fixedLength->isChecked()) {
        options.frames = m_frames->value();
        if (auto status = set("fit", m_fit->currentData().toString()); !status)
            return status.error();
        if (options.fit != FrameFit::Segment) {
            if (auto status = set("align", m_align->currentData().toString()); !status)
                return status.error();
        } else if (m_segmentHop->value() > 0) {
            options.segmentHop = m_segmentHop->value();
        }
    }
    if (!m_padValue->text().trimmed().isEmpty())
        if (auto status = set("pad_value", m_padValue->text()); !status)
            return status.error();
    if (!m_split->text().trimmed().isEmpty())
        if (auto status = set("split", m_split->text()); !status)
            return status.error();
    options.splitLists = QFile::encodeName(m_splitLists->text().trimmed()).toStdString();
    options.seed = std::uint64_t(m_seed->value());
    if (auto status = set("dtype", m_dtype->currentData().toString()); !status)
        return status.error();
    if (auto status = set("compression", m_compression->currentData().toString()); !status)
        return status.error();
    options.excludedClips = m_leaveOut->excludedClips();
    m_datasetSplit->applyTo(options);
    return options;
}

} // namespace cepstra::ui
