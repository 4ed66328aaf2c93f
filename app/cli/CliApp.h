// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cepstra::cli {

/// cepstra-cli's commands, registered on one CLI11 app: what main() parses and runs, and what
/// the man page is written from, so the two cannot drift.
struct CliApp {
    CLI::App app{"cepstra-cli: turn audio datasets into librosa-identical mel spectrograms and "
                 "MFCCs",
                 "cepstra-cli"};
    /// Each subcommand's name and what runs it after parsing, giving the exit code.
    std::vector<std::pair<std::string, std::function<int()>>> commands;
};

/// Every command, registered.
std::unique_ptr<CliApp> makeCliApp();

} // namespace cepstra::cli
