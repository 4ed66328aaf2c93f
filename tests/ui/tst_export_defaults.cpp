// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defects 2 and 7 and the export wording of 11: a default export after a health
// check keeps every clip the run processed; the flagged clips are offered check by check and
// nothing is ticked for the user; the options are remembered per dataset; an existing file is
// replaced only after a question; frames 0 is refused beside its field; and the messages speak
// the app's language, not the CLI's. The file is read back with h5py.
#include "tests/support/CliProcess.h"
#include "tests/support/TestPaths.h"
#include "tests/ui/WindowDriving.h"
#include "ui/export/ExportDialog.h"
#include "ui/export/ExportLeaveOut.h"
#include "ui/health/HealthPanel.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

constexpr int kRate = 22050;

/// The clips in an export file, over every split, as h5py reads them; -1 when unreadable.
int clipsIn(const QString& h5) {
    QProcess python;
    python.start(numpyPython(),
                 {"-c",
                  "import h5py, sys\n"
                  "with h5py.File(sys.argv[1]) as f:\n"
                  "    print(sum(len(f[s]['path']) for s in f if isinstance(f[s], h5py.Group)))\n",
                  h5});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return -1;
    bool ok = false;
    const int clips = python.readAllStandardOutput().trimmed().toInt(&ok);
    return ok ? clips : -1;
}

/// Ctrl+E, and the dialog once it shows.
ExportDialog* openExport(MainWindow& window) {
    if (!activate(window))
        return nullptr;
    pressKeys(window, Qt::Key_E, Qt::ControlModifier);
    ExportDialog* dialog = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        for (ExportDialog* open : window.findChildren<ExportDialog*>())
            if (open->isVisible())
                dialog = open;
        return dialog != nullptr;
    });
    return appeared ? dialog : nullptr;
}

/// Clicks Export and waits for the file; answers "Replace" when asked.
bool exportAndWait(ExportDialog& dialog, bool replace = false) {
    QSignalSpy exported(&dialog, &ExportDialog::exported);
    QTest::mouseClick(&dialog.exportButton(), Qt::LeftButton);
    if (replace) {
        QMessageBox* question = visibleQuestion(dialog, "replace");
        if (!question)
            return false;
        QTest::mouseClick(question->findChild<QPushButton*>("replace"), Qt::LeftButton);
    }
    return exported.wait(60000);
}

} // namespace

class TestExportDefaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        QSettings().clear();
        // 12 clips, and three the check flags: a silent one, a copy under the same label, a
        // copy under another label (15 in all).
        m_dataset = m_work.filePath("genres");
        QVERIFY(writeDemoDataset(m_dataset.toStdString(), {3, 2.0, kRate}).ok());
        QVERIFY(writeAudioFile(m_dataset + "/noise/quiet.wav", silence(2.0, kRate), kRate));
        QVERIFY(QFile::copy(m_dataset + "/tones/tones.00001.wav", m_dataset + "/tones/again.wav"));
        QVERIFY(QFile::copy(m_dataset + "/drums/drums.00002.wav", m_dataset + "/chords/odd.wav"));
    }

    /// The done-when: the default export holds every clip the run processed, until the user
    /// ticks a check; then a question before the file is replaced, and the choice remembered.
    void aDefaultExportKeepsEveryProcessedClip() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        const auto run = runAndWait(window);
        QVERIFY(run);
        QCOMPARE(run->processed, 15);
        QSignalSpy checked(&window.healthController(), &HealthController::checkFinished);
        QVERIFY(window.startHealthCheck());
        QVERIFY(checked.wait(60000));
        QVERIFY(window.healthPanel().report()->flaggedClips().size() >= 3);

        ExportDialog* dialog = openExport(window);
        QVERIFY(dialog);
        const auto boxes = dialog->leaveOut().findChildren<QCheckBox*>();
        QVERIFY(boxes.size() >= 3); // silent, exact_duplicate, label_conflict
        for (QCheckBox* box : boxes)
            QVERIFY2(!box->isChecked(), qPrintable(box->text()));
        QTRY_VERIFY(dialog->planText().text().contains("15 clips"));
        QVERIFY(exportAndWait(*dialog));
        const QString h5 = dialog->destination().text();
        QCOMPARE(clipsIn(h5), run->processed);

        // The user picks a check: its clips go, after a question about the file.
        QCheckBox* silent = dialog->leaveOut().checkBox("silent");
        QVERIFY(silent);
        QTest::mouseClick(silent, Qt::LeftButton);
        QTRY_VERIFY(dialog->planText().text().contains("14 clips"));
        QTest::mouseClick(&dialog->exportButton(), Qt::LeftButton);
        QMessageBox* question = visibleQuestion(*dialog, "replace");
        QVERIFY(question);
        QVERIFY(question->text().contains(QFileInfo(h5).absoluteFilePath()));
        QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(!dialog->isExporting());
        QCOMPARE(clipsIn(h5), 15); // not replaced
        QVERIFY(exportAndWait(*dialog, true));
        QCOMPARE(clipsIn(h5), 14);

        // Closed and opened again: as it was left.
        dialog->close();
        QVERIFY((dialog = openExport(window)));
        QVERIFY(dialog->leaveOut().checkBox("silent")->isChecked());
        QCOMPARE(dialog->destination().text(), h5);
        dialog->close();
    }

    /// Another dataset's export starts from its own defaults, not the last one's.
    void optionsAreRememberedPerDataset() {
        QTemporaryDir other;
        QVERIFY(writeDemoDataset(other.filePath("other").toStdString(), {1, 1.0, kRate}).ok());
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, other.filePath("other")));
        QVERIFY(runAndWait(window));
        ExportDialog* dialog = openExport(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->destination().text(), other.filePath("other-features.h5"));
        QTest::mouseClick(&dialog->fixedLength(), Qt::LeftButton);
        dialog->close();
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY((dialog = openExport(window)));
        QCOMPARE(dialog->destination().text(), m_dataset + "-features.h5");
        QVERIFY(!dialog->fixedLength().isChecked());
        dialog->close();
        QVERIFY(openDatasetAndWait(window, other.filePath("other")));
        QVERIFY((dialog = openExport(window)));
        QVERIFY(dialog->fixedLength().isChecked());
        dialog->close();
    }

    /// Frames 0 stays on screen and is refused beside the field; Export waits for a length.
    void framesZeroIsRefusedBesideItsField() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        ExportDialog* dialog = openExport(window);
        QVERIFY(dialog);
        if (!dialog->fixedLength().isChecked())
            QTest::mouseClick(&dialog->fixedLength(), Qt::LeftButton);
        QSpinBox& frames = dialog->frames();
        QTest::mouseClick(&frames, Qt::LeftButton);
        frames.setFocus(Qt::MouseFocusReason);
        QTest::keyClick(&frames, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(&frames, "0");
        QTest::keyClick(&frames, Qt::Key_Tab); // focus moves on: nothing reverts it
        QCOMPARE(frames.text(), QString("0 frames"));
        QTRY_VERIFY(dialog->framesError().isVisible());
        QCOMPARE(dialog->framesError().text(), QString("The length must be at least 1 frame."));
        QVERIFY(!dialog->exportButton().isEnabled());
        QVERIFY(!dialog->startExport());
        QTest::mouseClick(&frames, Qt::LeftButton);
        QTest::keyClick(&frames, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(&frames, "64");
        QTRY_VERIFY(!dialog->framesError().isVisible());
        QTRY_VERIFY(dialog->exportButton().isEnabled());
        dialog->close();
    }

    /// No dataset, or no run yet: said in the app's words.
    void nothingToExportIsSaidPlainly() {
        MainWindow window;
        QVERIFY(activate(window));
        pressKeys(window, Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(!window.lastError().isEmpty());
        QVERIFY2(window.lastError().startsWith("Open a dataset folder and press Run first"),
                 qPrintable(window.lastError()));
        QVERIFY(!window.findChild<ExportDialog*>());
        QMessageBox* error = nullptr;
        for (QMessageBox* box : window.findChildren<QMessageBox*>())
            if (box->isVisible())
                error = box;
        QVERIFY(error);
        QTest::mouseClick(error->button(QMessageBox::Ok), Qt::LeftButton);

        QTemporaryDir fresh;
        QVERIFY(writeDemoDataset(fresh.filePath("new").toStdString(), {1, 1.0, kRate}).ok());
        QVERIFY(openDatasetAndWait(window, fresh.filePath("new")));
        ExportDialog* dialog = openExport(window);
        QVERIFY(dialog);
        const QString said = dialog->planText().text();
        QVERIFY2(said.contains("No run has written features into") && said.contains("press Run"),
                 qPrintable(said));
        for (const char* cli : {"--", "cepstra-cli", "OUTPUT", "DEST", " : "})
            QVERIFY2(!said.contains(cli), qPrintable(said));
        QVERIFY(!dialog->exportButton().isEnabled());
        dialog->close();
    }
};

QTEST_MAIN(TestExportDefaults)
#include "tst_export_defaults.moc"
