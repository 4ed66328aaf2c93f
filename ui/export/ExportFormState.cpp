// SPDX-License-Identifier: GPL-3.0-or-later
// What the Export dialog's form holds: its fields as export options, and as a map of field
// states that ExportMemory keeps per output folder, and back.
#include "ui/export/ExportDialog.h"

#include "ui/export/ExportLeaveOut.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>

#include <cmath>

namespace cepstra::ui {

QVariantMap ExportDialog::formState() const {
    QStringList features;
    for (const auto& [feature, box] : m_featureBoxes)
        if (box->isChecked())
            features << box->text();
    return {{"destination", m_destination->text()},
            {"features", features},
            {"scaler", m_scaler->currentText()},
            {"fixedLength", m_fixedLength->isChecked()},
            {"frames", m_frames->value()},
            {"fit", m_fit->currentText()},
            {"align", m_align->currentText()},
            {"segmentHop", m_segmentHop->value()},
            {"padValue", m_padValue->text()},
            {"split", m_split->text()},
            {"splitLists", m_splitLists->text()},
            {"seed", m_seed->value()},
            {"dtype", m_dtype->currentText()},
            {"compression", m_compression->currentText()},
            {"leaveOutChecks", m_leaveOut->pickedChecks()},
            {"leaveOutExcluded", m_leaveOut->userExclusionsApplied()}};
}

void ExportDialog::applyFormState(const QVariantMap& state) {
    if (state.isEmpty())
        return;
    const auto pick = [&](QComboBox* combo, const char* key) {
        if (const int index = combo->findText(state.value(key).toString()); index >= 0)
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
    auto scaler = parseScalerName(m_scaler->currentText().toStdString());
    if (!scaler)
        return scaler.error();
    options.scaler = *scaler;
    if (m_fixedLength->isChecked()) {
        options.frames = m_frames->value();
        options.fit = parseFrameFit(m_fit->currentText().toStdString());
        if (options.fit != FrameFit::Segment)
            options.align = parseFrameAlign(m_align->currentText().toStdString());
        else if (m_segmentHop->value() > 0)
            options.segmentHop = m_segmentHop->value();
    }
    if (const QString pad = m_padValue->text().trimmed(); !pad.isEmpty()) {
        bool ok = false;
        const float value = QLocale::c().toFloat(pad, &ok);
        if (!ok || !std::isfinite(value))
            return Error{ErrorKind::InvalidUsage,
                         "the pad value \"" + pad.toStdString() +
                             "\" is not a number; clear it for the default"};
        options.padValue = value;
    }
    if (const QString split = m_split->text().trimmed(); !split.isEmpty()) {
        auto shares = parseSplitSpec(split.toStdString());
        if (!shares)
            return shares.error();
        options.split = std::move(shares).value();
    }
    options.splitLists = QFile::encodeName(m_splitLists->text().trimmed()).toStdString();
    options.seed = std::uint64_t(m_seed->value());
    options.dtype = *parseExportDtype(m_dtype->currentText().toStdString());
    options.compression = *parseExportCompression(m_compression->currentText().toStdString());
    options.excludedClips = m_leaveOut->excludedClips();
    return options;
}

} // namespace cepstra::ui
