// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: arbitrary bytes through decodeNpy, as a damaged or foreign .npy in an
// output folder would reach it; what decodes as float32 must survive encodeNpy and back.
#include "core/io/Npy.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto array = cepstra::decodeNpy({reinterpret_cast<const char*>(data), size});
    if (!array)
        return 0;
    if (array->values.size() != static_cast<std::size_t>(array->elementCount()))
        __builtin_trap();
    if (array->descr != "<f4")
        return 0;
    const std::vector<float> floats(array->values.begin(), array->values.end());
    auto again = cepstra::decodeNpy(cepstra::encodeNpy(floats.data(), array->shape));
    // Bitwise, so NaNs compare equal; memcmp's pointers must not be null even for 0 bytes.
    if (!again || again->descr != "<f4" || again->shape != array->shape ||
        again->values.size() != array->values.size() ||
        (!floats.empty() && std::memcmp(again->values.data(), array->values.data(),
                                        array->values.size() * sizeof(double)) != 0))
        __builtin_trap();
    return 0;
}
