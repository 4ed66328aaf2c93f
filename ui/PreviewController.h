// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/dsp/Trim.h"
#include "core/features/FeatureConfig.h"
#include "core/util/FeatureMatrix.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <mutex>
#include <optional>

namespace cepstra::ui {

/// One clip's preview: the same core functions as the batch (FeatureExtractor, powerToDb,
/// buildOutputs), so what is shown is what gets written.
struct PreviewResult {
    QString path;
    FeatureConfig config;
    std::shared_ptr<const LoadedAudio> audio; ///< the whole loaded clip, before trimming
    std::optional<SampleRange> trimRange;
    FeatureMatrix melDb; ///< power_to_db(mel spectrogram), dB
    FeatureMatrix mfcc;
    FeatureMatrix melScaled, mfccScaled; ///< with the first configured scaler, if any
    QString scalerName;                  ///< e.g. "standard (frame)"; empty without scalers
    double computeMilliseconds = 0.0;
    QString error; ///< set when the clip cannot be previewed
};

/// Recomputes the preview whenever the clip or the config changes. Work runs on Qt's thread
/// pool; changes arriving within a few milliseconds are coalesced and results of superseded
/// requests are dropped. Decoded audio is cached per clip and sample rate, so tuning a
/// parameter does not decode again. Lives on the UI thread.
class PreviewController : public QObject {
    Q_OBJECT

public:
    explicit PreviewController(QObject* parent = nullptr);
    ~PreviewController() override;

    /// The clip to preview, as the bytes of its path (any name a file system allows).
    void setClip(const QByteArray& path);
    /// Ignored while `config` is invalid (the form shows why); the last valid preview stays.
    void setConfig(const FeatureConfig& config);
    const QByteArray& clip() const { return m_clip; }

signals:
    void previewReady(std::shared_ptr<const cepstra::ui::PreviewResult> result);
    void previewFailed(const QString& path, const QString& message);
    void busyChanged(bool busy);

private:
    void schedule();
    void start();
    void finished();

    QByteArray m_clip;
    FeatureConfig m_config;
    QTimer m_debounce;
    quint64 m_generation = 0;
    QFutureWatcher<std::shared_ptr<const PreviewResult>> m_watcher;
    quint64 m_runningGeneration = 0;
    bool m_pending = false;

    struct AudioCache {
        std::mutex mutex;
        QByteArray path;
        int sampleRateHz = 0;
        std::shared_ptr<const LoadedAudio> audio;
    };
    std::shared_ptr<AudioCache> m_cache = std::make_shared<AudioCache>();
};

} // namespace cepstra::ui
