// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defect 1: opening a second dataset never deletes the first one's features. A new
// dataset gets its own output; an output chosen for one dataset stays with it; and a run into
// an output that holds another dataset's features asks first, with the safe answer as the
// default. Driven by typing paths into the fields, Ctrl+R and clicks on the question.
#include "core/batch/RunPlan.h"
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

/// Opens a dataset by typing its path into the Dataset field and pressing Enter.
bool openByTyping(MainWindow& window, const QString& folder) {
    QSignalSpy scanned(&window.datasetPanel(), &DatasetPanel::scanFinished);
    typeAndEnter(window.datasetPanel().inputField(), folder);
    return scanned.wait(20000) && window.datasetPanel().inputFolder() == folder;
}

/// Ctrl+R, and the run's summary once it finishes; nothing when no run starts.
std::optional<RunSummary> pressCtrlRAndWait(MainWindow& window) {
    QSignalSpy finished(&window.runController(), &RunController::runFinished);
    pressKeys(window, Qt::Key_R, Qt::ControlModifier);
    if (!window.runController().isRunning() && finished.isEmpty())
        return std::nullopt;
    if (finished.isEmpty() && !finished.wait(60000))
        return std::nullopt;
    return finished.last().at(0).value<RunSummary>();
}

/// The question about another dataset's features, once it shows.
QMessageBox* foreignQuestion(MainWindow& window) {
    return visibleQuestion(window, "replaceFeatures");
}

} // namespace

class TestSwitchingDatasets : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_first, m_second;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_first = m_work.filePath("first");
        m_second = m_work.filePath("second");
        QVERIFY(writeDemoDataset(m_first.toStdString(), {2, 1.0, 22050}).ok());
        QVERIFY(writeLongNamedDataset(m_second, 1, 1.0));
    }
    void init() { QSettings().clear(); }

    /// The walk: A with an output of its own choosing, Run; B from the Dataset field,
    /// Ctrl+R. Every file of A stays, and B's features go to B's own folder.
    void aSecondDatasetLeavesTheFirstsFilesInPlace() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openByTyping(window, m_first));
        const QString firstOutput = m_work.filePath("first-chosen");
        typeAndEnter(window.datasetPanel().outputField(), firstOutput);
        QCOMPARE(window.datasetPanel().outputFolder(), firstOutput);
        const auto first = pressCtrlRAndWait(window);
        QVERIFY(first);
        QCOMPARE(first->processed, 8);
        const auto firstFiles = snapshotNpyFiles(firstOutput);
        QCOMPARE(firstFiles.size(), 8 * 6);

        QVERIFY(openByTyping(window, m_second));
        QCOMPARE(window.datasetPanel().outputFolder(), m_second + "-features");
        const auto second = pressCtrlRAndWait(window);
        QVERIFY(second);
        QCOMPARE(second->processed, 4);
        QCOMPARE(second->removed, 0);
        QCOMPARE(snapshotNpyFiles(firstOutput), firstFiles); // every file, byte for byte
        QCOMPARE(countNpyFiles(m_second + "-features"), 4 * 6);

        // The output chosen for A comes back with A, and only with A.
        QVERIFY(openByTyping(window, m_first));
        QCOMPARE(window.datasetPanel().outputFolder(), firstOutput);
        QVERIFY(openByTyping(window, m_second));
        QCOMPARE(window.datasetPanel().outputFolder(), m_second + "-features");
    }

    /// The same across a restart: the remembered output applies to its dataset alone.
    void aRememberedOutputStaysWithItsDataset() {
        const QString chosen = m_work.filePath("first-remembered");
        {
            MainWindow window;
            QVERIFY(activate(window));
            QVERIFY(openByTyping(window, m_first));
            typeAndEnter(window.datasetPanel().outputField(), chosen);
            window.close();
        }
        MainWindow again;
        QVERIFY(activate(again));
        QTRY_COMPARE(again.datasetPanel().inputFolder(), m_first);
        QCOMPARE(again.datasetPanel().outputFolder(), chosen);
        QVERIFY(openByTyping(again, m_second));
        QCOMPARE(again.datasetPanel().outputFolder(), m_second + "-features");
    }

    /// Typing A's output for B: a question, whose default keeps A's features; Cancel runs
    /// nothing; "Replace" is the only way to delete them.
    void anOutputHoldingAnothersFeaturesAsksFirst() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openByTyping(window, m_first));
        const QString shared = m_work.filePath("shared");
        typeAndEnter(window.datasetPanel().outputField(), shared);
        QVERIFY(pressCtrlRAndWait(window));
        const auto firstFiles = snapshotNpyFiles(shared);
        QCOMPARE(firstFiles.size(), 8 * 6);

        QVERIFY(openByTyping(window, m_second));
        typeAndEnter(window.datasetPanel().outputField(), shared);
        // Cancel: no run, nothing touched.
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QPointer<QMessageBox> box = foreignQuestion(window);
        QVERIFY(box);
        QVERIFY2(box->text().contains(m_first) && box->text().contains("8 clips"),
                 qPrintable(box->text()));
        QCOMPARE(box->findChild<QPushButton*>("replaceFeatures")->text(),
                 QString("Replace first's 8 features"));
        QCOMPARE(box->defaultButton(), box->findChild<QPushButton*>("useOwnFolder"));
        QTest::mouseClick(box->findChild<QPushButton*>("cancel"), Qt::LeftButton);
        QTRY_VERIFY(!box || !box->isVisible());
        QVERIFY(!window.runController().isRunning());
        QCOMPARE(snapshotNpyFiles(shared), firstFiles);

        // The default answer: this dataset's own folder.
        QSignalSpy finished(&window.runController(), &RunController::runFinished);
        QVERIFY(activate(window)); // the offscreen platform gives activation back to no one
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY((box = foreignQuestion(window)));
        QTest::mouseClick(box->defaultButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(window.datasetPanel().outputFolder(), m_second + "-features");
        QCOMPARE(snapshotNpyFiles(shared), firstFiles);

        // Replace, said in so many words: A's features go, B's take their place.
        QVERIFY(activate(window));
        typeAndEnter(window.datasetPanel().outputField(), shared);
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY((box = foreignQuestion(window)));
        QTest::mouseClick(box->findChild<QPushButton*>("replaceFeatures"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(countNpyFiles(shared), 4 * 6);
        QVERIFY(snapshotNpyFiles(shared).keys().filter("orchestral").size() == 6);
        QCOMPARE(
            QFile::decodeName(recordedInputOf(QFile::encodeName(shared).toStdString())->c_str()),
            m_second);
    }

    /// A path pasted into the Dataset field opens with Enter, as typed ones do.
    void aPastedPathOpens() {
        MainWindow window;
        QVERIFY(activate(window));
        QLineEdit& field = window.datasetPanel().inputField();
        QApplication::clipboard()->setText(m_second);
        QTest::mouseClick(&field, Qt::LeftButton);
        field.setFocus(Qt::MouseFocusReason);
        QTest::keyClick(&field, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(&field, Qt::Key_V, Qt::ControlModifier);
        QSignalSpy scanned(&window.datasetPanel(), &DatasetPanel::scanFinished);
        QTest::keyClick(&field, Qt::Key_Return);
        QVERIFY(scanned.wait(20000));
        QCOMPARE(window.datasetPanel().inputFolder(), m_second);
        QCOMPARE(window.datasetPanel().model().fileCount(), 4);
    }
};

QTEST_MAIN(TestSwitchingDatasets)
#include "tst_switching_datasets.moc"
