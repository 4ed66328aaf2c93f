// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ContentHash.h"

#include <xxhash.h>

#include <cstdio>
#include <new>

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

// xxHash keeps its state type opaque unless statically linked, so it lives on the heap.
struct ContentHasher::State {
    XXH3_state_t* xxh3 = XXH3_createState();
    ~State() { XXH3_freeState(xxh3); }
};

ContentHasher::ContentHasher()
    : m_state(std::make_unique<State>()) {
    if (!m_state->xxh3)
        throw std::bad_alloc();
    XXH3_64bits_reset(m_state->xxh3);
}

ContentHasher::~ContentHasher() = default;

void ContentHasher::add(std::string_view bytes) {
    XXH3_64bits_update(m_state->xxh3, bytes.data(), bytes.size());
}

std::string ContentHasher::hex() const {
    return toHex(XXH3_64bits_digest(m_state->xxh3));
}

} // namespace cepstra
