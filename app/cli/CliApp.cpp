// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliApp.h"

#include "app/cli/Commands.h"
#include "core/Version.h"

namespace cepstra::cli {

std::unique_ptr<CliApp> makeCliApp() {
    auto cli = std::make_unique<CliApp>();
    CLI::App& app = cli->app;
    app.set_version_flag("--version", std::string("cepstra-cli ") + cepstra::kVersion);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 success, 1 an input could not be processed, 2 bad usage or config,\n"
               "130 interrupted (run again to resume). Docs: " +
               std::string(cepstra::kProjectUrl));
    cli->commands = {
        {"run", addRunCommand(app)},
        {"merge", addMergeCommand(app)},
        {"slurm", addSlurmCommand(app)},
        {"check", addCheckCommand(app)},
        {"export", addExportCommand(app)},
        {"extract", addExtractCommand(app)},
        {"scan", addScanCommand(app)},
        {"params", addParamsCommand(app)},
        {"make-demo", addMakeDemoCommand(app)},
    };
    return cli;
}

} // namespace cepstra::cli
