// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Commands.h"

#include "app/cli/CliSupport.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"

#include <iostream>
#include <memory>

namespace cepstra::cli {
namespace {

struct ExtractOptions {
    std::string inputFile;
    std::string outputDirectory;
    ConfigOptions config;
};

int runExtract(const ExtractOptions& options) {
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;

    const std::filesystem::path outputDirectory(options.outputDirectory);
    std::error_code ec;
    std::filesystem::create_directories(outputDirectory, ec);
    if (ec || !std::filesystem::is_directory(outputDirectory)) {
        printError("cannot create output folder " + outputDirectory.string() + ": " +
                   (ec ? ec.message() : "a file of that name exists") + "; choose another OUTDIR");
        return kExitUsage;
    }

    const std::filesystem::path input(options.inputFile);
    if (!std::filesystem::is_regular_file(input, ec)) {
        printError(input.string() + " is not a regular file (a FIFO, a device or a socket); "
                                    "give an audio file");
        return kExitUsage;
    }
    const FeatureExtractor extractor(*config);
    for (const std::string& message : extractor.warnings())
        printWarning(message);
    const auto features = extractor.extractFile(input);
    if (!features) {
        printError("cannot process " + features.error().message);
        return kExitProcessingFailed;
    }
    const auto outputs = buildOutputs(*features, *config);
    const auto written = writeOutputs(outputDirectory, input.stem().string(), outputs);
    if (!written) {
        // A clip's outputs are a set: do not leave some of them behind.
        for (const auto& name : outputFileNames(input.stem().string(), *config))
            std::filesystem::remove(outputDirectory / name, ec);
        printError(written.error().message);
        return kExitProcessingFailed;
    }
    std::cout << "Wrote " << written->size() << " feature files for " << input.string() << " to "
              << outputDirectory.string() << ":\n";
    for (std::size_t i = 0; i < written->size(); ++i)
        std::cout << "  " << (*written)[i].filename().string() << "  (" << outputs[i].values.rows()
                  << " x " << outputs[i].values.cols() << ")\n";
    return kExitOk;
}

} // namespace

std::function<int()> addExtractCommand(CLI::App& app) {
    auto options = std::make_shared<ExtractOptions>();
    CLI::App* command = app.add_subcommand(
        "extract", "Compute one clip's features and write <stem>_<feature>[_<scaler>].npy files");
    command->add_option("FILE", options->inputFile, "Audio file (WAV, AU, FLAC, Ogg, MP3, AIFF)")
        ->required()
        ->check(CLI::ExistingFile);
    command
        ->add_option("OUTDIR", options->outputDirectory,
                     "Folder for the .npy files (created if missing)")
        ->required();
    addConfigOptions(*command, options->config);
    return [options] { return runExtract(*options); };
}

} // namespace cepstra::cli
