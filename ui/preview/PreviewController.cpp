// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/preview/PreviewController.h"

#include "core/batch/DatasetStatisticsFile.h"
#include "core/batch/RunPlan.h"
#include "core/features/FeatureExtractor.h"
#include "ui/widgets/PathText.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

namespace cepstra::ui {
namespace {

constexpr int kClipDebounceMs = 15; // a new clip: start at once, coalescing a burst of clicks

/// Decoded audio for `path` at the config's rate, from the cache or decoded now.
Result<std::shared_ptr<const LoadedAudio>>
cachedAudio(const QByteArray& path, int sampleRateHz, const auto& cache,
            std::shared_ptr<const std::vector<float>>& samples) {
    {
        std::lock_guard lock(cache->mutex);
        if (cache->path == path && cache->sampleRateHz == sampleRateHz && cache->audio) {
            samples = cache->samples;
            return cache->audio;
        }
    }
    auto loaded = loadAudio(path.toStdString(), sampleRateHz);
    if (!loaded)
        return loaded.error();
    auto audio = std::make_shared<const LoadedAudio>(std::move(loaded).value());
    samples = std::shared_ptr<const std::vector<float>>(audio, &audio->samples);
    std::lock_guard lock(cache->mutex);
    cache->path = path;
    cache->sampleRateHz = sampleRateHz;
    cache->audio = audio;
    cache->samples = samples;
    return audio;
}

} // namespace

const NamedOutput* PreviewResult::find(const std::string& suffix) const {
    for (const NamedOutput& array : arrays)
        if (array.suffix == suffix)
            return &array;
    return nullptr;
}

PreviewController::PreviewController(QObject* parent)
    : QObject(parent) {
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewController::start);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const PreviewResult>>::finished, this,
            &PreviewController::finished);
}

PreviewController::~PreviewController() {
    m_watcher.waitForFinished();
}

void PreviewController::setClip(const QByteArray& path) {
    m_clip = path;
    schedule(kClipDebounceMs);
}

void PreviewController::setConfig(const FeatureConfig& config) {
    if (!validate(config).empty() || config == m_config)
        return;
    m_config = config;
    schedule(kConfigDebounceMs);
}

void PreviewController::setOutputFolder(const QString& folder) {
    if (folder == m_outputFolder)
        return;
    m_outputFolder = folder;
    if (m_config.scaleAxis == ScaleAxis::Dataset)
        schedule(kConfigDebounceMs);
}

void PreviewController::schedule(int delayMs) {
    if (m_clip.isEmpty())
        return;
    ++m_generation;
    m_debounce.start(delayMs);
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
    const FeatureConfig config = m_config;
    const std::string output = QFile::encodeName(m_outputFolder).toStdString();
    auto cache = m_cache;
    m_watcher.setFuture(QtConcurrent::run([path, config, output, cache] {
        QElapsedTimer timer;
        timer.start();
        auto result = std::make_shared<PreviewResult>();
        result->path = displayPath(path.toStdString());
        result->config = config;
        auto audio = cachedAudio(path, config.sampleRateHz, cache, result->samples);
        if (!audio) {
            result->error = displayPath(audio.error().message);
            return std::shared_ptr<const PreviewResult>(result);
        }
        result->audio = *audio;
        const FeatureExtractor extractor(config);
        auto clip = extractor.extractSignal((*audio)->samples);
        if (!clip) {
            result->error = displayPath(clip.error().message);
            return std::shared_ptr<const PreviewResult>(result);
        }
        result->trimRange = clip->trimRange;
        // Dataset scaling uses the run's own fit when OUTPUT holds one for this config.
        std::optional<DatasetStatistics> fit;
        if (config.scaleAxis == ScaleAxis::Dataset && !config.scalers.empty()) {
            auto stored = readDatasetStatistics(output, configHashOf(config));
            if (stored && *stored)
                fit = std::move(**stored);
            result->scalingNote =
                fit ? QObject::tr("scaled with the dataset fit in the output folder")
                    : QObject::tr("no dataset fit for these parameters yet: the scaled arrays "
                                  "use this clip alone until a run fits the dataset");
        }
        result->arrays = buildOutputs(*clip, config, fit ? &*fit : nullptr);
        result->computeMilliseconds = double(timer.nsecsElapsed()) / 1e6;
        return std::shared_ptr<const PreviewResult>(result);
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
