// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cepstra::bench {

/// Prints what `scan`, a first `run` and a no-op re-run cost on `files` files, and on a tenth
/// as many: hard links to 200 distinct 0.25 s clips in 10 labels (MFCC only, no scalers), so
/// the set is small on disk while the file count is what it measures. False when a run failed.
bool printManyFilesBench(const std::filesystem::path& work, int files);

} // namespace cepstra::bench
