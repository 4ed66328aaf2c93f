// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/Window.h"

#include <cmath>
#include <numbers>

namespace cepstra {

std::vector<double> makeCenteredWindow(WindowType window, int winLength, int nFft) {
    std::vector<double> padded(std::size_t(nFft), 0.0);
    const int offset = (nFft - winLength) / 2;
    // Periodic windows divide by N, not N-1 (scipy's fftbins=True).
    const double period = winLength;
    for (int n = 0; n < winLength; ++n) {
        const double phase = 2.0 * std::numbers::pi * n / period;
        double value = 1.0;
        switch (window) {
        case WindowType::Hann:
            value = 0.5 - 0.5 * std::cos(phase);
            break;
        case WindowType::Hamming:
            value = 0.54 - 0.46 * std::cos(phase);
            break;
        case WindowType::Blackman:
            value = 0.42 - 0.5 * std::cos(phase) + 0.08 * std::cos(2.0 * phase);
            break;
        case WindowType::Boxcar:
            value = 1.0;
            break;
        }
        padded[std::size_t(offset + n)] = value;
    }
    // scipy evaluates a length-1 window as [1.0] whatever the type.
    if (winLength == 1)
        padded[std::size_t(offset)] = 1.0;
    return padded;
}

} // namespace cepstra
