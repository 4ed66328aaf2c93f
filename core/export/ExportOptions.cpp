// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportOptions.h"

#include "core/export/ExportOptionNames.h"
#include "core/util/NumberText.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace cepstra {
namespace {

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

Result<SplitShare> parseShare(std::string_view item, const std::string& name) {
    const std::size_t equals = item.find('=');
    const std::string split(trimmed(item.substr(0, equals)));
    if (equals == std::string_view::npos)
        return usage(name + ": '" + std::string(item) +
                     "' has no '='; write NAME=FRACTION, e.g. train=0.8,valid=0.1,test=0.1");
    if (std::find(std::begin(kSplitNames), std::end(kSplitNames), split) == std::end(kSplitNames))
        return usage(name + ": unknown split '" + split + "'; the splits are train, valid, test");
    const std::string_view number = trimmed(item.substr(equals + 1));
    double fraction = -1.0;
    const auto parsed = std::from_chars(number.data(), number.data() + number.size(), fraction);
    if (parsed.ec != std::errc() || parsed.ptr != number.data() + number.size() ||
        !(fraction >= 0.0 && fraction <= 1.0))
        return usage(name + ": " + split + "=" + std::string(number) +
                     " is not a fraction between 0 and 1");
    return SplitShare{.name = split, .fraction = fraction};
}

} // namespace

std::string_view toString(FrameFit fit) {
    return nameOf(kFitNames, fit);
}
std::string_view toString(FrameAlign align) {
    return nameOf(kAlignNames, align);
}
std::string_view toString(ExportDtype dtype) {
    return nameOf(kDtypeNames, dtype);
}
std::string_view toString(ExportCompression compression) {
    return nameOf(kCompressionNames, compression);
}
std::string_view toString(ExportFormat format) {
    return format == ExportFormat::Hdf5 ? "HDF5" : "NPZ";
}

std::string commandLineName(std::string_view key) {
    SettingDeclaration declaration;
    declaration.key = key;
    return declaration.optionName();
}

Result<std::vector<SplitShare>> parseSplitSpec(std::string_view text, std::string_view name) {
    const std::string option(name);
    std::vector<SplitShare> shares;
    double total = 0.0;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        auto share = parseShare(text.substr(0, comma), option);
        if (!share)
            return share.error();
        for (const auto& earlier : shares)
            if (earlier.name == share->name)
                return usage(option + " names " + share->name + " twice; give each split once");
        total += share->fraction;
        shares.push_back(std::move(share).value());
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    if (shares.empty())
        return usage(option + " is empty; write e.g. train=0.8,valid=0.1,test=0.1");
    if (std::abs(total - 1.0) > 1e-6)
        return usage(option + " fractions add up to " + formatNumber(total) +
                     ", not 1; make them add up, e.g. train=0.8,valid=0.1,test=0.1");
    return shares;
}

std::string splitSpecText(const std::vector<SplitShare>& shares) {
    std::string text;
    for (const SplitShare& share : shares)
        text += (text.empty() ? "" : ",") + share.name + "=" + formatNumber(share.fraction);
    return text;
}

Result<DuplicateGrouping> parseGroupSpec(std::string_view text, std::string_view name) {
    const std::string option(name);
    constexpr std::string_view kDuplicates = "duplicates";
    if (text == "none")
        return DuplicateGrouping{};
    if (text == kDuplicates)
        return DuplicateGrouping{.source = DuplicateGrouping::Source::LastCheck};
    if (text.starts_with(std::string(kDuplicates) + "=") && text.size() > kDuplicates.size() + 1)
        return DuplicateGrouping{.source = DuplicateGrouping::Source::Report,
                                 .report = std::string(text.substr(kDuplicates.size() + 1))};
    return usage(option + " " + std::string(text) +
                 ": write none, duplicates (the last check kept with FEATURES) or "
                 "duplicates=REPORT.json (a `check --format json` report)");
}

std::string groupSpecText(const DuplicateGrouping& grouping) {
    switch (grouping.source) {
    case DuplicateGrouping::Source::None:
        return "none";
    case DuplicateGrouping::Source::LastCheck:
        return "duplicates";
    case DuplicateGrouping::Source::Report:
        return "duplicates=" + grouping.report.string();
    }
    return "none";
}

Result<ExportFormat> exportFormatFor(const std::filesystem::path& destination) {
    std::string extension = destination.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (extension == ".h5" || extension == ".hdf5")
        return ExportFormat::Hdf5;
    if (extension == ".npz")
        return ExportFormat::Npz;
    return usage("DEST " + destination.string() +
                 " has no known extension; end it in .h5 or .hdf5 (HDF5) or .npz (NumPy)");
}

Status validateExportOptions(const ExportOptions& options, const OptionNamer& name) {
    if (auto format = exportFormatFor(options.destination); !format)
        return format.error();
    for (const auto& setting : exportOptionTable())
        if (const std::string problem =
                rangeProblem(setting, setting.get(options), name(setting.key));
            !problem.empty())
            return usage(problem);
    for (std::size_t i = 0; i < options.features.size(); ++i)
        if (std::count(options.features.begin(), options.features.end(), options.features[i]) > 1)
            return usage(name("features") + " names " + std::string(toString(options.features[i])) +
                         " twice; give each once");
    const char* needsFrames = options.fit          ? "fit"
                              : options.align      ? "align"
                              : options.segmentHop ? "segment_hop"
                              : options.padValue   ? "pad_value"
                                                   : nullptr;
    if (!options.frames && needsFrames)
        return usage(name(needsFrames) + " needs " + name("frames") +
                     " (without it the export keeps whole clips)");
    const FrameFit fit = options.fit.value_or(FrameFit::Pad);
    if (options.segmentHop && fit != FrameFit::Segment)
        return usage(name("segment_hop") + " applies to " + name("fit") + " segment only");
    if (options.align && fit == FrameFit::Segment)
        return usage(name("align") + " applies to " + name("fit") +
                     " pad and crop; segments start at frame 0");
    if (options.padValue && fit != FrameFit::Pad)
        return usage(name("pad_value") + " applies to " + name("fit") +
                     " pad only; crop and segment never pad");
    if (options.padValue && !std::isfinite(*options.padValue))
        return usage(name("pad_value") + " must be a finite number");
    // One way of deciding splits at a time.
    std::vector<std::string> ways;
    if (!options.split.empty() || options.manifestSplit)
        ways.push_back(name("split"));
    if (!options.splitLists.empty())
        ways.push_back(name("split_lists"));
    if (options.testFold)
        ways.push_back(name("test_fold"));
    if (ways.size() > 1)
        return usage(ways[0] + " and " + ways[1] + " exclude each other; give one of them");
    if (options.validFold && !options.testFold)
        return usage(name("valid_fold") + " needs " + name("test_fold") +
                     " (the folds left over are train)");
    if (options.validFold && options.testFold && *options.validFold == *options.testFold)
        return usage(name("valid_fold") + " and " + name("test_fold") + " are both fold " +
                     std::to_string(*options.testFold) + "; give two different folds");
    return success();
}

} // namespace cepstra
