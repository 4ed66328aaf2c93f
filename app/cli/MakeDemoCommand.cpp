// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"
#include "app/cli/JobProgress.h"
#include "core/dataset/DemoDataset.h"

#include <cmath>
#include <iostream>
#include <memory>

namespace cepstra::cli {
namespace {

struct MakeDemoOptions {
    std::string directory;
    int clips = 10;
    double seconds = 30.0;
};

int runMakeDemo(const MakeDemoOptions& options) {
    if (!std::isfinite(options.seconds)) { // CLI::Range lets NaN through
        printError("--seconds must be a number from 0.1 to 3600");
        return kExitUsage;
    }
    const DemoOptions demo{options.clips, options.seconds, 22050};
    const auto written = writeDemoDataset(options.directory, demo);
    if (!written) {
        printError(written.error().message);
        return exitCodeOf(outcomeOf(written.error()));
    }
    std::cout << "Wrote " << *written << " clips (" << allDemoStyles().size() << " labels x "
              << options.clips << ", " << options.seconds << " s, 22050 Hz 16-bit WAV) to "
              << options.directory << "\n";
    return kExitOk;
}

} // namespace

std::function<int()> addMakeDemoCommand(CLI::App& app) {
    auto options = std::make_shared<MakeDemoOptions>();
    CLI::App* command = app.add_subcommand(
        "make-demo", "Synthesize a small GTZAN-shaped dataset: tones, chords, drums and noise");
    command
        ->add_option("DIR", options->directory, "New folder to create (must not exist or be empty)")
        ->required();
    command->add_option("--clips", options->clips, "Clips per label (default 10)")
        ->check(CLI::Range(1, 100000));
    command->add_option("--seconds", options->seconds, "Length of each clip (default 30)")
        ->check(CLI::Range(0.1, 3600.0));
    return [options] {
        const int code = runMakeDemo(*options);
        return code != kExitOk ? code : flushStandardOutput("the summary");
    };
}

} // namespace cepstra::cli
