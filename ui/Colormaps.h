// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QRgb>

namespace cepstra::ui {

enum class Colormap {
    Magma,    ///< perceptual, dark to bright: spectrograms in dB
    CoolWarm, ///< diverging blue-white-red around zero: MFCCs
};

/// The colour for `t` in [0, 1] (clamped).
QRgb colormapRgb(Colormap map, double t);

} // namespace cepstra::ui
