// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/WaveformView.h"

#include <QPainter>

#include <algorithm>

namespace cepstra::ui {

WaveformView::WaveformView(QWidget* parent)
    : TimelineWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(90);
}

void WaveformView::setSignal(std::shared_ptr<const std::vector<float>> samples, int sampleRateHz,
                             long long keptStart, long long keptEnd) {
    m_samples = std::move(samples);
    m_sampleRateHz = sampleRateHz;
    m_keptStartSeconds = sampleRateHz > 0 ? double(keptStart) / sampleRateHz : 0.0;
    m_keptEndSeconds = sampleRateHz > 0 ? double(keptEnd) / sampleRateHz : 0.0;
    update();
}

void WaveformView::clear() {
    m_samples.reset();
    update();
}

QRect WaveformView::plotRect() const {
    return QRect(58, 4, std::max(10, width() - 58 - 70), height() - 8);
}

void WaveformView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QRect plot = plotRect();
    painter.setPen(palette().mid().color());
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
    if (!m_samples || m_samples->empty() || m_sampleRateHz <= 0 || !viewport())
        return;
    painter.save();
    painter.setClipRect(plot);
    // Trimmed-away parts are dimmed so the analysed region stands out.
    QColor dim = palette().text().color();
    dim.setAlpha(40);
    const double keptLeft = xForSeconds(m_keptStartSeconds),
                 keptRight = xForSeconds(m_keptEndSeconds);
    painter.fillRect(QRectF(plot.left(), plot.top(), keptLeft - plot.left(), plot.height()), dim);
    painter.fillRect(QRectF(keptRight, plot.top(), plot.right() - keptRight, plot.height()), dim);

    // One min/max pair per pixel column over the visible samples: cheap at any zoom.
    const auto& samples = *m_samples;
    const auto count = (long long)samples.size();
    painter.setPen(palette().highlight().color());
    const double middle = plot.center().y();
    const double halfHeight = plot.height() / 2.0 - 1.0;
    for (int x = 0; x < plot.width(); ++x) {
        const long long begin = std::clamp<long long>(
            (long long)(secondsForX(plot.left() + x) * m_sampleRateHz), 0, count);
        const long long end = std::clamp<long long>(
            (long long)(secondsForX(plot.left() + x + 1) * m_sampleRateHz) + 1, begin, count);
        if (begin >= end)
            continue;
        const auto [low, high] =
            std::minmax_element(samples.begin() + begin, samples.begin() + end);
        painter.drawLine(QPointF(plot.left() + x, middle - *high * halfHeight),
                         QPointF(plot.left() + x, middle - *low * halfHeight));
    }
    painter.restore();
    drawTimeMarkers(painter, plot);
    painter.setPen(palette().text().color());
    painter.drawText(QRect(plot.right() + 6, plot.top(), 64, plot.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(double(count) / m_sampleRateHz, 'f', 1) + " s");
}

} // namespace cepstra::ui
