// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/HeatmapView.h"

#include "core/dsp/MelFilterbank.h"

#include <QPainter>

#include <cmath>

namespace cepstra::ui {
namespace {

constexpr int kLeftMargin = 58;
constexpr int kBottomMargin = 34;
constexpr int kTopMargin = 22;
constexpr int kColorBarWidth = 14;
constexpr int kRightMargin = 70;

QString formatHz(double hz) {
    return hz >= 1000.0 ? QString::number(hz / 1000.0, 'g', 3) + " kHz"
                        : QString::number(std::round(hz)) + " Hz";
}

/// Axis labels: round numbers without a unit clutter ("125", "1k", "8k").
QString tickLabel(double hz) {
    return hz >= 1000.0 ? QString::number(hz / 1000.0, 'g', 3) + "k"
                        : QString::number(std::round(hz));
}

/// A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`.
double niceStep(double span, double count) {
    const double rough = span / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double factor : {1.0, 2.0, 5.0, 10.0})
        if (magnitude * factor >= rough)
            return magnitude * factor;
    return magnitude * 10.0;
}

} // namespace

HeatmapView::HeatmapView(QWidget* parent)
    : TimelineWidget(parent) {
    setMinimumSize(320, 150);
}

double HeatmapView::colourPosition(float value) const {
    const double span = m_data.high > m_data.low ? m_data.high - m_data.low : 1.0;
    double shown = value;
    if (m_data.powerInDecibels)
        shown = 10.0 * std::log10(std::max(double(value), 1e-10));
    return std::clamp((shown - m_data.low) / span, 0.0, 1.0);
}

void HeatmapView::setData(HeatmapData data) {
    m_data = std::move(data);
    m_message.clear();
    const auto rows = int(m_data.values.rows());
    const auto cols = int(m_data.values.cols());
    m_image = QImage(std::max(cols, 1), std::max(rows, 1), QImage::Format_RGB32);
    // A lookup table keeps this cheap on the UI thread even for long clips (millions of cells).
    const auto& table = colormapTable(m_data.colormap);
    for (int r = 0; r < rows; ++r) {
        auto* line =
            reinterpret_cast<QRgb*>(m_image.scanLine(rows - 1 - r)); // low rows at the bottom
        const float* values = m_data.values.row(r).data();
        for (int c = 0; c < cols; ++c)
            line[c] = table[std::size_t(colourPosition(values[c]) * 255.0 + 0.5)];
    }
    update();
}

void HeatmapView::setColourRange(double low, double high) {
    if (low == m_data.low && high == m_data.high)
        return;
    HeatmapData recoloured = m_data;
    recoloured.low = low;
    recoloured.high = high;
    setData(std::move(recoloured));
}

void HeatmapView::clear(const QString& message) {
    m_data = HeatmapData{};
    m_image = QImage();
    m_message = message;
    update();
}

QRect HeatmapView::plotRect() const {
    return QRect(kLeftMargin, kTopMargin, std::max(10, width() - kLeftMargin - kRightMargin),
                 std::max(10, height() - kTopMargin - kBottomMargin));
}

std::pair<long long, long long> HeatmapView::visibleFrames() const {
    if (!viewport() || m_data.secondsPerFrame <= 0.0 || m_data.values.cols() == 0)
        return {0, m_data.values.cols() - 1};
    auto frameAt = [&](double seconds) {
        return std::clamp<long long>(
            (long long)std::lround((seconds - m_data.firstFrameSeconds) / m_data.secondsPerFrame),
            0, m_data.values.cols() - 1);
    };
    return {frameAt(visibleStart()), frameAt(visibleEnd())};
}

double HeatmapView::bandCenterHz(double row) const {
    // Bands are evenly spaced in mel between fmin and fmax, with n_mels + 2 edge points.
    const double low = hzToMel(m_data.melLowHz, m_data.htk);
    const double high = hzToMel(m_data.melHighHz, m_data.htk);
    const double step = (high - low) / double(m_data.values.rows() + 1);
    return melToHz(low + (row + 1.0) * step, m_data.htk);
}

void HeatmapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().text().color());
    const QRect plot = plotRect();
    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    if (m_data.title.isEmpty()) {
        // A message (why there is nothing to show) wraps instead of being cut at the plot.
        painter.setFont(font());
        painter.drawText(rect().adjusted(8, 4, -8, -4),
                         Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_message);
        return;
    }
    painter.drawText(QRect(plot.left(), 2, plot.width(), kTopMargin - 4),
                     Qt::AlignLeft | Qt::AlignVCenter, m_data.title);
    painter.setFont(font());
    if (m_image.isNull() || m_data.values.size() == 0)
        return;
    // Frame t is centred at firstFrameSeconds + t * secondsPerFrame: place the image's column
    // edges half a frame either side.
    const double imageStart = m_data.firstFrameSeconds - m_data.secondsPerFrame / 2.0;
    const double imageEnd = imageStart + double(m_data.values.cols()) * m_data.secondsPerFrame;
    painter.save();
    painter.setClipRect(plot);
    painter.fillRect(plot, palette().window());
    const QRectF target(QPointF(xForSeconds(imageStart), plot.top()),
                        QPointF(xForSeconds(imageEnd), plot.bottom() + 1));
    painter.drawImage(target, m_image);
    drawTrimShading(painter, plot);
    if (m_hoverRow >= 0.0) {
        painter.setPen(QPen(palette().text().color(), 1, Qt::DotLine));
        const double y = plot.bottom() - (m_hoverRow + 0.5) / rowCount() * plot.height();
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    painter.restore();
    drawTimeMarkers(painter, plot);
    painter.setPen(palette().mid().color());
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
    drawFrequencyAxis(painter, plot);
    drawTimeAxis(painter, plot);
    drawColorBar(painter, plot);
}

void HeatmapView::drawTrimShading(QPainter& painter, const QRect& plot) const {
    QColor shade = palette().text().color();
    shade.setAlpha(60);
    const QBrush hatch(shade, Qt::BDiagPattern);
    const double keptLeft = xForSeconds(m_data.keptStartSeconds);
    const double keptRight = xForSeconds(m_data.keptEndSeconds);
    if (keptLeft > plot.left())
        painter.fillRect(QRectF(plot.left(), plot.top(), keptLeft - plot.left(), plot.height()),
                         hatch);
    if (keptRight < plot.right())
        painter.fillRect(QRectF(keptRight, plot.top(), plot.right() - keptRight, plot.height()),
                         hatch);
}

void HeatmapView::drawFrequencyAxis(QPainter& painter, const QRect& plot) const {
    painter.setPen(palette().text().color());
    const int rows = int(m_data.values.rows());
    auto yForRow = [&](double row) { return plot.bottom() - (row + 0.5) / rows * plot.height(); };
    painter.save();
    painter.translate(10, plot.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-60, -8, 120, 16), Qt::AlignCenter,
                     m_data.melAxis ? tr("Hz (mel scale)") : m_data.rowName);
    painter.restore();
    if (m_data.melAxis) {
        const double lowMel = hzToMel(m_data.melLowHz, m_data.htk),
                     highMel = hzToMel(m_data.melHighHz, m_data.htk);
        // From the top down, leaving out a tick whose label would overlap the one above: low
        // frequencies crowd together on the mel scale.
        int lastY = -fontMetrics().height();
        for (double hz : {16000.0, 8000.0, 4000.0, 2000.0, 1000.0, 500.0, 250.0, 125.0, 0.0}) {
            if (hz < m_data.melLowHz || hz > m_data.melHighHz)
                continue;
            const double fraction = (hzToMel(hz, m_data.htk) - lowMel) / (highMel - lowMel);
            const int y = int(plot.bottom() - fraction * plot.height());
            if (y - lastY < fontMetrics().height())
                continue;
            lastY = y;
            painter.drawLine(plot.left() - 4, y, plot.left(), y);
            painter.drawText(QRect(0, y - 8, plot.left() - 6, 16),
                             Qt::AlignRight | Qt::AlignVCenter, tickLabel(hz));
        }
        return;
    }
    const int step = std::max(1, rows / 6);
    for (int row = 0; row < rows; row += step) {
        const int y = int(yForRow(row));
        painter.drawLine(plot.left() - 4, y, plot.left(), y);
        painter.drawText(QRect(0, y - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                         QString::number(row));
    }
}

void HeatmapView::drawTimeAxis(QPainter& painter, const QRect& plot) const {
    if (!viewport() || viewport()->span() <= 0.0)
        return;
    const double step = niceStep(viewport()->span(), 6.0);
    painter.setPen(palette().text().color());
    for (double t = std::ceil(visibleStart() / step) * step; t <= visibleEnd() + 1e-9; t += step) {
        const int x = int(xForSeconds(t));
        painter.drawLine(x, plot.bottom(), x, plot.bottom() + 4);
        painter.drawText(QRect(x - 30, plot.bottom() + 5, 60, 14), Qt::AlignCenter,
                         QString::number(t, 'g', 5));
    }
    painter.drawText(QRect(plot.left(), plot.bottom() + 18, plot.width(), 14), Qt::AlignCenter,
                     tr("time in the file (s)"));
}

void HeatmapView::drawColorBar(QPainter& painter, const QRect& plot) const {
    const QRect bar(plot.right() + 10, plot.top(), kColorBarWidth, plot.height());
    for (int y = 0; y < bar.height(); ++y) {
        const double t = 1.0 - double(y) / std::max(1, bar.height() - 1);
        painter.setPen(QColor(colormapRgb(m_data.colormap, t)));
        painter.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    painter.setPen(palette().text().color());
    for (int i = 0; i <= 4; ++i) {
        const double value = m_data.high - (m_data.high - m_data.low) * i / 4.0;
        const int y = bar.top() + int(double(bar.height()) * i / 4.0);
        painter.drawText(QRect(bar.right() + 4, y - 8, kRightMargin - kColorBarWidth - 14, 16),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(value, 'f', std::abs(value) < 10 ? 2 : 0));
    }
    painter.drawText(QRect(bar.left() - 4, 2, kRightMargin, kTopMargin - 4),
                     Qt::AlignLeft | Qt::AlignVCenter, m_data.powerInDecibels ? "dB" : m_data.unit);
}

void HeatmapView::hoverMoved(double seconds, QPointF position) {
    const QRect plot = plotRect();
    if (seconds < 0.0 || m_data.values.size() == 0 || m_data.secondsPerFrame <= 0.0) {
        m_hoverRow = -1.0;
        emit hoverTextChanged(QString());
        update();
        return;
    }
    const long long frame =
        std::lround((seconds - m_data.firstFrameSeconds) / m_data.secondsPerFrame);
    const auto row = std::clamp<Eigen::Index>(
        Eigen::Index((plot.bottom() - position.y()) / plot.height() * double(rowCount())), 0,
        rowCount() - 1);
    m_hoverRow = double(row);
    update();
    QString where =
        m_data.melAxis
            ? QStringLiteral("%1 (band %2)").arg(formatHz(bandCenterHz(double(row)))).arg(row)
            : QStringLiteral("%1 %2").arg(m_data.rowName).arg(row);
    if (frame < 0 || frame >= m_data.values.cols()) {
        emit hoverTextChanged(tr("t = %1 s: trimmed away, not analysed").arg(seconds, 0, 'f', 3));
        return;
    }
    const double value = m_data.values(row, Eigen::Index(frame));
    QString reading =
        QString::number(value, 'g', 4) + (m_data.unit.isEmpty() ? "" : " " + m_data.unit);
    if (m_data.powerInDecibels)
        reading +=
            QStringLiteral(" (%1 dB)").arg(10.0 * std::log10(std::max(value, 1e-10)), 0, 'f', 1);
    emit hoverTextChanged(
        tr("t = %1 s (frame %2), %3: %4").arg(seconds, 0, 'f', 3).arg(frame).arg(where, reading));
}

} // namespace cepstra::ui
