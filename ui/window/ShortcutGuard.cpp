// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/ShortcutGuard.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace cepstra::ui {
namespace {

bool isFieldEditingKey(QKeyEvent& key) {
    for (QKeySequence::StandardKey editing :
         {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste, QKeySequence::SelectAll,
          QKeySequence::Undo, QKeySequence::Redo})
        if (key.matches(editing))
            return true;
    return false;
}

} // namespace

ShortcutGuard::ShortcutGuard(QWidget& window)
    : QObject(&window)
    , m_window(window) {
    qApp->installEventFilter(this);
}

ShortcutGuard::~ShortcutGuard() {
    qApp->removeEventFilter(this);
}

bool ShortcutGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride || !watched->isWidgetType() ||
        static_cast<QWidget*>(watched)->window() != &m_window)
        return false;
    auto& key = static_cast<QKeyEvent&>(*event);
    if (!(key.modifiers() & (Qt::ControlModifier | Qt::AltModifier)) || isFieldEditingKey(key))
        return false; // plain typing, and the field's own editing keys, stay the field's
    const QKeySequence pressed(key.keyCombination());
    for (QAction* action : m_window.findChildren<QAction*>())
        if (action->isEnabled() && action->shortcuts().contains(pressed)) {
            event->ignore(); // unclaimed: the shortcut map gives the key to the action
            return true;
        }
    return false;
}

} // namespace cepstra::ui
