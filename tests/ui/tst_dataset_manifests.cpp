// SPDX-License-Identifier: GPL-3.0-or-later
// The app and a dataset that ships its metadata (issue #22): an ESC-50 root dropped on the
// window shows the manifest's classes with their clips per fold, each clip's fold and group,
// and the Export dialog offers the dataset's folds, whose test split is exactly one fold.
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/export/ExportDialog.h"
#include "ui/export/ManifestSplitChoices.h"

#include <QComboBox>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

/// ESC-50's layout: audio/ flat, meta/esc50.csv with a BOM and CRLF; two classes, three
/// folds, two takes of one source per class and fold.
bool writeEsc50(const QString& root) {
    QByteArray csv = "\xEF\xBB\xBF"
                     "filename,fold,target,category,esc10,src_file,take\r\n";
    unsigned seed = 1;
    for (int fold = 1; fold <= 3; ++fold)
        for (const auto& [target, category] :
             {std::pair(0, QByteArray("dog")), std::pair(10, QByteArray("crackling fire"))})
            for (const char* take : {"A", "B"}) {
                const QByteArray source = QByteArray::number(fold * 1000 + target);
                const QByteArray name = QByteArray::number(fold) + "-" + source + "-" + take + "-" +
                                        QByteArray::number(target) + ".wav";
                if (!writeAudioFile(root + "/audio/" + name, melody(seed++, 1.0, 22050), 22050))
                    return false;
                csv += name + "," + QByteArray::number(fold) + "," + QByteArray::number(target) +
                       "," + category + ",False," + source + "," + take + "\r\n";
            }
    return writeBytes(root + "/meta/esc50.csv", csv);
}

} // namespace

class TestDatasetManifests : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void anEsc50RootShowsItsClassesFoldsAndGroups() {
        QTemporaryDir work;
        const QString root = work.filePath("ESC-50-master");
        QVERIFY(writeEsc50(root));
        MainWindow window;
        window.resize(1024, 700);
        QVERIFY(activate(window));
        QSignalSpy scanned(&window.datasetPanel(), &DatasetPanel::scanFinished);
        QVERIFY(dropOn(window, root));
        QVERIFY(scanned.wait(20000));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.labelCount(), 2); // the classes, not the folder "audio"
        QCOMPARE(model.item(0)->text(), QString("crackling fire (6)"));
        QCOMPARE(model.item(1)->text(), QString("dog (6)"));
        QCOMPARE(model.item(0, DatasetModel::FoldColumn)->text(), QString("1: 2, 2: 2, 3: 2"));
        QCOMPARE(model.item(0, DatasetModel::GroupColumn)->text(), QString("3 groups"));
        QStandardItem* dog = model.item(1);
        QCOMPARE(dog->child(0)->text(), QString("1-1000-A-0.wav"));
        QCOMPARE(dog->child(0, DatasetModel::FoldColumn)->text(), QString("1"));
        QCOMPARE(dog->child(0, DatasetModel::GroupColumn)->text(), QString("1000"));
        QVERIFY(model.labelsFrom().contains("meta/esc50.csv"));
        QVERIFY(window.datasetPanel().findChildren<QLabel*>().size() > 0);
        bool summarySaysSo = false;
        for (QLabel* label : window.datasetPanel().findChildren<QLabel*>())
            summarySaysSo =
                summarySaysSo || (label->text().endsWith("Labels from meta/esc50.csv.") &&
                                  label->toolTip().contains("label=category, fold=fold"));
        QVERIFY(summarySaysSo);
        QVERIFY(window.grab().save(screenshotPath("dataset-manifest")));

        // Run, then export with the dataset's own fold 2 as test.
        const auto summary = runAndWait(window);
        QVERIFY(summary.has_value());
        QCOMPARE(summary->failed, 0);
        window.showExportDialog();
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ExportDialog*>()) && dialog->isVisible());
        QComboBox& testFold = dialog->datasetSplit().testFold();
        QTRY_COMPARE(testFold.count(), 4); // none, 1, 2, 3
        QVERIFY(testFold.isVisible());
        QVERIFY(!dialog->datasetSplit().officialSplit().isVisible()); // ESC-50 has no split
        testFold.setFocus();
        QTest::keyClick(&testFold, Qt::Key_Down); // none -> 1
        QTest::keyClick(&testFold, Qt::Key_Down); // 1 -> 2
        QCOMPARE(testFold.currentText(), QString("2"));
        QTRY_VERIFY(dialog->plan().ok() && dialog->plan()->splits.size() == 2);
        const ExportPlan& plan = *dialog->plan();
        QCOMPARE(plan.splits[1].name, std::string("test"));
        QCOMPARE(plan.splits[1].clips.size(), 4u);
        for (int clip : plan.splits[1].clips)
            QCOMPARE(plan.clips[std::size_t(clip)].fold, 2);
        for (int clip : plan.splits[0].clips)
            QVERIFY(plan.clips[std::size_t(clip)].fold != 2);
        QCOMPARE(plan.labelNames, (std::vector<std::string>{"crackling fire", "dog"}));
        QVERIFY(dialog->grab().save(screenshotPath("export-folds")));
    }
};

QTEST_MAIN(TestDatasetManifests)
#include "tst_dataset_manifests.moc"
