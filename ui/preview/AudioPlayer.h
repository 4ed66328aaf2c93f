// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QBuffer>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QAudioSink;

namespace cepstra::ui {

/// Plays a clip's loaded (mono, resampled) samples through Qt Multimedia. Without an audio
/// output device, or with CEPSTRA_AUDIO=null in the environment, it plays on a silent clock:
/// the position still advances in real time, so the cursor moves and tests can run headless.
/// UI thread only.
class AudioPlayer : public QObject {
    Q_OBJECT

public:
    explicit AudioPlayer(QObject* parent = nullptr);
    ~AudioPlayer() override;

    /// A new clip; stops playback.
    void setSamples(std::shared_ptr<const std::vector<float>> samples, int sampleRateHz);
    bool hasSamples() const { return m_samples && !m_samples->empty(); }
    bool isPlaying() const { return m_playing; }
    /// True when there is no device and playback is silent.
    bool isSilent() const { return m_silent; }
    double durationSeconds() const;

    void play(double fromSeconds);
    void pause();
    /// Seconds into the clip, while playing or where it paused.
    double position() const;

signals:
    void positionChanged(double seconds); ///< about 30 times a second while playing
    void playingChanged(bool playing);

private:
    void tick();
    void stopAt(double seconds);

    std::shared_ptr<const std::vector<float>> m_samples;
    int m_sampleRateHz = 0;
    bool m_silent = true;
    bool m_playing = false;
    double m_startSeconds = 0.0;
    double m_pausedAt = 0.0;
    QByteArray m_pcm;
    QBuffer m_buffer;
    std::unique_ptr<QAudioSink> m_sink;
    QElapsedTimer m_clock;
    QTimer m_ticker;
};

} // namespace cepstra::ui
