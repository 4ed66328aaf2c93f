// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace cepstra {

/// XXH3-64 of a file's bytes as 16 lowercase hex digits. Streams the file; any thread.
Result<std::string> hashFile(const std::filesystem::path& path);

/// XXH3-64 of a byte string as 16 lowercase hex digits.
std::string hashBytes(std::string_view bytes);

} // namespace cepstra
