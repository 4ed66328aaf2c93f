// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"
#include "ui/widgets/Colormaps.h"
#include "ui/widgets/TimelineWidget.h"

#include <QImage>
#include <QString>

namespace cepstra::ui {

/// What a heatmap shows and how to label it. Times are the file's own seconds.
struct HeatmapData {
    FeatureMatrix values;         ///< (rows, frames); row 0 is drawn at the bottom
    double firstFrameSeconds = 0; ///< where frame 0 is centred in the file (the trim start)
    double secondsPerFrame = 0.0; ///< hop / sr
    double keptStartSeconds = 0;  ///< the analysed part of the file; the rest is shaded
    double keptEndSeconds = 0;
    QString title;
    QString unit; ///< for the colour bar and hover text, e.g. "dB"
    Colormap colormap = Colormap::Magma;
    double low = 0.0, high = 1.0; ///< value range of the colour bar
    /// The values are power: colours follow 10 log10(value), low and high are in dB, and the
    /// hover shows both.
    bool powerInDecibels = false;
    bool melAxis = false; ///< rows are mel bands: label the axis in Hz on the mel scale
    double melLowHz = 0.0, melHighHz = 11025.0;
    bool htk = false;
    QString rowName = "band"; ///< "band" or "coefficient", for hover text
};

/// A spectrogram-style heatmap on the shared time axis, with a frequency axis, a colour bar,
/// the trimmed parts shaded, a crosshair and a hover read-out. UI thread only.
class HeatmapView : public TimelineWidget {
    Q_OBJECT

public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    /// Colours the same values over another range (low, high in the data's units): A and B
    /// on one scale.
    void setColourRange(double low, double high);
    void clear(const QString& message);
    int rowCount() const { return int(m_data.values.rows()); }
    const HeatmapData& data() const { return m_data; }
    /// The frames visible in the viewport, [first, last].
    std::pair<long long, long long> visibleFrames() const;

signals:
    /// "t = 1.23 s, 440 Hz (band 12): -23.4 dB" as the mouse moves; empty when it leaves.
    void hoverTextChanged(const QString& text);

protected:
    QRect plotRect() const override;
    void paintEvent(QPaintEvent* event) override;
    void hoverMoved(double seconds, QPointF position) override;

private:
    double bandCenterHz(double row) const;
    double colourPosition(float value) const;
    void drawFrequencyAxis(QPainter& painter, const QRect& plot) const;
    void drawTimeAxis(QPainter& painter, const QRect& plot) const;
    void drawColorBar(QPainter& painter, const QRect& plot) const;
    void drawTrimShading(QPainter& painter, const QRect& plot) const;

    HeatmapData m_data;
    QImage m_image;
    QString m_message;
    double m_hoverRow = -1.0;
};

} // namespace cepstra::ui
