// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportOptions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace cepstra {
namespace {

template <typename Enum> struct Named {
    Enum value;
    std::string_view name;
};

constexpr std::array kFitNames{Named<FrameFit>{FrameFit::Pad, "pad"},
                               Named<FrameFit>{FrameFit::Crop, "crop"},
                               Named<FrameFit>{FrameFit::Segment, "segment"}};
constexpr std::array kAlignNames{Named<FrameAlign>{FrameAlign::Start, "start"},
                                 Named<FrameAlign>{FrameAlign::Center, "center"}};
constexpr std::array kDtypeNames{Named<ExportDtype>{ExportDtype::Float32, "float32"},
                                 Named<ExportDtype>{ExportDtype::Float16, "float16"}};
constexpr std::array kCompressionNames{Named<ExportCompression>{ExportCompression::None, "none"},
                                       Named<ExportCompression>{ExportCompression::Gzip, "gzip"}};

template <typename Enum, std::size_t N>
std::string_view nameIn(const std::array<Named<Enum>, N>& names, Enum value) {
    for (const auto& entry : names)
        if (entry.value == value)
            return entry.name;
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueIn(const std::array<Named<Enum>, N>& names, std::string_view name) {
    for (const auto& entry : names)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

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

Result<SplitShare> parseShare(std::string_view item) {
    const std::size_t equals = item.find('=');
    const std::string name(trimmed(item.substr(0, equals)));
    if (equals == std::string_view::npos)
        return usage("--split: '" + std::string(item) +
                     "' has no '='; write NAME=FRACTION, e.g. train=0.8,valid=0.1,test=0.1");
    if (std::find(std::begin(kSplitNames), std::end(kSplitNames), name) == std::end(kSplitNames))
        return usage("--split: unknown split '" + name + "'; the splits are train, valid, test");
    const std::string_view number = trimmed(item.substr(equals + 1));
    double fraction = -1.0;
    const auto parsed = std::from_chars(number.data(), number.data() + number.size(), fraction);
    if (parsed.ec != std::errc() || parsed.ptr != number.data() + number.size() ||
        !(fraction >= 0.0 && fraction <= 1.0))
        return usage("--split: " + name + "=" + std::string(number) +
                     " is not a fraction between 0 and 1");
    return SplitShare{.name = name, .fraction = fraction};
}

} // namespace

std::string_view toString(FrameFit fit) {
    return nameIn(kFitNames, fit);
}
std::string_view toString(FrameAlign align) {
    return nameIn(kAlignNames, align);
}
std::string_view toString(ExportDtype dtype) {
    return nameIn(kDtypeNames, dtype);
}
std::string_view toString(ExportCompression compression) {
    return nameIn(kCompressionNames, compression);
}
std::string_view toString(ExportFormat format) {
    return format == ExportFormat::Hdf5 ? "HDF5" : "NPZ";
}
std::optional<FrameFit> parseFrameFit(std::string_view name) {
    return valueIn(kFitNames, name);
}
std::optional<FrameAlign> parseFrameAlign(std::string_view name) {
    return valueIn(kAlignNames, name);
}
std::optional<ExportDtype> parseExportDtype(std::string_view name) {
    return valueIn(kDtypeNames, name);
}
std::optional<ExportCompression> parseExportCompression(std::string_view name) {
    return valueIn(kCompressionNames, name);
}

Result<std::vector<SplitShare>> parseSplitSpec(std::string_view text) {
    std::vector<SplitShare> shares;
    double total = 0.0;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        auto share = parseShare(text.substr(0, comma));
        if (!share)
            return share.error();
        for (const auto& earlier : shares)
            if (earlier.name == share->name)
                return usage("--split names " + share->name + " twice; give each split once");
        total += share->fraction;
        shares.push_back(std::move(share).value());
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    if (shares.empty())
        return usage("--split is empty; write e.g. train=0.8,valid=0.1,test=0.1");
    if (std::abs(total - 1.0) > 1e-6)
        return usage("--split fractions sum to " + std::to_string(total) +
                     ", not 1; make them add up, e.g. train=0.8,valid=0.1,test=0.1");
    return shares;
}

Result<std::vector<Feature>> parseFeatureList(std::string_view text) {
    std::vector<Feature> features;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view name = trimmed(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        std::optional<Feature> found;
        for (Feature feature : {Feature::MelSpectrogram, Feature::Mfcc, Feature::LogMel})
            if (toString(feature) == name)
                found = feature;
        if (!found)
            return usage("--features: unknown feature '" + std::string(name) +
                         "'; choose among melspectrogram, mfcc, logmel");
        if (std::find(features.begin(), features.end(), *found) != features.end())
            return usage("--features names " + std::string(name) + " twice; give each once");
        features.push_back(*found);
    }
    if (features.empty())
        return usage("--features is empty; name one or more of melspectrogram, mfcc, logmel");
    return features;
}

Result<std::uint64_t> parseSeed(std::string_view text) {
    const std::string_view digits = trimmed(text);
    std::uint64_t seed = 0;
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
    if (digits.empty() || digits.front() == '-' || digits.front() == '+' ||
        parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size())
        return usage("--seed " + std::string(text) + " is not a whole number from 0 to " +
                     std::to_string(std::numeric_limits<std::uint64_t>::max()) +
                     "; give one, such as --seed 7");
    return seed;
}

Result<std::optional<Scaler>> parseScalerName(std::string_view text) {
    if (text == "none")
        return std::optional<Scaler>();
    for (Scaler scaler : {Scaler::Standard, Scaler::MinMax})
        if (toString(scaler) == text)
            return std::optional<Scaler>(scaler);
    return usage("--scaler: unknown scaler '" + std::string(text) +
                 "'; choose none, standard or minmax");
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

Status validateExportOptions(const ExportOptions& options) {
    if (auto format = exportFormatFor(options.destination); !format)
        return format.error();
    if (options.frames && *options.frames < 1)
        return usage("--frames is " + std::to_string(*options.frames) +
                     "; give the example length in frames, at least 1");
    const char* needsFrames = options.fit          ? "--fit"
                              : options.align      ? "--align"
                              : options.segmentHop ? "--segment-hop"
                              : options.padValue   ? "--pad-value"
                                                   : nullptr;
    if (!options.frames && needsFrames)
        return usage(std::string(needsFrames) +
                     " needs --frames N (without it the export keeps whole clips)");
    const FrameFit fit = options.fit.value_or(FrameFit::Pad);
    if (options.segmentHop && fit != FrameFit::Segment)
        return usage("--segment-hop applies to --fit segment only");
    if (options.segmentHop && *options.segmentHop < 1)
        return usage("--segment-hop is " + std::to_string(*options.segmentHop) +
                     "; give a hop of at least 1 frame");
    if (options.align && fit == FrameFit::Segment)
        return usage("--align applies to --fit pad and crop; segments start at frame 0");
    if (options.padValue && fit != FrameFit::Pad)
        return usage("--pad-value applies to --fit pad only; crop and segment never pad");
    if (options.padValue && !std::isfinite(*options.padValue))
        return usage("--pad-value must be a finite number");
    if (!options.split.empty() && !options.splitLists.empty())
        return usage("--split and --split-lists exclude each other; give one of them");
    return success();
}

} // namespace cepstra
