// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app driven as a user would, offscreen: drop, tune, preview, run, cancel, restart.
#include "core/dataset/DemoDataset.h"
#include "core/features/FeatureConfig.h"
#include "core/io/Npy.h"
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/run/ResultsPanel.h"
#include "ui/widgets/HeatmapView.h"
#include "ui/window/MainWindow.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QApplication>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <cstdio>
#include <filesystem>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

/// A pseudo-translation of every string: what any non-English translation does to the texts.
class ShoutingTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char*, const char* source, const char*, int) const override {
        return QString::fromUtf8(source).toUpper() + QStringLiteral(" ¡");
    }
};

/// Shows the window and waits until it is active, so typing and shortcuts reach it.
bool showActive(MainWindow& window) {
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void droppingAFolderFillsTheTree() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("genres").toStdString(), {3, 1.0, 22050}).ok());
        QVERIFY(writeBytes(work.filePath("genres/noise/broken.wav"), "RIFF"));
        MainWindow window;
        QSignalSpy scanned(&window.datasetPanel(), &DatasetPanel::scanFinished);
        QVERIFY(dropOn(window, work.filePath("genres")));
        QVERIFY(scanned.wait(20000));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.labelCount(), 4);
        QCOMPARE(model.fileCount(), 13);
        QCOMPARE(model.item(0)->text(), QString("chords (3)"));
        QCOMPARE(model.item(2)->rowCount(), 4); // noise, with the broken file
        QCOMPARE(model.stateOf("noise/broken.wav"), DatasetModel::ClipState::Unreadable);
        QCOMPARE(model.stateOf("tones/tones.00001.wav"), DatasetModel::ClipState::Pending);
        QCOMPARE(window.datasetPanel().outputFolder(), work.filePath("genres") + "-features");
        QVERIFY(window.runAction()->isEnabled());
    }

    /// States are types, not the words on screen: under a translation, a failure still
    /// counts and still shows red.
    void failuresCountUnderATranslation() {
        ShoutingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("genres").toStdString(), {2, 1.0, 22050}).ok());
        QVERIFY(writeBytes(work.filePath("genres/noise/broken.wav"), "RIFF"));
        QVERIFY(writeBytes(work.filePath("genres/drums/cut.wav"),
                           QByteArray("RIFF\x24\x00\x00\x00WAVEfmt ", 16)));
        MainWindow window;
        QVERIFY(openDatasetAndWait(window, work.filePath("genres")));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.stateOf("noise/broken.wav"), DatasetModel::ClipState::Unreadable);
        QCOMPARE(model.unreadableCount(), 2);
        const auto summary = runAndWait(window);
        QCoreApplication::removeTranslator(&translator);
        QVERIFY(summary.has_value());
        QCOMPARE(summary->failed, 2);
        QCOMPARE(model.stateOf("noise/broken.wav"), DatasetModel::ClipState::Failed);
        int failures = 0, succeeded = 0;
        for (const LabelStatistics& label : model.labelStatistics()) {
            failures += label.failures;
            succeeded += label.succeeded;
        }
        QCOMPARE(failures, 2);
        QCOMPARE(succeeded, 8);
        QStandardItem* noise = nullptr;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.item(r)->data(Qt::UserRole).toString() == "noise")
                noise = model.item(r);
        QVERIFY(noise);
        for (int f = 0; f < noise->rowCount(); ++f)
            if (noise->child(f)->text() == "broken.wav") {
                QStandardItem* status = noise->child(f, DatasetModel::StatusColumn);
                QCOMPARE(status->text(), QString("FAILED ¡"));
                QCOMPARE(status->foreground().color(), QColor(220, 60, 60));
            }
    }

    /// Issue #9: a folder and file whose names are not UTF-8 show readably, preview and run.
    void nonUtf8NamesShowReadablyAndPreview() {
        QTemporaryDir work;
        const std::string root = work.filePath("d").toStdString();
        QVERIFY(writeDemoDataset(root, {1, 2.0, 22050}).ok());
        QVERIFY(::rename((root + "/drums").c_str(), (root + "/caf\xe9").c_str()) == 0);
        QVERIFY(::rename((root + "/caf\xe9/drums.00000.wav").c_str(),
                         (root + "/caf\xe9/a\xff.wav").c_str()) == 0);
        MainWindow window;
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, work.filePath("d")));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.stateOf("caf\\xE9/a\\xFF.wav"), DatasetModel::ClipState::Pending);
        QStandardItem* label = nullptr;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.item(r)->text().startsWith("caf"))
                label = model.item(r);
        QVERIFY(label);
        QCOMPARE(label->text(), QString("caf\\xE9 (1)"));
        QCOMPARE(label->child(0)->text(), QString("a\\xFF.wav"));
        window.datasetPanel().selectFile("caf\\xE9/a\\xFF.wav");
        QVERIFY(previewed.wait(20000));
        QCOMPARE(window.previewPanel().melView().rowCount(), 128);
        const auto summary = runAndWait(window);
        QVERIFY(summary.has_value());
        QCOMPARE(summary->failed, 0);
        QCOMPARE(model.stateOf("caf\\xE9/a\\xFF.wav"), DatasetModel::ClipState::Done);
        std::filesystem::remove_all(work.path().toStdString()); // QDir cannot name these
    }

    void droppingAClipPreviewsIt() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("d").toStdString(), {1, 2.0, 22050}).ok());
        MainWindow window;
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(dropOn(window, work.filePath("d/drums/drums.00000.wav")));
        QVERIFY(previewed.wait(20000));
        QCOMPARE(window.previewPanel().melView().rowCount(), 128);
        QCOMPARE(window.previewPanel().mfccView().rowCount(), 20);
    }

    void changingNMelsChangesThePreview() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("d").toStdString(), {1, 3.0, 22050}).ok());
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        window.openPath(work.filePath("d/tones/tones.00000.wav"));
        QVERIFY(previewed.wait(20000));
        QCOMPARE(window.previewPanel().melView().rowCount(), 128);
        QVERIFY(typeParameter(window, "n_mels", "64")); // no Enter
        QVERIFY(previewed.wait(20000));
        QCOMPARE(window.previewPanel().melView().rowCount(), 64);
        const auto result = previewed.last().at(0).value<std::shared_ptr<const PreviewResult>>();
        QCOMPARE(result->config.nMels, 64);
        QCOMPARE(result->find("melspectrogram")->values.rows(), 64);
    }

    void invalidValueDisablesRunAndShowsTheCoreMessage() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("d").toStdString(), {1, 1.0, 22050}).ok());
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, work.filePath("d")));
        QVERIFY(window.runAction()->isEnabled());
        QVERIFY(typeParameter(window, "n_mfcc", "200"));
        QVERIFY(!window.runAction()->isEnabled());
        QCOMPARE(window.parametersPanel().problems(),
                 QStringList{"n_mfcc must be between 1 and n_mels=128 (got 200)"});
        QVERIFY(window.runAction()->toolTip().contains("n_mfcc must be between 1 and n_mels=128"));
        // Half-typed: the core's message, Run off, until it parses.
        QVERIFY(typeParameter(window, "n_mfcc", "2x"));
        QVERIFY(!window.runAction()->isEnabled());
        QCOMPARE(window.parametersPanel().problems(),
                 QStringList{"n_mfcc must be an integer (got \"2x\")"});
        pressKeys(window, Qt::Key_Backspace);
        QVERIFY(window.runAction()->isEnabled());
        QCOMPARE(window.parametersPanel().config().nMfcc, 2);
    }

    void runWritesTheSameBytesAsTheCli() {
        QTemporaryDir work;
        const QString input = work.filePath("genres");
        QVERIFY(writeDemoDataset(input.toStdString(), {2, 3.0, 22050}).ok());
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, input));
        QVERIFY(typeParameter(window, "n_mels", "96"));
        const auto summary = runAndWait(window);
        QVERIFY(summary);
        QCOMPARE(summary->processed, 8);
        QCOMPARE(window.datasetPanel().model().stateOf("drums/drums.00001.wav"),
                 DatasetModel::ClipState::Done);
        QVERIFY(window.resultsPanel().logText().contains("8 processed"));

        const CliRun cli = runCli(
            {"run", input, work.filePath("cli"), "--progress", "none", "--set", "n_mels=96"});
        QCOMPARE(cli.exitCode, 0);
        const auto gui = snapshotNpyFiles(input + "-features"),
                   reference = snapshotNpyFiles(work.filePath("cli"));
        QCOMPARE(gui.size(), 8 * 6);
        QCOMPARE(gui.keys(), reference.keys());
        for (const QString& key : gui.keys())
            QVERIFY2(gui[key].bytes == reference[key].bytes, qPrintable(key));

        // Running again is incremental, and the window says so.
        const auto again = runAndWait(window);
        QVERIFY(again);
        QCOMPARE(again->skipped, 8);
        QCOMPARE(window.datasetPanel().model().stateOf("drums/drums.00001.wav"),
                 DatasetModel::ClipState::Skipped);
    }

    void cancelLeavesNothingPartialAndARerunCompletes() {
        QTemporaryDir work;
        const QString input = work.filePath("genres");
        // Enough work (160 clips x 10 s) that the first progress delivery comes well before the
        // end.
        QVERIFY(writeDemoDataset(input.toStdString(), {40, 10.0, 22050}).ok());
        MainWindow window;
        QVERIFY(openDatasetAndWait(window, input));
        connect(&window.runController(), &RunController::filesFinished, &window, [&] {
            if (window.cancelAction()->isEnabled())
                window.cancelAction()->trigger();
        });
        const auto cancelled = runAndWait(window);
        QVERIFY(cancelled);
        QVERIFY(cancelled->interrupted);
        QVERIFY(cancelled->processed < 160);
        for (const auto& [name, file] : snapshotFolder(input + "-features").toStdMap()) {
            QVERIFY2(!name.contains(".cepstra-tmp-"), qPrintable(name));
            if (name.endsWith(".npy"))
                QVERIFY2(decodeNpy(std::string_view(file.bytes.constData(),
                                                    std::size_t(file.bytes.size())))
                             .ok(),
                         qPrintable(name));
        }
        QObject::disconnect(&window.runController(), &RunController::filesFinished, &window,
                            nullptr);
        const auto resumed = runAndWait(window);
        QVERIFY(resumed);
        QVERIFY(!resumed->interrupted);
        QCOMPARE(resumed->processed + resumed->skipped, 160);
        QCOMPARE(resumed->skipped, cancelled->processed);
    }

    void settingsPersistAcrossARestart() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("d").toStdString(), {1, 1.0, 22050}).ok());
        {
            MainWindow first;
            first.resize(1111, 777);
            QVERIFY(showActive(first));
            QVERIFY(openDatasetAndWait(first, work.filePath("d")));
            first.datasetPanel().setOutputFolder(work.filePath("elsewhere"));
            QVERIFY(typeParameter(first, "n_mels", "40"));
            QVERIFY(typeParameter(first, "hop_length", "256"));
            first.close();
        }
        MainWindow second;
        QCOMPARE(second.parametersPanel().config().nMels, 40);
        QCOMPARE(second.parametersPanel().config().hopLength, 256);
        QCOMPARE(second.datasetPanel().inputFolder(), work.filePath("d"));
        QCOMPARE(second.datasetPanel().outputFolder(), work.filePath("elsewhere"));
        QCOMPARE(second.size(), QSize(1111, 777));
    }

    void presetsRoundTripThroughJson() {
        const auto presets = builtInPresets();
        QVERIFY(presets.size() >= 4);
        QCOMPARE(presets.front().name, QString("Legacy Airflow pipeline (librosa defaults)"));
        QTemporaryDir work;
        ParametersPanel panel;
        for (const Preset& preset : presets) {
            QVERIFY2(validate(preset.config).empty(), qPrintable(preset.name));
            panel.setConfig(preset.config);
            QCOMPARE(panel.config(), preset.config);
            const QString path = work.filePath("preset.json");
            QVERIFY(panel.saveConfigFile(path).isEmpty());
            // The saved file is exactly what the CLI reads.
            FeatureConfig viaCore;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(applyConfigText(viaCore, file.readAll().toStdString()).ok());
            QCOMPARE(viaCore, preset.config);
            panel.setConfig(FeatureConfig{});
            QVERIFY(panel.loadConfigFile(path).isEmpty());
            QCOMPARE(panel.config(), preset.config);
        }
        QVERIFY(panel.loadConfigFile(work.filePath("missing.json")).contains("Cannot read"));
    }

    void problemsAreExplainedInDialogs() {
        QTemporaryDir work;
        QVERIFY(writeDemoDataset(work.filePath("d").toStdString(), {1, 1.0, 22050}).ok());
        MainWindow window;
        QVERIFY(!window.startRun()); // nothing open yet
        QVERIFY(window.lastError().contains("Open a dataset folder first"));
        QVERIFY(openDatasetAndWait(window, work.filePath("d")));
        window.datasetPanel().setOutputFolder(work.filePath("d/features"));
        QVERIFY(!window.startRun());
        QVERIFY(window.lastError().contains("inside the input folder"));

        QDir().mkpath(work.filePath("empty"));
        QSignalSpy failed(&window.runController(), &RunController::runFailed);
        QVERIFY(openDatasetAndWait(window, work.filePath("empty")));
        window.datasetPanel().setOutputFolder(work.filePath("empty-out"));
        QVERIFY(window.startRun());
        QVERIFY(failed.wait(20000));
        QVERIFY(window.lastError().contains("no audio files found"));
        window.openPath(work.filePath("notes.txt"));
        QVERIFY(window.lastError().contains("neither a folder nor an audio file"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
