// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QAction;
class QSplitter;

namespace cepstra::ui {

class MainWindow;

/// What the window remembers between starts (QSettings): geometry, tool bars, the splitter,
/// the theme, the parameters, the open dataset and the output chosen for each dataset.
/// The first start gets a size that shows the three panes within the screen.
void restoreWindowSettings(MainWindow& window, QSplitter& splitter, QAction& darkTheme);
void saveWindowSettings(MainWindow& window, const QSplitter& splitter, const QAction& darkTheme);

} // namespace cepstra::ui
