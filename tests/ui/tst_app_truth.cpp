// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #11, driven as a person drives the app: typing without Enter, shortcuts, clicks, the
// wheel. The app must show the truth (what Run writes is what the fields and the preview
// say) and let one listen, zoom and compare.
#include "core/dataset/DemoDataset.h"
#include "core/io/Npy.h"
#include "tests/support/CliProcess.h"
#include "tests/support/SyntheticAudio.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/preview/AudioPlayer.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/run/ResultsPanel.h"
#include "ui/widgets/HeatmapView.h"
#include "ui/widgets/TimeViewport.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QChartView>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QValueAxis>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

bool showActive(MainWindow& window) {
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

QToolButton* toolButton(QWidget& parent, const QString& text) {
    for (QToolButton* button : parent.findChildren<QToolButton*>())
        if (button->text() == text)
            return button;
    return nullptr;
}

/// The shape of a written .npy file, or {-1, -1}.
std::pair<long long, long long> npyShape(const QString& path) {
    const auto array = readNpy(QFile::encodeName(path).toStdString());
    if (!array || array->shape.size() != 2)
        return {-1, -1};
    return {array->shape[0], array->shape[1]};
}

/// Sends a wheel event to `widget` at its centre, as a mouse wheel does.
void wheel(QWidget& widget, int notches, Qt::KeyboardModifiers modifiers) {
    const QPointF centre(widget.width() / 2.0, widget.height() / 2.0);
    QWheelEvent event(centre, widget.mapToGlobal(centre), QPoint(), QPoint(0, 120 * notches),
                      Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &event);
}

class RecordingNotifier : public DesktopNotifier {
public:
    explicit RecordingNotifier(QStringList& log)
        : m_log(log) {}
    bool notify(const QString& title, const QString& body) override {
        m_log << title + ": " + body;
        return true;
    }

private:
    QStringList& m_log;
};

} // namespace

class TestAppTruth : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null"); // a silent clock: CI has no sound device
        m_dataset = m_work.filePath("genres");
        QVERIFY(writeDemoDataset(m_dataset.toStdString(), {2, 3.0, 22050}).ok());
    }
    void init() { QSettings().clear(); }

    /// What was seen: hop_length typed without Enter, then Ctrl+R, wrote the old value; and
    /// n_mels typed before Run gave "0 processed, 20 skipped".
    void typedValuesWithoutEnterAreWhatRunWrites() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        window.datasetPanel().setOutputFolder(m_work.filePath("typed"));
        QVERIFY(typeParameter(window, "n_mels", "64"));
        QVERIFY(typeParameter(window, "hop_length", "256"));
        QSignalSpy finished(&window.runController(), &RunController::runFinished);
        pressKeys(window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(finished.wait(60000));
        const auto summary = finished.last().at(0).value<RunSummary>();
        QCOMPARE(summary.processed, 8);
        // 3 s at 22050 Hz, trimmed by little: about 3 * 22050 / 256 frames, 64 bands.
        const auto [bands, frames] =
            npyShape(m_work.filePath("typed/tones/tones.00000_melspectrogram.npy"));
        QCOMPARE(bands, 64);
        QVERIFY2(frames > 200 && frames <= 3 * 22050 / 256 + 1,
                 qPrintable(QString::number(frames)));
        // The run's log starts with its config.
        QVERIFY2(window.resultsPanel()
                     .logText()
                     .section('\n', 0, 0)
                     .contains("config: {\"center\":true,\"dct_type\":2,\"features\""),
                 qPrintable(window.resultsPanel().logText().left(300)));
        QVERIFY(window.resultsPanel().logText().section('\n', 0, 0).contains("\"hop_length\":256"));
    }

    /// The preview follows the keystrokes, about 150 ms after the last one, without Enter.
    void thePreviewFollowsTyping() {
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(previewed.wait(20000));
        QCOMPARE(window.previewPanel().melView().rowCount(), 128);
        QElapsedTimer sinceTyping;
        QVERIFY(typeParameter(window, "n_mels", "40"));
        sinceTyping.start();
        QTRY_COMPARE_WITH_TIMEOUT(window.previewPanel().melView().rowCount(), 40, 10000);
        qInfo("preview followed the typing %lld ms after the last keystroke (debounce %d ms)",
              sinceTyping.elapsed(), PreviewController::kConfigDebounceMs);
    }

    /// What was seen: "Show scaled" showed the power mel scaled, not the written log-mel
    /// scaled. Now the preview's arrays are the run's, bit for bit, for every preset.
    void everyPresetsPreviewIsWhatRunWrites() {
        const auto presets = builtInPresets();
        QVERIFY(presets.size() >= 4);
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        auto* presetBox = window.parametersPanel().findChild<QComboBox*>();
        QVERIFY(presetBox && presetBox->itemText(0) == "Custom");
        presetBox->setFocus();
        for (int index = 1; index <= int(presets.size()); ++index) {
            QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
            QTest::keyClick(presetBox, Qt::Key_Down); // the next preset, as the keyboard picks
            QCOMPARE(presetBox->currentIndex(), index);
            QCOMPARE(window.parametersPanel().config(), presets[std::size_t(index - 1)].config);
            const QString output = m_work.filePath(QString("preset-%1").arg(index));
            window.datasetPanel().setOutputFolder(output);
            window.datasetPanel().selectFile("chords/chords.00001.wav");
            QVERIFY(previewed.wait(20000));
            QTRY_VERIFY_WITH_TIMEOUT(
                previewed.last().at(0).value<std::shared_ptr<const PreviewResult>>()->config ==
                    presets[std::size_t(index - 1)].config,
                20000);
            const auto result =
                previewed.last().at(0).value<std::shared_ptr<const PreviewResult>>();
            QVERIFY(runAndWait(window));
            QVERIFY(!result->arrays.empty());
            for (const NamedOutput& array : result->arrays) {
                const QString file = QString("%1/chords/chords.00001_%2.npy")
                                         .arg(output, QString::fromStdString(array.suffix));
                const auto written = readNpyMatrix(QFile::encodeName(file).toStdString());
                QVERIFY2(written.ok(), qPrintable(file));
                QCOMPARE(written->rows(), array.values.rows());
                QCOMPARE(written->cols(), array.values.cols());
                QVERIFY2(std::memcmp(written->data(), array.values.data(),
                                     std::size_t(array.values.size()) * sizeof(float)) == 0,
                         qPrintable(file));
            }
            presetBox->setFocus();
        }
    }

    /// Play for half a second: the cursor moves over every view (on the silent clock here).
    void playingMovesTheCursor() {
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(previewed.wait(20000));
        PreviewPanel& preview = window.previewPanel();
        QVERIFY(preview.player().isSilent());
        QToolButton* play = toolButton(preview, "Play");
        QVERIFY(play);
        QTest::mouseClick(play, Qt::LeftButton);
        QVERIFY(preview.player().isPlaying());
        QTest::qWait(500);
        QTRY_VERIFY_WITH_TIMEOUT(preview.viewport().playhead() > 0.3, 5000);
        QCOMPARE(play->text(), QString("Pause"));
        pressKeys(window, Qt::Key_Space); // Space pauses
        QVERIFY(!preview.player().isPlaying());
        const double stopped = preview.viewport().playhead();
        QTest::qWait(200);
        QCOMPARE(preview.viewport().playhead(), stopped);
        // A click on a view moves the cursor there; Space plays from it.
        QTest::mouseClick(&preview.mfccView(), Qt::LeftButton, {},
                          QPoint(preview.mfccView().width() - 90, preview.mfccView().height() / 2));
        QVERIFY(std::abs(preview.viewport().playhead() - stopped) > 0.5);
    }

    /// Ctrl+wheel zooms, the wheel and a drag pan, and every view follows one axis.
    void zoomAndPanStayLinked() {
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(previewed.wait(20000));
        PreviewPanel& preview = window.previewPanel();
        const TimeViewport& viewport = preview.viewport();
        const double whole = viewport.span();
        QVERIFY(viewport.isFitted());
        wheel(preview.melView(), 3, Qt::ControlModifier); // three notches in
        QVERIFY(viewport.span() < whole * 0.6);
        QCOMPARE(preview.melView().visibleFrames(), preview.mfccView().visibleFrames());
        const double start = viewport.start();
        QTest::mousePress(&preview.mfccView(), Qt::LeftButton, {}, QPoint(300, 60));
        QTest::mouseMove(&preview.mfccView(), QPoint(200, 60));
        QTest::mouseRelease(&preview.mfccView(), Qt::LeftButton, {}, QPoint(200, 60));
        QVERIFY(viewport.start() > start); // dragged left: later in the file
        QCOMPARE(preview.melView().visibleFrames(), preview.mfccView().visibleFrames());
        QTest::mouseClick(toolButton(preview, "Fit"), Qt::LeftButton);
        QVERIFY(viewport.isFitted());
    }

    /// Pin n_mels 128 as A, type 40: both side by side, one axis.
    void compareTwoConfigsSideBySide() {
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QVERIFY(previewed.wait(20000));
        PreviewPanel& preview = window.previewPanel();
        QTest::mouseClick(toolButton(preview, "Pin as A"), Qt::LeftButton);
        QVERIFY(preview.isComparing());
        QVERIFY(typeParameter(window, "n_mels", "40"));
        QTRY_COMPARE_WITH_TIMEOUT(preview.currentPane().upperView().rowCount(), 40, 10000);
        QCOMPARE(preview.pinnedPane().upperView().rowCount(), 128);
        QCOMPARE(preview.pinnedPane().upperView().viewport(),
                 preview.currentPane().upperView().viewport());
        wheel(preview.pinnedPane().upperView(), 2, Qt::ControlModifier);
        QCOMPARE(preview.pinnedPane().upperView().visibleFrames().first,
                 preview.currentPane().upperView().visibleFrames().first);
    }

    /// The timeline is the file's: spectrogram frames start at the trim point, not at 0.
    void viewsShareTheFilesTimeline() {
        QTemporaryDir work;
        // Two seconds of silence, then a tone: trimming keeps only the tone.
        std::vector<float> clip(22050 * 2, 0.0f);
        for (int i = 0; i < 22050 * 2; ++i)
            clip.push_back(0.5f * float(std::sin(2.0 * M_PI * 440.0 * i / 22050.0)));
        MainWindow window;
        QVERIFY(showActive(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        const QString path = work.filePath("late.wav");
        QVERIFY(writeAudioFile(path, clip, 22050));
        window.openPath(path);
        QVERIFY(previewed.wait(20000));
        const HeatmapData& mel = window.previewPanel().melView().data();
        QVERIFY2(mel.firstFrameSeconds > 1.9 && mel.firstFrameSeconds < 2.1,
                 qPrintable(QString::number(mel.firstFrameSeconds)));
        QCOMPARE(window.previewPanel().viewport().duration(), 4.0);
        QCOMPARE(mel.keptStartSeconds, mel.firstFrameSeconds);
    }

    /// What was seen: after a parameter change files still said done; the status bar said
    /// "Tune the parameters" during a run; another folder showed the old log.
    void stateIsHonest() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        window.datasetPanel().setOutputFolder(m_work.filePath("honest"));
        QSignalSpy started(&window.runController(), &RunController::progress);
        QSignalSpy finished(&window.runController(), &RunController::runFinished);
        QVERIFY(window.startRun());
        QVERIFY(window.statusBar()->currentMessage().startsWith("Running"));
        QVERIFY(finished.wait(60000));
        DatasetModel& model = window.datasetPanel().model();
        QCOMPARE(model.stateOf("drums/drums.00000.wav"), DatasetModel::ClipState::Done);
        QVERIFY(typeParameter(window, "n_mels", "50"));
        QCOMPARE(model.stateOf("drums/drums.00000.wav"), DatasetModel::ClipState::Outdated);
        QVERIFY(typeParameter(window, "n_mels", "128")); // back to what was run
        QCOMPARE(model.stateOf("drums/drums.00000.wav"), DatasetModel::ClipState::Done);
        QVERIFY(!window.resultsPanel().logText().isEmpty());

        // Opening the folder again later: the catalog says what is done, and with what.
        MainWindow later;
        QVERIFY(showActive(later));
        QVERIFY(openDatasetAndWait(later, m_dataset));
        later.datasetPanel().setOutputFolder(m_work.filePath("honest"));
        QVERIFY(openDatasetAndWait(later, m_dataset));
        QCOMPARE(later.datasetPanel().model().stateOf("drums/drums.00000.wav"),
                 DatasetModel::ClipState::Done);

        QTemporaryDir other;
        QVERIFY(writeDemoDataset(other.filePath("g").toStdString(), {1, 1.0, 22050}).ok());
        QVERIFY(openDatasetAndWait(window, other.filePath("g")));
        QVERIFY(window.resultsPanel().logText().isEmpty());
        QCOMPARE(window.resultsPanel().failureRows(), 0);
    }

    /// Ctrl+Z undoes a typed value, Ctrl+Shift+Z redoes it.
    void undoAndRedoParameterChanges() {
        MainWindow window;
        QVERIFY(showActive(window));
        QVERIFY(typeParameter(window, "n_mels", "64"));
        QVERIFY(typeParameter(window, "n_fft", "1024"));
        QCOMPARE(window.parametersPanel().config().nMels, 64);
        pressKeys(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.parametersPanel().config().nFft, 2048);
        QCOMPARE(window.parametersPanel().config().nMels, 64);
        pressKeys(window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.parametersPanel().config().nMels, 128);
        pressKeys(window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(window.parametersPanel().config().nMels, 64);
        QCOMPARE(fieldOf(window, "n_mels")->text(), QString("64"));
    }

    /// A run that ends while the window is in the background says so on the desktop.
    void aRunInTheBackgroundNotifies() {
        QStringList notifications;
        MainWindow window;
        window.setNotifier(std::make_unique<RecordingNotifier>(notifications));
        window.show();
        QWidget elsewhere; // the user works in another window
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        window.datasetPanel().setOutputFolder(m_work.filePath("background"));
        QVERIFY(!window.isActiveWindow());
        QVERIFY(runAndWait(window));
        QCOMPARE(notifications.size(), 1);
        QVERIFY2(notifications.front().contains("8 processed"), qPrintable(notifications.front()));
    }

    /// Layout at 1024x700, units and tooltips on labels, charts, and the output folder message.
    void layoutAndLabelsAreUsable() {
        MainWindow window;
        window.resize(1024, 700);
        QVERIFY(showActive(window));
        QVERIFY(openDatasetAndWait(window, m_dataset));
        QCOMPARE(window.size(), QSize(1024, 700)); // nothing forces the window wider
        auto* tree = window.datasetPanel().findChild<QTreeView*>();
        QVERIFY(tree);
        QVERIFY2(tree->header()->sectionSize(0) >= tree->fontMetrics().averageCharWidth() * 16,
                 qPrintable(QString::number(tree->header()->sectionSize(0))));
        bool foundUnits = false;
        for (QLabel* label : window.parametersPanel().findChildren<QLabel*>()) {
            if (label->text().startsWith("fmin")) {
                QCOMPARE(label->text(), QString("fmin (Hz)"));
                QVERIFY(label->toolTip().contains("lowest mel filter edge"));
                foundUnits = true;
            }
            if (label->text().startsWith("hop_length"))
                QCOMPARE(label->text(), QString("hop_length (samples, 23.2 ms)"));
        }
        QVERIFY(foundUnits);

        // Whole-number ticks on counts, and long label names slanted so they show in full.
        QVERIFY(runAndWait(window));
        for (QChartView* view : window.resultsPanel().findChildren<QChartView*>()) {
            if (!view->chart() || !view->chart()->title().contains("Failures"))
                continue;
            auto* values = qobject_cast<QValueAxis*>(view->chart()->axes(Qt::Horizontal).value(0));
            QVERIFY(values);
            QCOMPARE(values->labelFormat(), QString("%d"));
            QVERIFY(values->tickInterval() >= 1.0);
        }

        // No file manager (xdg-open not on PATH): the app says where the folder is.
        const QByteArray path = qgetenv("PATH");
        QTemporaryDir empty;
        qputenv("PATH", QFile::encodeName(empty.path()));
        window.openOutputFolder();
        QTRY_VERIFY2(window.lastError().contains(window.datasetPanel().outputFolder()),
                     qPrintable(window.lastError()));
        qputenv("PATH", path);
    }
};

QTEST_MAIN(TestAppTruth)
#include "tst_app_truth.moc"
