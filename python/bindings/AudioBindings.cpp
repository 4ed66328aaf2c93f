// SPDX-License-Identifier: GPL-3.0-or-later
// librosa.load: decode, downmix and resample through core/audio.
#include "core/audio/AudioFile.h"
#include "python/bindings/Bindings.h"

#include <pybind11/stl.h>

#include <optional>

namespace cepstra::python {
namespace {

/// The signal as a 1-D float32 array that owns its samples, and the rate as Python's int.
py::tuple loadedTuple(LoadedAudio&& loaded) {
    auto* samples = new std::vector<float>(std::move(loaded.samples));
    py::capsule owner(samples,
                      [](void* pointer) { delete static_cast<std::vector<float>*>(pointer); });
    py::array_t<float> signal({py::ssize_t(samples->size())}, {py::ssize_t(sizeof(float))},
                              samples->data(), owner);
    return py::make_tuple(signal, loaded.sampleRateHz);
}

int targetRateOf(const py::dict& settings, bool nativeRate) {
    if (nativeRate)
        return kNativeRate;
    return configOf(FeatureConfig{}, settings, {ParameterStage::Load}).sampleRateHz;
}

LoadRange rangeOf(double offsetSeconds, std::optional<double> durationSeconds) {
    return {.offsetSeconds = offsetSeconds, .durationSeconds = durationSeconds};
}

py::tuple loadPath(const py::bytes& path, const py::dict& settings, bool nativeRate,
                   double offsetSeconds, std::optional<double> durationSeconds) {
    const std::filesystem::path file(std::string{path});
    const int targetRateHz = targetRateOf(settings, nativeRate);
    Result<LoadedAudio> loaded = Error{ErrorKind::Internal, "not loaded"};
    {
        py::gil_scoped_release release;
        loaded = loadAudio(file, targetRateHz, rangeOf(offsetSeconds, durationSeconds));
    }
    if (!loaded)
        raiseError(loaded.error());
    return loadedTuple(std::move(loaded).value());
}

py::tuple loadBytes(const py::bytes& data, const std::string& name, const py::dict& settings,
                    bool nativeRate, double offsetSeconds, std::optional<double> durationSeconds) {
    const int targetRateHz = targetRateOf(settings, nativeRate);
    char* buffer = nullptr;
    py::ssize_t size = 0;
    if (PyBytes_AsStringAndSize(data.ptr(), &buffer, &size) != 0)
        throw py::error_already_set();
    Result<LoadedAudio> loaded = Error{ErrorKind::Internal, "not loaded"};
    {
        // bytes are immutable, and `data` holds them while the GIL is released.
        py::gil_scoped_release release;
        loaded = loadAudioFromMemory(std::string_view(buffer, std::size_t(size)), name,
                                     targetRateHz, rangeOf(offsetSeconds, durationSeconds));
    }
    if (!loaded)
        raiseError(loaded.error());
    return loadedTuple(std::move(loaded).value());
}

} // namespace

void registerAudio(py::module_& module) {
    module.def("load_path", &loadPath, py::arg("path"), py::arg("settings"), py::arg("native_rate"),
               py::arg("offset"), py::arg("duration"),
               "librosa.load of a file: (float32 mono signal, rate). `settings` holds sr unless "
               "native_rate. Releases the GIL while decoding.");
    module.def("load_bytes", &loadBytes, py::arg("data"), py::arg("name"), py::arg("settings"),
               py::arg("native_rate"), py::arg("offset"), py::arg("duration"),
               "load_path for encoded audio in memory; `name` is for messages.");
}

} // namespace cepstra::python
