// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureOutputs.h"

#include "core/io/AtomicFile.h"

#include <cerrno>
#include <climits>

#include "core/io/Npy.h"
#include "core/scaling/Scaling.h"

namespace cepstra {

std::string outputSuffix(Feature feature, std::optional<Scaler> scaler, OutputNaming naming) {
    std::string suffix(toString(feature));
    if (!scaler)
        return suffix;
    if (naming == OutputNaming::Legacy)
        // The Airflow pipeline's names, typo included, so downstream loaders keep working.
        return suffix + (*scaler == Scaler::Standard ? "_standardcaler" : "_minmaxnormalizer");
    return suffix + "_" + std::string(toString(*scaler));
}

std::string outputFileName(const std::string& stem, const std::string& suffix) {
    return stem + "_" + suffix + ".npy";
}

std::vector<std::string> outputFileNames(const std::string& stem, const FeatureConfig& config) {
    std::vector<std::string> names;
    for (Feature feature : config.features) {
        names.push_back(outputFileName(stem, outputSuffix(feature, std::nullopt, config.naming)));
        for (Scaler scaler : config.scalers)
            names.push_back(outputFileName(stem, outputSuffix(feature, scaler, config.naming)));
    }
    return names;
}

std::vector<NamedOutput> buildOutputs(const ClipFeatures& clip, const FeatureConfig& config,
                                      const DatasetStatistics* dataset, const CancelToken* cancel) {
    std::vector<NamedOutput> outputs;
    for (const auto& [feature, values] : clip.features) {
        if (cancel && cancel->stopRequested())
            return outputs; // the caller sees the stop, and writes nothing
        outputs.push_back({.suffix = outputSuffix(feature, std::nullopt, config.naming),
                           .values = values,
                           .feature = feature});
        for (Scaler scaler : config.scalers) {
            FeatureMatrix scaled;
            const bool useDataset =
                config.scaleAxis == ScaleAxis::Dataset && dataset && dataset->contains(feature);
            scaled = useDataset ? scaleWithStatistics(values, scaler, dataset->at(feature))
                                : scaleFeature(values, scaler, config.scaleAxis);
            outputs.push_back({.suffix = outputSuffix(feature, scaler, config.naming),
                               .values = std::move(scaled),
                               .feature = feature,
                               .scaler = scaler});
        }
    }
    return outputs;
}

Result<std::vector<std::filesystem::path>> writeOutputs(const std::filesystem::path& directory,
                                                        const std::string& stem,
                                                        const std::vector<NamedOutput>& outputs,
                                                        const CancelToken* cancel) {
    std::vector<std::filesystem::path> paths;
    for (const auto& output : outputs) {
        paths.push_back(directory / outputFileName(stem, output.suffix));
        // Every name is checked before any is written, so a set is never left half-written.
        if (paths.back().filename().string().size() > NAME_MAX ||
            std::filesystem::absolute(paths.back()).string().size() >= PATH_MAX)
            return writeFailure(paths.back(), ENAMETOOLONG);
    }
    std::vector<std::filesystem::path> written;
    const auto abandon = [&](Error error) {
        std::error_code ec;
        for (const auto& path : written)
            std::filesystem::remove(path, ec);
        return error;
    };
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (cancel && cancel->stopRequested()) // an abandoned clip keeps nothing of its set
            return abandon({ErrorKind::Cancelled, "cancelled"});
        if (auto status = writeNpy(paths[i], outputs[i].values, cancel); !status)
            return abandon(status.error());
        written.push_back(paths[i]);
    }
    return written;
}

} // namespace cepstra
