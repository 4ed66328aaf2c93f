// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra.Config over the parameter table: the Python class holds every key's JSON value; the
// core parses, normalises and validates them, so the messages are the CLI's.
#include "core/util/JsonText.h"
#include "python/bindings/Bindings.h"

#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

namespace cepstra::python {
namespace {

/// Every key of `config` in the table's order, as JSON text.
std::string orderedJson(const FeatureConfig& config) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const ParameterSpec& spec : parameterTable())
        object[std::string(spec.key)] = spec.get(config);
    return dumpJson(object);
}

FeatureConfig parsedSettings(const py::dict& settings) {
    nlohmann::json object = nlohmann::json::object();
    for (auto [key, value] : settings) {
        const std::string name = py::str(key);
        object[name] = settingJson(name, value);
    }
    FeatureConfig config;
    if (auto status = applyConfigJson(config, object); !status)
        raiseValueError(status.error());
    return config;
}

std::string normalizedSettings(const py::dict& settings) {
    return orderedJson(parsedSettings(settings));
}

std::string settingsFromJson(const std::string& text) {
    FeatureConfig config;
    if (auto status = applyConfigText(config, text); !status)
        raiseValueError(status.error());
    return orderedJson(config);
}

std::vector<std::string> problemsOf(const py::dict& settings) {
    std::vector<std::string> messages;
    for (const ConfigProblem& problem : validate(parsedSettings(settings)))
        messages.push_back(problem.message);
    return messages;
}

} // namespace

void registerConfig(py::module_& module) {
    module.def(
        "parameter_table_json", [] { return dumpJson(parameterTableJson()); },
        "The parameter table as `cepstra-cli params --format json` prints it.");
    module.def("config_normalize", &normalizedSettings, py::arg("settings"),
               "Defaults with `settings` applied, every key as JSON text in table order. A "
               "value of the wrong type is a ValueError with the CLI's message.");
    module.def("config_from_json", &settingsFromJson, py::arg("text"),
               "A config file's text applied onto the defaults, as `cepstra-cli --config` reads "
               "it; every key as JSON text in table order.");
    module.def("config_problems", &problemsOf, py::arg("settings"),
               "validate()'s messages for the config `settings` make; empty when valid.");
    module.def(
        "config_check", [](const py::dict& settings) { fullConfigOf(settings); },
        py::arg("settings"),
        "Raises ValueError with the messages `cepstra-cli` prints after \"invalid config: \".");
}

} // namespace cepstra::python
