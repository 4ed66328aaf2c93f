// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QAction;

namespace cepstra::ui {

class FolderOpener;
class MainWindow;
class RunSession;

/// The window's menus (File, Edit, Run, View, Help) and its tool bar, each action with its
/// shortcut, calling the window, the run session and the opener. Returns View > Dark theme,
/// which the settings remember.
QAction* createMenus(MainWindow& window, RunSession& run, FolderOpener& opener);

} // namespace cepstra::ui
