// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthCheck.h"

#include "core/dataset/Catalog.h"
#include "core/dataset/DatasetScanner.h"
#include "core/health/HealthCache.h"
#include "core/health/HealthJudge.h"
#include "core/io/InputFile.h"
#include "core/util/WorkerPool.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <thread>

namespace cepstra {

std::string_view toString(HealthSeverity severity) {
    switch (severity) {
    case HealthSeverity::Info:
        return "info";
    case HealthSeverity::Warn:
        return "warn";
    case HealthSeverity::Fail:
        return "fail";
    }
    return "fail";
}

std::string_view toString(HealthCheckKind check) {
    switch (check) {
    case HealthCheckKind::Unreadable:
        return "unreadable";
    case HealthCheckKind::Silent:
        return "silent";
    case HealthCheckKind::Clipping:
        return "clipping";
    case HealthCheckKind::DcOffset:
        return "dc_offset";
    case HealthCheckKind::LowBandwidth:
        return "low_bandwidth";
    case HealthCheckKind::DualMono:
        return "dual_mono";
    case HealthCheckKind::DurationOutlier:
        return "duration_outlier";
    case HealthCheckKind::FormatMismatch:
        return "format_mismatch";
    case HealthCheckKind::ExactDuplicate:
        return "exact_duplicate";
    case HealthCheckKind::NearDuplicate:
        return "near_duplicate";
    case HealthCheckKind::LabelConflict:
        return "label_conflict";
    case HealthCheckKind::FoldLeak:
        return "fold_leak";
    case HealthCheckKind::LabelImbalance:
        return "label_imbalance";
    }
    return "?";
}

const std::vector<HealthCheckKind>& allHealthChecks() {
    using enum HealthCheckKind;
    static const std::vector<HealthCheckKind> checks{
        Unreadable,    Silent,          Clipping,       DcOffset,       LowBandwidth,
        DualMono,      DurationOutlier, FormatMismatch, ExactDuplicate, NearDuplicate,
        LabelConflict, FoldLeak,        LabelImbalance};
    return checks;
}

int HealthReport::clipCount() const {
    int clips = 0;
    for (const auto& [name, label] : labels)
        clips += label.clips;
    return clips;
}

HealthSeverity HealthReport::worst() const {
    HealthSeverity worst = HealthSeverity::Info;
    for (const HealthFile& file : files)
        for (const HealthFinding& finding : file.findings)
            worst = std::max(worst, finding.severity);
    for (const HealthFinding& finding : datasetFindings)
        worst = std::max(worst, finding.severity);
    return worst;
}

std::vector<std::vector<std::string>> HealthReport::duplicateFamilies() const {
    // Union-find over the paths of every duplicate group.
    std::map<std::string, std::string> parent;
    const std::function<std::string(const std::string&)> root = [&](const std::string& path) {
        auto [where, added] = parent.try_emplace(path, path);
        if (where->second == path)
            return path;
        return where->second = root(where->second);
    };
    for (const HealthGroup& group : groups)
        if (joinsFamilies(group.check))
            for (const std::string& path : group.paths)
                parent[root(path)] = root(group.paths.front());
    std::map<std::string, std::vector<std::string>> byRoot;
    for (const auto& [path, ignored] : parent)
        byRoot[root(path)].push_back(path); // in path order: the map is sorted
    std::vector<std::vector<std::string>> families;
    for (auto& [representative, members] : byRoot)
        families.push_back(std::move(members));
    std::sort(families.begin(), families.end());
    return families;
}

std::vector<std::string> HealthReport::flaggedClips() const {
    std::set<std::string> flagged;
    for (const HealthFile& file : files) {
        if (file.path.ends_with('/'))
            continue;
        for (const HealthFinding& finding : file.findings)
            if (finding.severity != HealthSeverity::Info &&
                finding.check != HealthCheckKind::ExactDuplicate &&
                finding.check != HealthCheckKind::NearDuplicate &&
                finding.check != HealthCheckKind::FoldLeak)
                flagged.insert(file.path);
    }
    for (const std::vector<std::string>& members : duplicateFamilies()) {
        // Keep the first copy with nothing else against it; flag the other copies.
        const auto keeper =
            std::find_if(members.begin(), members.end(),
                         [&](const std::string& path) { return !flagged.count(path); });
        for (auto member = members.begin(); member != members.end(); ++member)
            if (member != keeper)
                flagged.insert(*member);
    }
    return {flagged.begin(), flagged.end()};
}

std::map<std::string, std::map<std::string, int>> HealthReport::counts() const {
    std::map<std::string, std::map<std::string, int>> counts;
    auto count = [&](const HealthFinding& finding) {
        ++counts[std::string(toString(finding.check))][std::string(toString(finding.severity))];
    };
    for (const HealthFile& file : files)
        std::for_each(file.findings.begin(), file.findings.end(), count);
    std::for_each(datasetFindings.begin(), datasetFindings.end(), count);
    return counts;
}

namespace {

struct Work {
    const DatasetFile* file;
    CachedMeasurement result;
};

CachedMeasurement measure(const DatasetFile& file, const CancelToken& cancel) {
    CachedMeasurement entry{.sizeBytes = file.sizeBytes, .mtimeNs = file.mtimeNs};
    auto opened = InputFile::open(file.absolutePath);
    if (!opened) {
        entry.error = opened.error().message;
        return entry;
    }
    try {
        auto measured = measureClip(*opened, &cancel);
        if (measured)
            entry.measurement = std::move(measured).value();
        else
            entry.error =
                measured.error().kind == ErrorKind::Cancelled ? "" : measured.error().message;
    } catch (const std::exception& exception) {
        entry.error =
            std::string("unexpected error: ") + exception.what() + " (please report this)";
    }
    return entry;
}

} // namespace

Result<HealthReport> checkDatasetHealth(const HealthRequest& request, JobObserver& observer,
                                        const CancelToken& cancel) {
    const auto started = std::chrono::steady_clock::now();
    auto listing = scanDataset(request.input, request.manifest);
    if (!listing)
        return listing.error();
    if (listing->manifest)
        observer.note(listing->manifest->description());
    else if (const std::string hint = Manifest::rootHint(request.input); !hint.empty())
        observer.warning(hint);
    if (auto status = requireAudioFiles(*listing, request.input);
        !status && listing->unusableFiles.empty())
        return status.error(); // an unusable file alone is a finding, not an empty dataset
    std::string notice;
    auto cache = HealthCache::open(request.cache, &notice, request.input);
    if (!cache)
        return cache.error();
    if (!notice.empty())
        observer.warning(notice);
    auto cached = (*cache)->load();
    if (!cached)
        return cached.error();

    std::vector<ClipResult> results(listing->files.size());
    std::vector<std::size_t> toMeasure;
    std::map<std::string, bool> present;
    for (std::size_t i = 0; i < listing->files.size(); ++i) {
        const DatasetFile& file = listing->files[i];
        present[file.relativePath] = true;
        results[i].file = &file;
        const auto hit = cached->find(file.relativePath);
        if (!request.remeasure && hit != cached->end() && hit->second.sizeBytes == file.sizeBytes &&
            hit->second.mtimeNs == file.mtimeNs && file.readable)
            results[i].entry = hit->second;
        else
            toMeasure.push_back(i);
    }
    observer.started(static_cast<long long>(toMeasure.size()), "clips");

    const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
    const int jobs = std::clamp(request.jobs > 0 ? request.jobs : hardware, 1,
                                std::max(1, int(toMeasure.size())));
    int done = 0;
    if (auto status = (*cache)->begin(); !status)
        return status.error();
    Status stored = success();
    runOnWorkerThreads<CachedMeasurement>(
        jobs, toMeasure.size(),
        [&](std::size_t i) { return measure(*results[toMeasure[i]].file, cancel); },
        [&](std::size_t i, CachedMeasurement& entry) {
            ClipResult& result = results[toMeasure[i]];
            result.entry = std::move(entry);
            if (stored && !cancel.stopRequested())
                stored = (*cache)->store(result.file->relativePath, result.entry);
            observer.progressed(++done, static_cast<long long>(toMeasure.size()));
        },
        cancel);
    if (cancel.stopRequested()) {
        // What was read is kept, so the next check reads only the rest.
        if (stored)
            (*cache)->commit();
        return Error{ErrorKind::Cancelled, "cancelled"};
    }
    if (!stored)
        return stored.error();
    if (auto status = (*cache)->keepOnly(present); !status)
        return status.error();
    if (auto status = (*cache)->commit(); !status)
        return status.error();

    HealthReport report = judgeDataset(*listing, results, request.thresholds);
    report.input = request.input;
    // Kept for `export --group duplicates`: the families of this check, the last one.
    if (auto status = (*cache)->storeFamilies(report.duplicateFamilies()); !status)
        return status.error();
    report.measured = int(toMeasure.size());
    report.cached = int(listing->files.size() - toMeasure.size());
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace cepstra
