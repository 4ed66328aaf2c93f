// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/preview/PreviewController.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;

namespace cepstra::ui {

class HeatmapView;
class TimeViewport;
class WaveformView;

/// How the panel wants arrays coloured: a dB range for mel-scale power and dB arrays (none:
/// the top 80 dB of each array), and whether MFCC coefficient 0 counts for the colour range.
struct ColourSettings {
    std::optional<std::pair<double, double>> decibelRange; ///< floor, ceiling
    bool includeC0 = false;
};

/// One preview: a title, the waveform, and two heatmaps, each showing one of the arrays the
/// run writes, picked from a list. Two panes side by side make the A/B comparison. UI thread.
class PreviewPane : public QWidget {
    Q_OBJECT

public:
    explicit PreviewPane(TimeViewport& viewport, QWidget* parent = nullptr);

    void showResult(std::shared_ptr<const PreviewResult> result, const ColourSettings& colours);
    void showError(const QString& path, const QString& message);
    /// Redraws with new colour settings.
    void recolour(const ColourSettings& colours);
    void setHeading(const QString& heading);
    /// The title line: the clip, the shape of the upper array, the time it took.
    QLabel& title() { return *m_title; }
    /// Shifts every view of this pane along the shared axis (TimelineWidget::setTimeShift).
    void setTimeShift(double seconds);

    const std::shared_ptr<const PreviewResult>& result() const { return m_result; }
    HeatmapView& upperView() { return *m_upper; }
    HeatmapView& lowerView() { return *m_lower; }
    WaveformView& waveform() { return *m_waveform; }
    QComboBox& upperPicker() { return *m_upperPicker; }
    QComboBox& lowerPicker() { return *m_lowerPicker; }
    /// The suffix shown in each view ("mfcc_standard"), as written in the file names.
    QString upperArray() const;
    QString lowerArray() const;

signals:
    void hoverTextChanged(const QString& text);
    void playRequested(double seconds);

private:
    void fillPickers();
    void render();
    void renderView(HeatmapView& view, const QString& suffix) const;

    HeatmapView* m_upper;
    HeatmapView* m_lower;
    WaveformView* m_waveform;
    QComboBox* m_upperPicker;
    QComboBox* m_lowerPicker;
    QLabel* m_title;
    std::shared_ptr<const PreviewResult> m_result;
    ColourSettings m_colours;
    QString m_heading;
};

} // namespace cepstra::ui
