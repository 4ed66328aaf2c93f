// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace cepstra {

/// The bytes numpy.save writes for small 1-D label and index arrays, beside the float32 writer
/// in Npy.h: the same header, dtype '<i4' or '<i8'. Any thread.
std::string encodeNpyInt32(std::span<const std::int32_t> values);
std::string encodeNpyInt64(std::span<const std::int64_t> values);

/// The bytes numpy.save writes for a 1-D array of strings as fixed-width unicode ('<U<n>', n
/// the longest string in code points, at least 1; UTF-32LE, zero-padded), as
/// numpy.save(np.array(strings)) writes it. `strings` are bytes: valid UTF-8 is decoded, and
/// any other byte b becomes U+DC00+b, Python's surrogateescape, so that
/// os.fsencode(str(array[i])) gives the exact bytes back.
std::string encodeNpyStrings(const std::vector<std::string>& strings);

/// The same for one string as a 0-d array, as numpy.savez stores a str value.
std::string encodeNpyString(const std::string& text);

} // namespace cepstra
