// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defects 6, 9 and 10 and the window's gaps of 11: every menu shortcut works with
// a spin box or text field focused; Open output folder says where the folder is when no file
// manager opens it (a real xdg-open that finds no method); the status bar never stays on
// "Running" after a run that failed to start; Run looks disabled while running; Help lists
// the shortcuts and links the README; Quit during a run asks, and says the work is safe.
#include "core/Version.h"
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/export/ExportDialog.h"
#include "ui/health/HealthPanel.h"
#include "ui/run/ResultsPanel.h"

#include <QAction>
#include <QKeyEvent>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

/// An editor that claims Ctrl keys for itself, as QLineEdit and QSpinBox do with Ctrl+E
/// ("end of line") under the X11 key bindings. The offscreen platform uses Windows bindings,
/// where they claim none of the menu's keys; this brings the claim here.
class ClaimingCtrlKeys : public QObject {
public:
    bool eventFilter(QObject*, QEvent* event) override {
        auto* key = static_cast<QKeyEvent*>(event);
        if (event->type() != QEvent::ShortcutOverride ||
            !(key->modifiers() & Qt::ControlModifier) || key->matches(QKeySequence::Undo) ||
            key->matches(QKeySequence::Redo))
            return false; // undo and redo: the fields' own handling, as it is
        event->accept();
        return true;
    }
};

/// Puts an `xdg-open` first on PATH that does what the real one does without a desktop: says
/// "no method available" and exits 3. With `succeed`, it records its argument and exits 0.
class FakeOpener {
public:
    explicit FakeOpener(bool succeed) {
        const QString script = m_folder.filePath("xdg-open");
        QFile file(script);
        file.open(QIODevice::WriteOnly);
        file.write(
            succeed ? QByteArray("#!/bin/sh\nprintf '%s' \"$1\" > \"$(dirname \"$0\")/opened\"\n")
                    : QByteArray("#!/bin/sh\necho 'xdg-open: no method available for "
                                 "opening '\"'$1'\" >&2\nexit 3\n"));
        file.close();
        file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
        m_path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(m_folder.path()) + ":" + m_path);
    }
    ~FakeOpener() { qputenv("PATH", m_path); }
    QString opened() const {
        QFile file(m_folder.filePath("opened"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private:
    QTemporaryDir m_folder;
    QByteArray m_path;
};

QAction* menuAction(MainWindow& window, const QString& text) {
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text().remove('&') == text)
                return action;
    return nullptr;
}

/// Clicks OK on the visible error box, as a person dismisses it.
bool dismissError(MainWindow& window) {
    for (QMessageBox* box : window.findChildren<QMessageBox*>())
        if (box->isVisible() && box->button(QMessageBox::Ok)) {
            QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
            return true;
        }
    return false;
}

} // namespace

class TestWindowKeys : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        m_dataset = m_work.filePath("genres");
        QVERIFY(writeDemoDataset(m_dataset.toStdString(), {2, 1.0, 22050}).ok());
    }
    void init() { QSettings().clear(); }

    /// With n_mels focused (a spin box), Ctrl+E exports, Ctrl+H checks and Ctrl+R runs; and
    /// no field claims any menu shortcut for itself.
    void menuShortcutsWorkFromAFocusedField() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        ClaimingCtrlKeys claiming;
        for (QWidget* field : {window.parametersPanel().editorFor("n_mels"),
                               static_cast<QWidget*>(fieldOf(window, "n_mels")),
                               static_cast<QWidget*>(&window.datasetPanel().outputField())})
            field->installEventFilter(&claiming);
        QVERIFY(typeParameter(window, "n_mels", "64")); // the focus is in the spin box
        QVERIFY(qobject_cast<QAbstractSpinBox*>(QApplication::focusWidget()) ||
                qobject_cast<QAbstractSpinBox*>(QApplication::focusWidget()->parentWidget()));
        QSignalSpy finished(&window.runController(), &RunController::runFinished);
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(finished.wait(60000));
        QVERIFY(typeParameter(window, "n_mels", "64"));
        QSignalSpy checked(&window.healthController(), &HealthController::checkFinished);
        pressKeys(window, Qt::Key_H, Qt::ControlModifier);
        QVERIFY(checked.wait(60000));
        QVERIFY(activate(window));
        QVERIFY(typeParameter(window, "n_mels", "64"));
        pressKeys(window, Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(window.findChild<ExportDialog*>() &&
                    window.findChild<ExportDialog*>()->isVisible());
        window.findChild<ExportDialog*>()->close();

        // Every menu shortcut with Ctrl, offered to a spin box and a text field: unclaimed.
        QVERIFY(activate(window));
        QVERIFY(typeParameter(window, "n_mels", "64"));
        QWidget* spin = QApplication::focusWidget();
        QWidget* text = &window.datasetPanel().outputField();
        int offered = 0;
        for (QAction* menu : window.menuBar()->actions())
            for (QAction* action : menu->menu()->actions())
                for (const QKeySequence& shortcut : action->shortcuts()) {
                    const QKeyCombination key = shortcut[0];
                    if (!(key.keyboardModifiers() & Qt::ControlModifier) || !action->isEnabled())
                        continue;
                    for (QWidget* field : {spin, text}) {
                        QKeyEvent override(QEvent::ShortcutOverride, key.key(),
                                           key.keyboardModifiers());
                        QApplication::sendEvent(field, &override);
                        const bool editing = override.matches(QKeySequence::Undo) ||
                                             override.matches(QKeySequence::Redo);
                        // Undo and redo are the panel's in a parameter, the field's elsewhere;
                        // copy, paste and the like are no menu's.
                        QVERIFY2(!override.isAccepted() || (editing && field == text),
                                 qPrintable(action->text() + " " + shortcut.toString()));
                        ++offered;
                    }
                }
        QVERIFY(offered >= 16);
    }

    /// xdg-open is there but opens nothing: the app says where the folder is.
    void openOutputFolderSaysWhereItIs() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(runAndWait(window));
        FakeOpener opener(false);
        QPushButton* open = nullptr;
        for (QPushButton* button : window.resultsPanel().findChildren<QPushButton*>())
            if (button->text() == "Open output folder")
                open = button;
        QVERIFY(open);
        window.centerTabs().setCurrentWidget(&window.resultsPanel());
        QTest::mouseClick(open, Qt::LeftButton);
        const QString folder = window.datasetPanel().outputFolder();
        QTRY_VERIFY2(window.lastError().contains(folder), qPrintable(window.lastError()));
        QVERIFY(window.lastError().contains("no method available"));
        QVERIFY(window.statusBar()->currentMessage().contains(folder));
        QVERIFY(dismissError(window));
    }

    /// A run that cannot start leaves no "Running…" behind, and Run looks enabled again.
    void aRunThatFailsToStartLeavesNoRunningStatus() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(writeBytes(m_work.filePath("a-file"), "not a folder"));
        window.datasetPanel().setOutputFolder(m_work.filePath("a-file/features"));
        QSignalSpy failed(&window.runController(), &RunController::runFailed);
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(failed.wait(20000));
        QVERIFY(dismissError(window));
        QVERIFY2(!window.statusBar()->currentMessage().startsWith("Running"),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(window.statusBar()->currentMessage().startsWith("The run stopped:"));
        QVERIFY(window.runAction()->isEnabled());
        QCOMPARE(window.runAction()->text(), QString("&Run"));
    }

    /// While a run runs, Run is disabled in the menu and on the tool bar, and says so.
    void runLooksDisabledWhileRunning() {
        QTemporaryDir big;
        QVERIFY(writeDemoDataset(big.filePath("g").toStdString(), {20, 10.0, 22050}).ok());
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, big.filePath("g")));
        QToolButton* button = nullptr;
        for (QToolBar* bar : window.findChildren<QToolBar*>())
            if (auto* found = qobject_cast<QToolButton*>(bar->widgetForAction(window.runAction())))
                button = found;
        QVERIFY(button && button->isEnabled());
        QSignalSpy finished(&window.runController(), &RunController::runFinished);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(window.runController().isRunning());
        QVERIFY(!window.runAction()->isEnabled());
        QVERIFY(!button->isEnabled());
        QCOMPARE(button->text(), QString("Running…"));
        window.cancelAction()->trigger();
        QVERIFY(finished.wait(60000));
        QVERIFY(button->isEnabled());
    }

    /// Help lists every menu shortcut, and opens the README (or says its address).
    void helpListsShortcutsAndLinksTheReadme() {
        MainWindow window;
        QVERIFY(activate(window));
        menuAction(window, "Keyboard shortcuts")->trigger();
        QMessageBox* shortcuts = nullptr;
        QTRY_VERIFY((shortcuts = window.findChild<QMessageBox*>("shortcuts")));
        for (const char* row :
             {"Export features…</td><td><b>Ctrl+E", "Run</td><td><b>Ctrl+R",
              "Check dataset health</td><td><b>Ctrl+H", "Quit</td><td><b>Ctrl+Q", "Space"})
            QVERIFY2(shortcuts->text().contains(row), row);
        QTest::mouseClick(shortcuts->button(QMessageBox::Close), Qt::LeftButton);
        const QString readme = QString("%1#the-desktop-app").arg(kProjectUrl);
        {
            FakeOpener opener(true);
            menuAction(window, "Read the manual (README)")->trigger();
            QTRY_COMPARE(opener.opened(), readme);
        }
        FakeOpener failing(false);
        menuAction(window, "Read the manual (README)")->trigger();
        QTRY_VERIFY2(window.lastError().contains(readme), qPrintable(window.lastError()));
        QVERIFY(dismissError(window));
    }

    /// Ctrl+Q during a run asks; "Keep running" keeps it; "Stop and quit" quits, and the next
    /// run continues from what was done.
    void quitDuringARunAsks() {
        QTemporaryDir big;
        const QString input = big.filePath("g");
        QVERIFY(writeDemoDataset(input.toStdString(), {40, 10.0, 22050}).ok());
        RunSummary stopped;
        {
            MainWindow window;
            QVERIFY(activate(window));
            QVERIFY(openDatasetAndWait(window, input));
            QSignalSpy finished(&window.runController(), &RunController::runFinished);
            QVERIFY(window.startRun());
            pressKeys(window, Qt::Key_Q, Qt::ControlModifier);
            QMessageBox* question = visibleQuestion(window, "keepRunning");
            QVERIFY(question);
            QVERIFY2(question->text().contains("kept") && question->text().contains("continues"),
                     qPrintable(question->text()));
            QTest::mouseClick(question->findChild<QPushButton*>("keepRunning"), Qt::LeftButton);
            QVERIFY(window.isVisible());
            QVERIFY(window.runController().isRunning());
            QVERIFY(activate(window));
            pressKeys(window, Qt::Key_Q, Qt::ControlModifier);
            QVERIFY((question = visibleQuestion(window, "quit")));
            QTest::mouseClick(question->findChild<QPushButton*>("quit"), Qt::LeftButton);
            QTRY_VERIFY(!window.isVisible());
            QVERIFY(finished.wait(60000));
            stopped = finished.last().at(0).value<RunSummary>();
            QVERIFY(stopped.interrupted);
        }
        MainWindow again;
        QVERIFY(activate(again));
        QVERIFY(openDatasetAndWait(again, input));
        const auto resumed = runAndWait(again);
        QVERIFY(resumed);
        QCOMPARE(resumed->skipped, stopped.processed);
        QCOMPARE(resumed->processed + resumed->skipped, 160);
    }
};

QTEST_MAIN(TestWindowKeys)
#include "tst_window_keys.moc"
