// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "core/Version.h"
#include "core/util/ProcessSetup.h"

#include <CLI/CLI.hpp>

#include <new>
#include <string>
#include <utility>
#include <vector>

int main(int argc, char** argv) {
    using namespace cepstra::cli;
    cepstra::prepareProcessForBatchWork();
    CLI::App app{
        "cepstra-cli: turn audio datasets into librosa-identical mel spectrograms and MFCCs",
        "cepstra-cli"};
    app.set_version_flag("--version", std::string("cepstra-cli ") + cepstra::kVersion);
    app.require_subcommand(1);
    app.footer("Exit codes: 0 success, 1 an input could not be processed, 2 bad usage or config,\n"
               "130 interrupted (run again to resume). Docs: " +
               std::string(cepstra::kProjectUrl));

    const std::vector<std::pair<std::string, std::function<int()>>> commands{
        {"run", addRunCommand(app)},       {"extract", addExtractCommand(app)},
        {"scan", addScanCommand(app)},     {"make-demo", addMakeDemoCommand(app)},
        {"params", addParamsCommand(app)}, {"check", addCheckCommand(app)},
        {"export", addExportCommand(app)}, {"merge", addMergeCommand(app)},
        {"slurm", addSlurmCommand(app)},
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        printError(std::string(e.what()) + "; run 'cepstra-cli --help' for usage");
        return kExitUsage;
    }
    try {
        for (const auto& [name, run] : commands)
            if (app.got_subcommand(name))
                return run();
    } catch (const std::bad_alloc&) {
        printError("out of memory; give fewer --jobs, or free memory, and run again");
        return kExitProcessingFailed;
    }
    return kExitUsage;
}
