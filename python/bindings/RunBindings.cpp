// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra.run: the batch runner `cepstra-cli run` and the app use, driven from Python.
#include "core/batch/BatchRunner.h"
#include "python/bindings/JobRelay.h"

namespace cepstra::python {
namespace {

/// The summary `cepstra-cli run --progress json` prints last, as a dict.
py::dict summaryDict(const RunSummary& summary, const std::filesystem::path& output) {
    py::list failures;
    for (const auto& [path, error] : summary.failures) {
        py::dict failure;
        failure["path"] = fsText(path);
        failure["error"] = fsText(error);
        failures.append(failure);
    }
    py::dict result;
    result["total"] = summary.total;
    result["processed"] = summary.processed;
    result["skipped"] = summary.skipped;
    result["failed"] = summary.failed;
    result["removed"] = summary.removed;
    result["interrupted"] = summary.interrupted;
    result["seconds"] = summary.wallSeconds;
    result["output"] = fsText(output.string());
    result["failures"] = failures;
    result["relabelled"] = summary.relabelled;
    // As the CLI's summary has it: each kind of row or file that did not fit the manifest.
    if (summary.manifest) {
        py::dict manifest;
        manifest["description"] = summary.manifest->description;
        const std::pair<const char*, const std::vector<ManifestEntry>*> kinds[] = {
            {"missing_files", &summary.manifest->missingFiles},
            {"unnamed_files", &summary.manifest->unnamedFiles},
            {"duplicate_rows", &summary.manifest->duplicateRows},
            {"unlabelled_rows", &summary.manifest->unlabelledRows}};
        for (const auto& [key, entries] : kinds) {
            py::list listed;
            for (const ManifestEntry& entry : *entries) {
                py::dict item;
                item["line"] = entry.line;
                item["path"] = fsText(entry.path);
                listed.append(item);
            }
            manifest[key] = listed;
        }
        result["manifest"] = manifest;
    } else {
        result["manifest"] = py::none();
    }
    return result;
}

py::dict runJob(const py::bytes& input, const py::bytes& output, const py::dict& settings, int jobs,
                bool force, py::object progress, const py::bytes& manifest,
                const std::string& manifestColumns, const std::string& subset) {
    const RunRequest request{
        .inputDirectory = std::string{input},
        .outputDirectory = std::string{output},
        .config = fullConfigOf(settings),
        .jobs = jobs,
        .force = force,
        .manifest = ManifestRequest::named(std::string{manifest}, manifestColumns, subset)};
    JobRelay relay(std::move(progress));
    Result<RunSummary> summary = Error{ErrorKind::Internal, "the run did not start"};
    relay.run([&] { summary = runDataset(request, relay, relay.cancel()); },
              [&](py::handle exception) {
                  if (!summary || !py::hasattr(exception, "add_note"))
                      return;
                  exception.attr("add_note")(
                      "cepstra.run stopped cleanly after " + std::to_string(summary->processed) +
                      " of " + std::to_string(summary->total) +
                      " files; the finished ones are kept, and the same call resumes the run");
              });
    if (!summary)
        raiseError(summary.error());
    return summaryDict(*summary, request.outputDirectory);
}

} // namespace

void registerRun(py::module_& module) {
    module.def("run", &runJob, py::arg("input"), py::arg("output"), py::arg("settings"),
               py::arg("jobs"), py::arg("force"), py::arg("progress"), py::arg("manifest"),
               py::arg("manifest_columns"), py::arg("subset"),
               "runDataset: INPUT's features into OUTPUT, incrementally, on `jobs` threads (0: "
               "every core). Ctrl+C stops it cleanly and raises KeyboardInterrupt.");
}

} // namespace cepstra::python
