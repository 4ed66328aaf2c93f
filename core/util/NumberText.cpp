// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/NumberText.h"

#include <cmath>
#include <cstdio>

namespace cepstra {

std::string formatNumber(double value) {
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char text[32];
    if (std::floor(value) == value && std::abs(value) < 1e15)
        std::snprintf(text, sizeof(text), "%.0f", value);
    else
        std::snprintf(text, sizeof(text), "%g", value);
    return text;
}

} // namespace cepstra
