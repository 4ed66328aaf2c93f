// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The shape every long command (run, merge, check, export) shares: --jobs and --progress,
// one progress renderer, and one map from a job's outcome to the exit code.

#include "core/batch/BatchRunner.h"
#include "core/util/Job.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace cepstra::cli {

enum class ProgressStyle { Bar, Json, None };

/// --jobs and --progress, declared once for every long command.
struct JobOptions {
    int jobs = 0;         ///< 0: every hardware thread
    std::string progress; ///< "bar", "json", "none", or empty: a bar on a terminal, else none
    ProgressStyle style() const;
};

/// Adds --progress, and --jobs unless the job has no threads of its own (`threads` false).
void addJobOptions(CLI::App& command, JobOptions& options, bool threads = true);

/// The one renderer of a long job's progress (core/util/Job.h): a throttled bar on stderr,
/// JSON lines on stdout for orchestrators ("start", a run's "file", "phase", "progress",
/// "warning"), or nothing. Warnings are also one `cepstra-cli: warning:` line on stderr. All
/// calls arrive on the main thread.
std::unique_ptr<RunObserver> makeProgressRenderer(ProgressStyle style);

/// The one map from outcome to exit code: 0 succeeded, 1 some items failed or the job failed,
/// 2 refused (bad usage, nothing written), 130 interrupted.
int exitCodeOf(JobOutcome outcome);

/// A finished run's or merge's outcome.
JobOutcome outcomeOf(const RunSummary& summary);

/// Prints the end-of-run summary (text, or a JSON "summary" line) listing every failure.
void printSummary(const RunSummary& summary, ProgressStyle style,
                  const std::string& outputDirectory);

} // namespace cepstra::cli
