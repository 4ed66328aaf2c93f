// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra [FOLDER | CLIP]: the desktop app. A folder opens as the dataset, a clip for preview.
#include "app/gui/GuiCommandLine.h"
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
    using namespace cepstra::gui;
    const auto text = [](std::string_view view) {
        return QString::fromUtf8(view.data(), qsizetype(view.size()));
    };
    parser.setApplicationDescription(text(kDescription));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(text(kPathArgument.name), text(kPathArgument.description),
                                 text(kPathArgument.syntax));
    parser.process(app);

    cepstra::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openPath(parser.positionalArguments().constFirst());
    return QApplication::exec();
}
