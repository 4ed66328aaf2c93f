// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportMemory.h"

#include <QDir>
#include <QSettings>

namespace cepstra::ui {
namespace {

constexpr const char* kSettingsKey = "export/byFeaturesFolder";

} // namespace

QVariantMap rememberedExport(const QString& featuresFolder) {
    return QSettings().value(kSettingsKey).toMap().value(QDir::cleanPath(featuresFolder)).toMap();
}

void rememberExport(const QString& featuresFolder, const QVariantMap& fields) {
    QSettings settings;
    QVariantMap all = settings.value(kSettingsKey).toMap();
    all.insert(QDir::cleanPath(featuresFolder), fields);
    settings.setValue(kSettingsKey, all);
}

} // namespace cepstra::ui
