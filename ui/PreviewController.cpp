// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/PreviewController.h"

#include "ui/PathText.h"

#include "core/dsp/Cepstrum.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace cepstra::ui {
namespace {

constexpr int kDebounceMs = 15;

} // namespace

PreviewController::PreviewController(QObject* parent)
    : QObject(parent) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewController::start);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const PreviewResult>>::finished, this,
            &PreviewController::finished);
}

PreviewController::~PreviewController() {
    m_watcher.waitForFinished();
}

void PreviewController::setClip(const QByteArray& path) {
    m_clip = path;
    schedule();
}

void PreviewController::setConfig(const FeatureConfig& config) {
    if (!validate(config).empty() || config == m_config)
        return;
    m_config = config;
    schedule();
}

void PreviewController::schedule() {
    if (m_clip.isEmpty())
        return;
    ++m_generation;
    m_debounce.start();
}

void PreviewController::start() {
    if (m_watcher.isRunning()) {
        m_pending = true; // start again when the current one ends; its result will be stale
        return;
    }
    m_pending = false;
    m_runningGeneration = m_generation;
    emit busyChanged(true);
    const QByteArray path = m_clip;
    FeatureConfig config = m_config;
    auto cache = m_cache;
    m_watcher.setFuture(
        QtConcurrent::run([path, config, cache]() -> std::shared_ptr<const PreviewResult> {
            QElapsedTimer timer;
            timer.start();
            auto result = std::make_shared<PreviewResult>();
            result->path = displayPath(path.toStdString());
            result->config = config;
            {
                std::lock_guard lock(cache->mutex);
                if (cache->path == path && cache->sampleRateHz == config.sampleRateHz)
                    result->audio = cache->audio;
            }
            if (!result->audio) {
                auto loaded = loadAudio(path.toStdString(), config.sampleRateHz);
                if (!loaded) {
                    result->error = displayPath(loaded.error().message);
                    return result;
                }
                result->audio = std::make_shared<const LoadedAudio>(std::move(loaded).value());
                std::lock_guard lock(cache->mutex);
                cache->path = path;
                cache->sampleRateHz = config.sampleRateHz;
                cache->audio = result->audio;
            }
            // The preview always shows mel and MFCC, whatever the run writes.
            FeatureConfig previewConfig = config;
            previewConfig.features = {Feature::MelSpectrogram, Feature::Mfcc};
            previewConfig.scalers.resize(std::min<std::size_t>(1, config.scalers.size()));
            const FeatureExtractor extractor(previewConfig);
            auto clip = extractor.extractSignal(result->audio->samples);
            if (!clip) {
                result->error = QString::fromStdString(clip.error().message);
                return result;
            }
            result->trimRange = clip->trimRange;
            result->melDb = powerToDb(*clip->find(Feature::MelSpectrogram));
            result->mfcc = *clip->find(Feature::Mfcc);
            if (!previewConfig.scalers.empty()) {
                const auto outputs = buildOutputs(*clip, previewConfig);
                result->melScaled = outputs[1].values; // mel, mel_<scaler>, mfcc, mfcc_<scaler>
                result->mfccScaled = outputs[3].values;
                result->scalerName =
                    QStringLiteral("%1 (%2)")
                        .arg(QString::fromUtf8(toString(previewConfig.scalers.front()).data()))
                        .arg(QString::fromUtf8(toString(previewConfig.scaleAxis).data()));
            }
            result->computeMilliseconds = double(timer.nsecsElapsed()) / 1e6;
            return result;
        }));
}

void PreviewController::finished() {
    const bool stale = m_runningGeneration != m_generation;
    const auto result = m_watcher.result();
    if (!stale && !result->error.isEmpty())
        emit previewFailed(result->path, result->error);
    else if (!stale)
        emit previewReady(result);
    if (m_pending || stale)
        start();
    else
        emit busyChanged(false);
}

} // namespace cepstra::ui
