// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/FeatureMatrix.h"
#include "core/util/Result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// The bytes numpy.save writes for a float32 C-order array of this shape: format 1.0, '<f4',
/// header padded with spaces to a multiple of 64 bytes, ending in '\n' (numpy/lib/format.py).
std::string encodeNpy(const float* data, const std::vector<long long>& shape);
std::string encodeNpy(const FeatureMatrix& matrix);

/// encodeNpy then writeFileAtomically.
Status writeNpy(const std::filesystem::path& path, const FeatureMatrix& matrix);

/// An array read back from a .npy file. Values are widened to double; `descr` says what the
/// file stored ('<f4' or '<f8').
struct NpyArray {
    std::string descr;
    std::vector<long long> shape;
    std::vector<double> values;
    long long elementCount() const;
};

/// Parses .npy bytes: format 1.0 or 2.0, little-endian float32 or float64, C order. Anything
/// else, and any truncated or inconsistent file, is an error that says what is wrong.
Result<NpyArray> decodeNpy(std::string_view bytes);
Result<NpyArray> readNpy(const std::filesystem::path& path);

/// Reads a 2-D float32 .npy file (as writeNpy writes them) into a FeatureMatrix.
Result<FeatureMatrix> readNpyMatrix(const std::filesystem::path& path);

} // namespace cepstra
