// SPDX-License-Identifier: GPL-3.0-or-later
// librosa.power_to_db, effects.trim and filters.mel, through core/dsp.
#include "core/dsp/Cepstrum.h"
#include "core/dsp/Trim.h"
#include "python/bindings/Bindings.h"

#include <pybind11/stl.h>

#include <cmath>
#include <optional>

namespace cepstra::python {
namespace {

/// librosa's own checks of power_to_db's arguments, with its messages.
void checkPowerToDbArguments(double ref, double amin, std::optional<double> topDb) {
    if (!(amin > 0.0))
        raiseValueError({ErrorKind::InvalidUsage, "amin must be strictly positive"});
    if (topDb && !(*topDb >= 0.0))
        raiseValueError({ErrorKind::InvalidUsage, "top_db must be non-negative"});
    if (std::isnan(ref))
        raiseValueError({ErrorKind::InvalidUsage, "ref must be a number, not NaN"});
}

py::array_t<float> powerToDecibels(const FloatArray& power, double ref, double amin,
                                   std::optional<double> topDb) {
    checkPowerToDbArguments(ref, amin, topDb);
    FeatureMatrix values = toMatrix(power, "S");
    FeatureMatrix decibels;
    {
        py::gil_scoped_release release;
        decibels = powerToDb(values, ref, amin, topDb);
    }
    return toArray(std::move(decibels));
}

/// effects.trim's kept range [start, end) of a mono signal, for the table's top_db.
py::tuple trimRange(const FloatArray& y, const py::dict& settings) {
    if (y.ndim() != 1)
        raiseValueError({ErrorKind::InvalidUsage,
                         "y must be a mono signal, a 1-D array (got " + std::to_string(y.ndim()) +
                             " dimensions); Cepstra trims no multi-channel signals"});
    const FeatureConfig config = configOf(FeatureConfig{}, settings, {ParameterStage::Trim});
    const std::span<const float> signal(y.data(), std::size_t(y.size()));
    SampleRange kept;
    {
        py::gil_scoped_release release;
        kept = findNonSilentRange(signal, config.topDb);
    }
    return py::make_tuple(kept.start, kept.end);
}

/// filters.mel: the (n_mels, 1 + n_fft / 2) weights of the filterbank the features use.
py::array_t<float> melFilters(const py::dict& settings) {
    const FeatureConfig config = withoutMfcc(
        configOf(FeatureConfig{}, settings,
                 {ParameterStage::Load, ParameterStage::Stft, ParameterStage::MelFilterbank}));
    std::shared_ptr<const FeatureExtractor> extractor;
    FeatureMatrix weights;
    {
        py::gil_scoped_release release;
        extractor = extractorFor(config);
        weights = extractor->melSpectrogram().filterbank().weights();
    }
    warnAbout(extractor->warnings());
    return toArray(std::move(weights));
}

} // namespace

void registerDsp(py::module_& module) {
    module.def("power_to_db", &powerToDecibels, py::arg("S"), py::arg("ref"), py::arg("amin"),
               py::arg("top_db"), "librosa.power_to_db of a 2-D float32 array.");
    module.def("trim_range", &trimRange, py::arg("y"), py::arg("settings"),
               "librosa.effects.trim's kept [start, end) of a mono signal.");
    module.attr("TRIM_FRAME_LENGTH") = kTrimFrameLength;
    module.attr("TRIM_HOP_LENGTH") = kTrimHopLength;
    module.def("mel_filters", &melFilters, py::arg("settings"),
               "librosa.filters.mel: (n_mels, 1 + n_fft // 2) float32 weights.");
}

} // namespace cepstra::python
