// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra.export: planExport and writeExport, as `cepstra-cli export` runs them.
#include "core/export/ExportWriter.h"
#include "core/util/JsonText.h"
#include "python/bindings/JobRelay.h"

#include <pybind11/stl.h>

#include <optional>

namespace cepstra::python {
namespace {

/// The options as `cepstra-cli export` spells them; each missing one takes the CLI's default.
struct ExportArguments {
    std::optional<std::string> features; ///< "mfcc,logmel"
    std::string scaler = "none";
    std::optional<int> frames;
    std::optional<std::string> fit;
    std::optional<std::string> align;
    std::optional<int> segmentHop;
    std::optional<float> padValue;
    std::optional<std::string> split; ///< "train=0.8,valid=0.1,test=0.1"
    std::optional<std::string> splitLists;
    std::optional<std::string> excludeList;
    std::vector<std::string> exclude;
    std::uint64_t seed = 0;
    std::string dtype = "float32";
    std::string compression = "none";
};

template <typename T>
T parsedChoice(std::optional<T> parsed, const std::string& option, const std::string& given,
               const std::string& choices) {
    if (!parsed)
        raiseError({ErrorKind::InvalidUsage,
                    "--" + option + ": unknown value '" + given + "'; choose " + choices});
    return *parsed;
}

ExportOptions exportOptionsOf(const std::string& destination, const ExportArguments& arguments) {
    ExportOptions options{.destination = destination, .seed = arguments.seed};
    options.dtype = parsedChoice(parseExportDtype(arguments.dtype), "dtype", arguments.dtype,
                                 "float32 or float16");
    options.compression = parsedChoice(parseExportCompression(arguments.compression), "compression",
                                       arguments.compression, "none or gzip");
    if (arguments.features) {
        auto features = parseFeatureList(*arguments.features);
        if (!features)
            raiseError(features.error());
        options.features = std::move(features).value();
    }
    auto scaler = parseScalerName(arguments.scaler);
    if (!scaler)
        raiseError(scaler.error());
    options.scaler = *scaler;
    options.frames = arguments.frames;
    if (arguments.fit)
        options.fit = parsedChoice(parseFrameFit(*arguments.fit), "fit", *arguments.fit,
                                   "pad, crop or segment");
    if (arguments.align)
        options.align = parsedChoice(parseFrameAlign(*arguments.align), "align", *arguments.align,
                                     "start or center");
    options.segmentHop = arguments.segmentHop;
    options.padValue = arguments.padValue;
    if (arguments.split) {
        auto split = parseSplitSpec(*arguments.split);
        if (!split)
            raiseError(split.error());
        options.split = std::move(split).value();
    }
    if (arguments.splitLists)
        options.splitLists = *arguments.splitLists;
    if (arguments.excludeList)
        options.excludeList = *arguments.excludeList;
    options.excludedClips = arguments.exclude;
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
                   const ExportArguments& arguments, py::object progress) {
    const ExportOptions options = exportOptionsOf(std::string{destination}, arguments);
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
        summary = writeExport(
            *plan,
            [&](const ExportProgressUpdate& update) { relay.report(update.done, update.total); },
            relay.cancel());
    });
    if (!plan)
        raiseError(plan.error());
    if (!summary)
        raiseError(summary.error());
    return summaryDict(*plan, *summary);
}

} // namespace

void registerExport(py::module_& module) {
    py::class_<ExportArguments>(module, "ExportArguments")
        .def(py::init<>())
        .def_readwrite("features", &ExportArguments::features)
        .def_readwrite("scaler", &ExportArguments::scaler)
        .def_readwrite("frames", &ExportArguments::frames)
        .def_readwrite("fit", &ExportArguments::fit)
        .def_readwrite("align", &ExportArguments::align)
        .def_readwrite("segment_hop", &ExportArguments::segmentHop)
        .def_readwrite("pad_value", &ExportArguments::padValue)
        .def_readwrite("split", &ExportArguments::split)
        .def_readwrite("split_lists", &ExportArguments::splitLists)
        .def_readwrite("exclude_list", &ExportArguments::excludeList)
        .def_readwrite("exclude", &ExportArguments::exclude)
        .def_readwrite("seed", &ExportArguments::seed)
        .def_readwrite("dtype", &ExportArguments::dtype)
        .def_readwrite("compression", &ExportArguments::compression);
    module.def("export", &exportJob, py::arg("features_folder"), py::arg("destination"),
               py::arg("arguments"), py::arg("progress"),
               "planExport then writeExport: one training-ready .h5 or .npz file.");
}

} // namespace cepstra::python
