// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/Npy.h"

#include "core/io/AtomicFile.h"

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

/// The magic, version, header length and header dict: everything before the data.
static std::string npyPreamble(const std::vector<long long>& shape) {
    std::string header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeRepr(shape) + ", }";
    if (!shape.empty())
        header.append(kGrowthAxisDigits - std::to_string(shape.front()).size(), ' ');
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
    return npyPreamble(shape).append(reinterpret_cast<const char*>(data),
                                     std::size_t(count) * sizeof(float));
}

std::string encodeNpy(const FeatureMatrix& matrix) {
    return encodeNpy(matrix.data(), {matrix.rows(), matrix.cols()});
}

Status writeNpy(const std::filesystem::path& path, const FeatureMatrix& matrix) {
    const std::string preamble = npyPreamble({matrix.rows(), matrix.cols()});
    const std::string_view pieces[] = {
        preamble,
        {reinterpret_cast<const char*>(matrix.data()), std::size_t(matrix.size()) * sizeof(float)}};
    return writeFileAtomically(path, pieces);
}

Result<NpyArray> decodeNpy(std::string_view bytes) {
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
    NpyArray array;
    array.descr = descr[1];
    if (array.descr != "<f4" && array.descr != "<f8")
        return malformed("dtype " + array.descr + " is not supported (expected '<f4' or '<f8')");
    if (order[1] == "True")
        return malformed("Fortran-ordered arrays are not supported");
    std::stringstream dims(shape[1].str());
    for (std::string item; std::getline(dims, item, ',');) {
        if (item.find_first_not_of(" ") == std::string::npos)
            continue;
        try {
            const long long dimension = std::stoll(item);
            if (dimension < 0)
                return malformed("negative dimension in shape");
            array.shape.push_back(dimension);
        } catch (const std::exception&) {
            return malformed("shape entry '" + item + "' is not a number");
        }
    }

    const std::size_t itemSize = array.descr == "<f4" ? 4 : 8;
    const std::string_view payload = bytes.substr(headerStart + headerLength);
    // The product of a hostile shape can overflow; no real array has more elements than bytes.
    long long elements = 1;
    for (long long dimension : array.shape)
        if (__builtin_mul_overflow(elements, dimension, &elements) ||
            elements > static_cast<long long>(payload.size()))
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

Result<FeatureMatrix> readNpyMatrix(const std::filesystem::path& path) {
    auto array = readNpy(path);
    if (!array)
        return array.error();
    if (array->shape.size() != 2 || array->descr != "<f4")
        return Error{ErrorKind::Malformed, path.string() + " is not a 2-D float32 feature array"};
    FeatureMatrix matrix(array->shape[0], array->shape[1]);
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        matrix.data()[i] = float(array->values[std::size_t(i)]);
    return matrix;
}

} // namespace cepstra
