// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra [FOLDER | CLIP]: the desktop app. A folder opens as the dataset, a clip for preview.
#include "core/Version.h"
#include "core/util/ProcessSetup.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char** argv) {
    cepstra::prepareProcessForBatchWork();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Cepstra");
    QApplication::setApplicationName("Cepstra");
    QApplication::setApplicationVersion(cepstra::kVersion);
    QApplication::setDesktopFileName("org.cepstra.Cepstra");
    QIcon icon;
    for (int size : {48, 128, 256})
        icon.addFile(QStringLiteral(":/icons/cepstra-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Cepstra: librosa-identical mel spectrograms and MFCCs for audio datasets");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "path", "A dataset folder (one subfolder per label) or an audio clip", "[path]");
    parser.process(app);

    cepstra::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openPath(parser.positionalArguments().constFirst());
    return QApplication::exec();
}
