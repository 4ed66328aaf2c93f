// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/TimelineWidget.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace cepstra::ui {
namespace {
constexpr int kDragThresholdPixels = 3;
constexpr double kZoomPerNotch = 0.8; // one wheel notch in: 80% of the span
} // namespace

TimelineWidget::TimelineWidget(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
}

void TimelineWidget::setViewport(TimeViewport* viewport) {
    if (m_viewport)
        disconnect(m_viewport, nullptr, this, nullptr);
    m_viewport = viewport;
    if (!viewport)
        return;
    const auto repaint = [this] { update(); };
    connect(viewport, &TimeViewport::rangeChanged, this, repaint);
    connect(viewport, &TimeViewport::playheadChanged, this, repaint);
    connect(viewport, &TimeViewport::hoverChanged, this, repaint);
}

void TimelineWidget::setTimeShift(double seconds) {
    m_timeShift = seconds;
    update();
}

double TimelineWidget::xForSeconds(double seconds) const {
    const QRect plot = plotRect();
    if (!m_viewport || m_viewport->span() <= 0.0)
        return plot.left();
    return plot.left() +
           (seconds + m_timeShift - m_viewport->start()) / m_viewport->span() * plot.width();
}

double TimelineWidget::secondsForX(double x) const {
    const QRect plot = plotRect();
    if (!m_viewport || plot.width() <= 0)
        return 0.0;
    return m_viewport->start() - m_timeShift +
           (x - plot.left()) / plot.width() * m_viewport->span();
}

double TimelineWidget::visibleStart() const {
    return m_viewport ? m_viewport->start() - m_timeShift : 0.0;
}

double TimelineWidget::visibleEnd() const {
    return m_viewport ? m_viewport->end() - m_timeShift : 0.0;
}

void TimelineWidget::drawTimeMarkers(QPainter& painter, const QRect& plot) const {
    if (!m_viewport)
        return;
    painter.save();
    painter.setClipRect(plot);
    if (m_viewport->hover() >= 0.0) {
        QPen pen(palette().text().color(), 1, Qt::DotLine);
        painter.setPen(pen);
        const double x = xForSeconds(m_viewport->hover() - m_timeShift);
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    if (m_viewport->playhead() >= 0.0) {
        painter.setPen(QPen(QColor(255, 140, 0), 2));
        const double x = xForSeconds(m_viewport->playhead() - m_timeShift);
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter.restore();
}

void TimelineWidget::wheelEvent(QWheelEvent* event) {
    if (!m_viewport || m_viewport->duration() <= 0.0)
        return;
    const QPoint delta = event->angleDelta();
    const double notches = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    if (event->modifiers() & Qt::ControlModifier)
        m_viewport->zoom(std::pow(kZoomPerNotch, notches),
                         secondsForX(event->position().x()) + m_timeShift);
    else
        m_viewport->pan(-notches * 0.1 * m_viewport->span());
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !plotRect().contains(event->position().toPoint()))
        return QWidget::mousePressEvent(event);
    m_dragStartX = event->position().x();
    m_dragStartSeconds = m_viewport ? m_viewport->start() : 0.0;
    m_dragged = false;
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
    const QPointF position = event->position();
    if (m_dragStartX >= 0.0 && m_viewport) {
        if (std::abs(position.x() - m_dragStartX) > kDragThresholdPixels)
            m_dragged = true;
        if (m_dragged) {
            const double secondsPerPixel = m_viewport->span() / std::max(1, plotRect().width());
            const double start =
                m_dragStartSeconds - (position.x() - m_dragStartX) * secondsPerPixel;
            m_viewport->setRange(start, start + m_viewport->span());
        }
    }
    const bool inside = plotRect().contains(position.toPoint());
    const double seconds = inside ? secondsForX(position.x()) : -1.0;
    if (m_viewport)
        m_viewport->setHover(inside ? seconds + m_timeShift : -1.0);
    hoverMoved(seconds, position);
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && m_dragStartX >= 0.0 && !m_dragged && m_viewport)
        m_viewport->setPlayhead(std::clamp(secondsForX(event->position().x()) + m_timeShift, 0.0,
                                           m_viewport->duration()));
    m_dragStartX = -1.0;
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && plotRect().contains(event->position().toPoint()) &&
        m_viewport)
        emit playRequested(std::clamp(secondsForX(event->position().x()) + m_timeShift, 0.0,
                                      m_viewport->duration()));
}

void TimelineWidget::leaveEvent(QEvent*) {
    if (m_viewport)
        m_viewport->setHover(-1.0);
    hoverMoved(-1.0, {});
}

} // namespace cepstra::ui
