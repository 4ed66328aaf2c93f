// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ContentHash.h"

#include <xxhash.h>

#include <cstdio>

namespace cepstra {
namespace {

std::string toHex(XXH64_hash_t hash) {
    char text[17];
    std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

} // namespace

std::string hashBytes(std::string_view bytes) {
    return toHex(XXH3_64bits(bytes.data(), bytes.size()));
}

} // namespace cepstra
