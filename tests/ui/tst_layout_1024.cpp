// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #20, defect 5: in a 1024x700 window (and with Advanced open at 1440x900) every label
// and every error shows. One window walks through the app on a dataset with long names; each
// step checks what a person would read, and saves a picture: into the build tree, or into
// $CEPSTRA_SCREENSHOT_DIR (`make screenshot` refreshes docs/screenshots/ that way).
#include "tests/support/CliProcess.h"
#include "tests/ui/WindowDriving.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/export/ExportDialog.h"
#include "ui/health/HealthFindingsModel.h"
#include "ui/health/HealthFindingsView.h"
#include "ui/health/HealthPanel.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/run/ResultsPanel.h"

#include <QAbstractSpinBox>
#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace cepstra;
using namespace cepstra::ui;
using namespace cepstra::test;

namespace {

bool snap(QWidget& widget, const QString& name) {
    QTest::qWait(200); // charts and layouts settle
    return widget.grab().save(screenshotPath(name));
}

/// The scroll area around the parameters.
QScrollArea* parameterScroll(MainWindow& window) {
    for (QScrollArea* area : window.findChildren<QScrollArea*>())
        if (area->widget() == &window.parametersPanel())
            return area;
    return nullptr;
}

QToolButton* advancedToggle(MainWindow& window) {
    for (QToolButton* button : window.parametersPanel().findChildren<QToolButton*>())
        if (button->text() == "Advanced")
            return button;
    return nullptr;
}

/// `widget`'s rectangle in the viewport of `area`.
QRect rectIn(QScrollArea& area, QWidget& widget) {
    return QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size());
}

} // namespace

class TestLayout1024 : public QObject {
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_dataset;
    std::unique_ptr<MainWindow> m_window;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("CEPSTRA_AUDIO", "null");
        qputenv("CEPSTRA_CACHE_DIR", QFile::encodeName(m_work.filePath("cache")));
        m_dataset = m_work.filePath("music");
        QVERIFY(writeLongNamedDataset(m_dataset, 6, 6.0));
        // Something for Results and Health to say: a clip filed twice, a silent one, a
        // broken one.
        QVERIFY(QFile::copy(m_dataset + "/orchestral/orchestral.00001.wav",
                            m_dataset + "/electronic/electronic.from-orchestral.wav"));
        QVERIFY(writeAudioFile(m_dataset + "/percussion/percussion.silent.wav", silence(6.0, 22050),
                               22050));
        QVERIFY(writeBytes(m_dataset + "/field-recordings/field-recordings.broken.wav", "RIFF"));
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1024, 700);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(openDatasetAndWait(*m_window, m_dataset));
        QVERIFY(runAndWait(*m_window));
        QSignalSpy checked(&m_window->healthController(), &HealthController::checkFinished);
        QVERIFY(m_window->startHealthCheck());
        QVERIFY(checked.wait(60000));
        QCOMPARE(m_window->size(), QSize(1024, 700)); // nothing forces the window wider
    }
    void cleanupTestCase() { m_window.reset(); }

    /// Whole names, and their state beside them, without scrolling sideways.
    void theTreeShowsWholeNamesAndStates() {
        m_window->centerTabs().setCurrentIndex(0);
        QTreeView& tree = m_window->datasetPanel().tree();
        tree.expandAll();
        QTest::qWait(100);
        const DatasetModel& model = m_window->datasetPanel().model();
        QHeaderView& header = *tree.header();
        for (int label = 0; label < model.rowCount(); ++label)
            for (int file = 0; file < model.item(label)->rowCount(); ++file) {
                const QString name = model.item(label)->child(file)->text();
                const int needed =
                    tree.indentation() * 2 + tree.fontMetrics().horizontalAdvance(name);
                QVERIFY2(header.sectionSize(DatasetModel::NameColumn) >= needed,
                         qPrintable(QString("%1 needs %2, has %3")
                                        .arg(name)
                                        .arg(needed)
                                        .arg(header.sectionSize(DatasetModel::NameColumn))));
            }
        QVERIFY(header.sectionViewportPosition(DatasetModel::StatusColumn) +
                    header.sectionSize(DatasetModel::StatusColumn) <=
                tree.viewport()->width());
        QVERIFY(snap(*m_window, "main-1024x700"));
    }

    /// Every field with its arrows inside the panel, Advanced open.
    void parametersFitWithAdvancedOpen() {
        QScrollArea* scroll = parameterScroll(*m_window);
        QVERIFY(scroll);
        QToolButton* advanced = advancedToggle(*m_window);
        QVERIFY(advanced);
        if (!advanced->isChecked())
            QTest::mouseClick(advanced, Qt::LeftButton);
        QTest::qWait(100);
        int fields = 0;
        for (QAbstractSpinBox* field :
             m_window->parametersPanel().findChildren<QAbstractSpinBox*>()) {
            const QRect rect = rectIn(*scroll, *field);
            QVERIFY2(
                rect.right() < scroll->viewport()->width(),
                qPrintable(field->objectName() + " is cut at " + QString::number(rect.right())));
            ++fields;
        }
        for (QComboBox* field : m_window->parametersPanel().findChildren<QComboBox*>())
            QVERIFY2(rectIn(*scroll, *field).right() < scroll->viewport()->width(),
                     qPrintable(field->objectName()));
        QVERIFY(fields >= 10);
        QTest::mouseClick(advanced, Qt::LeftButton);
    }

    void anErrorShowsBesideItsField_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("typed");
        QTest::newRow("n_fft at 1024x700") << QSize(1024, 700) << "n_fft"
                                           << "2x";
        QTest::newRow("win_length at 1024x700") << QSize(1024, 700) << "win_length"
                                                << "999999";
        QTest::newRow("top_db at 1440x900") << QSize(1440, 900) << "top_db"
                                            << "-5";
        QTest::newRow("fmax at 1440x900") << QSize(1440, 900) << "fmax"
                                          << "20000";
    }
    /// Typed with Advanced open: the message is right beneath the field, in view, whole.
    void anErrorShowsBesideItsField() {
        QFETCH(QSize, size);
        QFETCH(QString, key);
        QFETCH(QString, typed);
        m_window->resize(size);
        QToolButton* advanced = advancedToggle(*m_window);
        if (!advanced->isChecked())
            QTest::mouseClick(advanced, Qt::LeftButton);
        QVERIFY(typeParameter(*m_window, qPrintable(key), typed));
        QTest::qWait(100);
        QScrollArea* scroll = parameterScroll(*m_window);
        QLabel* error = m_window->parametersPanel().errorFor(key);
        QVERIFY(error);
        QVERIFY2(error->isVisible() && !error->text().isEmpty(), qPrintable(key));
        const QRect errorRect = rectIn(*scroll, *error);
        const QRect fieldRect = rectIn(*scroll, *m_window->parametersPanel().editorFor(key));
        QVERIFY2(scroll->viewport()->rect().contains(errorRect),
                 qPrintable(QString("error at %1,%2 %3x%4 outside the %5x%6 viewport")
                                .arg(errorRect.x())
                                .arg(errorRect.y())
                                .arg(errorRect.width())
                                .arg(errorRect.height())
                                .arg(scroll->viewport()->width())
                                .arg(scroll->viewport()->height())));
        // The next row: beneath the field, within what a wrapped label beside it may take.
        QVERIFY(errorRect.top() >= fieldRect.bottom());
        QVERIFY(errorRect.top() <= fieldRect.bottom() + 2 * error->fontMetrics().height() + 8);
        QVERIFY(error->height() >= error->heightForWidth(error->width())); // no line cut off
        if (size == QSize(1024, 700) && key == "win_length")
            QVERIFY(snap(*m_window, "parameters-error-1024x700"));
        const QString valid = key == "n_fft" ? "2048" : key == "top_db" ? "60" : "";
        if (valid.isEmpty()) { // the key's null: clear the field
            QVERIFY(typeParameter(*m_window, qPrintable(key), "1"));
            pressKeys(*m_window, Qt::Key_Backspace);
        } else {
            QVERIFY(typeParameter(*m_window, qPrintable(key), valid));
        }
        QVERIFY(m_window->parametersPanel().isValid());
        QVERIFY(!error->isVisible());
        QTest::mouseClick(advanced, Qt::LeftButton);
        m_window->resize(1024, 700);
    }

    /// The failure's reason whole, and every label name whole on the per-label charts.
    void resultsShowEveryReasonAndLabel() {
        m_window->centerTabs().setCurrentWidget(&m_window->resultsPanel());
        QTest::qWait(100);
        QTableWidget& failures = m_window->resultsPanel().failureTable();
        QCOMPARE(failures.rowCount(), 1);
        const QString reason = failures.item(0, 1)->text();
        QVERIFY(reason.contains("cannot decode"));
        const QRect cell = failures.visualItemRect(failures.item(0, 1));
        QVERIFY(cell.right() <= failures.viewport()->width());
        const QRect needed = failures.fontMetrics().boundingRect(
            QRect(0, 0, cell.width() - 8, 10000), Qt::TextWordWrap, reason);
        QVERIFY2(cell.height() >= needed.height(),
                 qPrintable(QString("%1 px of %2").arg(cell.height()).arg(needed.height())));
        QVERIFY(snap(*m_window, "results-1024x700"));
        auto* tabs = m_window->resultsPanel().findChild<QTabWidget*>();
        tabs->setCurrentIndex(1);
        QTest::qWait(300);
        int charts = 0;
        for (QChartView* view : m_window->resultsPanel().findChildren<QChartView*>()) {
            auto* axis =
                qobject_cast<QBarCategoryAxis*>(view->chart()->axes(Qt::Vertical).value(0));
            QVERIFY(axis);
            QCOMPARE(axis->count(), 4);
            const QFontMetrics metrics(axis->labelsFont());
            int longest = 0;
            for (const QString& label : axis->categories())
                longest = std::max(longest, metrics.horizontalAdvance(label));
            QVERIFY2(view->chart()->plotArea().left() >= longest,
                     qPrintable(QString("%1: labels need %2, the axis has %3")
                                    .arg(view->chart()->title())
                                    .arg(longest)
                                    .arg(view->chart()->plotArea().left())));
            ++charts;
        }
        QCOMPARE(charts, 4);
        QVERIFY(snap(*m_window, "results-per-label-1024x700"));
        tabs->setCurrentIndex(0);
    }

    /// File, check and severity in view; the rest a scroll away; the detail whole beneath.
    void healthShowsItsMainColumns() {
        HealthPanel& health = m_window->healthPanel();
        m_window->centerTabs().setCurrentWidget(&health);
        health.tabs().setCurrentIndex(0);
        QTest::qWait(200);
        QTableView& table = health.table();
        QHeaderView& header = *table.horizontalHeader();
        for (int column :
             {HealthFindingsModel::File, HealthFindingsModel::Check, HealthFindingsModel::Severity})
            QVERIFY2(header.sectionViewportPosition(column) + header.sectionSize(column) <=
                         table.viewport()->width(),
                     qPrintable(QString::number(column)));
        QVERIFY(table.model()->rowCount() > 0);
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {},
                          table.visualRect(table.model()->index(0, 0)).center());
        const QString detail =
            table.model()->index(0, HealthFindingsModel::Detail).data(Qt::ToolTipRole).toString();
        QVERIFY(!detail.isEmpty());
        QVERIFY2(health.findingsView().detail().text().contains(detail.toHtmlEscaped()),
                 qPrintable(health.findingsView().detail().text()));
        QVERIFY(snap(*m_window, "health-1024x700"));
        health.tabs().setCurrentIndex(1);
        QVERIFY(snap(*m_window, "health-duplicates-1024x700"));
        health.tabs().setCurrentIndex(2);
        QVERIFY(snap(*m_window, "health-counts-1024x700"));
        health.tabs().setCurrentIndex(0);
    }

    /// The Export dialog fits a 700-pixel screen, labels and plan in view.
    void theExportDialogFits() {
        pressKeys(*m_window, Qt::Key_E, Qt::ControlModifier);
        ExportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ExportDialog*>()) && dialog->isVisible());
        QTRY_VERIFY(dialog->planText().text().contains("all"));
        QVERIFY(dialog->height() <= 700 && dialog->width() <= 1024);
        QVERIFY(dialog->exportButton().isVisible());
        QVERIFY(snap(*dialog, "export-1024x700"));
        dialog->close();
    }
};

QTEST_MAIN(TestLayout1024)
#include "tst_layout_1024.moc"
