// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QRgb>

#include <array>

namespace cepstra::ui {

enum class Colormap {
    Magma,    ///< perceptual, dark to bright: spectrograms in dB
    CoolWarm, ///< diverging blue-white-red around zero: MFCCs
};

/// The colour for `t` in [0, 1] (clamped).
QRgb colormapRgb(Colormap map, double t);

/// The map sampled at 256 evenly spaced points, for painting large images quickly: the
/// per-pixel cost is an index computation and a load.
const std::array<QRgb, 256>& colormapTable(Colormap map);

} // namespace cepstra::ui
