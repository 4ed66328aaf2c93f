// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"
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

/// The preamble numpy.save writes before the data of a C-order array with this dtype ('<f4',
/// '<f2', '<i4', '<i8', '<U12'...) and shape: everything but the data, so a writer can stream
/// the data after it. `fortranOrder`: the data that follows is column-major, as numpy.save
/// writes a Fortran-contiguous array.
std::string encodeNpyHeader(std::string_view descr, const std::vector<long long>& shape,
                            bool fortranOrder = false);

/// encodeNpy then writeFileAtomically.
Status writeNpy(const std::filesystem::path& path, const FeatureMatrix& matrix,
                const CancelToken* cancel = nullptr);

/// An array read back from a .npy file. Values are widened to double; `descr` says what the
/// file stored ('<f4' or '<f8').
struct NpyArray {
    std::string descr;
    std::vector<long long> shape;
    std::vector<double> values;
    long long elementCount() const;
};

/// What a .npy header says, without the data: dtype, shape, and the byte offset of the data.
struct NpyHeader {
    std::string descr;
    std::vector<long long> shape;
    std::size_t dataOffset = 0;
    /// The product of the shape, or -1 when it overflows.
    long long elementCount() const;
};

/// Parses the header at the start of `bytes` (any dtype, format 1.0 or 2.0, C order). `bytes`
/// need not hold the data.
Result<NpyHeader> decodeNpyHeader(std::string_view bytes);

/// Reads only the header of a .npy file (its first few hundred bytes), for the shape and dtype
/// of an array without reading the array.
Result<NpyHeader> readNpyHeader(const std::filesystem::path& path);

/// Parses .npy bytes: format 1.0 or 2.0, little-endian float32 or float64, C order. Anything
/// else, and any truncated or inconsistent file, is an error that says what is wrong.
Result<NpyArray> decodeNpy(std::string_view bytes);
Result<NpyArray> readNpy(const std::filesystem::path& path);

/// Reads a 2-D float32 .npy file (as writeNpy writes them) into a FeatureMatrix, straight into
/// the matrix (no widening). Any thread.
Result<FeatureMatrix> readNpyMatrix(const std::filesystem::path& path);

} // namespace cepstra
