// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/Charts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace cepstra::ui {
namespace {

void theme(QChart& chart, const QString& title, const QPalette& palette) {
    const bool dark = palette.window().color().lightness() < 128;
    chart.setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart.setBackgroundBrush(palette.base());
    chart.setTitle(title);
    chart.setMargins(QMargins(4, 4, 4, 4));
}

/// Whole-number ticks from 0, for counts: a count has no ticks at 0.5.
QValueAxis* countAxis(qreal highest) {
    auto* axis = new QValueAxis;
    const qreal top = std::max<qreal>(1.0, std::ceil(highest * 1.15));
    axis->setRange(0, top);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(std::max<qreal>(1.0, std::ceil(top / 5.0)));
    axis->setLabelFormat("%d");
    return axis;
}

QBarCategoryAxis* categoryAxis(const QStringList& labels) {
    auto* categories = new QBarCategoryAxis;
    categories->append(labels);
    // Horizontal bars start at the bottom: turn the axis over, so the first label is on top.
    categories->setReverse(true);
    return categories;
}

} // namespace

QChartView* makeChartView() {
    auto* view = new QChartView;
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(200);
    return view;
}

void fitChartHeight(QChartView& view, int labels, int setsPerLabel) {
    // Title, axis and legend, then a line of text per label (more when bars stand side by side).
    const int line = view.fontMetrics().height() + 6;
    view.setMinimumHeight(std::max(200, 110 + labels * std::max(1, setsPerLabel) * line));
}

QChart* barChart(const QString& title, const QStringList& labels, const QList<qreal>& values,
                 const QColor& colour, const QPalette& palette, bool counts) {
    auto* chart = new QChart;
    theme(*chart, title, palette);
    chart->legend()->hide();
    auto* set = new QBarSet(title);
    set->append(values);
    set->setColor(colour);
    set->setBorderColor(colour);
    auto* bars = new QHorizontalBarSeries;
    bars->append(set);
    bars->setLabelsVisible(true);
    bars->setLabelsFormat("@value");
    chart->addSeries(bars);
    QObject::connect(
        bars, &QHorizontalBarSeries::hovered, chart, [labels, values](bool on, int index) {
            if (on && index >= 0 && index < labels.size())
                QToolTip::showText(QCursor::pos(),
                                   QStringLiteral("%1: %2").arg(labels[index]).arg(values[index]));
            else
                QToolTip::hideText();
        });
    auto* categories = categoryAxis(labels);
    chart->addAxis(categories, Qt::AlignLeft);
    bars->attachAxis(categories);
    const qreal highest = values.isEmpty() ? 1.0 : *std::max_element(values.begin(), values.end());
    QValueAxis* axis = nullptr;
    if (counts) {
        axis = countAxis(highest);
    } else {
        axis = new QValueAxis;
        axis->setRange(0, std::max<qreal>(1.0, highest * 1.15));
        axis->applyNiceNumbers(); // ticks on round values, so labels never misstate a bar
        axis->setLabelFormat("%g");
    }
    chart->addAxis(axis, Qt::AlignBottom);
    bars->attachAxis(axis);
    return chart;
}

QChart* countChart(const QString& title, const QStringList& labels,
                   const std::vector<std::pair<QString, QList<qreal>>>& sets,
                   const QPalette& palette, bool stacked, const std::vector<QColor>& colours) {
    auto* chart = new QChart;
    theme(*chart, title, palette);
    QAbstractBarSeries* series =
        stacked ? static_cast<QAbstractBarSeries*>(new QHorizontalStackedBarSeries)
                : new QHorizontalBarSeries;
    std::vector<qreal> totals(std::size_t(labels.size()), 0.0);
    static const QColor fallback[] = {{208, 64, 64},  {91, 155, 213},  {237, 177, 32},
                                      {140, 41, 129}, {77, 175, 74},   {255, 127, 0},
                                      {166, 86, 40},  {247, 129, 191}, {153, 153, 153},
                                      {55, 126, 184}, {228, 26, 28},   {102, 194, 165}};
    int next = 0;
    for (const auto& [name, values] : sets) {
        auto* set = new QBarSet(name);
        set->append(values);
        const std::size_t colour = std::size_t(next++);
        set->setColor(colour < colours.size() ? colours[colour]
                                              : fallback[colour % std::size(fallback)]);
        series->append(set);
        for (qsizetype i = 0; i < values.size() && i < labels.size(); ++i)
            totals[std::size_t(i)] = stacked ? totals[std::size_t(i)] + values[i]
                                             : std::max(totals[std::size_t(i)], values[i]);
        QObject::connect(set, &QBarSet::hovered, chart, [name, labels, values](bool on, int index) {
            if (on && index >= 0 && index < labels.size())
                QToolTip::showText(
                    QCursor::pos(),
                    QStringLiteral("%1, %2: %3").arg(labels[index], name).arg(values[index]));
            else
                QToolTip::hideText();
        });
    }
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setVisible(!sets.empty());
    auto* categories = categoryAxis(labels);
    chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto* axis = countAxis(totals.empty() ? 0.0 : *std::max_element(totals.begin(), totals.end()));
    chart->addAxis(axis, Qt::AlignBottom);
    series->attachAxis(axis);
    return chart;
}

} // namespace cepstra::ui
