// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/TimeViewport.h"

#include <QPointer>
#include <QWidget>

class QPainter;

namespace cepstra::ui {

/// A view drawn against a shared TimeViewport: maps file seconds to x, and turns the mouse
/// into the viewport's gestures. Wheel pans, Ctrl+wheel zooms around the mouse, dragging
/// pans, a click puts the playhead there, a double click also asks to play from there.
/// Subclasses say where their plot is and draw the playhead and hover lines with
/// drawTimeMarkers(). UI thread only.
class TimelineWidget : public QWidget {
    Q_OBJECT

public:
    explicit TimelineWidget(QWidget* parent = nullptr);
    void setViewport(TimeViewport* viewport);
    TimeViewport* viewport() const { return m_viewport; }
    /// Draws this view's clip `shift` seconds later on the shared axis, so that two clips
    /// holding the same audio at different times line up (a duplicate pair). The view's own
    /// time axis labels and hover readout stay in its clip's seconds.
    void setTimeShift(double seconds);
    double timeShift() const { return m_timeShift; }

signals:
    /// A double click: play from `seconds`.
    void playRequested(double seconds);

protected:
    virtual QRect plotRect() const = 0;
    /// In this view's clip seconds.
    double xForSeconds(double seconds) const;
    double secondsForX(double x) const;
    double visibleStart() const;
    double visibleEnd() const;
    /// The playhead (solid) and the hover crosshair (dotted) across the plot.
    void drawTimeMarkers(QPainter& painter, const QRect& plot) const;
    /// Called with the time under the mouse, or a negative time when it leaves the plot.
    virtual void hoverMoved(double /*seconds*/, QPointF /*position*/) {}

    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QPointer<TimeViewport> m_viewport;
    double m_timeShift = 0.0;
    double m_dragStartX = -1.0;
    double m_dragStartSeconds = 0.0;
    bool m_dragged = false;
};

} // namespace cepstra::ui
