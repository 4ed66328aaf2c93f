// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/window/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace cepstra::ui {

void applyTheme(bool dark) {
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    if (!dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette palette;
    const QColor window(37, 37, 40), base(28, 28, 30), text(230, 230, 230), accent(91, 155, 213);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Highlight, accent);
    palette.setColor(QPalette::HighlightedText, Qt::black);
    palette.setColor(QPalette::Mid, QColor(90, 90, 95));
    palette.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    // Links and fields need their own contrast on dark (the About box, spin boxes).
    palette.setColor(QPalette::Link, QColor(140, 190, 255));
    palette.setColor(QPalette::LinkVisited, QColor(190, 160, 255));
    palette.setColor(QPalette::Light, QColor(70, 70, 75));
    palette.setColor(QPalette::Dark, QColor(20, 20, 22));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    QApplication::setPalette(palette);
}

} // namespace cepstra::ui
