// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ExportReport.h"

#include "app/cli/CliSupport.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace cepstra::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kUnknownNamesListed = 5;

void emit(const Json& line) {
    std::cout << dumpJson(line) << std::endl;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.1f MB", double(bytes) / 1e6);
    return text;
}

Json splitJson(const ExportPlan& plan, const ExportSplit& split) {
    Json perLabel = Json::object();
    for (std::size_t label = 0; label < plan.labelNames.size(); ++label)
        perLabel[plan.labelNames[label]] = {{"clips", split.clipsPerLabel[label]},
                                            {"examples", split.examplesPerLabel[label]}};
    Json shapes = Json::object();
    for (std::size_t f = 0; f < plan.features.size(); ++f)
        shapes[plan.features[f].name] = plan.shapeOf(split, f);
    return {{"name", split.name},
            {"clips", split.clips.size()},
            {"examples", split.examples},
            {"shapes", shapes},
            {"labels", perLabel}};
}

Json excludedJson(const std::vector<ExcludedClip>& excluded) {
    Json list = Json::array();
    for (const auto& clip : excluded)
        list.push_back({{"path", clip.path},
                        {"reason", toString(clip.reason)},
                        {"detail", clip.detail.empty() ? Json(nullptr) : Json(clip.detail)}});
    return list;
}

void warnUnknownNames(const std::vector<UnknownListName>& unknown) {
    if (unknown.size() <= kUnknownNamesListed) {
        for (const auto& name : unknown)
            printWarning(name.list + ": " + displayText(name.name) +
                         " matches no clip of the run; it is ignored");
        return;
    }
    std::string first;
    for (std::size_t i = 0; i < 3; ++i)
        first += (i ? ", " : "") + unknown[i].list + ": " + displayText(unknown[i].name);
    printWarning(
        std::to_string(unknown.size()) +
        " names in the split and exclude lists match no clip of the run and are ignored, such as " +
        first);
}

} // namespace

void reportPlan(const ExportPlan& plan, ProgressStyle style) {
    if (style != ProgressStyle::Json) {
        // The first line says where labels come from, as run's does.
        std::cout << displayText(plan.labelsFrom) << ".\n";
        if (plan.duplicateFamilies > 0)
            std::cout << "Keeping " << plan.duplicateFamilies
                      << " families of duplicate clips each in one split.\n";
    }
    for (const std::string& warning : plan.warnings)
        printWarning(warning);
    warnUnknownNames(plan.unknownListNames);
    if (style != ProgressStyle::Json)
        return;
    Json splits = Json::array();
    for (const auto& split : plan.splits)
        splits.push_back(splitJson(plan, split));
    Json unknown = Json::array();
    for (const auto& name : plan.unknownListNames)
        unknown.push_back({{"list", name.list}, {"name", name.name}});
    emit({{"event", "plan"},
          {"format", toString(plan.format)},
          {"labels_from", plan.labelsFrom},
          {"duplicate_families", plan.duplicateFamilies},
          {"label_names", plan.labelNames},
          {"splits", splits},
          {"excluded", excludedJson(plan.excluded)},
          {"unknown_list_names", unknown},
          {"estimated_bytes", plan.estimatedBytes}});
}

void reportSummary(const ExportPlan& plan, const ExportSummary& summary, ProgressStyle style) {
    if (style == ProgressStyle::Json) {
        Json splits = Json::array();
        for (const auto& split : plan.splits)
            splits.push_back(splitJson(plan, split));
        emit({{"event", "summary"},
              {"destination", summary.destination.string()},
              {"format", toString(summary.format)},
              {"bytes", summary.bytes},
              {"seconds", summary.wallSeconds},
              {"temporaries_removed", summary.staleTemporariesRemoved},
              {"splits", splits},
              {"excluded", excludedJson(summary.excluded)}});
        return;
    }
    long long clips = 0, examples = 0;
    for (const auto& split : summary.splits) {
        clips += split.clips;
        examples += split.examples;
    }
    std::cout << "Exported " << clips << " clips as " << examples << " examples to "
              << displayText(summary.destination.string()) << " (" << toString(summary.format)
              << ", " << toString(plan.options.dtype) << ", " << megabytes(summary.bytes) << ") in "
              << formatDuration(summary.wallSeconds) << ".\n";
    for (const auto& split : summary.splits)
        std::cout << "  " << split.name << ": " << split.clips << " clips, " << split.examples
                  << " examples\n";
    if (summary.staleTemporariesRemoved > 0)
        std::cout << "Removed " << summary.staleTemporariesRemoved
                  << " half-written temporaries that a killed export had left.\n";
    if (!summary.excluded.empty())
        std::cout << "Left out " << summary.excluded.size() << " clips:\n";
    for (const auto& clip : summary.excluded)
        std::cout << "  " << displayText(clip.path) << ": " << toString(clip.reason)
                  << (clip.detail.empty() ? "" : " (" + displayText(clip.detail) + ")") << "\n";
}

} // namespace cepstra::cli
