// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/Fingerprints.h"
#include "core/health/HealthJudge.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

namespace cepstra {
namespace {

using Kind = HealthCheckKind;

std::string seconds(double value) {
    char text[32];
    // Rounded first, so that a tiny negative offset does not print as "-0.0 s".
    std::snprintf(text, sizeof(text), "%.1f s", std::round(value * 10.0) / 10.0 + 0.0);
    return text;
}

/// A group across labels is a label conflict too: the same audio taught as two classes.
void addConflict(const HealthGroup& group, std::vector<HealthFile>& files,
                 const std::map<std::string, std::size_t>& byPath,
                 std::vector<HealthGroup>& groups) {
    std::set<std::string> labels(group.labels.begin(), group.labels.end());
    labels.erase(""); // a clip the manifest gives no label teaches no class
    if (labels.size() < 2)
        return;
    HealthGroup conflict = group;
    conflict.check = Kind::LabelConflict;
    const int index = int(groups.size());
    groups.push_back(conflict);
    std::string names;
    for (const std::string& label : labels)
        names += (names.empty() ? "" : ", ") + label;
    for (const std::string& path : group.paths)
        files[byPath.at(path)].findings.push_back(
            {Kind::LabelConflict, HealthSeverity::Fail, double(labels.size()), 1.0,
             "the same audio is filed under " + std::to_string(labels.size()) + " labels (" +
                 names + ")",
             index});
}

/// A group across the manifest's folds or splits leaks: a model is tested on audio it trained
/// on. What the folds promise, this finding checks.
void addFoldLeak(const HealthGroup& group, std::vector<HealthFile>& files,
                 const std::map<std::string, std::size_t>& byPath,
                 std::vector<HealthGroup>& groups) {
    std::set<int> folds;
    std::set<std::string> splits;
    for (const std::string& path : group.paths) {
        const HealthFile& file = files[byPath.at(path)];
        if (file.fold > 0)
            folds.insert(file.fold);
        if (!file.split.empty())
            splits.insert(file.split);
    }
    if (folds.size() < 2 && splits.size() < 2)
        return;
    HealthGroup leak = group;
    leak.check = Kind::FoldLeak;
    const int index = int(groups.size());
    groups.push_back(leak);
    std::string names; // "folds 1, 3", "splits test, training"
    const auto list = [&](std::string_view kind, const auto& values, auto text) {
        if (values.size() < 2)
            return;
        names += std::string(names.empty() ? "" : " and ") + std::string(kind) + " ";
        bool first = true;
        for (const auto& value : values)
            names += (std::exchange(first, false) ? "" : ", ") + text(value);
    };
    list("folds", folds, [](int fold) { return std::to_string(fold); });
    list("splits", splits, [](const std::string& split) { return split; });
    for (const std::string& path : group.paths)
        files[byPath.at(path)].findings.push_back(
            {Kind::FoldLeak, HealthSeverity::Warn, double(std::max(folds.size(), splits.size())),
             1.0, "the same audio is in " + names + ": a model is tested on what it trained on",
             index});
}

std::string bits(double share) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.0f%%", share * 100.0);
    return text;
}

} // namespace

void addDuplicateFindings(std::vector<HealthFile>& files, const std::vector<ClipResult>& clips,
                          const HealthThresholds& t, std::vector<HealthGroup>& groups) {
    std::map<std::string, std::size_t> byPath;
    for (std::size_t i = 0; i < clips.size(); ++i)
        byPath[files[i].path] = i;

    // Identical decoded samples, whatever the container, encoding, name or folder.
    std::map<std::string, std::vector<std::size_t>> byHash;
    for (std::size_t i = 0; i < clips.size(); ++i)
        if (const auto& m = clips[i].entry.measurement; m && m->peak > 0.0)
            byHash[m->decodedHash].push_back(i);
    std::vector<std::size_t> exactGroupOf(clips.size(), std::size_t(-1));
    for (const auto& [hash, members] : byHash) {
        if (members.size() < 2)
            continue;
        HealthGroup group{.check = Kind::ExactDuplicate};
        for (std::size_t index : members) {
            group.paths.push_back(files[index].path);
            group.labels.push_back(files[index].label);
            group.offsetSeconds.push_back(0.0);
            exactGroupOf[index] = members.front();
        }
        group.overlapSeconds = files[members.front()].durationSeconds;
        for (std::size_t index : members) {
            std::string others;
            for (std::size_t other : members)
                if (other != index)
                    others += (others.empty() ? "" : ", ") + files[other].path;
            files[index].findings.push_back(
                {Kind::ExactDuplicate, HealthSeverity::Warn, double(members.size()), 1.0,
                 "identical decoded audio to " + others, int(groups.size())});
        }
        groups.push_back(group);
        addConflict(group, files, byPath, groups);
        addFoldLeak(group, files, byPath, groups);
    }

    // Shared audio: re-encoded, re-levelled, shifted, or cut from one recording.
    std::vector<AudioPrint> prints(clips.size());
    SharedAudioSearch search{.loudnessStepSeconds = ClipMeasurement::kLoudnessStepSeconds,
                             .minOverlapSeconds = t.nearDuplicateMinOverlap,
                             .maxBitError = t.nearDuplicateMaxBitError,
                             .minLoudnessCorrelation = t.nearDuplicateMinLoudnessCorrelation};
    std::vector<double> spans; // per clip: its duration less the steps between its items
    for (std::size_t i = 0; i < clips.size(); ++i)
        if (const auto& m = clips[i].entry.measurement; m && m->peak > 0.0) {
            prints[i] = {m->fingerprint, m->loudnessDb};
            if (m->fingerprintItemSeconds > 0.0)
                search.itemSeconds = m->fingerprintItemSeconds;
            if (m->fingerprint.size() > 1)
                spans.push_back(m->durationSeconds() -
                                double(m->fingerprint.size() - 1) * m->fingerprintItemSeconds);
        }
    if (!spans.empty()) { // the median: one clip's odd tail must not set it
        std::nth_element(spans.begin(), spans.begin() + std::ptrdiff_t(spans.size() / 2),
                         spans.end());
        search.itemSpanSeconds = std::max(search.itemSeconds, spans[spans.size() / 2]);
    }
    for (const SharedAudio& shared : findSharedAudio(prints, search)) {
        const std::size_t a = shared.first, b = shared.second;
        if (exactGroupOf[a] != std::size_t(-1) && exactGroupOf[a] == exactGroupOf[b])
            continue; // already an exact duplicate
        HealthGroup group{.check = Kind::NearDuplicate,
                          .paths = {files[a].path, files[b].path},
                          .labels = {files[a].label, files[b].label},
                          .offsetSeconds = {0.0, shared.offsetSeconds},
                          .overlapSeconds = shared.overlapSeconds};
        const double needed =
            std::min(t.nearDuplicateMinOverlap,
                     0.8 * std::min(files[a].durationSeconds, files[b].durationSeconds));
        for (const auto& [self, other, offset] :
             {std::tuple(a, b, shared.offsetSeconds), std::tuple(b, a, -shared.offsetSeconds)})
            files[self].findings.push_back(
                {Kind::NearDuplicate, HealthSeverity::Warn, shared.overlapSeconds, needed,
                 "shares " + seconds(shared.overlapSeconds) + " of audio with " +
                     files[other].path + " (offset " + seconds(offset) + ", " +
                     bits(shared.bitError) + " of fingerprint bits differ)",
                 int(groups.size())});
        groups.push_back(group);
        addConflict(group, files, byPath, groups);
        addFoldLeak(group, files, byPath, groups);
    }
}

} // namespace cepstra
