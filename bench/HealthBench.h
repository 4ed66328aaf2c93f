// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cepstra::bench {

/// Prints what `cepstra-cli check` costs on `clips` and on half as many demo clips x 30 s: a
/// first check with an empty cache, and a re-check of the unchanged dataset, which reads every
/// measurement from the cache and so shows what judging and the duplicate search cost on their
/// own. False when a check failed.
bool printHealthBench(const std::filesystem::path& work, int clips);

} // namespace cepstra::bench
