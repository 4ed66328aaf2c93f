// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/MainMenus.h"

#include "core/Version.h"
#include "core/dataset/DatasetScanner.h"
#include "ui/dataset/DatasetPanel.h"
#include "ui/dataset/DemoDatasetDialog.h"
#include "ui/parameters/ParametersPanel.h"
#include "ui/run/ResultsPanel.h"
#include "ui/run/RunSession.h"
#include "ui/widgets/FolderOpener.h"
#include "ui/widgets/PathText.h"
#include "ui/window/HelpDialogs.h"
#include "ui/window/MainWindow.h"
#include "ui/window/Theme.h"

#include <QAction>
#include <QFileDialog>
#include <QMenuBar>
#include <QToolBar>
#include <QUndoStack>

namespace cepstra::ui {
namespace {

/// "Audio (*.wav *.au ...)" from the scanner's own list, so a dialog offers what a run reads.
QString audioFileFilter() {
    QStringList patterns;
    for (std::string_view extension : audioExtensions())
        patterns << "*" + toQString(extension);
    return QObject::tr("Audio (%1)").arg(patterns.join(' '));
}

QAction* addFileMenu(MainWindow& window) {
    QMenu* file = window.menuBar()->addMenu(QObject::tr("&File"));
    QAction* openFolder = file->addAction(QObject::tr("Open &dataset folder…"), &window, [&window] {
        const QString folder = QFileDialog::getExistingDirectory(
            &window, QObject::tr("Open dataset folder"), window.datasetPanel().inputFolder());
        if (!folder.isEmpty())
            window.openPath(folder);
    });
    openFolder->setShortcut(QKeySequence::Open);
    file->addAction(QObject::tr("Open &clip…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                    &window, [&window] {
                        const QString clip = QFileDialog::getOpenFileName(
                            &window, QObject::tr("Open an audio clip to preview"),
                            window.datasetPanel().inputFolder(), audioFileFilter());
                        if (!clip.isEmpty())
                            window.openPath(clip);
                    });
    file->addAction(QObject::tr("Make a &demo dataset…"), &window,
                    [&window] {
                        auto* dialog = new DemoDatasetDialog(&window);
                        dialog->setAttribute(Qt::WA_DeleteOnClose);
                        QObject::connect(dialog, &DemoDatasetDialog::created, &window,
                                         &MainWindow::openPath);
                        dialog->open();
                    })
        ->setToolTip(QObject::tr("No data at hand? Write a small dataset of synthetic music "
                                 "to try Cepstra on"));
    file->addSeparator();
    file->addAction(
        QObject::tr("&Load config…"), QKeySequence(Qt::CTRL | Qt::Key_L), &window, [&window] {
            const QString path = QFileDialog::getOpenFileName(&window, QObject::tr("Load config"),
                                                              {}, QObject::tr("Config (*.json)"));
            if (const QString error =
                    path.isEmpty() ? QString() : window.parametersPanel().loadConfigFile(path);
                !error.isEmpty())
                window.showError(QObject::tr("Cannot load the config"), error);
        });
    file->addAction(QObject::tr("&Save config…"), QKeySequence::Save, &window, [&window] {
        const QString path =
            QFileDialog::getSaveFileName(&window, QObject::tr("Save config"), "cepstra-config.json",
                                         QObject::tr("Config (*.json)"));
        if (const QString error =
                path.isEmpty() ? QString() : window.parametersPanel().saveConfigFile(path);
            !error.isEmpty())
            window.showError(QObject::tr("Cannot save the config"), error);
    });
    file->addSeparator();
    file->addAction(QObject::tr("&Export features…"), QKeySequence(Qt::CTRL | Qt::Key_E), &window,
                    &MainWindow::showExportDialog)
        ->setToolTip(QObject::tr("Write the run's features as one HDF5 or NPZ file for training"));
    file->addSeparator();
    // Ctrl+Q itself: QKeySequence::Quit is empty on some platforms (Windows, offscreen).
    file->addAction(QObject::tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), &window,
                    &QWidget::close);
    return openFolder;
}

void addEditAndRunMenus(MainWindow& window, RunSession& run) {
    QMenu* edit = window.menuBar()->addMenu(QObject::tr("&Edit"));
    QUndoStack& history = window.parametersPanel().undoStack();
    QAction* undo = history.createUndoAction(&window, QObject::tr("&Undo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = history.createRedoAction(&window, QObject::tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* menu = window.menuBar()->addMenu(QObject::tr("&Run"));
    menu->addAction(run.runAction());
    menu->addAction(run.cancelAction());
    menu->addSeparator();
    menu->addAction(QObject::tr("Check dataset &health"), QKeySequence(Qt::CTRL | Qt::Key_H),
                    &window, &MainWindow::startHealthCheck)
        ->setToolTip(
            QObject::tr("Find duplicates, silence, clipping and label conflicts (the Health tab)"));
    QAction* openOutput =
        menu->addAction(QObject::tr("Open &output folder"), &window, &MainWindow::openOutputFolder);
    QObject::connect(&window.resultsPanel(), &ResultsPanel::openOutputRequested, openOutput,
                     &QAction::trigger);
}

} // namespace

QAction* createMenus(MainWindow& window, RunSession& run, FolderOpener& opener) {
    QAction* openFolder = addFileMenu(window);
    addEditAndRunMenus(window, run);
    QMenu* view = window.menuBar()->addMenu(QObject::tr("&View"));
    QAction* dark = view->addAction(QObject::tr("&Dark theme"));
    dark->setCheckable(true);
    QObject::connect(dark, &QAction::toggled, &window, &applyTheme);
    QMenu* help = window.menuBar()->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Keyboard shortcuts"), QKeySequence::HelpContents, &window,
                    [&window] { showShortcuts(window); });
    help->addAction(QObject::tr("Read the &manual (README)"), &opener, [&opener] {
        opener.open(QUrl(QStringLiteral("%1#the-desktop-app").arg(kProjectUrl)));
    });
    help->addSeparator();
    help->addAction(QObject::tr("&About Cepstra"), &window, [&window] { showAbout(&window); });

    QToolBar* toolbar = window.addToolBar(QObject::tr("Run"));
    toolbar->setObjectName("runToolBar");
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(openFolder);
    toolbar->addSeparator();
    toolbar->addAction(run.runAction());
    toolbar->addAction(run.cancelAction());
    return dark;
}

} // namespace cepstra::ui
