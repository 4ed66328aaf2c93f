// SPDX-License-Identifier: GPL-3.0-or-later
// The export options, each declared once: what `cepstra-cli export`, the app's Export form,
// `params --export`, the README, the man page and the Python module derive from.
#include "core/export/ExportOptionNames.h"
#include "core/export/ExportOptions.h"
#include "core/features/ConfigParameters.h"

#include <limits>

namespace cepstra {
namespace {

using nlohmann::json;
using Option = Setting<ExportOptions>;

Option option(std::string_view key, SettingType type, std::string_view doc,
              std::string_view nullMeaning = {}) {
    Option made;
    made.key = key;
    made.type = type;
    made.doc = doc;
    made.nullMeaning = nullMeaning;
    return made;
}

template <typename Value> std::optional<Value> byName(std::string_view name) {
    for (Value value : {Value::MelSpectrogram, Value::Mfcc, Value::LogMel})
        if (toString(value) == name)
            return value;
    return std::nullopt;
}

std::optional<Scaler> scalerNamed(std::string_view name) {
    for (Scaler scaler : {Scaler::Standard, Scaler::MinMax})
        if (toString(scaler) == name)
            return scaler;
    return std::nullopt;
}

Option featuresOption() {
    Option made = option("features", SettingType::ChoiceList,
                         "which arrays: melspectrogram, mfcc, logmel, among those the run wrote",
                         "every feature the run wrote");
    made.choices = findParameter("features")->choices;
    made.get = [](const ExportOptions& o) {
        if (o.features.empty())
            return json(nullptr);
        json list = json::array();
        for (Feature feature : o.features)
            list.push_back(toString(feature));
        return list;
    };
    made.set = [](ExportOptions& o, const json& v) {
        o.features.clear();
        if (!v.is_null())
            for (const auto& name : v)
                o.features.push_back(*byName<Feature>(name.get<std::string>()));
    };
    return made;
}

Option scalerOption() {
    Option made = option("scaler", SettingType::Choice,
                         "none: the raw arrays; standard or minmax: the run's scaled copies");
    made.choices.push_back("none");
    for (std::string_view name : findParameter("scalers")->choices)
        made.choices.push_back(name);
    made.get = [](const ExportOptions& o) {
        return json(o.scaler ? toString(*o.scaler) : std::string_view("none"));
    };
    made.set = [](ExportOptions& o, const json& v) {
        o.scaler = scalerNamed(v.get<std::string>());
    };
    return made;
}

Option optionalIntegerOption(std::string_view key, std::string_view doc,
                             std::string_view nullMeaning, std::string_view unit,
                             std::optional<int> ExportOptions::*member) {
    Option made = option(key, SettingType::Integer, doc, nullMeaning);
    made.unit = unit;
    made.minimum = 1;
    made.maximum = std::numeric_limits<int>::max();
    made.get = [member](const ExportOptions& o) {
        return (o.*member) ? json(*(o.*member)) : json(nullptr);
    };
    made.set = [member](ExportOptions& o, const json& v) {
        o.*member = v.is_null() ? std::nullopt : std::optional<int>(v.get<int>());
    };
    return made;
}

Option framesOption(std::string_view key, std::string_view doc, std::string_view nullMeaning,
                    std::optional<int> ExportOptions::*member) {
    return optionalIntegerOption(key, doc, nullMeaning, "frames", member);
}

constexpr std::string_view kManifestSplit = "manifest";

Option splitOption() {
    Option made = option("split", SettingType::Text,
                         "fractions of each label's clips per split, summing to 1, e.g. "
                         "train=0.8,valid=0.1,test=0.1 (each manifest group, and with group "
                         "each family of duplicates, kept in one split); or manifest: the "
                         "manifest's own split",
                         "one group, all");
    made.parseText = [](const json& value, std::string_view name) -> Result<json> {
        if (value.get<std::string>() == kManifestSplit)
            return value;
        auto shares = parseSplitSpec(value.get<std::string>(), name);
        if (!shares)
            return shares.error();
        return json(splitSpecText(*shares));
    };
    made.get = [](const ExportOptions& o) {
        if (o.manifestSplit)
            return json(kManifestSplit);
        return o.split.empty() ? json(nullptr) : json(splitSpecText(o.split));
    };
    made.set = [](ExportOptions& o, const json& v) {
        o.manifestSplit = !v.is_null() && v.get<std::string>() == kManifestSplit;
        o.split = v.is_null() || o.manifestSplit ? std::vector<SplitShare>{}
                                                 : *parseSplitSpec(v.get<std::string>());
    };
    return made;
}

Option groupOption() {
    Option made = option("group", SettingType::Text,
                         "duplicates: keep each family of duplicate clips `check` found in one "
                         "split (from the last check kept with FEATURES, or "
                         "duplicates=REPORT.json); none: the manifest's groups only");
    made.parseText = [](const json& value, std::string_view name) -> Result<json> {
        auto grouping = parseGroupSpec(value.get<std::string>(), name);
        if (!grouping)
            return grouping.error();
        return json(groupSpecText(*grouping));
    };
    made.get = [](const ExportOptions& o) { return json(groupSpecText(o.group)); };
    made.set = [](ExportOptions& o, const json& v) {
        o.group = *parseGroupSpec(v.get<std::string>());
    };
    return made;
}

std::vector<Option> buildTable() {
    using enum SettingType;
    std::vector<Option> table;
    table.push_back(featuresOption());
    table.push_back(scalerOption());
    table.push_back(framesOption("frames", "the example length; without it, whole clips",
                                 "whole clips (the ragged form)", &ExportOptions::frames));
    Option fit = option("fit", Choice,
                        "pad: one example per clip, short clips padded, long ones cropped; crop: "
                        "one example per clip, clips shorter than frames left out; segment: "
                        "windows of frames every segment_hop, an incomplete tail dropped",
                        "pad");
    bindOptionalChoice<&ExportOptions::fit>(fit, kFitNames);
    table.push_back(fit);
    Option align = option("align", Choice,
                          "where pad and crop keep the clip: from its start, or centred", "start");
    bindOptionalChoice<&ExportOptions::align>(align, kAlignNames);
    table.push_back(align);
    table.push_back(framesOption("segment_hop", "frames between segment starts",
                                 "frames (segments do not overlap)", &ExportOptions::segmentHop));
    Option padValue = option("pad_value", Number, "the value padding is filled with",
                             "0 for melspectrogram and every scaled array; for raw logmel and "
                             "mfcc, each clip's own minimum (its floor in dB)");
    bindOptional<&ExportOptions::padValue>(padValue);
    table.push_back(padValue);
    table.push_back(splitOption());
    table.push_back(optionalIntegerOption(
        "test_fold", "the manifest's fold that becomes test; the others are train", "no fold split",
        "", &ExportOptions::testFold));
    table.push_back(optionalIntegerOption("valid_fold",
                                          "the manifest's fold that becomes valid (with test_fold)",
                                          "none", "", &ExportOptions::validFold));
    table.push_back(groupOption());
    Option lists = option("split_lists", Path,
                          "a folder whose train.txt, valid.txt and test.txt name the clips of "
                          "each split, one INPUT-relative path a line",
                          "none");
    bindPath<&ExportOptions::splitLists>(lists);
    table.push_back(lists);
    Option seed = option("seed", Integer, "the stratified split's shuffle");
    seed.minimum = 0; // and at most 2^64 - 1: a larger integer is no integer JSON holds exactly
    seed.rangeCheckedOnRead = true; // an unsigned member: -1 would wrap around
    bindScalar<&ExportOptions::seed>(seed);
    table.push_back(seed);
    Option exclude = option("exclude_list", Path,
                            "a file of clips to leave out, one a line, matched as split lists "
                            "are; `check --flagged-list` writes one",
                            "none");
    bindPath<&ExportOptions::excludeList>(exclude);
    table.push_back(exclude);
    Option dtype = option("dtype", Choice,
                          "float16 rounds to nearest even, exactly as numpy's astype(np.float16)");
    bindChoice<&ExportOptions::dtype>(dtype, kDtypeNames);
    table.push_back(dtype);
    Option compression = option("compression", Choice,
                                "gzip: HDF5 shuffle + deflate (level 4), or deflate of each NPZ "
                                "entry");
    bindChoice<&ExportOptions::compression>(compression, kCompressionNames);
    table.push_back(compression);
    Option overwrite = option("overwrite", Boolean,
                              "replace DEST even when it is not an export Cepstra wrote (one "
                              "is always replaced)");
    bindScalar<&ExportOptions::overwrite>(overwrite);
    table.push_back(overwrite);
    return table;
}

} // namespace

const std::vector<Setting<ExportOptions>>& exportOptionTable() {
    static const std::vector<Setting<ExportOptions>> table = buildTable();
    return table;
}

json toJson(const ExportOptions& options) {
    return settingsToJson(options, exportOptionTable());
}

Status applyExportOptionsJson(ExportOptions& options, const json& object) {
    return applySettingsJson(options, exportOptionTable(), object, "export option");
}

} // namespace cepstra
