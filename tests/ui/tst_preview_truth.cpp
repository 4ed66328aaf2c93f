// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defect 3 and the preview's gaps of 11: the preview never shows a config that is
// not on screen (typing an invalid n_mels never changes its stated shape; it is dimmed and
// says why), n_fft steps by powers of two, A and B line up row by row and can share one colour
// scale, and the mel dB fields have names for screen readers. Typed and clicked, offscreen.
#include "tests/ui/WindowDriving.h"
#include "ui/preview/PreviewPane.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/widgets/HeatmapView.h"
#include "ui/widgets/WaveformView.h"

#include <QAccessible>
#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <set>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

constexpr int kRate = 22050;

/// "128 × 130" from the title line: the shape the preview states.
QString statedShape(PreviewPane& pane) {
    static const QRegularExpression shape(QStringLiteral("(\\d+ × \\d+) frames"));
    return shape.match(pane.title().text()).captured(1);
}

/// Types into a parameter one key at a time, waiting `pauseMs` between keys as a slow typist
/// does, so the preview may follow each prefix.
bool typeSlowly(MainWindow& window, const char* key, const QString& text, int pauseMs) {
    if (!typeParameter(window, key, text.left(1)))
        return false;
    for (const QChar character : text.mid(1)) {
        QTest::qWait(pauseMs);
        QTest::keyClicks(fieldOf(window, key), QString(character));
    }
    return fieldOf(window, key)->text() == text;
}

/// The names of every spin box in the window's accessibility tree.
void spinBoxNames(QAccessibleInterface* node, std::set<QString>& names, int depth = 0) {
    if (!node || depth > 40)
        return;
    if (node->role() == QAccessible::SpinBox)
        names.insert(node->text(QAccessible::Name));
    for (int child = 0; child < node->childCount(); ++child)
        spinBoxNames(node->child(child), names, depth + 1);
}

} // namespace

class TestPreviewTruth : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_clips;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("CEPSTRA_AUDIO", "null");
        m_clips = m_work.filePath("clips");
        QVERIFY(writeAudioFile(m_clips + "/a/loud.wav", sine(440.0, 3.0, kRate, 0.5), kRate));
        QVERIFY(writeAudioFile(m_clips + "/a/quiet.wav", sine(440.0, 3.0, kRate, 0.02), kRate));
        QVERIFY(writeAudioFile(
            m_clips + "/a/a-recording-with-a-name-as-long-as-field-recorders-give-them.wav",
            sine(660.0, 3.0, kRate, 0.5), kRate));
    }
    void init() { QSettings().clear(); }

    /// The done-when: 2000 typed into n_mels, however fast, never changes the stated shape.
    void anInvalidNMelsNeverChangesTheStatedShape() {
        MainWindow window;
        QVERIFY(activate(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        window.openPath(m_clips + "/a/loud.wav");
        QVERIFY(previewed.wait(20000));
        PreviewPanel& preview = window.previewPanel();
        const QString before = statedShape(preview.currentPane());
        QVERIFY2(before.startsWith("128 × "), qPrintable(before));
        previewed.clear();
        QVERIFY(typeParameter(window, "n_mels", "2000")); // no Enter
        QTest::qWait(3 * PreviewController::kConfigDebounceMs);
        QTRY_VERIFY(!window.previewController().isBusy());
        for (const auto& arguments : previewed)
            QCOMPARE(arguments.at(0).value<std::shared_ptr<const PreviewResult>>()->config.nMels,
                     128);
        QCOMPARE(statedShape(preview.currentPane()), before);
        QCOMPARE(preview.melView().rowCount(), 128);
        QVERIFY(preview.isStale());
        QVERIFY2(preview.staleText().contains("n_mels must be"), qPrintable(preview.staleText()));

        // Typed slowly, each valid prefix shows; the invalid whole goes back to what was there.
        QVERIFY(typeParameter(window, "n_mels", "128"));
        QVERIFY(typeSlowly(window, "n_mels", "2000", 2 * PreviewController::kConfigDebounceMs));
        QTest::qWait(3 * PreviewController::kConfigDebounceMs);
        QTRY_VERIFY(!window.previewController().isBusy());
        QTRY_COMPARE(statedShape(preview.currentPane()), before);
        QVERIFY(preview.isStale());

        // A valid value again: the preview is the parameters on screen, and bright.
        QVERIFY(typeParameter(window, "n_mels", "64"));
        QTRY_COMPARE(preview.melView().rowCount(), 64);
        QVERIFY(statedShape(preview.currentPane()).startsWith("64 × "));
        QVERIFY(!preview.isStale());
    }

    /// fmax 20000 at 22050 Hz is not drawn as a 0-2 kHz spectrogram (its prefix 2000).
    void anInvalidFmaxKeepsTheShownRange() {
        MainWindow window;
        QVERIFY(activate(window));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        window.openPath(m_clips + "/a/loud.wav");
        QVERIFY(previewed.wait(20000));
        QVERIFY(typeSlowly(window, "fmax", "20000", 2 * PreviewController::kConfigDebounceMs));
        QTest::qWait(3 * PreviewController::kConfigDebounceMs);
        QTRY_VERIFY(!window.previewController().isBusy());
        QTRY_COMPARE(window.previewPanel().melView().data().melHighHz, kRate / 2.0);
        QVERIFY(window.previewPanel().staleText().contains("fmax"));
    }

    /// n_fft's arrows go to the next power of two, from a power of two or between two.
    void nFftStepsByPowersOfTwo() {
        MainWindow window;
        QVERIFY(activate(window));
        QVERIFY(typeParameter(window, "n_fft", "2048"));
        QLineEdit* field = fieldOf(window, "n_fft");
        QTest::keyClick(field, Qt::Key_Up);
        QCOMPARE(field->text(), QString("4096"));
        QTest::keyClick(field, Qt::Key_Down);
        QTest::keyClick(field, Qt::Key_Down);
        QCOMPARE(field->text(), QString("1024"));
        QCOMPARE(window.parametersPanel().config().nFft, 1024);
        QVERIFY(typeParameter(window, "n_fft", "1500"));
        QTest::keyClick(field, Qt::Key_Up);
        QCOMPARE(field->text(), QString("2048"));
        QVERIFY(typeParameter(window, "n_fft", "1500"));
        QTest::keyClick(field, Qt::Key_Down);
        QCOMPARE(field->text(), QString("1024"));
    }

    /// A with a long name (a taller title) beside B: their views on the same rows, and one
    /// colour scale unless the box is cleared.
    void aAndBLineUpAndShareAScale() {
        MainWindow window;
        window.resize(1024, 700);
        QVERIFY(activate(window));
        QVERIFY(openDatasetAndWait(window, m_clips));
        QSignalSpy previewed(&window.previewController(), &PreviewController::previewReady);
        window.datasetPanel().selectFile(
            "a/a-recording-with-a-name-as-long-as-field-recorders-give-them.wav");
        QVERIFY(previewed.wait(20000));
        pressKeys(window, Qt::Key_P, Qt::ControlModifier); // pin as A
        PreviewPanel& preview = window.previewPanel();
        QTRY_VERIFY(preview.isComparing()); // a button's shortcut clicks it a moment later
        window.datasetPanel().selectFile("a/quiet.wav");
        QTRY_VERIFY(preview.currentPane().result() &&
                    preview.currentPane().result()->path.endsWith("quiet.wav"));
        QTest::qWait(100); // the layout settles
        const auto top = [&](QWidget& view) { return view.mapTo(&preview, QPoint(0, 0)).y(); };
        QCOMPARE(top(preview.pinnedPane().waveform()), top(preview.currentPane().waveform()));
        QCOMPARE(top(preview.pinnedPane().upperView()), top(preview.currentPane().upperView()));
        QCOMPARE(top(preview.pinnedPane().lowerView()), top(preview.currentPane().lowerView()));
        QCOMPARE(preview.pinnedPane().upperView().height(),
                 preview.currentPane().upperView().height());

        QVERIFY(preview.sharedScale().isVisible() && preview.sharedScale().isChecked());
        const HeatmapData& a = preview.pinnedPane().upperView().data();
        const HeatmapData& b = preview.currentPane().upperView().data();
        QCOMPARE(a.low, b.low);
        QCOMPARE(a.high, b.high);
        QTest::mouseClick(&preview.sharedScale(), Qt::LeftButton, {},
                          QPoint(8, preview.sharedScale().height() / 2));
        QVERIFY(!preview.sharedScale().isChecked());
        // Each its own top 80 dB: the quiet clip's top is far below the loud one's.
        QVERIFY2(preview.pinnedPane().upperView().data().high >
                     preview.currentPane().upperView().data().high + 20.0,
                 qPrintable(QString("%1 %2")
                                .arg(preview.pinnedPane().upperView().data().high)
                                .arg(preview.currentPane().upperView().data().high)));
    }

    /// The mel dB range's fields are named in the accessibility tree, as their labels say.
    void theMelDecibelFieldsHaveAccessibleNames() {
        MainWindow window;
        QVERIFY(activate(window));
        std::set<QString> names;
        spinBoxNames(QAccessible::queryAccessibleInterface(&window), names);
        QVERIFY2(names.count("Mel colour floor (dB)") == 1,
                 qPrintable(QStringList(names.begin(), names.end()).join("|")));
        QVERIFY(names.count("Mel colour ceiling (dB)") == 1);
    }
};

QTEST_MAIN(TestPreviewTruth)
#include "tst_preview_truth.moc"
