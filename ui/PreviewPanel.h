// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/PreviewController.h"

#include <QWidget>

class QCheckBox;
class QLabel;

namespace cepstra::ui {

class HeatmapView;
class WaveformView;

/// The selected clip: waveform, mel spectrogram in dB (magma) and MFCCs (diverging), with a
/// toggle for the scaled versions and a hover read-out. UI thread only.
class PreviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget* parent = nullptr);

    void showResult(const std::shared_ptr<const PreviewResult>& result);
    void showError(const QString& path, const QString& message);
    void showBusy(bool busy);

    HeatmapView& melView() { return *m_mel; }
    HeatmapView& mfccView() { return *m_mfcc; }
    bool showsScaled() const;
    void setShowScaled(bool scaled);

private:
    void render();

    WaveformView* m_waveform;
    HeatmapView* m_mel;
    HeatmapView* m_mfcc;
    QCheckBox* m_scaled;
    QLabel* m_title;
    QLabel* m_hover;
    std::shared_ptr<const PreviewResult> m_result;
};

} // namespace cepstra::ui
