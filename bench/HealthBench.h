// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace cepstra::bench {

/// What `cepstra-cli check` costs on one dataset: a first check with an empty cache, and a
/// re-check of the unchanged dataset, which reads every measurement from the cache and so
/// shows what judging and the duplicate search cost on their own.
struct HealthCheckFigures {
    int clips = 0;
    double firstSeconds = 0.0, firstPeakRssMb = 0.0;
    double recheckSeconds = 0.0, recheckPeakRssMb = 0.0;
    int exitCode = -1;
};

HealthCheckFigures measureHealthCheck(const std::filesystem::path& dataset, int clips,
                                      const std::filesystem::path& work);

} // namespace cepstra::bench
