// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/Colormaps.h"

#include <algorithm>
#include <array>

namespace cepstra::ui {
namespace {

/// Matplotlib's magma as a degree-6 polynomial per channel (Matt Zucker's public-domain fit).
QRgb magma(double t) {
    static constexpr std::array<std::array<double, 3>, 7> c{{
        {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
        {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
        {8.353717279216625, -3.577719514958484, 0.3144679030132573},
        {-27.66873308576866, 14.26473078096533, -13.64921318813922},
        {52.17613981234068, -27.94360607168351, 12.94416944238394},
        {-50.76852536473588, 29.04658282127291, 4.23415299384598},
        {18.65570506591883, -11.48977351997711, -5.601961508734096},
    }};
    double rgb[3];
    for (int channel = 0; channel < 3; ++channel) {
        double value = c[6][std::size_t(channel)];
        for (int power = 5; power >= 0; --power)
            value = value * t + c[std::size_t(power)][std::size_t(channel)];
        rgb[channel] = std::clamp(value, 0.0, 1.0);
    }
    return qRgb(int(rgb[0] * 255 + 0.5), int(rgb[1] * 255 + 0.5), int(rgb[2] * 255 + 0.5));
}

/// Kenneth Moreland's cool-warm diverging map, through five of its control points.
QRgb coolWarm(double t) {
    static constexpr std::array<std::array<double, 3>, 5> points{{
        {0.230, 0.299, 0.754},
        {0.552, 0.690, 0.996},
        {0.865, 0.865, 0.865},
        {0.958, 0.603, 0.482},
        {0.706, 0.016, 0.150},
    }};
    const double position = t * 4.0;
    const int index = std::min(3, int(position));
    const double fraction = position - index;
    double rgb[3];
    for (int channel = 0; channel < 3; ++channel)
        rgb[channel] = points[std::size_t(index)][std::size_t(channel)] * (1.0 - fraction) +
                       points[std::size_t(index + 1)][std::size_t(channel)] * fraction;
    return qRgb(int(rgb[0] * 255 + 0.5), int(rgb[1] * 255 + 0.5), int(rgb[2] * 255 + 0.5));
}

} // namespace

QRgb colormapRgb(Colormap map, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return map == Colormap::Magma ? magma(t) : coolWarm(t);
}

const std::array<QRgb, 256>& colormapTable(Colormap map) {
    auto build = [](Colormap which) {
        std::array<QRgb, 256> table{};
        for (std::size_t i = 0; i < table.size(); ++i)
            table[i] = colormapRgb(which, double(i) / 255.0);
        return table;
    };
    static const std::array<QRgb, 256> magmaTable = build(Colormap::Magma);
    static const std::array<QRgb, 256> coolWarmTable = build(Colormap::CoolWarm);
    return map == Colormap::Magma ? magmaTable : coolWarmTable;
}

} // namespace cepstra::ui
