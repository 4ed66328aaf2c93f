// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cepstra::bench {

/// Generates (once) `clips` demo clips of 30 s in `work`, runs them with the default config
/// (mel + MFCC), then prints the median wall time, CPU, peak RSS and file size of
/// `cepstra-cli export` to .h5 and to .npz, for whole clips and for split segments.
/// Returns false when an export failed.
bool printExportBench(const std::filesystem::path& work, int clips);

} // namespace cepstra::bench
