// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportPartition.h"

#include "core/export/ExportSplits.h"
#include "core/io/TextFile.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>

namespace cepstra {
namespace {

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

/// The exact and near duplicate groups of a `check --format json` report.
Result<Families> familiesOfReport(const std::filesystem::path& report) {
    const std::string name = "--group duplicates=" + report.string();
    auto text = readTextFile(report, kMaxListFileBytes, name);
    if (!text)
        return text.error();
    const nlohmann::json document = nlohmann::json::parse(*text, nullptr, false);
    const auto notAReport = [&](const std::string& why) {
        return usage(name + " is not a `cepstra-cli check --format json` report (" + why +
                     "); write one with check INPUT --format json --report FILE");
    };
    if (!document.is_object() || !document.contains("groups") || !document["groups"].is_array())
        return notAReport(document.is_discarded() ? "it is not JSON" : "it has no groups list");
    Families families;
    for (const auto& group : document["groups"]) {
        if (!group.is_object() || !group.contains("check") || !group["check"].is_string() ||
            !group.contains("paths") || !group["paths"].is_array())
            return notAReport("a group without its check and paths");
        const std::string check = group["check"];
        if (check != "exact_duplicate" && check != "near_duplicate")
            continue; // label conflicts and fold leaks repeat a duplicate group
        std::vector<std::string> paths;
        for (const auto& path : group["paths"]) {
            if (!path.is_string())
                return notAReport("a path that is not text");
            paths.push_back(path);
        }
        families.push_back(std::move(paths));
    }
    return families;
}

/// Keeps the clips `reasonToLeaveOut` has nothing against, with their facts.
void keepClips(ExportPlan& plan, std::vector<ClipFacts>& facts,
               const std::function<std::optional<ExclusionReason>(std::size_t)>& reasonToLeaveOut) {
    std::vector<ExportClip> kept;
    std::vector<ClipFacts> keptFacts;
    for (std::size_t i = 0; i < plan.clips.size(); ++i) {
        if (const auto reason = reasonToLeaveOut(i)) {
            plan.excluded.push_back({.path = plan.clips[i].path, .reason = *reason});
            continue;
        }
        kept.push_back(std::move(plan.clips[i]));
        keptFacts.push_back(std::move(facts[i]));
    }
    plan.clips = std::move(kept);
    facts = std::move(keptFacts);
}

void assignLabels(ExportPlan& plan, const std::vector<ClipFacts>& facts) {
    for (const ClipFacts& clip : facts)
        plan.labelNames.push_back(clip.label);
    std::sort(plan.labelNames.begin(), plan.labelNames.end());
    plan.labelNames.erase(std::unique(plan.labelNames.begin(), plan.labelNames.end()),
                          plan.labelNames.end());
    for (std::size_t i = 0; i < plan.clips.size(); ++i)
        plan.clips[i].labelIndex =
            int(std::lower_bound(plan.labelNames.begin(), plan.labelNames.end(), facts[i].label) -
                plan.labelNames.begin());
}

std::string foldList(const std::set<int>& folds) {
    std::string text;
    for (int fold : folds)
        text += (text.empty() ? "" : ", ") + std::to_string(fold);
    return text;
}

/// The split lists' clips, each in its list's split.
Result<std::vector<int>> splitByLists(ExportPlan& plan, std::vector<ClipFacts>& facts,
                                      const std::set<std::string>& knownKeys) {
    auto lists = readSplitLists(plan.options.splitLists);
    if (!lists)
        return lists.error();
    for (const auto& [key, line] : lists->lines)
        if (!knownKeys.contains(key))
            plan.unknownListNames.push_back(line);
    keepClips(plan, facts, [&](std::size_t i) -> std::optional<ExclusionReason> {
        if (lists->splitOf.contains(listKey(plan.clips[i].path)))
            return std::nullopt;
        return ExclusionReason::NotInSplitList;
    });
    for (const auto& name : lists->splits)
        plan.splits.push_back({.name = name});
    std::vector<int> splitOfClip;
    for (const ExportClip& clip : plan.clips)
        splitOfClip.push_back(lists->splitOf.at(listKey(clip.path)));
    return splitOfClip;
}

/// Fold K is test, fold J valid, the other folds train.
Result<std::vector<int>> splitByFolds(ExportPlan& plan, std::vector<ClipFacts>& facts) {
    std::set<int> folds;
    for (const ClipFacts& clip : facts)
        if (clip.fold > 0)
            folds.insert(clip.fold);
    const int test = *plan.options.testFold;
    const std::optional<int> valid = plan.options.validFold;
    if (folds.empty())
        return usage("--test-fold " + std::to_string(test) + ": the run's clips have no folds (" +
                     plan.labelsFrom +
                     "); run a dataset whose manifest has folds, or split with --split fractions");
    for (const int fold : valid ? std::vector{test, *valid} : std::vector{test})
        if (!folds.contains(fold))
            return usage(std::string(fold == test ? "--test-fold " : "--valid-fold ") +
                         std::to_string(fold) + ": the manifest has no such fold (its folds: " +
                         foldList(folds) + "); choose one of them");
    keepClips(plan, facts, [&](std::size_t i) -> std::optional<ExclusionReason> {
        return facts[i].fold > 0 ? std::nullopt : std::optional(ExclusionReason::NoFold);
    });
    plan.splits.push_back({.name = "train"});
    if (valid)
        plan.splits.push_back({.name = "valid"});
    plan.splits.push_back({.name = "test"});
    std::vector<int> splitOfClip;
    for (const ClipFacts& clip : facts)
        splitOfClip.push_back(clip.fold == test              ? int(plan.splits.size()) - 1
                              : valid && clip.fold == *valid ? 1
                                                             : 0);
    return splitOfClip;
}

/// The manifest's own split: train, valid and test as it names them.
Result<std::vector<int>> splitByManifest(ExportPlan& plan, std::vector<ClipFacts>& facts) {
    std::set<std::string> named;
    for (const ClipFacts& clip : facts)
        if (!clip.split.empty())
            named.insert(clip.split);
    if (named.empty())
        return usage("--split manifest: the run's clips have no split in their manifest (" +
                     plan.labelsFrom + "); use --test-fold K or --split fractions");
    keepClips(plan, facts, [&](std::size_t i) -> std::optional<ExclusionReason> {
        return facts[i].split.empty() ? std::optional(ExclusionReason::NoManifestSplit)
                                      : std::nullopt;
    });
    std::map<std::string, int> indexOf;
    for (const std::string_view name : kSplitNames)
        if (named.contains(std::string(name))) {
            indexOf[std::string(name)] = int(plan.splits.size());
            plan.splits.push_back({.name = std::string(name)});
        }
    std::vector<int> splitOfClip;
    for (const ClipFacts& clip : facts)
        splitOfClip.push_back(indexOf.at(clip.split));
    return splitOfClip;
}

/// Each clip's unit: clips joined by a manifest group or a family of duplicates, transitively.
std::vector<int> unitsOf(const ExportPlan& plan, const std::vector<ClipFacts>& facts,
                         const Families& families, int& familiesUsed) {
    std::vector<int> parent(plan.clips.size());
    std::iota(parent.begin(), parent.end(), 0);
    const std::function<int(int)> root = [&](int i) -> int {
        int& up = parent[std::size_t(i)];
        return up == i ? i : up = root(up);
    };
    const auto join = [&](int a, int b) { parent[std::size_t(root(a))] = root(b); };
    std::map<std::string, int> byGroup, byPath;
    for (std::size_t i = 0; i < plan.clips.size(); ++i) {
        byPath[plan.clips[i].path] = int(i);
        if (facts[i].group.empty())
            continue;
        const auto [first, added] = byGroup.emplace(facts[i].group, int(i));
        if (!added)
            join(int(i), first->second);
    }
    familiesUsed = 0;
    for (const auto& family : families) {
        int first = -1, members = 0;
        for (const std::string& path : family)
            if (const auto found = byPath.find(path); found != byPath.end()) {
                if (first < 0)
                    first = found->second;
                join(found->second, first);
                ++members;
            }
        familiesUsed += members > 1 ? 1 : 0;
    }
    std::vector<int> units(plan.clips.size());
    for (std::size_t i = 0; i < units.size(); ++i)
        units[i] = root(int(i));
    return units;
}

/// Fractions per label, with groups and families kept whole.
std::vector<int> splitByFractions(ExportPlan& plan, const std::vector<ClipFacts>& facts,
                                  const Families& families) {
    std::set<int> folds;
    bool manifestSplit = false;
    for (const ClipFacts& clip : facts) {
        if (clip.fold > 0)
            folds.insert(clip.fold);
        manifestSplit = manifestSplit || !clip.split.empty();
    }
    if (!folds.empty())
        plan.warnings.push_back("the manifest defines folds " + foldList(folds) +
                                ", which a fractional split ignores; its authors' results use "
                                "them: export with --test-fold K to compare");
    if (manifestSplit)
        plan.warnings.push_back("the manifest defines its own split, which a fractional split "
                                "ignores; export with --split manifest to use it");
    std::vector<int> labelOfClip;
    for (const auto& clip : plan.clips)
        labelOfClip.push_back(clip.labelIndex);
    const std::vector<int> units = unitsOf(plan, facts, families, plan.duplicateFamilies);
    const bool grouped = std::set<int>(units.begin(), units.end()).size() < units.size();
    const auto dealt =
        grouped
            ? groupedStratifiedSplit(labelOfClip, units, int(plan.labelNames.size()),
                                     plan.options.split, plan.options.seed)
            : stratifiedSplit(labelOfClip, plan.labelNames, plan.options.split, plan.options.seed);
    std::vector<int> splitOfClip(plan.clips.size(), 0);
    for (std::size_t s = 0; s < dealt.size(); ++s) {
        plan.splits.push_back({.name = plan.options.split[s].name});
        for (int clip : dealt[s])
            splitOfClip[std::size_t(clip)] = int(s);
    }
    return splitOfClip;
}

} // namespace

Result<Families> duplicateFamiliesFor(const ExportOptions& options,
                                      const std::optional<Families>& kept) {
    Families families = options.duplicateFamilies;
    switch (options.group.source) {
    case DuplicateGrouping::Source::None:
        break;
    case DuplicateGrouping::Source::LastCheck:
        if (!kept)
            return usage("--group duplicates: no check was kept with these features; run "
                         "`cepstra-cli check INPUT --features FEATURES` first, or give "
                         "--group duplicates=REPORT.json");
        families.insert(families.end(), kept->begin(), kept->end());
        break;
    case DuplicateGrouping::Source::Report: {
        auto read = familiesOfReport(options.group.report);
        if (!read)
            return read.error();
        families.insert(families.end(), read->begin(), read->end());
        break;
    }
    }
    return families;
}

Result<std::vector<int>> partitionClips(ExportPlan& plan, std::vector<ClipFacts>& facts,
                                        const std::set<std::string>& knownKeys,
                                        const Families& families) {
    std::set<int> folds;
    for (const ClipFacts& clip : facts) {
        if (clip.fold > 0)
            folds.insert(clip.fold);
        plan.hasManifestSplit = plan.hasManifestSplit || !clip.split.empty();
    }
    plan.manifestFolds.assign(folds.begin(), folds.end());
    if (!families.empty()) {
        std::set<std::string> clips;
        for (const ExportClip& clip : plan.clips)
            clips.insert(clip.path);
        const bool namesAClip = std::any_of(families.begin(), families.end(), [&](const auto& f) {
            return std::any_of(f.begin(), f.end(),
                               [&](const auto& p) { return clips.contains(p); });
        });
        if (!namesAClip)
            plan.warnings.push_back("the " + std::to_string(families.size()) +
                                    " families of duplicates name no clip of this run: was the "
                                    "check of another dataset? Nothing is grouped by them");
    }
    keepClips(plan, facts, [&](std::size_t i) -> std::optional<ExclusionReason> {
        return facts[i].label.empty() ? std::optional(ExclusionReason::Unlabelled) : std::nullopt;
    });
    Result<std::vector<int>> splitOfClip = std::vector<int>(plan.clips.size(), 0);
    if (!plan.options.splitLists.empty())
        splitOfClip = splitByLists(plan, facts, knownKeys);
    else if (plan.options.testFold)
        splitOfClip = splitByFolds(plan, facts);
    else if (plan.options.manifestSplit)
        splitOfClip = splitByManifest(plan, facts);
    if (!splitOfClip)
        return splitOfClip;
    assignLabels(plan, facts);
    for (std::size_t i = 0; i < plan.clips.size(); ++i) {
        plan.clips[i].fold = facts[i].fold;
        plan.clips[i].group = facts[i].group;
    }
    if (!plan.splits.empty())
        return splitOfClip;
    if (!plan.options.split.empty())
        return splitByFractions(plan, facts, families);
    plan.splits.push_back({.name = std::string(kAllSplitName)});
    return splitOfClip;
}

} // namespace cepstra
