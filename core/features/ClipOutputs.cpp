// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ClipOutputs.h"

#include "core/dsp/MelFilterbank.h"
#include "core/features/FeatureExtractor.h"

namespace cepstra {
namespace {

// fs::path's parent_path() and stem() for the '/'-separated relative paths of a listing,
// without building a path: a run asks them of every file.
std::string_view folderOf(std::string_view relative) {
    const auto slash = relative.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash);
}

std::string_view stemOf(std::string_view relative) {
    const auto slash = relative.rfind('/');
    const std::string_view name =
        slash == std::string_view::npos ? relative : relative.substr(slash + 1);
    const auto dot = name.rfind('.');
    if (name == "." || name == ".." || dot == 0 || dot == std::string_view::npos)
        return name;
    return name.substr(0, dot);
}

std::string outputFolderOf(std::string_view relativePath, std::string_view topFolder) {
    const std::string_view parent = folderOf(relativePath);
    return std::string(parent.empty() ? topFolder : parent);
}

} // namespace

ClipOutputs::ClipOutputs(std::string directory, std::string stem, const FeatureConfig& config)
    : m_directory(std::move(directory))
    , m_stem(std::move(stem)) {
    const std::string prefix = m_directory.empty() ? "" : m_directory + "/";
    for (Feature feature : config.features) {
        std::optional<Scaler> scaler;
        for (std::size_t i = 0; i <= config.scalers.size(); ++i) {
            std::string name = arrayName(feature, scaler, config.naming);
            std::string path = prefix + m_stem + "_" + name + ".npy";
            m_arrays.push_back({feature, scaler, std::move(name), std::move(path)});
            if (i < config.scalers.size())
                scaler = config.scalers[i];
        }
    }
}

ClipOutputs::ClipOutputs(std::string_view relativePath, std::string_view topFolder,
                         const FeatureConfig& config)
    : ClipOutputs(outputFolderOf(relativePath, topFolder), std::string(stemOf(relativePath)),
                  config) {}

ClipOutputs ClipOutputs::flat(std::string_view fileName, const FeatureConfig& config) {
    return ClipOutputs(std::string(), std::string(stemOf(fileName)), config);
}

std::string ClipOutputs::keyOf(std::string_view relativePath, std::string_view topFolder) {
    return outputFolderOf(relativePath, topFolder) + "/" + std::string(stemOf(relativePath));
}

std::vector<std::string> ClipOutputs::relativePaths() const {
    std::vector<std::string> paths;
    for (const ClipArray& array : m_arrays)
        paths.push_back(array.relativePath);
    return paths;
}

const ClipArray* ClipOutputs::find(Feature feature, std::optional<Scaler> scaler) const {
    for (const ClipArray& array : m_arrays)
        if (array.feature == feature && array.scaler == scaler)
            return &array;
    return nullptr;
}

std::string ClipOutputs::arrayName(Feature feature, std::optional<Scaler> scaler,
                                   OutputNaming naming) {
    std::string name(toString(feature));
    if (!scaler)
        return name;
    if (naming == OutputNaming::Legacy)
        // The Airflow pipeline's names, typo included, so downstream loaders keep working.
        return name + (*scaler == Scaler::Standard ? "_standardcaler" : "_minmaxnormalizer");
    return name + "_" + std::string(toString(*scaler));
}

int ClipOutputs::rowsOf(Feature feature, const FeatureConfig& config) {
    return feature == Feature::Mfcc ? config.nMfcc : config.nMels;
}

bool ClipOutputs::inDecibels(Feature feature) {
    return feature != Feature::MelSpectrogram;
}

std::vector<double> ClipOutputs::rowValues(Feature feature, const FeatureConfig& config) {
    if (feature == Feature::Mfcc) {
        std::vector<double> coefficients(std::size_t(config.nMfcc));
        for (std::size_t k = 0; k < coefficients.size(); ++k)
            coefficients[k] = double(k);
        return coefficients;
    }
    return MelFilterbank(melFilterbankParametersOf(config)).centerFrequenciesHz();
}

} // namespace cepstra
