// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/NpyArrays.h"

#include "core/io/Npy.h"
#include "core/util/JsonText.h"

#include <algorithm>
#include <cstring>

namespace cepstra {
namespace {

template <typename T> std::string encodeIntegers(std::span<const T> values, const char* descr) {
    std::string bytes = encodeNpyHeader(descr, {static_cast<long long>(values.size())});
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size_bytes());
    return bytes;
}

/// UTF-32LE code points, each string padded with zeros to `width`, as numpy stores '<U'.
void appendUnicode(std::string& bytes, const std::u32string& text, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) {
        const std::uint32_t code = i < text.size() ? std::uint32_t(text[i]) : 0;
        char little[4];
        std::memcpy(little, &code, 4); // the host is little-endian (Npy.cpp checks)
        bytes.append(little, 4);
    }
}

} // namespace

std::string encodeNpyInt32(std::span<const std::int32_t> values) {
    return encodeIntegers(values, "<i4");
}

std::string encodeNpyInt64(std::span<const std::int64_t> values) {
    return encodeIntegers(values, "<i8");
}

std::string encodeNpyStrings(const std::vector<std::string>& strings) {
    std::vector<std::u32string> texts;
    std::size_t width = 1; // numpy's dtype for an empty list or empty strings is '<U1'
    for (const auto& text : strings) {
        texts.push_back(codePointsOf(text));
        width = std::max(width, texts.back().size());
    }
    std::string bytes =
        encodeNpyHeader("<U" + std::to_string(width), {static_cast<long long>(strings.size())});
    for (const auto& text : texts)
        appendUnicode(bytes, text, width);
    return bytes;
}

std::string encodeNpyString(const std::string& text) {
    const std::u32string codes = codePointsOf(text);
    const std::size_t width = std::max<std::size_t>(1, codes.size());
    std::string bytes = encodeNpyHeader("<U" + std::to_string(width), {});
    appendUnicode(bytes, codes, width);
    return bytes;
}

} // namespace cepstra
