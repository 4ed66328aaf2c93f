// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportPlan.h"
#include "core/util/FeatureMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cepstra {

/// The per-example arrays of one split, as both formats write them: each example's label
/// index, manifest fold (0: none) and group, clip path and start frame, and (ragged) each
/// clip's first frame in the concatenated arrays.
struct ExampleIndex {
    std::vector<std::int32_t> labels, folds, starts;
    std::vector<std::string> paths, groups;
    std::vector<std::int64_t> offsets{0};
};
ExampleIndex exampleIndexOf(const ExportPlan& plan, const ExportSplit& split);

/// The IEEE half-precision bits of `value`, rounded to nearest, ties to even, exactly as
/// numpy's astype(np.float16) rounds (npy_floatbits_to_halfbits in numpy's halffloat.c):
/// overflow gives infinity, NaN stays NaN with its top payload bits.
std::uint16_t halfBitsOf(float value);

/// The bytes of one element in the export's dtype.
inline std::size_t itemBytes(ExportDtype dtype) {
    return dtype == ExportDtype::Float16 ? 2 : 4;
}

/// One clip's array of one plan feature, read whole. Fails (OutputFailed: the export cannot
/// go on) when the file is gone or no longer has the shape the plan read from its header.
Result<FeatureMatrix> readClipArray(const ExportPlan& plan, const ExportClip& clip,
                                    std::size_t feature);

/// What padding fills with: the option, else 0, or the array's own minimum for raw logmel
/// and mfcc (their floor, in dB).
float padValueFor(const ExportPlan& plan, std::size_t feature, const FeatureMatrix& array);

/// Replaces `out` with the example of `frames` frames starting at clip frame `start` (frames
/// outside the clip are `pad`), C order (bands, frames), in `dtype`.
void cutExample(const FeatureMatrix& array, long long start, long long frames, float pad,
                ExportDtype dtype, std::string& out);

/// Replaces `out` with the whole array in Fortran order (frame after frame, each frame's bands
/// together), in `dtype`: a ragged NPZ writes each clip's frames this way.
void columnsOf(const FeatureMatrix& array, ExportDtype dtype, std::string& out);

} // namespace cepstra
