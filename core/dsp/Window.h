// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace cepstra {

/// scipy.signal.get_window's names for the windows librosa users pick.
enum class WindowType { Hann, Hamming, Blackman, Boxcar };

/// The analysis window as librosa.stft builds it: scipy.signal.get_window(window, winLength,
/// fftbins=True) (periodic), then zero-padded to nFft with the window centred
/// (librosa.util.pad_center). Computed in double, as scipy does.
std::vector<double> makeCenteredWindow(WindowType window, int winLength, int nFft);

} // namespace cepstra
