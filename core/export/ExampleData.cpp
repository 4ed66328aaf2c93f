// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExampleData.h"

#include "core/io/Npy.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

namespace cepstra {
namespace {

/// Appends `count` values in the export's dtype.
void appendValues(const float* values, std::size_t count, ExportDtype dtype, std::string& out) {
    const std::size_t at = out.size();
    out.resize(at + count * itemBytes(dtype));
    if (dtype == ExportDtype::Float32) {
        std::memcpy(out.data() + at, values, count * sizeof(float));
        return;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint16_t bits = halfBitsOf(values[i]);
        std::memcpy(out.data() + at + 2 * i, &bits, 2);
    }
}

/// A half whose magnitude is below the normal range: shift in the implicit bit, then round.
std::uint16_t subnormalHalf(std::uint32_t bits, std::uint16_t sign) {
    const std::uint32_t exponent = (bits & 0x7F800000u) >> 23;
    if (exponent < 0x66) // below half the smallest subnormal: signed zero
        return sign;
    std::uint32_t significand = (0x00800000u + (bits & 0x007FFFFFu)) >> (113 - exponent);
    // Ties to even: a tie only if nothing was shifted out either (numpy checks f & 0x7ff).
    if ((significand & 0x3FFFu) != 0x1000u || (bits & 0x7FFu) != 0)
        significand += 0x1000u;
    return std::uint16_t(sign + (significand >> 13)); // a carry makes the smallest normal
}

} // namespace

std::uint16_t halfBitsOf(float value) {
    const auto bits = std::bit_cast<std::uint32_t>(value);
    const auto sign = std::uint16_t((bits & 0x80000000u) >> 16);
    const std::uint32_t exponent = bits & 0x7F800000u;
    if (exponent >= 0x47800000u) { // overflow, infinity or NaN
        const std::uint32_t significand = bits & 0x007FFFFFu;
        if (exponent != 0x7F800000u || significand == 0)
            return std::uint16_t(sign + 0x7C00u);
        auto nan = std::uint16_t(0x7C00u + (significand >> 13));
        return std::uint16_t(sign + (nan == 0x7C00u ? nan + 1 : nan)); // stays a NaN
    }
    if (exponent <= 0x38000000u)
        return subnormalHalf(bits, sign);
    const auto halfExponent = std::uint16_t((exponent - 0x38000000u) >> 13);
    std::uint32_t significand = bits & 0x007FFFFFu;
    if ((significand & 0x3FFFu) != 0x1000u)
        significand += 0x1000u;
    // A carry out of the significand raises the exponent, up to infinity: as it should.
    return std::uint16_t(sign + halfExponent + (significand >> 13));
}

Result<FeatureMatrix> readClipArray(const ExportPlan& plan, const ExportClip& clip,
                                    std::size_t feature) {
    const auto& path = clip.arrays[feature];
    auto array = readNpyMatrix(path);
    if (!array || array->rows() != plan.features[feature].bands || array->cols() != clip.frames)
        return Error{ErrorKind::OutputFailed,
                     "cannot export " + path.string() + ": " +
                         (array ? std::string("it changed since the export was planned")
                                : array.error().message) +
                         "; run the export again"};
    return array;
}

float padValueFor(const ExportPlan& plan, std::size_t feature, const FeatureMatrix& array) {
    if (plan.options.padValue)
        return *plan.options.padValue;
    if (plan.features[feature].padsWithClipMinimum && array.size() > 0)
        return array.minCoeff();
    return 0.0f;
}

void cutExample(const FeatureMatrix& array, long long start, long long frames, float pad,
                ExportDtype dtype, std::string& out) {
    out.clear();
    const long long clipFrames = array.cols();
    // The part of the example the clip covers; padding on either side of it.
    const long long first = std::clamp(-start, 0LL, frames);
    const long long last = std::clamp(clipFrames - start, first, frames);
    const std::vector<float> padding(std::size_t(frames), pad);
    for (Eigen::Index band = 0; band < array.rows(); ++band) {
        const float* row = array.data() + band * clipFrames;
        appendValues(padding.data(), std::size_t(first), dtype, out);
        appendValues(row + start + first, std::size_t(last - first), dtype, out);
        appendValues(padding.data(), std::size_t(frames - last), dtype, out);
    }
}

void columnsOf(const FeatureMatrix& array, ExportDtype dtype, std::string& out) {
    out.clear();
    const FeatureMatrix transposed = array.transpose();
    appendValues(transposed.data(), std::size_t(transposed.size()), dtype, out);
}

ExampleIndex exampleIndexOf(const ExportPlan& plan, const ExportSplit& split) {
    ExampleIndex index;
    for (int clipIndex : split.clips) {
        const ExportClip& clip = plan.clips[std::size_t(clipIndex)];
        for (long long start : clip.starts) {
            index.labels.push_back(clip.labelIndex);
            index.folds.push_back(clip.fold);
            index.starts.push_back(std::int32_t(start));
            index.paths.push_back(clip.path);
            index.groups.push_back(clip.group);
        }
        index.offsets.push_back(index.offsets.back() + clip.frames);
    }
    return index;
}

} // namespace cepstra
