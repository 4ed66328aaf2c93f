// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace cepstra {

/// XXH3-64 of a byte string as 16 lowercase hex digits.
std::string hashBytes(std::string_view bytes);

/// XXH3-64 over bytes fed in pieces; hex() equals hashBytes() of their concatenation.
class ContentHasher {
public:
    ContentHasher();
    ~ContentHasher();
    ContentHasher(const ContentHasher&) = delete;
    ContentHasher& operator=(const ContentHasher&) = delete;
    void add(std::string_view bytes);
    std::string hex() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace cepstra
