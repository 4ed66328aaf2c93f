// SPDX-License-Identifier: GPL-3.0-or-later
#include "python/bindings/Bindings.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cepstra::python {
namespace {

[[noreturn]] void raise(PyObject* type, std::string_view message) {
    PyErr_SetObject(type, fsText(message).ptr());
    throw py::error_already_set();
}

} // namespace

void raiseError(const Error& error) {
    switch (error.kind) {
    case ErrorKind::InvalidConfig:
    case ErrorKind::InvalidUsage:
    case ErrorKind::EmptyAudio:
    case ErrorKind::TooShort:
        raise(PyExc_ValueError, error.message);
    case ErrorKind::ReadFailed:
    case ErrorKind::OutputFailed:
        raise(PyExc_OSError, error.message);
    case ErrorKind::TooLarge:
        raise(PyExc_MemoryError, error.message);
    case ErrorKind::Cancelled:
        raise(PyExc_KeyboardInterrupt, error.message);
    case ErrorKind::Unreadable:
    case ErrorKind::Malformed:
    case ErrorKind::Internal:
        break;
    }
    raise(PyExc_RuntimeError, error.message);
}

void raiseValueError(const Error& error) {
    if (error.kind == ErrorKind::Cancelled || error.kind == ErrorKind::Internal)
        raiseError(error);
    raise(PyExc_ValueError, error.message);
}

py::array_t<float> toArray(FeatureMatrix&& matrix) {
    auto* owned = new FeatureMatrix(std::move(matrix));
    py::capsule owner(owned, [](void* pointer) { delete static_cast<FeatureMatrix*>(pointer); });
    const auto columns = py::ssize_t(owned->cols());
    return py::array_t<float>({py::ssize_t(owned->rows()), columns},
                              {columns * py::ssize_t(sizeof(float)), py::ssize_t(sizeof(float))},
                              owned->data(), owner);
}

FeatureMatrix toMatrix(const FloatArray& array, const char* name) {
    if (array.ndim() != 2)
        raise(PyExc_ValueError, std::string(name) + " must be a 2-D array (got " +
                                    std::to_string(array.ndim()) + " dimensions)");
    return Eigen::Map<const FeatureMatrix>(array.data(), Eigen::Index(array.shape(0)),
                                           Eigen::Index(array.shape(1)));
}

py::str fsText(std::string_view bytes) {
    PyObject* text = PyUnicode_DecodeFSDefaultAndSize(bytes.data(), py::ssize_t(bytes.size()));
    if (!text)
        throw py::error_already_set();
    return py::reinterpret_steal<py::str>(text);
}

nlohmann::json settingJson(const std::string& key, py::handle value) {
    PyObject* object = value.ptr();
    if (value.is_none())
        return nullptr;
    if (PyBool_Check(object))
        return object == Py_True;
    if (PyLong_Check(object)) {
        int overflow = 0;
        const long long integer = PyLong_AsLongLongAndOverflow(object, &overflow);
        if (overflow == 0)
            return integer;
        return PyLong_AsDouble(object); // far out of range: the core says so
    }
    if (PyFloat_Check(object))
        return PyFloat_AsDouble(object);
    if (PyUnicode_Check(object))
        return value.cast<std::string>();
    if (PyList_Check(object) || PyTuple_Check(object)) {
        nlohmann::json list = nlohmann::json::array();
        for (py::handle item : value)
            list.push_back(settingJson(key, item));
        return list;
    }
    raise(PyExc_TypeError, key + " takes a number, text, a bool, None or a list of text, not " +
                               std::string(py::str(value.get_type().attr("__name__"))));
}

FeatureConfig configOf(const FeatureConfig& base, const py::dict& settings,
                       std::initializer_list<ParameterStage> stages) {
    nlohmann::json object = nlohmann::json::object();
    for (auto [key, value] : settings) {
        const std::string name = py::str(key);
        object[name] = settingJson(name, value);
    }
    FeatureConfig config = base;
    if (auto status = applyConfigJson(config, object); !status)
        raise(PyExc_ValueError, status.error().message);
    std::string message;
    for (const ConfigProblem& problem : validate(config)) {
        const ParameterSpec* spec = findParameter(problem.key);
        if (spec && std::find(stages.begin(), stages.end(), spec->stage) != stages.end())
            message += (message.empty() ? "" : "; ") + problem.message;
    }
    if (!message.empty())
        raise(PyExc_ValueError, message);
    return config;
}

FeatureConfig fullConfigOf(const py::dict& settings) {
    return configOf(FeatureConfig{}, settings,
                    {ParameterStage::Load, ParameterStage::Stft, ParameterStage::MelFilterbank,
                     ParameterStage::Cepstrum, ParameterStage::Trim, ParameterStage::Outputs});
}

} // namespace cepstra::python
