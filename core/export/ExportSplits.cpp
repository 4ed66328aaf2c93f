// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportSplits.h"

#include "core/io/TextFile.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <numeric>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, and fully specified, unlike std::shuffle.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed)
        : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, bound), without modulo bias (rejects the short last stretch).
    std::uint64_t below(std::uint64_t bound) {
        const std::uint64_t threshold = (0 - bound) % bound;
        for (;;)
            if (const std::uint64_t value = next(); value >= threshold)
                return value % bound;
    }

private:
    std::uint64_t m_state;
};

/// FNV-1a: the label's part of its shuffle seed, so adding a label leaves the others alone.
std::uint64_t labelHash(std::string_view label) {
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (const char c : label)
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return hash;
}

std::string trimmedLine(std::string line) {
    const auto isSpace = [](unsigned char c) { return std::isspace(c) != 0; };
    line.erase(line.begin(), std::find_if_not(line.begin(), line.end(), isSpace));
    line.erase(std::find_if_not(line.rbegin(), line.rend(), isSpace).base(), line.end());
    return line;
}

Error usage(std::string message) {
    return {ErrorKind::InvalidUsage, std::move(message)};
}

} // namespace

std::vector<int> largestRemainderCounts(int count, const std::vector<double>& fractions,
                                        const std::vector<double>& behind) {
    std::vector<int> counts(fractions.size());
    std::vector<double> remainders(fractions.size());
    int given = 0;
    for (std::size_t i = 0; i < fractions.size(); ++i) {
        const double quota = count * fractions[i];
        counts[i] = int(quota);
        remainders[i] = quota - counts[i];
        given += counts[i];
    }
    std::vector<std::size_t> order(fractions.size());
    std::iota(order.begin(), order.end(), 0);
    const auto behindOf = [&](std::size_t i) { return i < behind.size() ? behind[i] : 0.0; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (std::abs(remainders[a] - remainders[b]) > 1e-9)
            return remainders[a] > remainders[b];
        return behindOf(a) > behindOf(b) + 1e-9;
    });
    // Fractions that sum to 1 within 1e-6 leave fewer leftovers than shares.
    for (std::size_t i = 0; given < count && i < order.size(); ++i, ++given)
        ++counts[order[i]];
    if (given < count && !counts.empty())
        counts[order.front()] += count - given;
    return counts;
}

std::vector<std::vector<int>> stratifiedSplit(const std::vector<int>& labelOfClip,
                                              const std::vector<std::string>& labelNames,
                                              const std::vector<SplitShare>& shares,
                                              std::uint64_t seed) {
    std::vector<double> fractions;
    for (const auto& share : shares)
        fractions.push_back(share.fraction);
    std::vector<std::vector<int>> splits(shares.size());
    std::vector<double> behind(shares.size(), 0.0); // target so far minus clips given so far
    for (std::size_t label = 0; label < labelNames.size(); ++label) {
        std::vector<int> clips;
        for (std::size_t clip = 0; clip < labelOfClip.size(); ++clip)
            if (labelOfClip[clip] == int(label))
                clips.push_back(int(clip));
        SplitMix64 random(seed ^ labelHash(labelNames[label]));
        for (std::size_t i = clips.size(); i > 1; --i) // Fisher-Yates
            std::swap(clips[i - 1], clips[random.below(i)]);
        const std::vector<int> counts =
            largestRemainderCounts(int(clips.size()), fractions, behind);
        std::size_t next = 0;
        for (std::size_t share = 0; share < shares.size(); ++share) {
            behind[share] += double(clips.size()) * fractions[share] - counts[share];
            for (int n = 0; n < counts[share]; ++n)
                splits[share].push_back(clips[next++]);
        }
    }
    for (auto& split : splits)
        std::sort(split.begin(), split.end());
    return splits;
}

std::vector<std::vector<int>>
groupedStratifiedSplit(const std::vector<int>& labelOfClip, const std::vector<int>& unitOfClip,
                       int labelCount, const std::vector<SplitShare>& shares, std::uint64_t seed) {
    std::map<int, std::vector<int>> membersOf;
    for (std::size_t clip = 0; clip < unitOfClip.size(); ++clip)
        membersOf[unitOfClip[clip]].push_back(int(clip));
    std::vector<std::vector<int>> units;
    for (auto& [unit, members] : membersOf)
        units.push_back(std::move(members));
    SplitMix64 random(seed);
    for (std::size_t i = units.size(); i > 1; --i) // Fisher-Yates, then largest first
        std::swap(units[i - 1], units[random.below(i)]);
    std::stable_sort(units.begin(), units.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });

    const std::size_t shareCount = shares.size(), labels = std::size_t(labelCount);
    std::vector<double> clipsOfLabel(labels, 0.0);
    for (int label : labelOfClip)
        clipsOfLabel[std::size_t(label)] += 1.0;
    // gap[l][s]: label l's clips in share s less its target; total[s]: the same, all labels.
    std::vector<std::vector<double>> gap(labels, std::vector<double>(shareCount));
    std::vector<double> total(shareCount);
    for (std::size_t s = 0; s < shareCount; ++s) {
        for (std::size_t l = 0; l < labels; ++l)
            gap[l][s] = -clipsOfLabel[l] * shares[s].fraction;
        total[s] = -double(labelOfClip.size()) * shares[s].fraction;
    }
    std::vector<std::vector<int>> splits(shareCount);
    std::vector<double> added(labels);
    for (const std::vector<int>& unit : units) {
        std::fill(added.begin(), added.end(), 0.0);
        for (int clip : unit)
            added[std::size_t(labelOfClip[std::size_t(clip)])] += 1.0;
        const double size = double(unit.size());
        std::size_t best = 0;
        double bestCost = 0.0;
        for (std::size_t s = 0; s < shareCount; ++s) {
            // How much the squared gaps grow: (g + c)^2 - g^2 = c (2g + c).
            double cost = size * (2.0 * total[s] + size);
            for (std::size_t l = 0; l < labels; ++l)
                cost += added[l] * (2.0 * gap[l][s] + added[l]);
            if (s == 0 || cost < bestCost - 1e-9 ||
                (std::abs(cost - bestCost) <= 1e-9 && total[s] < total[best] - 1e-9)) {
                best = s;
                bestCost = cost;
            }
        }
        for (std::size_t l = 0; l < labels; ++l)
            gap[l][best] += added[l];
        total[best] += size;
        splits[best].insert(splits[best].end(), unit.begin(), unit.end());
    }
    for (auto& split : splits)
        std::sort(split.begin(), split.end());
    return splits;
}

std::string listKey(std::string_view relativePath) {
    const fs::path path = fs::path(std::string(relativePath)).lexically_normal();
    const std::string folder = path.parent_path().generic_string();
    return (folder.empty() ? "" : folder + "/") + path.stem().string();
}

Result<std::map<std::string, std::string>> readExcludeList(const fs::path& file) {
    auto text = readTextFile(file, kMaxListFileBytes, "--exclude-list " + file.string());
    if (!text)
        return text.error();
    std::map<std::string, std::string> keys;
    forEachLine(*text, [&](std::string_view line, int) {
        if (std::string name = trimmedLine(std::string(line)); !name.empty())
            keys.emplace(listKey(name), name);
    });
    return keys;
}

Result<SplitLists> readSplitLists(const fs::path& directory) {
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        return usage("--split-lists " + directory.string() +
                     " is not a folder; give the folder "
                     "that holds train.txt, valid.txt and test.txt");
    SplitLists lists;
    for (const std::string_view split : kSplitNames) {
        const std::string fileName = std::string(split) + ".txt";
        const fs::path path = directory / fileName;
        if (!fs::exists(fs::symlink_status(path, ec)))
            continue;
        auto text = readTextFile(path, kMaxListFileBytes, "--split-lists " + path.string());
        if (!text)
            return text.error();
        const int index = int(lists.splits.size());
        lists.splits.emplace_back(split);
        std::optional<Error> conflict;
        forEachLine(*text, [&](std::string_view line, int) {
            const std::string name = trimmedLine(std::string(line));
            if (name.empty() || conflict)
                return;
            const std::string key = listKey(name);
            const auto [where, added] = lists.splitOf.emplace(key, index);
            if (!added && where->second != index)
                conflict = usage("--split-lists: " + name + " is in both " + lists.lines[key].list +
                                 " and " + fileName + "; list each clip in one split only");
            lists.lines.emplace(key, UnknownListName{.list = fileName, .name = name});
        });
        if (conflict)
            return *conflict;
    }
    if (lists.splits.empty())
        return usage("--split-lists " + directory.string() +
                     " holds none of train.txt, valid.txt, test.txt; put the lists there");
    return lists;
}

} // namespace cepstra
