// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "ui/DatasetPanel.h"
#include "ui/MainWindow.h"
#include "ui/ParametersPanel.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

namespace cepstra::test {

/// Opens a dataset folder in the window and waits until its scan has filled the tree.
inline bool openDatasetAndWait(ui::MainWindow& window, const QString& folder) {
    QSignalSpy scanned(&window.datasetPanel(), &ui::DatasetPanel::scanFinished);
    window.openPath(folder);
    return scanned.wait(20000);
}

/// Presses Run and waits for the runner to finish; nothing if it did not start or finish.
inline std::optional<RunSummary> runAndWait(ui::MainWindow& window) {
    QSignalSpy finished(&window.runController(), &ui::RunController::finished);
    if (!window.startRun() || !finished.wait(120000))
        return std::nullopt;
    return finished.last().at(0).value<RunSummary>();
}

/// The text field of a number parameter, as a person clicks into it.
inline QLineEdit* fieldOf(ui::MainWindow& window, const char* key) {
    auto* editor = window.parametersPanel().editorFor(key);
    return editor ? editor->findChild<QLineEdit*>() : nullptr;
}

/// Clicks into a parameter's field, selects what is there and types `text`, as a person does:
/// no Enter, no setter. Returns false when the key has no text field.
inline bool typeParameter(ui::MainWindow& window, const char* key, const QString& text) {
    QLineEdit* field = fieldOf(window, key);
    if (!field)
        return false;
    QWidget* scrolledTo = field->window();
    scrolledTo->activateWindow();
    QTest::mouseClick(field, Qt::LeftButton);
    field->setFocus(Qt::MouseFocusReason);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
    return field->text() == text;
}

/// Presses a key chord on the window, as the keyboard would deliver it.
inline void pressKeys(QWidget& widget, Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
    QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &widget;
    QTest::keyClick(target, key, modifiers);
}

} // namespace cepstra::test
