// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace cepstra::ui {

/// The time axis every preview view shares, in the file's own seconds (trimming does not move
/// it): the visible range, the playhead and the time under the mouse. Zooming or panning any
/// view changes it for all of them, so they stay linked. UI thread only.
class TimeViewport : public QObject {
    Q_OBJECT

public:
    static constexpr double kMinimumSpanSeconds = 0.05;

    explicit TimeViewport(QObject* parent = nullptr)
        : QObject(parent) {}

    /// A new clip: the whole of it becomes visible.
    void setDuration(double seconds);
    double duration() const { return m_duration; }
    double start() const { return m_start; }
    double end() const { return m_end; }
    double span() const { return m_end - m_start; }
    bool isFitted() const { return m_start <= 0.0 && m_end >= m_duration; }

    /// Shows [start, end), kept inside the clip and at least kMinimumSpanSeconds wide.
    void setRange(double start, double end);
    /// factor < 1 zooms in, keeping `anchorSeconds` where it is on screen.
    void zoom(double factor, double anchorSeconds);
    void pan(double deltaSeconds);
    void fit();

    /// Negative when there is none.
    double playhead() const { return m_playhead; }
    void setPlayhead(double seconds);
    double hover() const { return m_hover; }
    void setHover(double seconds);

signals:
    void rangeChanged();
    void playheadChanged();
    void hoverChanged();

private:
    double m_duration = 0.0;
    double m_start = 0.0;
    double m_end = 0.0;
    double m_playhead = -1.0;
    double m_hover = -1.0;
};

} // namespace cepstra::ui
