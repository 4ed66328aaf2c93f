// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureOutputs.h"

#include "core/io/AtomicFile.h"

#include <cerrno>
#include <climits>

#include "core/io/Npy.h"
#include "core/scaling/Scaling.h"

namespace cepstra {

std::vector<NamedOutput> buildOutputs(const ClipFeatures& clip, const FeatureConfig& config,
                                      const DatasetStatistics* dataset, const CancelToken* cancel) {
    std::vector<NamedOutput> outputs;
    for (const auto& [feature, values] : clip.features) {
        if (cancel && cancel->stopRequested())
            return outputs; // the caller sees the stop, and writes nothing
        outputs.push_back({.suffix = ClipOutputs::arrayName(feature, std::nullopt, config.naming),
                           .values = values,
                           .feature = feature});
        for (Scaler scaler : config.scalers) {
            FeatureMatrix scaled;
            const bool useDataset =
                config.scaleAxis == ScaleAxis::Dataset && dataset && dataset->contains(feature);
            scaled = useDataset ? scaleWithStatistics(values, scaler, dataset->at(feature))
                                : scaleFeature(values, scaler, config.scaleAxis);
            outputs.push_back({.suffix = ClipOutputs::arrayName(feature, scaler, config.naming),
                               .values = std::move(scaled),
                               .feature = feature,
                               .scaler = scaler});
        }
    }
    return outputs;
}

Result<std::vector<std::string>> writeOutputs(const std::filesystem::path& root,
                                              const ClipOutputs& clip,
                                              const std::vector<NamedOutput>& outputs,
                                              const CancelToken* cancel) {
    std::vector<std::string> relative;
    for (const auto& output : outputs) {
        const ClipArray* array = clip.find(output.feature, output.scaler);
        if (!array)
            return Error{ErrorKind::Internal, "no file is named for the array " + output.suffix};
        relative.push_back(array->relativePath);
        // Every name is checked before any is written, so a set is never left half-written.
        const std::filesystem::path path = root / relative.back();
        if (path.filename().string().size() > NAME_MAX ||
            std::filesystem::absolute(path).string().size() >= PATH_MAX)
            return writeFailure(path, ENAMETOOLONG);
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
        const std::filesystem::path path = root / relative[i];
        if (auto status = writeNpy(path, outputs[i].values, cancel); !status)
            return abandon(status.error());
        written.push_back(path);
    }
    return relative;
}

} // namespace cepstra
