// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "core/dataset/DemoDataset.h"
#include "tests/support/SyntheticAudio.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/window/MainWindow.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

namespace cepstra::test {

/// What the app's own event loop does between two user actions: closed dialogs are deleted.
/// A test's nested loops leave them hidden, and a hidden window-modal one still takes the
/// window's activation on the offscreen platform.
inline void settleEvents() {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
}

/// Shows the window and waits until it is active, so that typing and shortcuts reach it.
inline bool activate(QWidget& window) {
    settleEvents();
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

/// The visible message box of `window` that has a button named `buttonName`, once it shows.
inline QMessageBox* visibleQuestion(QWidget& window, const char* buttonName) {
    QMessageBox* shown = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        for (QMessageBox* box : window.findChildren<QMessageBox*>())
            if (box->isVisible() && box->findChild<QPushButton*>(buttonName))
                shown = box; // one closed a moment ago may linger, hidden, until deleted
        return shown != nullptr;
    });
    return appeared ? shown : nullptr;
}

/// Drags `path` over `target` and drops it; false when the window refused the drag.
inline bool dropOn(QWidget& target, const QString& path) {
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &drop);
    return true;
}

/// Where a test saves a picture of the app: $CEPSTRA_SCREENSHOT_DIR (`make screenshot`), else
/// beside the test.
inline QString screenshotPath(const QString& name) {
    const QString folder = qEnvironmentVariableIsSet("CEPSTRA_SCREENSHOT_DIR")
                               ? qEnvironmentVariable("CEPSTRA_SCREENSHOT_DIR")
                               : QCoreApplication::applicationDirPath();
    QDir().mkpath(folder);
    return QDir(folder).filePath(name + ".png");
}

/// Opens a dataset folder in the window and waits until its scan has filled the tree.
inline bool openDatasetAndWait(ui::MainWindow& window, const QString& folder) {
    QSignalSpy scanned(&window.datasetPanel(), &ui::DatasetPanel::scanFinished);
    window.openPath(folder);
    return scanned.wait(20000);
}

/// Presses Run and waits for the runner to finish; nothing if it did not start or finish.
inline std::optional<RunSummary> runAndWait(ui::MainWindow& window) {
    QSignalSpy finished(&window.runController(), &ui::RunController::runFinished);
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

/// A dataset with long names, as real ones have: orchestral/orchestral.00000.wav... in four
/// labels of `clips` clips, `seconds` long, at 22050 Hz.
inline bool writeLongNamedDataset(const QString& root, int clips, double seconds) {
    const std::pair<DemoStyle, const char*> labels[] = {{DemoStyle::Tones, "orchestral"},
                                                        {DemoStyle::Chords, "electronic"},
                                                        {DemoStyle::Drums, "percussion"},
                                                        {DemoStyle::Noise, "field-recordings"}};
    for (const auto& [style, label] : labels)
        for (int clip = 0; clip < clips; ++clip)
            if (!writeAudioFile(
                    QString("%1/%2/%2.%3.wav").arg(root, label).arg(clip, 5, 10, QLatin1Char('0')),
                    synthesizeDemoClip(style, clip, seconds, 22050), 22050))
                return false;
    return true;
}

/// Counts the .npy files under `root`.
inline int countNpyFiles(const QString& root) {
    int count = 0;
    QDirIterator files(root, {"*.npy"}, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        files.next();
        ++count;
    }
    return count;
}

/// Types `text` into a line edit as a person does, replacing what is there, then Enter.
inline void typeAndEnter(QLineEdit& field, const QString& text) {
    QTest::mouseClick(&field, Qt::LeftButton);
    field.setFocus(Qt::MouseFocusReason);
    QTest::keyClick(&field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(&field, text);
    QTest::keyClick(&field, Qt::Key_Return);
}

/// Presses a key chord on the window, as the keyboard would deliver it.
inline void pressKeys(QWidget& widget, Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
    QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &widget;
    QTest::keyClick(target, key, modifiers);
}

} // namespace cepstra::test
