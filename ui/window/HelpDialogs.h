// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QMainWindow;
class QWidget;

namespace cepstra::ui {

/// Help > Keyboard shortcuts: every menu action's shortcut, read from the menus themselves,
/// and the preview's own keys. Window-modal, not blocking.
void showShortcuts(QMainWindow& window);

/// Help > About Cepstra.
void showAbout(QWidget* parent);

} // namespace cepstra::ui
