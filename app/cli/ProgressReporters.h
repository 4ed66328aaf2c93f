// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"

#include <chrono>
#include <memory>
#include <string>

namespace cepstra::cli {

enum class ProgressStyle { Bar, Json, None };

/// The style a --progress value names; empty means a bar on a terminal, else none.
ProgressStyle progressStyle(const std::string& name);

/// Turns the runner's callbacks into terminal output: a throttled bar on stderr, JSON lines on
/// stdout for orchestrators, or nothing. All calls arrive on the main thread.
std::unique_ptr<RunObserver> makeProgressReporter(ProgressStyle style);

/// Prints the end-of-run summary (text, or a JSON "summary" line) listing every failure.
void printSummary(const RunSummary& summary, ProgressStyle style,
                  const std::string& outputDirectory);

} // namespace cepstra::cli
