// SPDX-License-Identifier: GPL-3.0-or-later
// Issues #13 and #12 in the app, driven by clicks and typing: the Health tab shows what
// `cepstra-cli check` finds (compared with its JSON), previews a duplicate lined up with its
// partner, and the Export dialog writes what its form says (read back with h5py).
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/support/TestPaths.h"
#include "tests/ui/WindowDriving.h"
#include "ui/export/ExportDialog.h"
#include "ui/export/ExportLeaveOut.h"
#include "ui/export/ManifestSplitChoices.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthPanel.h"
#include "ui/preview/PreviewPane.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/run/ResultsPanel.h"
#include "ui/widgets/WaveformView.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

constexpr int kRate = 22050;

bool tool(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    process.closeWriteChannel();
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

/// Two labels of four 15 s clips: an MP3 copy filed under the other label, a copy shifted by
/// 2 s, a silent clip, and four untouched clips.
bool plantDataset(const QString& root) {
    const auto melodyAt = [&](const QString& relative, unsigned seed) {
        return writeAudioFile(root + "/" + relative, melody(seed, 15.0, kRate), kRate);
    };
    return melodyAt("a/x.wav", 301) && melodyAt("a/y.wav", 302) && melodyAt("a/z.wav", 303) &&
           melodyAt("b/w.wav", 304) && melodyAt("b/v.wav", 305) &&
           tool("ffmpeg",
                {"-v", "error", "-i", root + "/a/x.wav", "-b:a", "128k", root + "/b/x-copy.mp3"}) &&
           tool("sox", {root + "/a/z.wav", root + "/a/z-shifted.wav", "pad", "2", "gain", "-6",
                        "trim", "0", "15"}) &&
           tool("sox", {"-n", "-r", QString::number(kRate), "-c", "1", "-b", "16",
                        root + "/b/silent.wav", "trim", "0", "15"});
}

bool showActive(MainWindow& window) {
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

/// Clicks Check dataset and waits for the report.
bool checkAndWait(MainWindow& window) {
    QSignalSpy finished(&window.healthController(), &HealthController::checkFinished);
    QTest::mouseClick(&window.healthPanel().checkButton(), Qt::LeftButton);
    return finished.wait(60000);
}

/// (path, check) of every finding in a CLI JSON report, or in the panel's table.
using FindingSet = std::multiset<std::pair<std::string, std::string>>;

FindingSet findingsOf(const nlohmann::json& report) {
    FindingSet found;
    for (const auto& file : report["files"])
        for (const auto& finding : file["findings"])
            found.emplace(file["path"], finding["check"]);
    for (const auto& finding : report["dataset_findings"])
        found.emplace("", finding["check"]);
    return found;
}

FindingSet findingsOf(HealthFindingsModel& model) {
    FindingSet found;
    for (int row = 0; row < model.rowCount(); ++row)
        found.emplace(model.row(row).path, std::string(toString(model.row(row).finding.check)));
    return found;
}

/// The visible table row whose file and check are these, or -1.
int visibleRow(HealthPanel& panel, const QString& file, const QString& check) {
    const QAbstractItemModel& shown = *panel.table().model();
    for (int row = 0; row < shown.rowCount(); ++row)
        if (shown.index(row, HealthFindingsModel::File).data().toString() == file &&
            shown.index(row, HealthFindingsModel::Check).data().toString() == check)
            return row;
    return -1;
}

QString runPython(const QString& code, const QStringList& arguments = {}) {
    QProcess python;
    python.start(numpyPython(), QStringList{"-c", code} + arguments);
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return "python failed: " + QString::fromUtf8(python.readAllStandardError());
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

} // namespace

class TestHealthExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;
    nlohmann::json m_cliReport;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        m_dataset = m_work.filePath("planted");
        QVERIFY(plantDataset(m_dataset));
        const CliRun cli = runCli({"check", m_dataset, "--format", "json", "--cache",
                                   m_work.filePath("cli-cache.sqlite")});
        QCOMPARE(cli.exitCode, 1); // the label conflict and the silence are failures
        m_cliReport = nlohmann::json::parse(cli.standardOutput.toStdString());
    }
    void init() { QSettings().clear(); }

    /// The tab shows the CLI's findings, its counts and its flagged clips.
    void theHealthTabShowsWhatCheckFinds() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        QCOMPARE(window.centerTabs().currentWidget(), &panel);
        QCOMPARE(findingsOf(panel.findings()), findingsOf(m_cliReport));
        QVERIFY(findingsOf(m_cliReport).count({"a/z-shifted.wav", "near_duplicate"}) == 1);
        QVERIFY(findingsOf(m_cliReport).count({"b/x-copy.mp3", "label_conflict"}) == 1);
        QVERIFY(findingsOf(m_cliReport).count({"b/silent.wav", "silent"}) == 1);
        // The counts table, check by check, against the CLI's summary.
        QTableWidget& counts = panel.counts();
        const auto& summary = m_cliReport["summary"]["findings"];
        QCOMPARE(counts.rowCount(), int(summary.size()));
        for (int row = 0; row < counts.rowCount(); ++row) {
            const std::string check = counts.verticalHeaderItem(row)->text().toStdString();
            for (int column = 0; column < 3; ++column) {
                const std::string severity =
                    counts.horizontalHeaderItem(column)->text().toStdString();
                const int expected = summary[check].value(severity, 0);
                QCOMPARE(counts.item(row, column)->text(),
                         expected ? QString::number(expected) : QString());
            }
        }
        QVERIFY2(panel.summaryText().contains(
                     QString("%1 clips flagged").arg(m_cliReport["flagged"].size())),
                 qPrintable(panel.summaryText()));
    }

    /// Filters by check and by typed text, and sorts by value when its header is clicked.
    void findingsFilterAndSort() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        QComboBox& check = panel.checkFilter();
        check.setCurrentIndex(check.findText("near_duplicate"));
        const auto cli = findingsOf(m_cliReport);
        const auto nearCount = std::count_if(cli.begin(), cli.end(), [](const auto& finding) {
            return finding.second == "near_duplicate";
        });
        QCOMPARE(panel.table().model()->rowCount(), int(nearCount));
        QTest::mouseClick(&panel.textFilter(), Qt::LeftButton);
        QTest::keyClicks(&panel.textFilter(), "shifted");
        QCOMPARE(panel.table().model()->rowCount(), 2); // z-shifted's, and z's naming it
        panel.textFilter().clear();
        check.setCurrentIndex(0);
        QCOMPARE(panel.table().model()->rowCount(), int(cli.size()));

        QHeaderView& header = *panel.table().horizontalHeader();
        const int x = header.sectionViewportPosition(HealthFindingsModel::Value) +
                      header.sectionSize(HealthFindingsModel::Value) / 2;
        for (int click = 0; click < 2; ++click) {
            QTest::mouseClick(header.viewport(), Qt::LeftButton, {},
                              QPoint(x, header.height() / 2));
            std::vector<double> values;
            const QAbstractItemModel& shown = *panel.table().model();
            for (int row = 0; row < shown.rowCount(); ++row)
                values.push_back(shown.index(row, HealthFindingsModel::Value)
                                     .data(HealthFindingsModel::kSortRole)
                                     .toDouble());
            const bool ascending = header.sortIndicatorOrder() == Qt::AscendingOrder;
            QVERIFY(ascending ? std::is_sorted(values.begin(), values.end())
                              : std::is_sorted(values.rbegin(), values.rend()));
        }
    }

    /// Double-clicking a duplicate previews it as B, with its partner pinned as A and shifted
    /// by the offset the check measured (2 s of padding).
    void aDuplicateIsPreviewedBesideItsPartnerLinedUp() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(checkAndWait(window));
        HealthPanel& panel = window.healthPanel();
        const int row = visibleRow(panel, "a/z-shifted.wav", "near_duplicate");
        QVERIFY(row >= 0);
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QTableView& table = panel.table();
        table.scrollTo(table.model()->index(row, 0));
        const QPoint cell = table.visualRect(table.model()->index(row, 0)).center();
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cell);
        QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, cell);
        QTRY_VERIFY_WITH_TIMEOUT(previewed.count() >= 2, 20000);
        PreviewPanel& preview = window.previewPanel();
        QCOMPARE(window.centerTabs().currentWidget(), &preview);
        QVERIFY(preview.isComparing());
        QTRY_VERIFY_WITH_TIMEOUT(preview.currentPane().result() &&
                                     preview.currentPane().result()->path.endsWith("z-shifted.wav"),
                                 20000);
        QVERIFY(preview.pinnedPane().result()->path.endsWith("a/z.wav"));
        const double shift = preview.pinnedPane().waveform().timeShift();
        QVERIFY2(std::abs(shift - 2.0) < 0.15, qPrintable(QString::number(shift)));
        QCOMPARE(preview.currentPane().waveform().timeShift(), 0.0);
        // A plain finding previews its clip alone again.
        QTest::mouseClick(window.centerTabs().tabBar(), Qt::LeftButton, {},
                          window.centerTabs().tabBar()->tabRect(2).center());
        const int silent = visibleRow(panel, "b/silent.wav", "silent");
        QVERIFY(silent >= 0);
        table.scrollTo(table.model()->index(silent, 0));
        const QPoint silentCell = table.visualRect(table.model()->index(silent, 0)).center();
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, silentCell);
        QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, silentCell);
        QTRY_VERIFY_WITH_TIMEOUT(preview.currentPane().result() &&
                                     preview.currentPane().result()->path.endsWith("silent.wav"),
                                 20000);
        QVERIFY(!preview.isComparing());
    }

    /// With the box ticked, opening a dataset starts a check; Cancel stops one, and the next
    /// check finishes.
    void checkOnOpenAndCancel() {
        MainWindow window;
        QVERIFY(showActive(window));
        QTest::mouseClick(window.centerTabs().tabBar(), Qt::LeftButton, {},
                          window.centerTabs().tabBar()->tabRect(2).center());
        QCheckBox* onOpen = window.healthPanel().findChild<QCheckBox*>();
        QVERIFY(onOpen && onOpen->text().contains("when a dataset opens"));
        QTest::mouseClick(onOpen, Qt::LeftButton);
        QVERIFY(window.healthPanel().checkOnOpen());
        QSignalSpy finished(&window.healthController(), &HealthController::checkFinished);
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(finished.wait(60000));

        QTemporaryDir fresh; // nothing cached: the check has work to cancel
        for (int i = 0; i < 12; ++i)
            QVERIFY(writeAudioFile(fresh.filePath(QString("l/%1.wav").arg(i)),
                                   melody(500 + unsigned(i), 20.0, kRate), kRate));
        QSignalSpy cancelled(&window.healthController(), &HealthController::cancelled);
        window.healthPanel().setCheckOnOpen(false);
        QVERIFY(openDatasetAndWait(window, fresh.path()));
        QTest::mouseClick(&window.healthPanel().checkButton(), Qt::LeftButton);
        QVERIFY(window.healthPanel().cancelButton().isEnabled());
        QTest::mouseClick(&window.healthPanel().cancelButton(), Qt::LeftButton);
        QVERIFY(cancelled.wait(30000));
        QVERIFY(window.healthPanel().summaryText().contains("cancelled"));
        QVERIFY(window.healthPanel().checkButton().isEnabled());
        QVERIFY(!window.healthPanel().report());
        QVERIFY(checkAndWait(window));
        QCOMPARE(window.healthPanel().report()->clipCount(), 12);
    }

    /// Results > Export… opens the dialog; typing a length (no Enter) and a split, then
    /// Export, writes exactly that, without the flagged clips; the copied code loads it.
    void theExportDialogWritesWhatItsFormSays() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        const QString features = m_work.filePath("features");
        window.datasetPanel().setOutputFolder(features);
        QVERIFY(runAndWait(window));
        QVERIFY(checkAndWait(window));
        QPushButton* exportButton = nullptr;
        for (QPushButton* button : window.resultsPanel().findChildren<QPushButton*>())
            if (button->text() == "Export…")
                exportButton = button;
        QVERIFY(exportButton);
        window.centerTabs().setCurrentWidget(&window.resultsPanel());
        QTest::mouseClick(exportButton, Qt::LeftButton);
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ExportDialog*>()) && dialog->isVisible());
        QCOMPARE(dialog->destination().text(), features + ".h5");
        // Nothing that drops clips is ticked for the user; ticking every check leaves out what
        // check --flagged-list lists.
        const auto boxes = dialog->leaveOut().findChildren<QCheckBox*>();
        QVERIFY(!boxes.isEmpty());
        // A check ran and found copies: a split keeps each family whole, unless unticked.
        QCheckBox& families = dialog->datasetSplit().groupDuplicates();
        QVERIFY(families.isVisible());
        QVERIFY(families.isChecked());
        QVERIFY(dialog->options().ok() && !dialog->options()->duplicateFamilies.empty());
        for (QCheckBox* box : boxes) {
            QVERIFY2(!box->isChecked(), qPrintable(box->text()));
            QTest::mouseClick(box, Qt::LeftButton);
        }

        QTest::mouseClick(&dialog->fixedLength(), Qt::LeftButton);
        QSpinBox& frames = dialog->frames();
        frames.setFocus();
        frames.selectAll();
        QTest::keyClicks(&frames, "64");
        dialog->fit().setCurrentIndex(dialog->fit().findText("segment"));
        QTest::mouseClick(&dialog->split(), Qt::LeftButton);
        QTest::keyClicks(&dialog->split(), "train=0.5,test=0.5");
        QTRY_VERIFY(dialog->planText().text().contains("(") &&
                    dialog->planText().text().contains("64)"));
        QSignalSpy exported(dialog, &ExportDialog::exported);
        QTest::mouseClick(&dialog->exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(60000));
        const QString h5 = features + ".h5";
        QVERIFY(QFile::exists(h5));

        // The file holds 64-frame segments of the unflagged clips, split 50/50 per label.
        const QString paths = runPython(
            "import h5py, sys\n"
            "with h5py.File(sys.argv[1]) as f:\n"
            "    assert f['train/melspectrogram'].shape[1:] == (128, 64), "
            "f['train/melspectrogram'].shape\n"
            "    names = {p.decode() for s in ('train', 'test') for p in f[s + '/path'][()]}\n"
            "    print('\\n'.join(sorted(names)))\n",
            {h5});
        QStringList expected;
        std::set<std::string> flagged;
        for (const auto& path : m_cliReport["flagged"])
            flagged.insert(path.get<std::string>());
        for (const auto& file : m_cliReport["files"])
            if (!flagged.count(file["path"].get<std::string>()))
                expected << QString::fromStdString(file["path"].get<std::string>());
        expected.sort();
        QCOMPARE(paths.split('\n'), expected);

        const QString loaded = runPython(dialog->loadingCode());
        QVERIFY2(loaded.startsWith("("), qPrintable(dialog->loadingCode() + "\n" + loaded));
        QVERIFY(loaded.contains(", 128, 64)"));
    }

    /// Options the export cannot do are said in the dialog, and Export stays off.
    void anImpossibleExportIsExplained() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        window.datasetPanel().setOutputFolder(m_work.filePath("features"));
        window.showExportDialog();
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ExportDialog*>()) && dialog->isVisible());
        // No check of this dataset in this window: nothing to pick from.
        QVERIFY(dialog->leaveOut().findChildren<QCheckBox*>().isEmpty());
        QTest::mouseClick(&dialog->split(), Qt::LeftButton);
        QTest::keyClicks(&dialog->split(), "train=0.7");
        QTRY_VERIFY(dialog->planText().text().contains("Cannot export"));
        // Said beside the field, in the form's words, not the CLI's.
        QTRY_VERIFY(dialog->splitError().isVisible());
        QVERIFY2(dialog->splitError().text().startsWith("Split fractions add up to 0.7, not 1"),
                 qPrintable(dialog->splitError().text()));
        QVERIFY(!dialog->splitError().text().contains("--"));
        QVERIFY(!dialog->planText().text().contains("--"));
        QVERIFY(!dialog->exportButton().isEnabled());
        QVERIFY(!dialog->startExport());
    }
};

QTEST_MAIN(TestHealthExport)
#include "tst_health_export.moc"
