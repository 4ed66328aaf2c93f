// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/HelpDialogs.h"

#include "core/Version.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace cepstra::ui {

void showShortcuts(QMainWindow& window) {
    QStringList rows;
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (!action->shortcut().isEmpty())
                rows << QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                            .arg(action->text().remove('&').toHtmlEscaped(),
                                 action->shortcut().toString(QKeySequence::NativeText));
    rows << QObject::tr("<tr><td>Play or pause the preview</td><td><b>Space</b></td></tr>")
         << QObject::tr("<tr><td>Pin the preview as A</td><td><b>Ctrl+P</b></td></tr>")
         << QObject::tr(
                "<tr><td>Zoom in, out, fit</td><td><b>Ctrl++, Ctrl+-, Ctrl+0</b></td></tr>");
    auto* box = new QMessageBox(QMessageBox::Information, QObject::tr("Keyboard shortcuts"),
                                "<table cellspacing=4>" + rows.join("") + "</table>",
                                QMessageBox::Close, &window);
    box->setObjectName("shortcuts");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void showAbout(QWidget* parent) {
    QMessageBox::about(
        parent, QObject::tr("About Cepstra"),
        QObject::tr("<h3>Cepstra %1</h3><p>Mel spectrograms and MFCCs for audio datasets, "
                    "identical to librosa 0.11 and scikit-learn within float32 rounding.</p>"
                    "<p>Licensed under the GNU General Public License, version 3 or later.<br>"
                    "Built on libsndfile, libsoxr, FFTW, Eigen, SQLite, xxHash and Qt.</p>"
                    "<p><a href=\"%2\">%2</a></p>")
            .arg(kVersion, kProjectUrl));
}

} // namespace cepstra::ui
