// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defect 4: the Health tab's findings can be acted on. A finding's clip can be
// excluded or the finding ignored; a family of near duplicates shows as one group with its
// shared seconds, and one click keeps one clip and excludes the rest; "Save flagged list"
// writes what `cepstra-cli check --flagged-list` writes, and what export --exclude-list reads;
// the filter matches check names; the detail is whole; the progress is never cut off. The
// exclusions reach the Export dialog. Driven by clicks and typing, offscreen.
#include "tests/support/CliProcess.h"
#include "tests/support/TestPaths.h"
#include "tests/ui/WindowDriving.h"
#include "ui/export/ExportDialog.h"
#include "ui/export/ExportLeaveOut.h"
#include "ui/health/DuplicateFamiliesView.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthFindingsView.h"
#include "ui/health/HealthPanel.h"
#include "ui/health/HealthReview.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QLabel>
#include <QProcess>
#include <QProgressBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

constexpr int kRate = 22050;

bool sox(const QStringList& arguments) {
    return QProcess::execute("sox", arguments) == 0;
}

/// Two labels: z with two shifted copies (a family of three near duplicates), x with a copy
/// filed under b (a label conflict), a silent clip, and two untouched clips.
bool plantFamilies(const QString& root) {
    for (const auto& [path, seed] :
         {std::pair{"a/z.wav", 401u}, {"a/x.wav", 402u}, {"a/y.wav", 403u}, {"b/w.wav", 404u}})
        if (!writeAudioFile(root + "/" + path, melody(seed, 15.0, kRate), kRate))
            return false;
    return sox({root + "/a/z.wav", root + "/a/z-later.wav", "pad", "2", "trim", "0", "15"}) &&
           sox({root + "/a/z.wav", root + "/a/z-latest.wav", "pad", "4", "gain", "-3", "trim", "0",
                "15"}) &&
           QFile::copy(root + "/a/x.wav", root + "/b/x-copy.wav") &&
           writeAudioFile(root + "/b/silent.wav", silence(15.0, kRate), kRate);
}

bool checkAndWait(MainWindow& window) {
    QSignalSpy finished(&window.healthController(), &HealthController::checkFinished);
    QTest::mouseClick(&window.healthPanel().checkButton(), Qt::LeftButton);
    return finished.wait(120000);
}

/// Clicks the table row whose file and check are these; false when there is none.
bool clickFinding(HealthPanel& panel, const QString& file, const QString& check) {
    QTableView& table = panel.table();
    for (int row = 0; row < table.model()->rowCount(); ++row)
        if (table.model()->index(row, HealthFindingsModel::File).data() == file &&
            table.model()->index(row, HealthFindingsModel::Check).data() == check) {
            table.scrollTo(table.model()->index(row, 0));
            QTest::mouseClick(table.viewport(), Qt::LeftButton, {},
                              table.visualRect(table.model()->index(row, 0)).center());
            return true;
        }
    return false;
}

/// Answers the next file dialog with `path`, typed into its name field, then Enter.
void answerFileDialog(const QString& path) {
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        auto* name = dialog->findChild<QLineEdit*>("fileNameEdit");
        QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(name, path);
        QTest::keyClick(name, Qt::Key_Return);
    });
    poll->start(50);
}

QStringList linesOf(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {"cannot read " + path};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TestHealthActions : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        QSettings().clear();
        m_dataset = m_work.filePath("planted");
        QVERIFY(plantFamilies(m_dataset));
        // QFileDialog's own widgets: the offscreen platform has no native one to call.
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    }
    void init() { QSettings().clear(); } // no decisions carried over from another test

    /// The filter finds a check by its name; the detail of a finding shows whole.
    void theFilterMatchesChecksAndTheDetailIsWhole() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        QTest::mouseClick(&panel.textFilter(), Qt::LeftButton);
        QTest::keyClicks(&panel.textFilter(), "near_dup");
        QTableView& table = panel.table();
        QCOMPARE(table.model()->rowCount(), 6); // three pairs, a finding on each side
        for (int row = 0; row < table.model()->rowCount(); ++row)
            QCOMPARE(table.model()->index(row, HealthFindingsModel::Check).data().toString(),
                     QString("near_duplicate"));
        QVERIFY(clickFinding(panel, "a/z-latest.wav", "near_duplicate"));
        const QString detail = table.model()
                                   ->index(table.currentIndex().row(), HealthFindingsModel::Detail)
                                   .data()
                                   .toString();
        QVERIFY(detail.startsWith("shares "));
        QVERIFY2(panel.findingsView().detail().text().contains(detail.toHtmlEscaped()),
                 qPrintable(panel.findingsView().detail().text()));
        QVERIFY(panel.findingsView().detail().wordWrap());
    }

    /// A family of three as one row with its shared seconds; "Keep one, exclude the rest"
    /// keeps the selected clip; the exclusions go into the Export dialog and the file.
    void aFamilyKeepsOneAndExportLeavesOutTheRest() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        const auto run = runAndWait(window);
        QVERIFY(run);
        QCOMPARE(run->processed, 8);
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        QTest::mouseClick(panel.tabs().tabBar(), Qt::LeftButton, {},
                          panel.tabs().tabBar()->tabRect(1).center());
        QTreeWidget& tree = panel.familiesView().tree();
        QTreeWidgetItem* family = nullptr;
        for (int t = 0; t < tree.topLevelItemCount(); ++t)
            if (tree.topLevelItem(t)->childCount() == 3)
                family = tree.topLevelItem(t);
        QVERIFY(family);
        QVERIFY2(family->text(0).startsWith("3 clips sharing up to "), qPrintable(family->text(0)));
        QTreeWidgetItem* keep = nullptr;
        for (int c = 0; c < family->childCount(); ++c)
            if (family->child(c)->text(0) == "a/z-later.wav")
                keep = family->child(c);
        QVERIFY(keep);
        QVERIFY(keep->text(2).endsWith(" s")); // its shared seconds
        tree.scrollToItem(keep);
        QTest::mouseClick(tree.viewport(), Qt::LeftButton, {}, tree.visualItemRect(keep).center());
        QTest::mouseClick(&panel.familiesView().keepOneButton(), Qt::LeftButton);
        const std::vector<std::string> excluded{"a/z-latest.wav", "a/z.wav"};
        QCOMPARE(panel.review().excludedClips(), excluded);
        QCOMPARE(family->text(4), QString("2 excluded"));
        QCOMPARE(keep->text(4), QString());

        // Export: the two are out by the user's own choice; nothing else is.
        pressKeys(window, Qt::Key_E, Qt::ControlModifier);
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ExportDialog*>()) && dialog->isVisible());
        QVERIFY(dialog->leaveOut().userExclusions());
        QVERIFY(dialog->leaveOut().userExclusions()->isChecked());
        QCOMPARE(dialog->leaveOut().userExclusions()->text(),
                 QString("The 2 clips you excluded in the Health tab"));
        QTRY_VERIFY(dialog->planText().text().contains("6 clips"));
        QSignalSpy exported(dialog, &ExportDialog::exported);
        QTest::mouseClick(&dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(60000));
        QProcess python;
        python.start(numpyPython(), {"-c",
                                     "import h5py, sys\n"
                                     "with h5py.File(sys.argv[1]) as f:\n"
                                     "    print(sorted(p.decode() for p in f['all/path'][()]))\n",
                                     dialog->destination().text()});
        QVERIFY(python.waitForFinished(60000));
        const QString paths = QString::fromUtf8(python.readAllStandardOutput());
        QVERIFY2(!paths.contains("a/z.wav") && !paths.contains("z-latest") &&
                     paths.contains("a/z-later.wav"),
                 qPrintable(paths));
        dialog->close();
    }

    /// With no decisions the list is the CLI's, byte for byte; an ignored finding and an
    /// excluded clip change it; export --exclude-list leaves out what it lists.
    void theSavedListIsWhatExportReads() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(runAndWait(window));
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        const QString cliList = m_work.filePath("cli-flagged.txt");
        QCOMPARE(runCli({"check", m_dataset, "--flagged-list", cliList, "--cache",
                         m_work.filePath("cli-cache.sqlite")})
                     .exitCode,
                 1);
        const QString appList = m_work.filePath("app-flagged.txt");
        answerFileDialog(appList);
        QTest::mouseClick(&panel.saveListButton(), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(appList));
        QCOMPARE(linesOf(appList), linesOf(cliList));
        QVERIFY(linesOf(appList).contains("b/silent.wav"));

        // Silence was meant: ignore it. The copy of z the list keeps is excluded by hand.
        QVERIFY(!linesOf(appList).contains("a/z-later.wav"));
        QVERIFY(clickFinding(panel, "b/silent.wav", "silent"));
        QTest::mouseClick(&panel.findingsView().ignoreButton(), Qt::LeftButton);
        QVERIFY(clickFinding(panel, "a/z-later.wav", "near_duplicate"));
        QTest::mouseClick(&panel.findingsView().excludeButton(), Qt::LeftButton);
        QCOMPARE(panel.table()
                     .model()
                     ->index(panel.table().currentIndex().row(), HealthFindingsModel::Decision)
                     .data()
                     .toString(),
                 QString("excluded"));
        QVERIFY(clickFinding(panel, "b/silent.wav", "silent"));
        QCOMPARE(panel.table()
                     .model()
                     ->index(panel.table().currentIndex().row(), HealthFindingsModel::Decision)
                     .data()
                     .toString(),
                 QString("ignored"));
        QVERIFY(panel.summaryText().contains("ignored 1 findings"));
        QFile::remove(appList);
        answerFileDialog(appList);
        QTest::mouseClick(&panel.saveListButton(), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(appList));
        const QStringList listed = linesOf(appList);
        QVERIFY(!listed.contains("b/silent.wav"));
        QVERIFY(listed.contains("a/z-later.wav"));

        // The CLI's export reads it: every listed clip out, the rest in.
        const QString features = m_dataset + "-features";
        QVERIFY(QFileInfo::exists(features));
        const QString h5 = m_work.filePath("listed.h5");
        QCOMPARE(runCli({"export", features, h5, "--exclude-list", appList}).exitCode, 0);
        QProcess python;
        python.start(numpyPython(), {"-c",
                                     "import h5py, sys\n"
                                     "with h5py.File(sys.argv[1]) as f:\n"
                                     "    print(len(f['all/path']))\n",
                                     h5});
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(python.readAllStandardOutput().trimmed().toInt(), 8 - int(listed.size()));
    }

    /// "123/456 clips read" always fits its bar, at 1024x700.
    void theProgressTextIsNeverCutOff() {
        QTemporaryDir fresh; // nothing cached: a check with progress to show
        for (int i = 0; i < 16; ++i)
            QVERIFY(writeAudioFile(fresh.filePath(QString("l/%1.wav").arg(i)),
                                   melody(700 + unsigned(i), 20.0, kRate), kRate));
        MainWindow window;
        window.resize(1024, 700);
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, fresh.path()));
        QProgressBar& bar = window.healthPanel().progressBar();
        int measured = 0;
        connect(
            &window.healthController(), &JobController::progress, &bar,
            [&](const JobProgress& progress) {
                if (progress.total <= 0 || !bar.isVisible())
                    return;
                const int needed = bar.fontMetrics().horizontalAdvance(bar.text());
                QVERIFY2(
                    needed + 16 <= bar.width(),
                    qPrintable(
                        QString("%1 needs %2 of %3").arg(bar.text()).arg(needed).arg(bar.width())));
                ++measured;
            });
        QVERIFY(checkAndWait(window));
        QVERIFY(measured > 0);
    }
};

QTEST_MAIN(TestHealthActions)
#include "tst_health_actions.moc"
