// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/TimeViewport.h"

#include <algorithm>

namespace cepstra::ui {

void TimeViewport::setDuration(double seconds) {
    m_duration = std::max(0.0, seconds);
    m_playhead = -1.0;
    m_hover = -1.0;
    fit();
    emit playheadChanged();
    emit hoverChanged();
}

void TimeViewport::setRange(double start, double end) {
    const double limit = std::max(m_duration, kMinimumSpanSeconds);
    double span = std::clamp(end - start, kMinimumSpanSeconds, limit);
    start = std::clamp(start, 0.0, limit - span);
    if (start == m_start && start + span == m_end)
        return;
    m_start = start;
    m_end = start + span;
    emit rangeChanged();
}

void TimeViewport::zoom(double factor, double anchorSeconds) {
    const double fraction = span() > 0.0 ? (anchorSeconds - m_start) / span() : 0.5;
    const double newSpan = span() * factor;
    const double newStart = anchorSeconds - fraction * newSpan;
    setRange(newStart, newStart + newSpan);
}

void TimeViewport::pan(double deltaSeconds) {
    setRange(m_start + deltaSeconds, m_end + deltaSeconds);
}

void TimeViewport::fit() {
    setRange(0.0, std::max(m_duration, kMinimumSpanSeconds));
}

void TimeViewport::setPlayhead(double seconds) {
    if (seconds == m_playhead)
        return;
    m_playhead = seconds;
    emit playheadChanged();
}

void TimeViewport::setHover(double seconds) {
    if (seconds == m_hover)
        return;
    m_hover = seconds;
    emit hoverChanged();
}

} // namespace cepstra::ui
