// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the binding files share: the registration of each area on cepstra._core, and the
// conversions between Python and the core (errors, arrays, settings, byte strings). The
// bindings compute nothing themselves; every number comes from cepstra_core.

#include "core/features/ConfigParameters.h"
#include "core/features/FeatureExtractor.h"
#include "core/util/FeatureMatrix.h"
#include "core/util/Result.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra::python {

namespace py = pybind11;

/// A float32 array as the core reads it: C-contiguous, converted from float64 if need be.
using FloatArray = py::array_t<float, py::array::c_style | py::array::forcecast>;

void registerAudio(py::module_& module);
void registerFeatures(py::module_& module);
void registerDsp(py::module_& module);
void registerConfig(py::module_& module);
void registerRun(py::module_& module);
void registerCheck(py::module_& module);
void registerExport(py::module_& module);

/// Raises `error` as the Python exception its kind maps to: bad arguments, configs and inputs
/// too short or empty are ValueError; reading and writing files OSError; a stop request
/// KeyboardInterrupt; undecodable or damaged files and internal errors RuntimeError.
[[noreturn]] void raiseError(const Error& error);

/// Raises ValueError with `error`'s message, whatever its kind (a stop is still
/// KeyboardInterrupt): for functions whose failures all come from the values they were given.
[[noreturn]] void raiseValueError(const Error& error);

/// The array the core returned, handed to numpy without a copy.
py::array_t<float> toArray(FeatureMatrix&& matrix);

/// A 2-D float32 array as a FeatureMatrix (copied: the core takes matrices it owns).
FeatureMatrix toMatrix(const FloatArray& array, const char* name);

/// Bytes from the core (paths on Linux, messages quoting them) as Python text: UTF-8, with any
/// other byte as surrogateescape, so os.fsencode() gives the exact bytes back.
py::str fsText(std::string_view bytes);

/// A Python value from a settings dict (None, bool, int, float, str, or a list of str) as JSON.
/// Other types are a TypeError naming `key`.
nlohmann::json settingJson(const std::string& key, py::handle value);

/// `settings` (table keys to values) applied onto `base`, then validate(). A value of the wrong
/// type is a ValueError with applyConfigJson's message; range and cross-key problems of keys in
/// `stages` are one ValueError, their messages joined by "; ", as `cepstra-cli` prints them
/// after "invalid config: ". Problems of keys outside `stages` (the function does not use them)
/// are not reported.
FeatureConfig configOf(const FeatureConfig& base, const py::dict& settings,
                       std::initializer_list<ParameterStage> stages);

/// `config` for a call that computes no MFCC (melspectrogram, filters.mel): its unused n_mfcc
/// kept within n_mels, so the extractor's DCT stays valid whatever n_mels is.
FeatureConfig withoutMfcc(FeatureConfig config);

/// The extractor of `config` (validated), shared with the calls made last with the same config:
/// building one plans the FFT and computes the filterbank and DCT, and a DataLoader asks for
/// the same config for every clip. Any thread; call without the GIL.
std::shared_ptr<const FeatureExtractor> extractorFor(const FeatureConfig& config);

/// Each message as a UserWarning, as librosa warns about empty mel filters. Needs the GIL.
void warnAbout(const std::vector<std::string>& messages);

/// configOf with every stage: a whole pipeline, as `cepstra-cli run` checks its config.
FeatureConfig fullConfigOf(const py::dict& settings);

} // namespace cepstra::python
