// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defect 8 and the run's gaps of 11: after a restart, Results shows the last run's
// summary from the catalog and Health the last check from its cache, as the tree does; a run
// shows each label's progress as it goes; the tree has a format column and durations to the
// tenth of a second; and File > Make a demo dataset gives a new user something to try.
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DemoDatasetDialog.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthPanel.h"
#include "ui/run/ResultsPanel.h"

#include <QAction>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

/// Counts a label's clips in each state, from the tree, and what its row says.
struct LabelCounts {
    int done = 0, failed = 0, clips = 0;
    QString said;
};

LabelCounts countsOf(DatasetModel& model, int row) {
    LabelCounts counts;
    QStandardItem* label = model.item(row);
    for (int f = 0; f < label->rowCount(); ++f) {
        const auto state =
            model.stateOf(label->child(f)->data(DatasetModel::kRelativePathRole).toString());
        counts.done +=
            state == DatasetModel::ClipState::Done || state == DatasetModel::ClipState::Skipped;
        counts.failed += DatasetModel::isFailure(state);
    }
    counts.clips = label->rowCount();
    counts.said = model.item(row, DatasetModel::StatusColumn)->text();
    return counts;
}

QString expectedText(const LabelCounts& counts) {
    QString text = QString("%1/%2 done").arg(counts.done).arg(counts.clips);
    if (counts.failed > 0)
        text += QString(", %1 failed").arg(counts.failed);
    return text;
}

} // namespace

class TestRestartAndRun : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    }
    void init() { QSettings().clear(); }

    /// Run and check, quit, start again: Results, Health and the tree tell one story.
    void aRestartShowsTheLastRunAndCheck() {
        const QString input = m_work.filePath("restart");
        QVERIFY(writeDemoDataset(input.toStdString(), {2, 1.0, 22050}).ok());
        QVERIFY(writeBytes(input + "/noise/broken.wav", "RIFF"));
        int findings = 0;
        {
            MainWindow window;
            QVERIFY(activate(window));
            QVERIFY(openDatasetAndWait(window, input));
            const auto run = runAndWait(window);
            QVERIFY(run);
            QCOMPARE(run->processed, 8);
            QCOMPARE(run->failed, 1);
            QSignalSpy checked(&window.healthController(), &HealthController::checkFinished);
            QVERIFY(window.startHealthCheck());
            QVERIFY(checked.wait(60000));
            findings = window.healthPanel().findings().rowCount();
            QVERIFY(findings > 0);
            window.close();
        }
        MainWindow again;
        QVERIFY(activate(again));
        QTRY_COMPARE(again.datasetPanel().inputFolder(), input);
        QTRY_COMPARE(again.datasetPanel().model().stateOf("noise/broken.wav"),
                     DatasetModel::ClipState::Failed);
        QCOMPARE(again.datasetPanel().model().stateOf("drums/drums.00000.wav"),
                 DatasetModel::ClipState::Done);
        const QString summary = again.resultsPanel().summaryText();
        QVERIFY2(summary.startsWith("Last run") && summary.contains("8 processed") &&
                     summary.contains("1 failed") && summary.contains("of 9 files"),
                 qPrintable(summary));
        QCOMPARE(again.resultsPanel().failureRows(), 1);
        QVERIFY(again.resultsPanel().failureListText().startsWith("noise/broken.wav\t"));
        QTRY_VERIFY(again.healthPanel().report());
        QCOMPARE(again.healthPanel().findings().rowCount(), findings);
        QCOMPARE(again.healthPanel().report()->measured, 0); // from the cache, nothing read again
        QVERIFY(!again.healthPanel().summaryText().startsWith("No check yet"));
    }

    /// Each label's row counts its clips as they finish, during the run and after.
    void eachLabelShowsItsProgress() {
        const QString input = m_work.filePath("progress");
        QVERIFY(writeDemoDataset(input.toStdString(), {15, 8.0, 22050}).ok());
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, input));
        DatasetModel& model = window.datasetPanel().model();
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(countsOf(model, row).said, QString("0/15 done"));
        int deliveries = 0, partial = 0;
        connect(&window.runController(), &RunController::filesFinished, &window, [&] {
            ++deliveries;
            for (int row = 0; row < model.rowCount(); ++row) {
                const LabelCounts counts = countsOf(model, row);
                QCOMPARE(counts.said, expectedText(counts));
                partial += counts.done > 0 && counts.done < counts.clips;
            }
        });
        QVERIFY(runAndWait(window));
        QVERIFY2(deliveries >= 2, qPrintable(QString::number(deliveries)));
        QVERIFY(partial > 0); // seen part-way: the progress shows during the run
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(countsOf(model, row).said, QString("15/15 done"));
    }

    /// A format column, and durations as m:ss.s (h:mm:ss.s past an hour).
    void theTreeShowsFormatsAndTenths() {
        const QString input = m_work.filePath("formats");
        QVERIFY(writeDemoDataset(input.toStdString(), {1, 2.37, 22050}).ok());
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, input));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.headerData(DatasetModel::FormatColumn, Qt::Horizontal).toString(),
                 QString("Format"));
        QStandardItem* label = model.item(0);
        QVERIFY(label->child(0, DatasetModel::FormatColumn)->text().startsWith("WAV"));
        QCOMPARE(label->child(0, DatasetModel::DurationColumn)->text(), QString("0:02.4"));
        QCOMPARE(DatasetModel::durationText(3723.46), QString("1:02:03.5"));
        QCOMPARE(DatasetModel::durationText(59.96), QString("1:00.0"));
    }

    /// No data of one's own: File > Make a demo dataset writes one and opens it; a folder that
    /// is not empty is refused in the dialog.
    void aDemoDatasetCanBeMadeFromTheApp() {
        MainWindow window;
        QVERIFY(activate(window));
        QAction* make = nullptr;
        for (QAction* menu : window.menuBar()->actions())
            for (QAction* action : menu->menu()->actions())
                if (action->text().remove('&') == "Make a demo dataset…")
                    make = action;
        QVERIFY(make);
        make->trigger();
        DemoDatasetDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<DemoDatasetDialog*>()) && dialog->isVisible());
        QVERIFY(writeBytes(m_work.filePath("taken/file.txt"), "x"));
        QTest::mouseClick(&dialog->folder(), Qt::LeftButton);
        QTest::keyClick(&dialog->folder(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(&dialog->folder(), m_work.filePath("taken"));
        QVERIFY(dialog->createButton().isDefault());
        QTest::keyClick(&dialog->folder(), Qt::Key_Return);
        QTRY_VERIFY(dialog->message().contains("not an empty folder"));
        QVERIFY(dialog->isVisible());

        const QString demo = m_work.filePath("demo/genres");
        QTest::mouseClick(&dialog->folder(), Qt::LeftButton);
        QTest::keyClick(&dialog->folder(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(&dialog->folder(), demo);
        QSpinBox& clips = dialog->clipsPerLabel();
        QTest::mouseClick(&clips, Qt::LeftButton);
        QTest::keyClick(&clips, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(&clips, "2");
        QSignalSpy scanned(&window.datasetPanel(), &DatasetPanel::scanFinished);
        QTest::mouseClick(&dialog->createButton(), Qt::LeftButton);
        QVERIFY(scanned.wait(60000));
        QCOMPARE(window.datasetPanel().inputFolder(), demo);
        QCOMPARE(window.datasetPanel().model().fileCount(), 8);
        QCOMPARE(window.datasetPanel().model().labelCount(), 4);
    }
};

QTEST_MAIN(TestRestartAndRun)
#include "tst_restart_and_run.moc"
