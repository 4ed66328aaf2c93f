// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra.export: planExport and writeExport, as `cepstra-cli export` runs them.
#include "core/export/ExportWriter.h"
#include "core/util/JsonText.h"
#include "python/bindings/JobRelay.h"

#include <pybind11/stl.h>

#include <map>
#include <optional>

namespace cepstra::python {
namespace {

/// The options by key, each a JSON value the Python side checked for its type, applied through
/// the export options' declarations, as the CLI's are; plus the clips to leave out.
ExportOptions exportOptionsOf(const std::string& destination,
                              const std::map<std::string, std::string>& jsonTexts,
                              const std::vector<std::string>& excluded) {
    ExportOptions options{.destination = destination};
    for (const auto& setting : exportOptionTable()) {
        const auto given = jsonTexts.find(std::string(setting.key));
        if (given == jsonTexts.end())
            continue;
        // Named as the CLI names it, so the message is the CLI's, word for word.
        auto value = parseSettingValue(setting, nlohmann::json::parse(given->second),
                                       commandLineName(setting.key));
        if (!value)
            raiseError({ErrorKind::InvalidUsage, value.error().message});
        setting.set(options, *value);
    }
    options.excludedClips = excluded;
    return options;
}

py::dict splitDict(const ExportPlan& plan, const ExportSplit& split) {
    py::dict labels;
    for (std::size_t label = 0; label < plan.labelNames.size(); ++label) {
        py::dict counts;
        counts["clips"] = split.clipsPerLabel[label];
        counts["examples"] = split.examplesPerLabel[label];
        labels[fsText(plan.labelNames[label])] = counts;
    }
    py::dict shapes;
    for (std::size_t f = 0; f < plan.features.size(); ++f)
        shapes[py::str(plan.features[f].name)] = py::tuple(py::cast(plan.shapeOf(split, f)));
    py::dict result;
    result["name"] = split.name;
    result["clips"] = split.clips.size();
    result["examples"] = split.examples;
    result["shapes"] = shapes;
    result["labels"] = labels;
    return result;
}

/// The summary `cepstra-cli export --progress json` prints last, as a dict.
py::dict summaryDict(const ExportPlan& plan, const ExportSummary& summary) {
    py::list splits;
    for (const ExportSplit& split : plan.splits)
        splits.append(splitDict(plan, split));
    py::list excluded;
    for (const ExcludedClip& clip : summary.excluded) {
        py::dict item;
        item["path"] = fsText(clip.path);
        item["reason"] = py::str(std::string(toString(clip.reason)));
        item["detail"] = clip.detail.empty() ? py::object(py::none()) : fsText(clip.detail);
        excluded.append(item);
    }
    py::list labelNames;
    for (const std::string& name : plan.labelNames)
        labelNames.append(fsText(name));
    py::dict result;
    result["destination"] = fsText(summary.destination.string());
    result["format"] = py::str(std::string(toString(summary.format)));
    result["bytes"] = summary.bytes;
    result["seconds"] = summary.wallSeconds;
    result["label_names"] = labelNames;
    result["splits"] = splits;
    result["excluded"] = excluded;
    return result;
}

py::dict exportJob(const py::bytes& featuresFolder, const py::bytes& destination,
                   const std::map<std::string, std::string>& jsonTexts,
                   const std::vector<std::string>& excluded, py::object progress) {
    const ExportOptions options = exportOptionsOf(std::string{destination}, jsonTexts, excluded);
    const std::filesystem::path features(std::string{featuresFolder});
    JobRelay relay(std::move(progress));
    Result<ExportPlan> plan = Error{ErrorKind::Internal, "the export was not planned"};
    Result<ExportSummary> summary = Error{ErrorKind::Internal, "the export did not start"};
    relay.run([&] {
        plan = planExport(features, options);
        if (!plan)
            return;
        for (const UnknownListName& name : plan->unknownListNames)
            relay.warn(name.list + ": " + displayText(name.name) +
                       " matches no clip of the run; it is ignored");
        summary = writeExport(*plan, relay, relay.cancel());
    });
    if (!plan)
        raiseError(plan.error());
    if (!summary)
        raiseError(summary.error());
    return summaryDict(*plan, *summary);
}

} // namespace

void registerExport(py::module_& module) {
    module.def(
        "export_option_table",
        [] {
            return dumpJson(
                settingsJson(declarationsOf(exportOptionTable()), toJson(ExportOptions{})));
        },
        "The export options' declarations as JSON: what cepstra.export takes.");
    module.def("export", &exportJob, py::arg("features_folder"), py::arg("destination"),
               py::arg("options"), py::arg("excluded"), py::arg("progress"),
               "planExport then writeExport: one training-ready .h5 or .npz file.");
}

} // namespace cepstra::python
