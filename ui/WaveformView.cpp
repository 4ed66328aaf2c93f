// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/WaveformView.h"

#include <QPainter>

#include <algorithm>

namespace cepstra::ui {

WaveformView::WaveformView(QWidget* parent)
    : QWidget(parent) {
    setMinimumHeight(70);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(90);
}

void WaveformView::setSignal(const std::vector<float>& samples, int sampleRateHz,
                             long long keptStart, long long keptEnd) {
    const auto count = samples.size();
    m_minimum.assign(kBuckets, 0.0f);
    m_maximum.assign(kBuckets, 0.0f);
    for (std::size_t b = 0; b < std::size_t(kBuckets) && count > 0; ++b) {
        const std::size_t begin = b * count / kBuckets,
                          end = std::max(begin + 1, (b + 1) * count / kBuckets);
        const auto [low, high] = std::minmax_element(samples.begin() + long(begin),
                                                     samples.begin() + long(std::min(end, count)));
        m_minimum[b] = *low;
        m_maximum[b] = *high;
    }
    m_durationSeconds = sampleRateHz > 0 ? double(count) / sampleRateHz : 0.0;
    m_keptStart = count ? double(keptStart) / double(count) : 0.0;
    m_keptEnd = count ? double(keptEnd) / double(count) : 1.0;
    update();
}

void WaveformView::clear() {
    m_minimum.clear();
    m_maximum.clear();
    update();
}

void WaveformView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QRect plot(58, 4, std::max(10, width() - 58 - 70), height() - 8);
    painter.setPen(palette().mid().color());
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
    if (m_minimum.empty())
        return;
    // Trimmed-away parts are dimmed so the analysed region stands out.
    QColor dim = palette().text().color();
    dim.setAlpha(40);
    painter.fillRect(QRect(plot.left(), plot.top(), int(m_keptStart * plot.width()), plot.height()),
                     dim);
    const int keptRight = plot.left() + int(m_keptEnd * plot.width());
    painter.fillRect(QRect(keptRight, plot.top(), plot.right() - keptRight, plot.height()), dim);

    painter.setPen(palette().highlight().color());
    const double middle = plot.center().y();
    const double halfHeight = plot.height() / 2.0 - 1.0;
    for (int x = 0; x < plot.width(); ++x) {
        const auto bucket =
            std::size_t(std::min<long long>(kBuckets - 1, (long long)x * kBuckets / plot.width()));
        painter.drawLine(QPointF(plot.left() + x, middle - m_maximum[bucket] * halfHeight),
                         QPointF(plot.left() + x, middle - m_minimum[bucket] * halfHeight));
    }
    painter.setPen(palette().text().color());
    painter.drawText(QRect(plot.right() + 6, plot.top(), 64, plot.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(m_durationSeconds, 'f', 1) + " s");
}

} // namespace cepstra::ui
