// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/WindowSettings.h"

#include "core/features/FeatureConfig.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/window/MainWindow.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QFileInfo>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace cepstra::ui {

void restoreWindowSettings(MainWindow& window, QSplitter& splitter, QAction& darkTheme) {
    QSettings settings;
    if (!window.restoreGeometry(settings.value("window/geometry").toByteArray())) {
        const QSize available =
            window.screen() ? window.screen()->availableSize() : QSize(1600, 1000);
        window.resize(std::min(1440, available.width() * 9 / 10),
                      std::min(900, available.height() * 9 / 10));
    }
    window.restoreState(settings.value("window/state").toByteArray());
    splitter.restoreState(settings.value("window/splitter").toByteArray());
    darkTheme.setChecked(settings.value("view/dark", false).toBool());
    FeatureConfig config;
    if (applyConfigText(config, settings.value("parameters/config").toString().toStdString()).ok())
        window.parametersPanel().setConfig(config);
    // Each dataset's chosen output applies to that dataset alone.
    window.datasetPanel().setChosenOutputs(settings.value("dataset/chosenOutputs").toMap());
    const QString input = settings.value("dataset/input").toString();
    if (!input.isEmpty() && QFileInfo(input).isDir())
        window.datasetPanel().setInputFolder(input);
}

void saveWindowSettings(MainWindow& window, const QSplitter& splitter, const QAction& darkTheme) {
    QSettings settings;
    settings.setValue("window/geometry", window.saveGeometry());
    settings.setValue("window/state", window.saveState());
    settings.setValue("window/splitter", splitter.saveState());
    settings.setValue("view/dark", darkTheme.isChecked());
    settings.setValue("parameters/config",
                      QString::fromStdString(toJson(window.parametersPanel().config()).dump()));
    settings.setValue("dataset/input", window.datasetPanel().inputFolder());
    settings.setValue("dataset/chosenOutputs", window.datasetPanel().chosenOutputs());
}

} // namespace cepstra::ui
