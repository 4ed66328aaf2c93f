// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace cepstra {

/// A number as configs, messages and tables print it: integers without a fraction (2048),
/// others as %g (0.05), and "inf" / "-inf".
std::string formatNumber(double value);

} // namespace cepstra
