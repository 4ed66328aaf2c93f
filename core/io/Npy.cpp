// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/Npy.h"

#include "core/io/AtomicFile.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

namespace cepstra {
namespace {

static_assert(std::endian::native == std::endian::little, "NPY I/O assumes a little-endian host");

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlignment = 64;
// numpy leaves room for the first axis to grow to 21 digits (GROWTH_AXIS_MAX_DIGITS).
constexpr std::size_t kGrowthAxisDigits = 21;

std::string shapeRepr(const std::vector<long long>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

/// Where the header that the first 12 bytes announce ends, or 0 when they announce none.
std::size_t announcedHeaderEnd(std::string_view bytes) {
    if (bytes.size() < 10 || bytes.substr(0, kMagic.size()) != kMagic)
        return 0;
    const auto byteAt = [&](std::size_t i) {
        return std::size_t(static_cast<unsigned char>(bytes[i]));
    };
    constexpr std::size_t kMaxHeaderBytes = 1 << 20; // numpy itself refuses far less
    if (bytes[6] == '\x02' && bytes.size() >= 12)
        return 12 + std::min(kMaxHeaderBytes,
                             byteAt(8) | byteAt(9) << 8 | byteAt(10) << 16 | byteAt(11) << 24);
    return 10 + (byteAt(8) | byteAt(9) << 8);
}

Error malformed(std::string what) {
    return {ErrorKind::Malformed, "not a valid .npy file: " + std::move(what)};
}

} // namespace

long long NpyArray::elementCount() const {
    long long count = 1;
    for (long long dimension : shape)
        count *= dimension;
    return count;
}

std::string encodeNpyHeader(std::string_view descr, const std::vector<long long>& shape,
                            bool fortranOrder) {
    std::string header = "{'descr': '" + std::string(descr) +
                         "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                         ", 'shape': " + shapeRepr(shape) + ", }";
    // numpy leaves room for the axis that grows: the first in C order, the last in Fortran.
    if (!shape.empty())
        header.append(kGrowthAxisDigits -
                          std::to_string(fortranOrder ? shape.back() : shape.front()).size(),
                      ' ');
    const std::size_t headerLength = header.size() + 1; // + '\n'
    const std::size_t padding = kAlignment - ((kMagic.size() + 2 + 2 + headerLength) % kAlignment);
    header.append(padding, ' ');
    header.push_back('\n');

    std::string bytes(kMagic);
    bytes.push_back('\x01');
    bytes.push_back('\x00');
    const auto length = static_cast<std::uint16_t>(header.size());
    bytes.push_back(char(length & 0xff));
    bytes.push_back(char(length >> 8));
    bytes.append(header);
    return bytes;
}

std::string encodeNpy(const float* data, const std::vector<long long>& shape) {
    long long count = 1;
    for (long long dimension : shape)
        count *= dimension;
    return encodeNpyHeader("<f4", shape)
        .append(reinterpret_cast<const char*>(data), std::size_t(count) * sizeof(float));
}

std::string encodeNpy(const FeatureMatrix& matrix) {
    return encodeNpy(matrix.data(), {matrix.rows(), matrix.cols()});
}

Status writeNpy(const std::filesystem::path& path, const FeatureMatrix& matrix,
                const CancelToken* cancel) {
    const std::string preamble = encodeNpyHeader("<f4", {matrix.rows(), matrix.cols()});
    const std::string_view pieces[] = {
        preamble,
        {reinterpret_cast<const char*>(matrix.data()), std::size_t(matrix.size()) * sizeof(float)}};
    return writeFileAtomically(path, pieces, cancel);
}

Result<NpyHeader> decodeNpyHeader(std::string_view bytes) {
    if (bytes.size() < kMagic.size() + 4 || bytes.substr(0, kMagic.size()) != kMagic)
        return malformed("missing the \\x93NUMPY magic string");
    const auto major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerStart = 10;
    std::size_t headerLength = 0;
    const auto byteAt = [&](std::size_t i) {
        return std::size_t(static_cast<unsigned char>(bytes[i]));
    };
    if (major == 1) {
        headerLength = byteAt(8) | byteAt(9) << 8;
    } else if (major == 2 && bytes.size() >= 12) {
        headerLength = byteAt(8) | byteAt(9) << 8 | byteAt(10) << 16 | byteAt(11) << 24;
        headerStart = 12;
    } else {
        return malformed("unsupported format version " + std::to_string(major));
    }
    if (bytes.size() < headerStart + headerLength)
        return malformed("the header is truncated");
    const std::string header(bytes.substr(headerStart, headerLength));

    static const std::regex descrPattern(R"('descr'\s*:\s*'([^']*)')");
    static const std::regex orderPattern(R"('fortran_order'\s*:\s*(True|False))");
    static const std::regex shapePattern(R"('shape'\s*:\s*\(([^)]*)\))");
    std::smatch descr, order, shape;
    if (!std::regex_search(header, descr, descrPattern) ||
        !std::regex_search(header, order, orderPattern) ||
        !std::regex_search(header, shape, shapePattern))
        return malformed("the header lacks descr, fortran_order or shape");
    if (order[1] == "True")
        return malformed("Fortran-ordered arrays are not supported");
    NpyHeader result;
    result.descr = descr[1];
    result.dataOffset = headerStart + headerLength;
    std::stringstream dims(shape[1].str());
    for (std::string item; std::getline(dims, item, ',');) {
        if (item.find_first_not_of(" ") == std::string::npos)
            continue;
        try {
            const long long dimension = std::stoll(item);
            if (dimension < 0)
                return malformed("negative dimension in shape");
            result.shape.push_back(dimension);
        } catch (const std::exception&) {
            return malformed("shape entry '" + item + "' is not a number");
        }
    }
    return result;
}

long long NpyHeader::elementCount() const {
    long long elements = 1;
    for (long long dimension : shape)
        if (__builtin_mul_overflow(elements, dimension, &elements))
            return -1;
    return elements;
}

Result<NpyArray> decodeNpy(std::string_view bytes) {
    auto header = decodeNpyHeader(bytes);
    if (!header)
        return header.error();
    NpyArray array;
    array.descr = header->descr;
    array.shape = header->shape;
    if (array.descr != "<f4" && array.descr != "<f8")
        return malformed("dtype " + array.descr + " is not supported (expected '<f4' or '<f8')");

    const std::size_t itemSize = array.descr == "<f4" ? 4 : 8;
    const std::string_view payload = bytes.substr(header->dataOffset);
    // The product of a hostile shape can overflow; no real array has more elements than bytes.
    const long long elements = header->elementCount();
    if (elements < 0 || elements > static_cast<long long>(payload.size()))
        return malformed("shape " + shapeRepr(array.shape) + " needs more data than the " +
                         std::to_string(payload.size()) + " bytes the file holds");
    const std::size_t count = std::size_t(elements);
    if (payload.size() != count * itemSize)
        return malformed("expected " + std::to_string(count * itemSize) + " data bytes for shape " +
                         shapeRepr(array.shape) + ", found " + std::to_string(payload.size()));
    array.values.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (itemSize == 4) {
            float value;
            std::memcpy(&value, payload.data() + i * 4, 4);
            array.values[i] = value;
        } else {
            std::memcpy(&array.values[i], payload.data() + i * 8, 8);
        }
    }
    return array;
}

Result<NpyArray> readNpy(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error{ErrorKind::Unreadable, "cannot open " + path.string()};
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    auto array = decodeNpy(bytes);
    if (!array)
        return Error{ErrorKind::Malformed, path.string() + ": " + array.error().message};
    return array;
}

Result<NpyHeader> readNpyHeader(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error{ErrorKind::Unreadable, "cannot open " + path.string()};
    // Magic, version and the longest length field first; then exactly the header they announce.
    std::string bytes(12, '\0');
    file.read(bytes.data(), std::streamsize(bytes.size()));
    bytes.resize(std::size_t(file.gcount()));
    if (const std::size_t end = announcedHeaderEnd(bytes); end > bytes.size()) {
        const std::size_t have = bytes.size();
        bytes.resize(end);
        file.read(bytes.data() + have, std::streamsize(end - have));
        bytes.resize(have + std::size_t(file.gcount()));
    }
    auto header = decodeNpyHeader(bytes);
    if (!header)
        return Error{ErrorKind::Malformed, path.string() + ": " + header.error().message};
    return header;
}

Result<FeatureMatrix> readNpyMatrix(const std::filesystem::path& path) {
    auto header = readNpyHeader(path);
    if (!header)
        return header.error();
    if (header->shape.size() != 2 || header->descr != "<f4")
        return Error{ErrorKind::Malformed, path.string() + " is not a 2-D float32 feature array"};
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    const auto fileBytes = static_cast<long long>(file.tellg());
    const long long dataBytes = header->elementCount() * 4;
    if (!file || header->elementCount() < 0 ||
        fileBytes != static_cast<long long>(header->dataOffset) + dataBytes)
        return Error{ErrorKind::Malformed,
                     path.string() + ": not a valid .npy file: its size does not match shape " +
                         shapeRepr(header->shape)};
    FeatureMatrix matrix(header->shape[0], header->shape[1]);
    file.seekg(std::streamoff(header->dataOffset));
    file.read(reinterpret_cast<char*>(matrix.data()), std::streamsize(dataBytes));
    if (file.gcount() != dataBytes)
        return Error{ErrorKind::ReadFailed, "cannot read " + path.string()};
    return matrix;
}

} // namespace cepstra
