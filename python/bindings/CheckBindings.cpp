// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra.check: the dataset health check of `cepstra-cli check`, its JSON report as text.
#include "core/dataset/Catalog.h"
#include "core/health/HealthCache.h"
#include "core/health/HealthReportFormats.h"
#include "core/util/JsonText.h"
#include "python/bindings/JobRelay.h"

#include <pybind11/stl.h>

#include <optional>

namespace cepstra::python {
namespace {

/// Where measurements are kept: a run's catalog (`features`), a given file, or the default
/// cache under $XDG_CACHE_HOME, as `cepstra-cli check --features / --cache` choose.
std::filesystem::path cacheOf(const std::filesystem::path& input,
                              const std::optional<py::bytes>& features,
                              const std::optional<py::bytes>& cache) {
    if (features) {
        const std::filesystem::path catalog =
            std::filesystem::path(std::string{*features}) / Catalog::kFileName;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(catalog, ec))
            raiseError({ErrorKind::InvalidUsage,
                        "features=" + std::string{*features} +
                            " is not the OUTPUT folder of a run (it has no " + Catalog::kFileName +
                            "); give the folder cepstra.run or `cepstra-cli run` wrote"});
        return catalog;
    }
    return cache ? std::filesystem::path(std::string{*cache}) : HealthCache::defaultLocation(input);
}

std::string checkJob(const py::bytes& input, const std::vector<std::string>& thresholdSettings,
                     const std::optional<py::bytes>& features,
                     const std::optional<py::bytes>& cache, int jobs, bool force,
                     py::object progress, const py::bytes& manifest,
                     const std::string& manifestColumns, const std::string& subset) {
    HealthRequest request;
    request.manifest = ManifestRequest::named(std::string{manifest}, manifestColumns, subset);
    request.input = std::string{input};
    request.jobs = jobs;
    request.remeasure = force;
    for (const std::string& setting : thresholdSettings)
        if (auto status = applyHealthSetting(request.thresholds, setting); !status)
            raiseError(status.error());
    request.cache = cacheOf(request.input, features, cache);
    JobRelay relay(std::move(progress));
    Result<HealthReport> report = Error{ErrorKind::Internal, "the check did not start"};
    relay.run([&] { report = checkDatasetHealth(request, relay, relay.cancel()); });
    if (!report)
        raiseError(report.error());
    return dumpJson(healthReportJson(*report));
}

} // namespace

void registerCheck(py::module_& module) {
    module.def("check", &checkJob, py::arg("input"), py::arg("thresholds"), py::arg("features"),
               py::arg("cache"), py::arg("jobs"), py::arg("force"), py::arg("progress"),
               py::arg("manifest"), py::arg("manifest_columns"), py::arg("subset"),
               "checkDatasetHealth, returning the JSON report `cepstra-cli check --format json` "
               "writes. `thresholds` are \"check.key=value\" settings.");
}

} // namespace cepstra::python
