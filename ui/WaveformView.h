// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

namespace cepstra::ui {

/// A clip's waveform as a min/max envelope, with the part trimming keeps highlighted.
/// UI thread only.
class WaveformView : public QWidget {
    Q_OBJECT

public:
    explicit WaveformView(QWidget* parent = nullptr);

    /// `kept` is [start, end) in samples; pass {0, samples.size()} when nothing is trimmed.
    void setSignal(const std::vector<float>& samples, int sampleRateHz, long long keptStart,
                   long long keptEnd);
    void clear();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    static constexpr int kBuckets = 2000;
    std::vector<float> m_minimum, m_maximum; // per bucket
    double m_durationSeconds = 0.0;
    double m_keptStart = 0.0, m_keptEnd = 1.0; // as fractions of the clip
};

} // namespace cepstra::ui
