// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QChart;
class QChartView;

namespace cepstra::ui {

/// A chart view for the panels' per-label charts: antialiased, at least 200 px high.
QChartView* makeChartView();

/// Makes a chart of `labels` bars tall enough that every label name has a line of its own.
void fitChartHeight(QChartView& view, int labels, int setsPerLabel = 1);

/// One horizontal bar per label, themed to match the window's palette: the label names read
/// level on the left at any width. Counts get whole-number ticks, and each bar says its label
/// and value in a tooltip.
QChart* barChart(const QString& title, const QStringList& labels, const QList<qreal>& values,
                 const QColor& colour, const QPalette& palette, bool counts = false);

/// Counts per label in several named sets, as horizontal bars with a legend below: side by
/// side, or stacked (one coloured stack per set, such as per check). Sets take `colours` in order,
/// then a palette.
QChart* countChart(const QString& title, const QStringList& labels,
                   const std::vector<std::pair<QString, QList<qreal>>>& sets,
                   const QPalette& palette, bool stacked, const std::vector<QColor>& colours = {});

} // namespace cepstra::ui
