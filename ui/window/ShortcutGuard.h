// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWidget;

namespace cepstra::ui {

/// Lets the window's menu shortcuts work from every widget. A text field or spin box claims
/// some Ctrl keys for its own editing (on X11, Ctrl+E moves to the end of the line and Ctrl+H
/// deletes a character), so Ctrl+E would never export while a parameter has focus. For a key
/// that an enabled action of the window has as its shortcut, this filter refuses the editor's
/// claim, and the action runs. The editing keys a person expects in a field (copy, cut, paste,
/// select all, undo, redo) stay the field's. UI thread only.
class ShortcutGuard : public QObject {
    Q_OBJECT

public:
    /// Guards the editors inside `window`; installs itself on the application.
    explicit ShortcutGuard(QWidget& window);
    ~ShortcutGuard() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget& m_window;
};

} // namespace cepstra::ui
