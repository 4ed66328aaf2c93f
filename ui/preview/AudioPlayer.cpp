// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/preview/AudioPlayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>

#include <algorithm>

namespace cepstra::ui {

AudioPlayer::AudioPlayer(QObject* parent)
    : QObject(parent) {
    m_ticker.setInterval(33);
    connect(&m_ticker, &QTimer::timeout, this, &AudioPlayer::tick);
}

AudioPlayer::~AudioPlayer() {
    if (m_sink)
        m_sink->stop();
}

double AudioPlayer::durationSeconds() const {
    return hasSamples() && m_sampleRateHz > 0 ? double(m_samples->size()) / m_sampleRateHz : 0.0;
}

void AudioPlayer::setSamples(std::shared_ptr<const std::vector<float>> samples, int sampleRateHz) {
    pause();
    m_samples = std::move(samples);
    m_sampleRateHz = sampleRateHz;
    m_pausedAt = 0.0;
    m_sink.reset();
    m_buffer.close();
    m_pcm.clear();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    m_silent = qEnvironmentVariable("CEPSTRA_AUDIO") == "null" || device.isNull() || !hasSamples();
    if (m_silent)
        return;
    QAudioFormat format;
    format.setSampleRate(sampleRateHz);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Float);
    if (!device.isFormatSupported(format)) {
        m_silent = true;
        return;
    }
    m_pcm = QByteArray(reinterpret_cast<const char*>(m_samples->data()),
                       qsizetype(m_samples->size() * sizeof(float)));
    m_buffer.setData(m_pcm);
    m_sink = std::make_unique<QAudioSink>(device, format);
}

void AudioPlayer::play(double fromSeconds) {
    if (!hasSamples())
        return;
    fromSeconds = std::clamp(fromSeconds, 0.0, durationSeconds());
    if (fromSeconds >= durationSeconds())
        fromSeconds = 0.0;
    m_startSeconds = fromSeconds;
    if (m_sink) {
        m_sink->stop();
        m_buffer.close();
        m_buffer.open(QIODevice::ReadOnly);
        m_buffer.seek(qint64(fromSeconds * m_sampleRateHz) * qint64(sizeof(float)));
        m_sink->start(&m_buffer);
        if (m_sink->error() != QAudio::NoError) {
            m_sink.reset(); // the device went away: carry on silently
            m_silent = true;
        }
    }
    m_clock.start();
    m_playing = true;
    m_ticker.start();
    emit playingChanged(true);
    emit positionChanged(fromSeconds);
}

void AudioPlayer::pause() {
    if (!m_playing)
        return;
    stopAt(position());
}

void AudioPlayer::stopAt(double seconds) {
    if (m_sink)
        m_sink->stop();
    m_playing = false;
    m_ticker.stop();
    m_pausedAt = seconds;
    emit positionChanged(seconds);
    emit playingChanged(false);
}

double AudioPlayer::position() const {
    if (!m_playing)
        return m_pausedAt;
    const double elapsed =
        m_sink ? double(m_sink->processedUSecs()) / 1e6 : double(m_clock.nsecsElapsed()) / 1e9;
    return std::min(m_startSeconds + elapsed, durationSeconds());
}

void AudioPlayer::tick() {
    const double now = position();
    const bool finished =
        now >= durationSeconds() ||
        (m_sink && m_sink->state() == QAudio::IdleState && m_clock.elapsed() > 200);
    if (finished)
        return stopAt(durationSeconds());
    emit positionChanged(now);
}

} // namespace cepstra::ui
