// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/health/HealthController.h"

#include <QObject>

#include <memory>

class QStatusBar;
class QTabWidget;

namespace cepstra::ui {

class HealthPanel;

/// The Health tab as the window drives it: starts a check of the open dataset (Ctrl+H, the
/// tab's button, or by itself when a dataset checked before opens, from its cache), shows it,
/// keeps the user's decisions with their dataset, and saves the report and the list of clips
/// to leave out. UI thread only.
class HealthSession : public QObject {
    Q_OBJECT

public:
    /// `window` parents the file dialogs; `tabs` is where the Health tab is shown.
    HealthSession(QWidget& window, QStatusBar& statusBar, QTabWidget& tabs, HealthPanel& panel);

    HealthController& controller() { return m_controller; }
    /// Checks `inputFolder` and shows the Health tab. False without a dataset.
    bool startCheck(const QString& inputFolder);
    /// Another dataset is open: its decisions, and no report of the last one.
    void datasetChanged(const QString& inputFolder);
    /// The dataset's files are listed: check it if asked to, or show its last check again.
    void datasetListed(const QString& inputFolder);
    /// The last check of `inputFolder` without the findings the user ignored (null when it
    /// has none in this window), for the Export dialog.
    std::shared_ptr<const HealthReport> reviewedReport(const QString& inputFolder) const;

signals:
    void problem(const QString& title, const QString& message);

private:
    void connectController();
    void saveReport();
    void saveFlaggedList();

    QWidget& m_window;
    QStatusBar& m_statusBar;
    QTabWidget& m_tabs;
    HealthPanel& m_panel;
    HealthController m_controller;
    QString m_inputFolder;
};

} // namespace cepstra::ui
