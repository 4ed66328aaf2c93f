// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthJudge.h"

#include "core/health/Fingerprints.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <set>
#include <tuple>

namespace cepstra {
namespace {

using Kind = HealthCheckKind;

std::string percent(double share) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.2g%%", share * 100.0);
    return text;
}

std::string number(double value, const char* format = "%.3g") {
    char text[32];
    std::snprintf(text, sizeof(text), format, value);
    return text;
}

/// Frames loud enough to count: above the floor and within 60 dB of the loudest frame (the
/// old pipeline's trim threshold).
double activeShare(const ClipMeasurement& m, double floorDbfs) {
    int loudest = -1, total = 0;
    for (int bin = 0; bin < ClipMeasurement::kLevelBins; ++bin) {
        total += m.frameLevels[std::size_t(bin)];
        if (m.frameLevels[std::size_t(bin)] > 0)
            loudest = bin;
    }
    if (total == 0 || loudest < 0)
        return 0.0;
    const double threshold = std::max(floorDbfs, double(loudest - 200) - 60.0);
    int active = 0;
    for (int bin = 0; bin < ClipMeasurement::kLevelBins; ++bin)
        if (double(bin - 200) >= threshold)
            active += m.frameLevels[std::size_t(bin)];
    return double(active) / total;
}

/// The highest frequency whose band is within `floorDb` of the loudest band, Hz.
double bandwidthHz(const ClipMeasurement& m, double floorDb) {
    if (m.spectrumDb.empty())
        return 0.0;
    const float loudest = *std::max_element(m.spectrumDb.begin(), m.spectrumDb.end());
    int highest = 0;
    for (int band = 0; band < int(m.spectrumDb.size()); ++band)
        if (m.spectrumDb[std::size_t(band)] >= loudest + floorDb)
            highest = band;
    return (highest + 1.0) / double(m.spectrumDb.size()) * m.native.sampleRateHz / 2.0;
}

void judgeClip(const ClipMeasurement& m, const HealthThresholds& t, HealthFile& file) {
    auto add = [&](Kind check, HealthSeverity severity, double value, double threshold,
                   std::string detail) {
        file.findings.push_back({check, severity, value, threshold, std::move(detail)});
    };
    if (m.peak == 0.0)
        add(Kind::Silent, HealthSeverity::Fail, 0.0, t.silentMinActiveShare,
            "digital silence: every sample is 0");
    else if (const double active = activeShare(m, t.silentFloorDbfs); active == 0.0)
        add(Kind::Silent, HealthSeverity::Fail, 0.0, t.silentMinActiveShare,
            "no frame is above " + number(t.silentFloorDbfs) + " dBFS (peak " +
                number(20.0 * std::log10(m.peak)) + " dBFS): dither or noise, not audio");
    else if (active < t.silentMinActiveShare)
        add(Kind::Silent, HealthSeverity::Warn, active, t.silentMinActiveShare,
            "only " + percent(active) + " of its frames are above " + number(t.silentFloorDbfs) +
                " dBFS and within 60 dB of its loudest");
    const double samples = double(std::max<std::int64_t>(1, m.native.frames)) * m.native.channels;
    const double clipped = double(m.fullScaleSamples) / samples;
    if (clipped > t.clippingMaxShare || m.longestFullScaleRun > t.clippingMaxRun)
        add(Kind::Clipping, HealthSeverity::Warn, clipped, t.clippingMaxShare,
            percent(clipped) + " of its samples are at full scale, up to " +
                std::to_string(m.longestFullScaleRun) + " in a row");
    if (m.worstDcOffset > t.dcOffsetMax)
        add(Kind::DcOffset, HealthSeverity::Warn, m.worstDcOffset, t.dcOffsetMax,
            "a channel's mean is " + number(m.worstDcOffset) + " of full scale");
    const double nyquist = m.native.sampleRateHz / 2.0;
    if (const double bandwidth = bandwidthHz(m, t.lowBandwidthFloorDb);
        !m.spectrumDb.empty() && m.peak > 0.0 && bandwidth / nyquist < t.lowBandwidthMinRatio)
        add(Kind::LowBandwidth, HealthSeverity::Warn, bandwidth / nyquist, t.lowBandwidthMinRatio,
            "no energy above about " + number(bandwidth, "%.0f") + " Hz (Nyquist " +
                number(nyquist, "%.0f") + " Hz): it looks upsampled from about " +
                number(2.0 * bandwidth, "%.0f") + " Hz");
    if (m.native.channels == 2 && m.identicalChannels && m.peak > 0.0)
        add(Kind::DualMono, HealthSeverity::Info, 1.0, 0.0,
            "stereo whose two channels are identical (mono stored twice)");
}

std::string channelsText(int channels) {
    return channels == 1   ? "mono"
           : channels == 2 ? "stereo"
                           : std::to_string(channels) + " channels";
}

double median(std::vector<double> values) {
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

/// duration_outlier and format_mismatch: a clip against its label or the whole dataset.
void judgeAgainstDataset(std::vector<HealthFile>& files, const std::vector<bool>& readable,
                         const HealthThresholds& t) {
    std::map<std::string, std::vector<double>> durations;
    std::map<std::string, int> rates, channelCounts, formats;
    int counted = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!readable[i])
            continue;
        durations[files[i].label].push_back(files[i].durationSeconds);
        ++rates[std::to_string(files[i].sampleRateHz)];
        ++channelCounts[channelsText(files[i].channels)];
        ++formats[files[i].format];
        ++counted;
    }
    std::map<std::string, double> medians;
    for (const auto& [label, values] : durations)
        medians[label] = median(values);
    auto majority = [](const std::map<std::string, int>& counts) {
        return *std::max_element(counts.begin(), counts.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!readable[i])
            continue;
        HealthFile& file = files[i];
        const double typical = medians[file.label];
        if (typical > 0.0) {
            const double deviation = std::abs(file.durationSeconds / typical - 1.0);
            if (deviation > t.durationMaxDeviation)
                file.findings.push_back({Kind::DurationOutlier, HealthSeverity::Warn, deviation,
                                         t.durationMaxDeviation,
                                         number(file.durationSeconds) +
                                             " s where its label's "
                                             "median is " +
                                             number(typical) + " s"});
        }
        const std::vector<std::tuple<const std::map<std::string, int>*, std::string, const char*>>
            traits{{&rates, std::to_string(file.sampleRateHz), " Hz"},
                   {&channelCounts, channelsText(file.channels), ""},
                   {&formats, file.format, ""}};
        for (const auto& [counts, value, unit] : traits) {
            const auto [common, commonCount] = majority(*counts);
            const double share = double(counts->at(value)) / counted;
            if (value != common && share < t.formatMinShare && double(commonCount) / counted >= 0.5)
                file.findings.push_back(
                    {Kind::FormatMismatch, HealthSeverity::Info, share, t.formatMinShare,
                     value + unit + " where " + percent(double(commonCount) / counted) +
                         " of the clips are " + common + unit});
        }
    }
}

} // namespace

HealthReport judgeDataset(const DatasetListing& listing, const std::vector<ClipResult>& clips,
                          const HealthThresholds& thresholds) {
    HealthReport report;
    report.thresholds = thresholds;
    std::vector<bool> readable(clips.size(), false);
    for (std::size_t i = 0; i < clips.size(); ++i) {
        const ClipResult& clip = clips[i];
        HealthFile file{.path = clip.file->relativePath,
                        .label = clip.file->label,
                        .fold = clip.file->fold,
                        .split = clip.file->split};
        if (const auto& m = clip.entry.measurement) {
            readable[i] = true;
            file.durationSeconds = m->durationSeconds();
            file.sampleRateHz = m->native.sampleRateHz;
            file.channels = m->native.channels;
            file.format = m->native.format;
            judgeClip(*m, thresholds, file);
        } else {
            file.findings.push_back(
                {Kind::Unreadable, HealthSeverity::Fail, 1.0, 0.0,
                 clip.entry.error.empty() ? "cannot be read" : clip.entry.error});
        }
        report.files.push_back(std::move(file));
    }
    for (const auto& problems : {listing.unusableFiles, listing.unlistedFolders})
        for (const ScanProblem& problem : problems) {
            const auto slash = problem.relativePath.find('/');
            report.files.push_back(
                {.path = problem.relativePath,
                 .label = slash == std::string::npos ? "" : problem.relativePath.substr(0, slash),
                 .findings = {{Kind::Unreadable, HealthSeverity::Fail, 1.0, 0.0, problem.reason}}});
            readable.push_back(false);
        }
    judgeAgainstDataset(report.files, readable, thresholds);
    addDuplicateFindings(report.files, clips, thresholds, report.groups);

    std::map<std::string, int> readableClips;
    for (std::size_t i = 0; i < report.files.size(); ++i) {
        const HealthFile& file = report.files[i];
        LabelHealth& label = report.labels[file.label];
        const bool folder = file.path.ends_with('/'); // one that could not be listed
        label.clips += folder ? 0 : 1;
        std::set<std::string> checks;
        bool failed = false;
        for (const HealthFinding& finding : file.findings) {
            checks.insert(std::string(toString(finding.check)));
            failed = failed || finding.severity == HealthSeverity::Fail;
        }
        label.failures += failed ? 1 : 0;
        for (const std::string& check : checks)
            ++label.findings[check];
        if (!readable[i])
            continue;
        const double d = file.durationSeconds;
        label.minSeconds = readableClips[file.label]++ == 0 ? d : std::min(label.minSeconds, d);
        label.maxSeconds = std::max(label.maxSeconds, d);
        label.totalSeconds += d;
    }
    int fewest = std::numeric_limits<int>::max(), most = 0;
    std::string fewestLabel, mostLabel;
    for (auto& [name, label] : report.labels) {
        const int counted = readableClips[name];
        label.meanSeconds = counted ? label.totalSeconds / counted : 0.0;
        if (label.clips == 0 || name.empty()) // nothing listed, or no label in the manifest
            continue;
        if (label.clips < fewest)
            std::tie(fewest, fewestLabel) = std::pair(label.clips, name);
        if (label.clips > most)
            std::tie(most, mostLabel) = std::pair(label.clips, name);
    }
    if (fewest<most&& double(most) / fewest> thresholds.labelImbalanceMaxRatio)
        report.datasetFindings.push_back({Kind::LabelImbalance, HealthSeverity::Warn,
                                          double(most) / fewest, thresholds.labelImbalanceMaxRatio,
                                          mostLabel + " has " + std::to_string(most) + " clips, " +
                                              fewestLabel + " " + std::to_string(fewest)});
    std::sort(report.files.begin(), report.files.end(),
              [](const HealthFile& a, const HealthFile& b) { return a.path < b.path; });
    return report;
}

} // namespace cepstra
