// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/Fingerprints.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <unordered_map>

namespace cepstra {
namespace {

constexpr int kKeyShift = 16;             // index each item by its top 16 bits
constexpr std::size_t kMaxPostings = 400; // a key this frequent is common whatever the clips
constexpr int kMinVotes = 4;              // agreeing keys before a pair is worth verifying
constexpr int kSmoothingItems = 8;        // about a second: a match is judged over a stretch
constexpr int kOffsetSlack = 2;           // items either side of the voted offset to try
constexpr int kMaxOffsetsPerPair = 8;     // the best-voted alignments of one pair that are verified
constexpr double kMinContrast = 0.1;      // a match's bit error below the clips' at other offsets
constexpr double kLoudnessRangeDb = 50;   // quieter than the loudest by more: the same silence
constexpr int kMinLoudnessSteps = 40;     // fewer steps than this say nothing either way
constexpr std::size_t kLoudnessReach = 2; // steps either side that a level is smoothed over

struct Posting {
    std::uint32_t clip;
    std::uint32_t position;
};

/// The longest stretch where the moving mean of per-item bit errors stays below the limit,
/// for `second` shifted by `offset` items against `first`. Items whose key is common across
/// the dataset (near-silence, a noise bed) say nothing about this pair and are left out.
struct Alignment {
    int start = 0;         ///< the stretch's first item in `first`
    int length = 0;        ///< items, informative ones and the common ones within the stretch
    double bitError = 1.0; ///< mean over the informative items of the stretch
    double overallBitError = 1.0; ///< mean over every informative item of the overlap
};

/// The audio a fingerprint of `items` items was computed from.
double durationOf(std::size_t items, const SharedAudioSearch& search) {
    return items == 0 ? 0.0 : double(items - 1) * search.itemSeconds + search.itemSpanSeconds;
}

/// Differing bits of two items, without a call: x86-64's baseline has no popcount instruction.
int bitsDiffering(std::uint32_t a, std::uint32_t b) {
    std::uint32_t x = a ^ b;
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return int((x * 0x01010101u) >> 24);
}

Alignment align(std::span<const std::uint32_t> first, std::span<const std::uint32_t> second,
                int offset, double maxBitError, const std::vector<bool>& common) {
    const int begin = std::max(0, -offset);
    const int end = std::min(int(first.size()), int(second.size()) - offset);
    const double windowLimit = maxBitError * 32.0 * kSmoothingItems;  // differing bits
    std::array<int, kSmoothingItems> windowBits{}, windowPositions{}; // a ring of the last items
    int informative = 0, window = 0;
    std::int64_t totalBits = 0;
    int runStart = -1, runBits = 0, runItems = 0;
    Alignment best;
    for (int i = begin; i < end; ++i) {
        if (common[first[std::size_t(i)] >> kKeyShift])
            continue;
        const int bits = bitsDiffering(first[std::size_t(i)], second[std::size_t(i + offset)]);
        const int slot = informative % kSmoothingItems;
        window += bits - (informative >= kSmoothingItems ? windowBits[std::size_t(slot)] : 0);
        windowBits[std::size_t(slot)] = bits;
        windowPositions[std::size_t(slot)] = i;
        ++informative;
        totalBits += bits;
        if (informative < kSmoothingItems)
            continue;
        if (window > windowLimit) {
            runStart = -1;
            continue;
        }
        if (runStart < 0) { // a new stretch starts with the window's oldest item
            runStart = windowPositions[std::size_t(informative % kSmoothingItems)];
            runBits = window - bits;
            runItems = kSmoothingItems - 1;
        }
        runBits += bits;
        ++runItems;
        if (i - runStart + 1 > best.length) {
            best.start = runStart;
            best.length = i - runStart + 1;
            best.bitError = runBits / (32.0 * runItems);
        }
    }
    if (informative < kSmoothingItems)
        return {};
    best.overallBitError = double(totalBits) / (32.0 * informative);
    return best;
}

/// Whether the clips agree at `offset` clearly better than they do at unrelated offsets.
/// Noise, a drone or a steady texture gives fingerprints that half-agree anywhere; the same
/// audio agrees at its own offset only. The background is the median over a spread of offsets.
bool standsOut(std::span<const std::uint32_t> first, std::span<const std::uint32_t> second,
               int offset, double bitError, double maxBitError, const std::vector<bool>& common) {
    std::vector<double> background;
    for (int probe : {5, 11, 17, 29, 41, 59})
        for (int sign : {-1, 1}) {
            const Alignment aligned =
                align(first, second, offset + sign * probe, maxBitError, common);
            if (aligned.overallBitError < 1.0)
                background.push_back(aligned.overallBitError);
        }
    if (background.size() < 3)
        return true; // too short to probe elsewhere: the bit error alone decides
    std::nth_element(background.begin(), background.begin() + std::ptrdiff_t(background.size() / 2),
                     background.end());
    return bitError <= background[background.size() / 2] - kMinContrast;
}

double pearson(const std::vector<std::pair<double, double>>& pairs) {
    double meanX = 0, meanY = 0;
    for (const auto& [x, y] : pairs)
        meanX += x, meanY += y;
    meanX /= double(pairs.size());
    meanY /= double(pairs.size());
    double xy = 0, xx = 0, yy = 0;
    for (const auto& [x, y] : pairs) {
        xy += (x - meanX) * (y - meanY);
        xx += (x - meanX) * (x - meanX);
        yy += (y - meanY) * (y - meanY);
    }
    constexpr double kFlat = 0.25; // dB^2 per step: no rise and fall to compare
    const double flatness = double(pairs.size()) * kFlat;
    if (xx < flatness && yy < flatness)
        return std::nan(""); // two steady sounds: loudness cannot tell
    if (xx < flatness || yy < flatness)
        return 0.0;
    return xy / std::sqrt(xx * yy);
}

/// How alike the two loudness envelopes are over `seconds` from `startSeconds` in `first`,
/// with `second` shifted by `offsetSeconds`: the best of the nearest steps, since the offset
/// is known to a fingerprint item only. Levels are taken relative to each clip's loudest and
/// floored, so that a gain change, and dither against digital silence, do not count. NaN when
/// both envelopes are flat there: loudness cannot tell.
double loudnessCorrelation(std::span<const float> first, std::span<const float> second,
                           double startSeconds, double seconds, double offsetSeconds, double step) {
    if (first.empty() || second.empty())
        return 1.0;
    const auto floorOf = [](std::span<const float> levels) {
        return *std::max_element(levels.begin(), levels.end()) - kLoudnessRangeDb;
    };
    // Smoothed over a few steps, in power, so that a shift of part of a step (the offset is
    // known to a fingerprint item only) does not decorrelate sharp attacks.
    const auto smooth = [](std::span<const float> levels) {
        std::vector<double> power(levels.size());
        for (std::size_t i = 0; i < levels.size(); ++i)
            power[i] = std::pow(10.0, levels[i] / 10.0);
        std::vector<float> smoothed(levels.size());
        const auto reach = std::ptrdiff_t(kLoudnessReach), size = std::ptrdiff_t(levels.size());
        for (std::ptrdiff_t i = 0; i < size; ++i) {
            const std::ptrdiff_t from = std::max<std::ptrdiff_t>(0, i - reach),
                                 to = std::min(size, i + reach + 1);
            double sum = 0.0;
            for (std::ptrdiff_t k = from; k < to; ++k)
                sum += power[std::size_t(k)];
            smoothed[std::size_t(i)] =
                float(10.0 * std::log10(std::max(sum / double(to - from), 1e-30)));
        }
        return smoothed;
    };
    const std::vector<float> firstLevels = smooth(first), secondLevels = smooth(second);
    first = firstLevels;
    second = secondLevels;
    const double firstFloor = floorOf(first), secondFloor = floorOf(second);
    const auto begin = std::int64_t(std::ceil(startSeconds / step));
    const auto end = std::int64_t((startSeconds + seconds) / step);
    const auto shift = std::int64_t(std::lround(offsetSeconds / step));
    double best = -1.0;
    bool judged = false;
    std::vector<std::pair<double, double>> pairs;
    for (std::int64_t nudge = -2; nudge <= 2; ++nudge) {
        pairs.clear();
        for (std::int64_t i = std::max<std::int64_t>(0, begin);
             i < end && i < std::int64_t(first.size()); ++i) {
            const std::int64_t j = i + shift + nudge;
            if (j >= 0 && j < std::int64_t(second.size()))
                pairs.emplace_back(std::max<double>(first[std::size_t(i)], firstFloor),
                                   std::max<double>(second[std::size_t(j)], secondFloor));
        }
        if (int(pairs.size()) < kMinLoudnessSteps)
            continue;
        judged = true;
        const double correlation = pearson(pairs);
        if (std::isnan(correlation))
            return correlation;
        best = std::max(best, correlation);
    }
    return judged ? best : 1.0;
}

} // namespace

std::vector<SharedAudio> findSharedAudio(const std::vector<AudioPrint>& prints,
                                         const SharedAudioSearch& search) {
    std::unordered_map<std::uint32_t, std::vector<Posting>> index;
    for (std::size_t clip = 0; clip < prints.size(); ++clip)
        for (std::size_t i = 0; i < prints[clip].fingerprint.size(); ++i)
            index[prints[clip].fingerprint[i] >> kKeyShift].push_back(
                {std::uint32_t(clip), std::uint32_t(i)});
    // A key found in many clips (near-silence, a noise bed, a shared jingle of a second) is
    // no evidence of shared audio: it neither votes nor counts when a match is verified.
    // The floor keeps a large group of copies of one recording from hiding itself.
    const std::size_t commonClips = std::max<std::size_t>(32, prints.size() / 20);
    std::vector<bool> common(std::size_t(1) << (32 - kKeyShift), false);
    for (const auto& [key, postings] : index) {
        std::size_t clips = 0;
        std::uint32_t last = std::uint32_t(-1);
        for (const Posting& posting : postings)
            if (posting.clip != last) {
                ++clips;
                last = posting.clip;
            }
        common[key] = clips > commonClips || postings.size() > kMaxPostings;
    }

    std::vector<SharedAudio> found;
    std::unordered_map<std::uint64_t, int> votes; // (other clip, offset) -> agreeing keys
    for (std::size_t query = 0; query < prints.size(); ++query) {
        votes.clear();
        const auto items = prints[query].fingerprint;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto postings = index.find(items[i] >> kKeyShift);
            if (postings == index.end() || common[items[i] >> kKeyShift])
                continue;
            for (const Posting& posting : postings->second) {
                if (posting.clip <= query) // each pair once
                    continue;
                const std::int64_t offset = std::int64_t(posting.position) - std::int64_t(i);
                ++votes[(std::uint64_t(posting.clip) << 32) | std::uint32_t(std::int32_t(offset))];
            }
        }
        // Per other clip, its offsets by votes; an offset within the slack of one already
        // verified is the same alignment, voted for again.
        std::vector<std::tuple<std::uint32_t, int, int>> candidates; // other clip, -votes, offset
        for (const auto& [key, count] : votes)
            if (count >= kMinVotes)
                candidates.emplace_back(std::uint32_t(key >> 32), -count,
                                        std::int32_t(std::uint32_t(key & 0xffffffffu)));
        std::sort(candidates.begin(), candidates.end());
        std::unordered_map<std::uint32_t, SharedAudio> best; // other clip -> best match
        std::vector<int> verified;
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const auto [other, negativeVotes, votedBinding] = candidates[c];
            const int voted = votedBinding; // a lambda cannot capture a structured binding in C++20
            if (c == 0 || std::get<0>(candidates[c - 1]) != other)
                verified.clear();
            if (int(verified.size()) >= kMaxOffsetsPerPair ||
                std::any_of(verified.begin(), verified.end(),
                            [&](int v) { return std::abs(v - voted) <= kOffsetSlack; }))
                continue;
            verified.push_back(voted);
            const auto theirs = prints[other].fingerprint;
            const double shorter = durationOf(std::min(items.size(), theirs.size()), search);
            const double needed = std::min(search.minOverlapSeconds, 0.8 * shorter);
            // The offset where the clips agree best overall, then its longest shared stretch.
            Alignment chosen;
            int chosenOffset = voted;
            for (int offset = voted - kOffsetSlack; offset <= voted + kOffsetSlack; ++offset) {
                const Alignment aligned = align(items, theirs, offset, search.maxBitError, common);
                if (aligned.overallBitError < chosen.overallBitError ||
                    (aligned.overallBitError == chosen.overallBitError &&
                     aligned.length > chosen.length))
                    std::tie(chosen, chosenOffset) = std::pair(aligned, offset);
            }
            // The audio the matching items cover, within what the two clips can share.
            const double offsetSeconds = chosenOffset * search.itemSeconds;
            const double firstSeconds = durationOf(items.size(), search);
            const double shareable =
                std::min(firstSeconds, durationOf(theirs.size(), search) - offsetSeconds) -
                std::max(0.0, -offsetSeconds);
            const double overlap = std::min(shareable, (chosen.length - 1) * search.itemSeconds +
                                                           search.itemSpanSeconds);
            if (chosen.length == 0 || overlap < needed ||
                !standsOut(items, theirs, chosenOffset, chosen.bitError, search.maxBitError,
                           common))
                continue;
            const double loudness =
                loudnessCorrelation(prints[query].loudnessDb, prints[other].loudnessDb,
                                    chosen.start * search.itemSeconds, overlap, offsetSeconds,
                                    search.loudnessStepSeconds);
            if (std::isnan(loudness) ? chosen.bitError > search.maxSteadyBitError
                                     : loudness < search.minLoudnessCorrelation)
                continue;
            SharedAudio& kept = best[other];
            if (overlap > kept.overlapSeconds ||
                (overlap == kept.overlapSeconds && chosen.bitError < kept.bitError))
                kept = {query, other, offsetSeconds, overlap, chosen.bitError};
        }
        for (auto& [other, match] : best)
            found.push_back(match);
    }
    std::sort(found.begin(), found.end(), [](const SharedAudio& a, const SharedAudio& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    return found;
}

} // namespace cepstra
