// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <filesystem>
#include <string_view>

namespace cepstra {

/// True when `inner` is `outer` or lies under it. Both should be canonical (weakly_canonical).
bool isWithin(const std::filesystem::path& inner, const std::filesystem::path& outer);

/// Refuses a file a command is asked to write (named by `option`, e.g. "--report") when the
/// name is empty, lies inside the dataset folder `input` (where it would be taken for, or
/// replace, a clip), has no existing parent folder, or names a folder, device or FIFO.
/// The message names the path and what to give instead.
Status checkFileToWrite(const std::filesystem::path& file, const std::filesystem::path& input,
                        std::string_view option);

} // namespace cepstra
