// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/dsp/Trim.h"
#include "core/features/FeatureConfig.h"
#include "core/features/FeatureOutputs.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>
#include <optional>

namespace cepstra::ui {

/// One clip's preview: the arrays a run writes for it, computed by the same core functions
/// (FeatureExtractor, buildOutputs), so what is shown is what gets written.
struct PreviewResult {
    QString path; ///< for display
    FeatureConfig config;
    std::shared_ptr<const LoadedAudio> audio;          ///< the whole clip, before trimming
    std::shared_ptr<const std::vector<float>> samples; ///< audio->samples, shared with views
    std::optional<SampleRange> trimRange;              ///< what trimming kept, in samples
    std::vector<NamedOutput> arrays;                   ///< in the run's write order
    QString scalingNote; ///< how scale_axis "dataset" arrays were fitted, if any
    double computeMilliseconds = 0.0;
    QString error; ///< set when the clip cannot be previewed

    const NamedOutput* find(const std::string& suffix) const;
};

/// Recomputes the preview whenever the clip or the config changes: about 150 ms after the
/// last keystroke, so typing does not queue work. Work runs on Qt's thread pool; results of
/// superseded requests are dropped. Decoded audio is cached per clip and sample rate, so
/// tuning a parameter does not decode again. Lives on the UI thread.
class PreviewController : public QObject {
    Q_OBJECT

public:
    static constexpr int kConfigDebounceMs = 150;

    explicit PreviewController(QObject* parent = nullptr);
    ~PreviewController() override;

    /// The clip to preview, as the bytes of its path (any name a file system allows).
    void setClip(const QByteArray& path);
    /// Ignored while `config` is invalid (the form shows why); the last valid preview stays.
    void setConfig(const FeatureConfig& config);
    /// Where a run writes: with scale_axis "dataset", its fitted statistics scale the preview.
    void setOutputFolder(const QString& folder);
    const QByteArray& clip() const { return m_clip; }
    /// A preview is waiting for its debounce, computing, or queued behind one.
    bool isBusy() const { return m_debounce.isActive() || m_watcher.isRunning() || m_pending; }

signals:
    void previewReady(std::shared_ptr<const cepstra::ui::PreviewResult> result);
    void previewFailed(const QString& path, const QString& message);
    void busyChanged(bool busy);

private:
    void schedule(int delayMs);
    void start();
    void finished();

    QByteArray m_clip;
    FeatureConfig m_config;
    QString m_outputFolder;
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
        std::shared_ptr<const std::vector<float>> samples;
    };
    std::shared_ptr<AudioCache> m_cache = std::make_shared<AudioCache>();
};

} // namespace cepstra::ui

Q_DECLARE_METATYPE(std::shared_ptr<const cepstra::ui::PreviewResult>)
