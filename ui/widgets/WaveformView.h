// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/widgets/TimelineWidget.h"

#include <memory>
#include <vector>

namespace cepstra::ui {

/// A clip's waveform on the shared time axis: a min/max envelope of the visible samples, the
/// trimmed-away parts dimmed, the playhead and the crosshair. UI thread only.
class WaveformView : public TimelineWidget {
    Q_OBJECT

public:
    explicit WaveformView(QWidget* parent = nullptr);

    /// `keptStart` and `keptEnd` are samples ([start, end) that trimming keeps).
    void setSignal(std::shared_ptr<const std::vector<float>> samples, int sampleRateHz,
                   long long keptStart, long long keptEnd);
    void clear();

protected:
    QRect plotRect() const override;
    void paintEvent(QPaintEvent* event) override;

private:
    std::shared_ptr<const std::vector<float>> m_samples;
    int m_sampleRateHz = 0;
    double m_keptStartSeconds = 0.0, m_keptEndSeconds = 0.0;
};

} // namespace cepstra::ui
