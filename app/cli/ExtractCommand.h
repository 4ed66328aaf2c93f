// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace cepstra::cli {

/// Registers `extract FILE OUTDIR`. The returned function runs it after parsing and gives the
/// exit code.
std::function<int()> addExtractCommand(CLI::App& app);

} // namespace cepstra::cli
