// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Commands.h"

#include "app/cli/CliSupport.h"
#include "app/cli/JobProgress.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <sys/stat.h>

namespace cepstra::cli {
namespace {

struct ExtractOptions {
    std::string inputFile;
    std::string outputDirectory;
    ConfigOptions config;
    bool overwrite = false;
};

/// The input must be a regular file, said precisely when it is not (a link loop, a FIFO).
Status checkInputFile(const std::filesystem::path& input) {
    struct stat info {};
    if (::stat(input.c_str(), &info) != 0) {
        const int error = errno;
        return Error{ErrorKind::InvalidUsage,
                     input.string() +
                         (error == ENOENT ? std::string(" does not exist")
                          : error == ELOOP
                              ? std::string(" is a symbolic link loop")
                              : std::string(" cannot be examined: ") + std::strerror(error)) +
                         "; give an audio file"};
    }
    if (!S_ISREG(info.st_mode))
        return Error{ErrorKind::InvalidUsage,
                     input.string() + " is not a regular file (a folder, FIFO, device or "
                                      "socket); give an audio file"};
    return success();
}

/// extract keeps no catalog, so nothing at an output name can be known to be its own: any
/// entry there (a file, a link, a dangling link) is refused unless --overwrite says so.
Status checkOutputNames(const std::filesystem::path& directory, const ClipOutputs& clip,
                        bool overwrite) {
    std::error_code ec;
    for (const std::string& name : clip.relativePaths()) {
        const auto path = directory / name;
        const auto status = std::filesystem::symlink_status(path, ec);
        if (!std::filesystem::exists(status))
            continue;
        if (status.type() == std::filesystem::file_type::directory)
            return Error{ErrorKind::InvalidUsage,
                         path.string() + " is a folder; move it away or choose another OUTDIR"};
        if (!overwrite)
            return Error{ErrorKind::InvalidUsage,
                         "refusing to overwrite " + path.string() +
                             ", which exists; move it away, choose another OUTDIR, or add "
                             "--overwrite to replace the files extract writes"};
    }
    return success();
}

int runExtract(const ExtractOptions& options) {
    const auto config = buildConfig(options.config);
    if (!config)
        return kExitUsage;
    const std::filesystem::path input(options.inputFile);
    if (auto status = checkInputFile(input); !status) {
        printError(status.error().message);
        return kExitUsage;
    }
    const std::filesystem::path outputDirectory(options.outputDirectory);
    const ClipOutputs clip = ClipOutputs::flat(input.filename().string(), *config);
    std::error_code ec;
    if (std::filesystem::is_directory(outputDirectory, ec))
        if (auto status = checkOutputNames(outputDirectory, clip, options.overwrite); !status) {
            printError(status.error().message);
            return kExitUsage;
        }
    const FeatureExtractor extractor(*config);
    for (const std::string& message : extractor.warnings())
        printWarning(message);
    const auto features = extractor.extractFile(input);
    if (!features) {
        printError(features.error().message);
        return kExitProcessingFailed;
    }
    std::filesystem::create_directories(outputDirectory, ec);
    if (ec || !std::filesystem::is_directory(outputDirectory)) {
        printError("cannot create output folder " + outputDirectory.string() + ": " +
                   (ec ? ec.message() : "a file of that name exists") + "; choose another OUTDIR");
        return kExitUsage;
    }
    const auto outputs = buildOutputs(*features, *config);
    // writeOutputs leaves no half set behind when a write fails.
    const auto written = writeOutputs(outputDirectory, clip, outputs);
    if (!written) {
        printError(written.error().message);
        return exitCodeOf(outcomeOf(written.error()));
    }
    std::cout << "Wrote " << written->size() << " feature files for " << input.string() << " to "
              << outputDirectory.string() << ":\n";
    for (std::size_t i = 0; i < written->size(); ++i)
        std::cout << "  " << (*written)[i] << "  (" << outputs[i].values.rows() << " x "
                  << outputs[i].values.cols() << ")\n";
    return flushStandardOutput();
}

} // namespace

std::function<int()> addExtractCommand(CLI::App& app) {
    auto options = std::make_shared<ExtractOptions>();
    CLI::App* command = app.add_subcommand(
        "extract", "Compute one clip's features and write <stem>_<feature>[_<scaler>].npy files");
    command->add_option("FILE", options->inputFile, "Audio file (WAV, AU, FLAC, Ogg, MP3, AIFF)")
        ->required();
    command
        ->add_option("OUTDIR", options->outputDirectory,
                     "Folder for the .npy files (created if missing)")
        ->required();
    addConfigOptions(*command, options->config);
    command->add_flag("--overwrite", options->overwrite,
                      "Replace files already at the output names (refused without it)");
    return [options] { return runExtract(*options); };
}

} // namespace cepstra::cli
