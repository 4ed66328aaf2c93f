// SPDX-License-Identifier: GPL-3.0-or-later
// librosa.feature.melspectrogram and mfcc, and Cepstra's extract: every array comes from
// FeatureExtractor, the code `cepstra-cli run` and `extract` use, so the bytes are theirs.
#include "core/dsp/Cepstrum.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/FeatureOutputs.h"
#include "python/bindings/Bindings.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <list>
#include <memory>
#include <mutex>

namespace cepstra::python {
namespace {

using Stage = ParameterStage;

std::span<const float> signalOf(const FloatArray& y) {
    if (y.ndim() != 1)
        raiseValueError({ErrorKind::InvalidUsage,
                         "y must be a mono signal, a 1-D array (got " + std::to_string(y.ndim()) +
                             " dimensions); Cepstra computes no multi-channel features"});
    return {y.data(), std::size_t(y.size())};
}

/// One feature of `y` through the extractor, untrimmed, as librosa.feature computes it.
py::array_t<float> featureOf(const FloatArray& y, FeatureConfig config) {
    const std::span<const float> signal = signalOf(y);
    const Feature wanted = config.features.front();
    std::shared_ptr<const FeatureExtractor> extractor;
    Result<ClipFeatures> clip = Error{ErrorKind::Internal, "not computed"};
    {
        py::gil_scoped_release release;
        extractor = extractorFor(config);
        clip = extractor->extractSignal(signal);
    }
    if (!clip)
        raiseValueError(clip.error());
    warnAbout(extractor->warnings());
    for (auto& [feature, values] : clip->features)
        if (feature == wanted)
            return toArray(std::move(values));
    raiseError({ErrorKind::Internal, "the extractor did not compute the feature"});
}

FeatureConfig untrimmed(Feature feature) {
    FeatureConfig config;
    config.trim = false;
    config.features = {feature};
    return config;
}

py::array_t<float> melspectrogram(const FloatArray& y, const py::dict& settings) {
    return featureOf(y, withoutMfcc(configOf(untrimmed(Feature::MelSpectrogram), settings,
                                             {Stage::Load, Stage::Stft, Stage::MelFilterbank})));
}

py::array_t<float> mfcc(const FloatArray& y, const py::dict& settings) {
    return featureOf(y,
                     configOf(untrimmed(Feature::Mfcc), settings,
                              {Stage::Load, Stage::Stft, Stage::MelFilterbank, Stage::Cepstrum}));
}

/// melspectrogram(S=...): the filterbank of the extractor for n_fft = 2 (bins - 1), applied to
/// a (bins, frames) spectrogram.
py::array_t<float> melspectrogramOfSpectrogram(const FloatArray& spectrogram,
                                               const py::dict& settings) {
    FeatureMatrix power = toMatrix(spectrogram, "S");
    py::dict withFft = settings.attr("copy")(); // a new dict: the caller's stays as it was
    withFft["n_fft"] = 2 * (power.rows() - 1);
    const FeatureConfig config =
        withoutMfcc(configOf(untrimmed(Feature::MelSpectrogram), withFft,
                             {Stage::Load, Stage::Stft, Stage::MelFilterbank}));
    std::shared_ptr<const FeatureExtractor> extractor;
    FeatureMatrix mel;
    {
        py::gil_scoped_release release;
        extractor = extractorFor(config);
        mel = extractor->melSpectrogram().filterbank().applyToSpectrogram(power);
    }
    warnAbout(extractor->warnings());
    return toArray(std::move(mel));
}

/// mfcc(S=...): the DCT and lifter of the extractor's MFCC step on a given log-power mel
/// spectrogram, whose rows are the n_mels.
py::array_t<float> mfccOfLogMel(const FloatArray& logMelArray, const py::dict& settings) {
    FeatureMatrix logMel = toMatrix(logMelArray, "S");
    py::dict withBands = settings.attr("copy")();
    withBands["n_mels"] = logMel.rows();
    const FeatureConfig config =
        configOf(untrimmed(Feature::Mfcc), withBands, {Stage::MelFilterbank, Stage::Cepstrum});
    FeatureMatrix coefficients;
    {
        py::gil_scoped_release release;
        const Eigen::MatrixXd dct =
            orthonormalDctMatrix(config.dctType, config.nMels, config.nMfcc);
        coefficients = cepstralCoefficients(dct, logMel, config.lifter);
    }
    return toArray(std::move(coefficients));
}

/// What `cepstra-cli extract` writes for a clip, by output suffix, in write order.
py::dict outputsOf(const FeatureConfig& config, const Result<ClipFeatures>& clip,
                   const FeatureExtractor& extractor, bool fromFile) {
    if (!clip) {
        if (fromFile)
            raiseError(clip.error());
        raiseValueError(clip.error());
    }
    std::vector<NamedOutput> outputs;
    {
        py::gil_scoped_release release;
        outputs = buildOutputs(*clip, config);
    }
    warnAbout(extractor.warnings());
    py::dict arrays;
    for (NamedOutput& output : outputs)
        arrays[py::str(output.suffix)] = toArray(std::move(output.values));
    return arrays;
}

py::dict extractPath(const py::bytes& path, const py::dict& settings) {
    const FeatureConfig config = fullConfigOf(settings);
    const std::filesystem::path file(std::string{path});
    std::shared_ptr<const FeatureExtractor> extractor;
    Result<ClipFeatures> clip = Error{ErrorKind::Internal, "not computed"};
    {
        py::gil_scoped_release release;
        extractor = extractorFor(config);
        clip = extractor->extractFile(file);
    }
    return outputsOf(config, clip, *extractor, true);
}

py::dict extractSignal(const FloatArray& y, const py::dict& settings) {
    const FeatureConfig config = fullConfigOf(settings);
    const std::span<const float> signal = signalOf(y);
    std::shared_ptr<const FeatureExtractor> extractor;
    Result<ClipFeatures> clip = Error{ErrorKind::Internal, "not computed"};
    {
        py::gil_scoped_release release;
        extractor = extractorFor(config);
        clip = extractor->extractSignal(signal);
    }
    return outputsOf(config, clip, *extractor, false);
}

} // namespace

std::shared_ptr<const FeatureExtractor> extractorFor(const FeatureConfig& config) {
    constexpr std::size_t kKept = 8;
    static std::mutex mutex;
    static std::list<std::shared_ptr<const FeatureExtractor>> recent;
    {
        std::lock_guard lock(mutex);
        for (auto it = recent.begin(); it != recent.end(); ++it) {
            if ((*it)->config() == config) {
                recent.splice(recent.begin(), recent, it);
                return recent.front();
            }
        }
    }
    auto made = std::make_shared<const FeatureExtractor>(config);
    std::lock_guard lock(mutex);
    recent.push_front(made);
    if (recent.size() > kKept)
        recent.pop_back();
    return made;
}

void warnAbout(const std::vector<std::string>& messages) {
    for (const std::string& message : messages)
        if (PyErr_WarnEx(PyExc_UserWarning, message.c_str(), 2) != 0)
            throw py::error_already_set();
}

FeatureConfig withoutMfcc(FeatureConfig config) {
    config.nMfcc = std::min(config.nMfcc, config.nMels);
    return config;
}

void registerFeatures(py::module_& module) {
    module.def("melspectrogram", &melspectrogram, py::arg("y"), py::arg("settings"),
               "librosa.feature.melspectrogram(y=...): (n_mels, frames) float32.");
    module.def("melspectrogram_of_spectrogram", &melspectrogramOfSpectrogram, py::arg("S"),
               py::arg("settings"), "librosa.feature.melspectrogram(S=...).");
    module.def("mfcc", &mfcc, py::arg("y"), py::arg("settings"),
               "librosa.feature.mfcc(y=...): (n_mfcc, frames) float32.");
    module.def("mfcc_of_log_mel", &mfccOfLogMel, py::arg("S"), py::arg("settings"),
               "librosa.feature.mfcc(S=...), S a log-power mel spectrogram.");
    module.def("extract_path", &extractPath, py::arg("path"), py::arg("settings"),
               "What `cepstra-cli extract` writes for a file, by output suffix.");
    module.def("extract_signal", &extractSignal, py::arg("y"), py::arg("settings"),
               "extract_path for a mono float32 signal already at the config's sr.");
}

} // namespace cepstra::python
