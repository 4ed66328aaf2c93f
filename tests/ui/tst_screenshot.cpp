// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the main window with a dataset loaded and a preview shown, and saves it in the build
// tree (tests/screenshot.png), or where $CEPSTRA_SCREENSHOT_PATH says: `make screenshot`
// refreshes the README's docs/screenshot.png that way, on purpose.
#include "core/dataset/DemoDataset.h"
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/export/ExportDialog.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthPanel.h"
#include "ui/preview/AudioPlayer.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/widgets/HeatmapView.h"
#include "ui/widgets/TimeViewport.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QTabWidget>
#include <QToolButton>

#include <cmath>

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

class TestScreenshot : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void rendersTheMainWindowWithAPreview() {
        QTemporaryDir work;
        const QString genres = work.filePath("genres");
        QVERIFY(writeDemoDataset(genres.toStdString(), {6, 12.0, 22050}).ok());
        MainWindow window;
        window.resize(1560, 940);
        window.show();
        QVERIFY(openDatasetAndWait(window, genres));
        QVERIFY(runAndWait(window)); // so the tree shows what a finished run looks like
        for (QToolButton* button : window.findChildren<QToolButton*>())
            if (button->text() == "Advanced")
                button->setChecked(true); // show every parameter in the picture
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        window.datasetPanel().selectFile("chords/chords.00002.wav");
        QVERIFY(previewed.wait(20000));
        QTest::qWait(200);
        const QImage image = window.grab().toImage();
        QCOMPARE(image.width(), qRound(1560 * image.devicePixelRatio())); // also at high DPI
        // A real picture, not a blank window: the heatmaps alone use hundreds of colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 300, qPrintable(QString::number(colours.size())));
        const QString path = qEnvironmentVariableIsSet("CEPSTRA_SCREENSHOT_PATH")
                                 ? qEnvironmentVariable("CEPSTRA_SCREENSHOT_PATH")
                                 : QCoreApplication::applicationDirPath() + "/screenshot.png";
        QVERIFY2(image.save(path), qPrintable(path));
    }

    void bothPalettesAreReadable() {
        QTemporaryDir work;
        const QString genres = work.filePath("genres");
        QVERIFY(writeDemoDataset(genres.toStdString(), {3, 4.0, 22050}).ok());
        QVERIFY(writeBytes(genres + "/noise/broken.wav", "RIFF"));
        MainWindow window;
        window.resize(1400, 860);
        window.show();
        QVERIFY(openDatasetAndWait(window, genres));
        QVERIFY(runAndWait(window));
        for (bool dark : {false, true}) {
            for (QAction* action : window.findChildren<QAction*>())
                if (action->text() == "&Dark theme")
                    action->setChecked(dark);
            QTest::qWait(100);
            // WCAG contrast of text on its background: 7:1 is the "enhanced" level.
            const QPalette palette = QApplication::palette();
            QVERIFY2(contrastRatio(palette.text().color(), palette.base().color()) >= 7.0,
                     dark ? "dark" : "light");
            QVERIFY(contrastRatio(palette.windowText().color(), palette.window().color()) >= 7.0);
            // Links (the About box) and field text (spin boxes) stay readable too: 4.5:1.
            QVERIFY2(contrastRatio(palette.link().color(), palette.base().color()) >= 4.5,
                     dark ? "dark link" : "light link");
            QVERIFY(contrastRatio(palette.link().color(), palette.window().color()) >= 4.5);
            QVERIFY(contrastRatio(palette.buttonText().color(), palette.button().color()) >= 7.0);
            const QString name = QString("screenshot-%1").arg(dark ? "dark" : "light");
            QVERIFY(window.grab().save(QDir::current().filePath(name + "-preview.png")));
            window.findChild<QTabWidget*>()->setCurrentIndex(1); // Results
            QTest::qWait(100);
            QVERIFY(window.grab().save(QDir::current().filePath(name + "-results.png")));
            const auto tabs = window.findChildren<QTabWidget*>();
            tabs.last()->setCurrentIndex(1); // Per label
            QTest::qWait(100);
            QVERIFY(window.grab().save(QDir::current().filePath(name + "-charts.png")));
            tabs.last()->setCurrentIndex(0);
            window.findChild<QTabWidget*>()->setCurrentIndex(0);
        }
    }

    /// The issue #11 walk-through, as a new user would do it, one picture per step in the
    /// build tree (tests/walkthrough-N-*.png): open, type, listen, zoom, compare, run.
    void walkThroughTheApp() {
        qputenv("CEPSTRA_AUDIO", "null");
        QTemporaryDir work;
        const QString genres = work.filePath("genres");
        QVERIFY(writeDemoDataset(genres.toStdString(), {3, 8.0, 22050}).ok());
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const QString folder = QCoreApplication::applicationDirPath();
        auto snap = [&](const QString& name) {
            QTest::qWait(150);
            return window.grab().save(folder + "/walkthrough-" + name + ".png");
        };
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        QVERIFY(openDatasetAndWait(window, genres));
        window.datasetPanel().selectFile("tones/tones.00001.wav");
        QVERIFY(previewed.wait(20000));
        QVERIFY(snap("1-open"));
        QVERIFY(typeParameter(window, "hop_length", "256"));
        QVERIFY(typeParameter(window, "n_mfcc", "13"));
        QVERIFY(previewed.wait(20000));
        QVERIFY(snap("2-typed"));
        for (QToolButton* button : window.findChildren<QToolButton*>())
            if (button->text() == "Play")
                QTest::mouseClick(button, Qt::LeftButton);
        QTest::qWait(1500);
        QVERIFY(window.previewPanel().viewport().playhead() > 1.0);
        QVERIFY(snap("3-playing"));
        window.previewPanel().player().pause();
        const QPointF centre(window.previewPanel().melView().width() / 2.0, 60);
        QWheelEvent zoom(centre, window.previewPanel().melView().mapToGlobal(centre), QPoint(),
                         QPoint(0, 480), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase,
                         false);
        QApplication::sendEvent(&window.previewPanel().melView(), &zoom);
        QVERIFY(!window.previewPanel().viewport().isFitted());
        QVERIFY(snap("4-zoomed"));
        window.previewPanel().viewport().fit();
        for (QToolButton* button : window.findChildren<QToolButton*>())
            if (button->text() == "Pin as A")
                QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(typeParameter(window, "n_mels", "40"));
        QTRY_COMPARE_WITH_TIMEOUT(window.previewPanel().melView().rowCount(), 40, 10000);
        QVERIFY(snap("5-compare-128-vs-40"));
        QVERIFY(runAndWait(window));
        QVERIFY(snap("6-run"));

        // Plant two faults, then check: a copy of a clip under another label, shifted 1 s.
        QVERIFY(QProcess::execute("sox", {genres + "/tones/tones.00002.wav",
                                          genres + "/chords/from-tones.wav", "pad", "1", "trim",
                                          "0", "8"}) == 0);
        QVERIFY(openDatasetAndWait(window, genres));
        QSignalSpy checked(&window.healthController(), &HealthController::checkFinished);
        QTest::mouseClick(&window.healthPanel().checkButton(), Qt::LeftButton);
        QVERIFY(checked.wait(60000));
        QVERIFY(snap("7-health"));
        QTabWidget* healthTabs = window.healthPanel().findChild<QTabWidget*>();
        QVERIFY(healthTabs);
        healthTabs->setCurrentIndex(1);
        QVERIFY(snap("7-health-counts"));
        healthTabs->setCurrentIndex(0);
        QTableView& table = window.healthPanel().table();
        for (int row = 0; row < table.model()->rowCount(); ++row)
            if (table.model()->index(row, HealthFindingsModel::Check).data() == "near_duplicate") {
                const QPoint cell = table.visualRect(table.model()->index(row, 0)).center();
                QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cell);
                QTest::mouseDClick(table.viewport(), Qt::LeftButton, {}, cell);
                break;
            }
        QTRY_VERIFY_WITH_TIMEOUT(window.previewPanel().isComparing(), 20000);
        QTest::qWait(500);
        QVERIFY(snap("8-duplicate-lined-up"));
        window.showExportDialog();
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ExportDialog*>()) && dialog->isVisible());
        QTest::mouseClick(&dialog->fixedLength(), Qt::LeftButton);
        // 12 clips: every split must get one (an empty split is refused).
        QTest::keyClicks(&dialog->split(), "train=0.5,valid=0.25,test=0.25");
        QTRY_VERIFY2(dialog->planText().text().contains("train"),
                     qPrintable(dialog->planText().text()));
        QTest::qWait(150);
        QVERIFY(dialog->grab().save(folder + "/walkthrough-9-export.png"));
    }

private:
    static double luminance(const QColor& colour) {
        auto channel = [](double value) {
            return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
               0.0722 * channel(colour.blueF());
    }
    static double contrastRatio(const QColor& a, const QColor& b) {
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    }
};

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
