// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace cepstra {

/// XXH3-64 of a byte string as 16 lowercase hex digits.
std::string hashBytes(std::string_view bytes);

} // namespace cepstra
