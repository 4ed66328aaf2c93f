// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace cepstra::cli {

/// Each function registers one subcommand on `app` and returns what runs it after parsing,
/// giving the process exit code.
std::function<int()> addExtractCommand(CLI::App& app);
std::function<int()> addRunCommand(CLI::App& app);
std::function<int()> addScanCommand(CLI::App& app);
std::function<int()> addMakeDemoCommand(CLI::App& app);
std::function<int()> addParamsCommand(CLI::App& app);
std::function<int()> addCheckCommand(CLI::App& app);
std::function<int()> addMergeCommand(CLI::App& app);
std::function<int()> addSlurmCommand(CLI::App& app);
std::function<int()> addExportCommand(CLI::App& app);

} // namespace cepstra::cli
