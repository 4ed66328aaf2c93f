// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliApp.h"
#include "app/cli/CliSupport.h"
#include "core/util/ProcessSetup.h"

#include <new>
#include <string>

int main(int argc, char** argv) {
    using namespace cepstra::cli;
    cepstra::prepareProcessForBatchWork();
    const auto cli = makeCliApp();
    CLI::App& app = cli->app;
    // CLI11 says only "A subcommand is required" for a misspelt one.
    if (argc > 1 && argv[1][0] != '-') {
        std::string known;
        bool found = false;
        for (const auto& [name, run] : cli->commands) {
            known += (known.empty() ? "" : ", ") + name;
            found = found || name == argv[1];
        }
        if (!found) {
            printError("unknown command '" + std::string(argv[1]) + "'; the commands are " + known +
                       " (cepstra-cli --help)");
            return kExitUsage;
        }
    }
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
        for (const auto& [name, run] : cli->commands)
            if (app.got_subcommand(name))
                return run();
    } catch (const std::bad_alloc&) {
        printError("out of memory; give fewer --jobs, or free memory, and run again");
        return kExitProcessingFailed;
    }
    return kExitUsage;
}
