// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"
#include "ui/Colormaps.h"

#include <QImage>
#include <QString>
#include <QWidget>

namespace cepstra::ui {

/// What a heatmap shows and how to label it.
struct HeatmapData {
    FeatureMatrix values;         ///< (rows, frames); row 0 is drawn at the bottom
    double secondsPerFrame = 0.0; ///< hop / sr
    QString title;
    QString unit; ///< for the colour bar and hover text, e.g. "dB"
    Colormap colormap = Colormap::Magma;
    double low = 0.0, high = 1.0; ///< value range of the colour bar
    bool melAxis = false;         ///< rows are mel bands: label the axis in Hz on the mel scale
    double melLowHz = 0.0, melHighHz = 11025.0;
    bool htk = false;
    QString rowName = "band"; ///< "band" or "coefficient", for hover text
};

/// A spectrogram-style heatmap with time and frequency axes, a colour bar, and hover read-out.
/// UI thread only.
class HeatmapView : public QWidget {
    Q_OBJECT

public:
    explicit HeatmapView(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    void clear(const QString& message);
    int rowCount() const { return int(m_data.values.rows()); }
    const HeatmapData& data() const { return m_data; }

signals:
    /// "t = 1.23 s, 440 Hz (band 12): -23.4 dB" as the mouse moves; empty when it leaves.
    void hoverTextChanged(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QRect plotRect() const;
    double bandCenterHz(double row) const;
    void drawFrequencyAxis(QPainter& painter, const QRect& plot) const;
    void drawTimeAxis(QPainter& painter, const QRect& plot) const;
    void drawColorBar(QPainter& painter, const QRect& plot) const;

    HeatmapData m_data;
    QImage m_image;
    QString m_message;
};

} // namespace cepstra::ui
