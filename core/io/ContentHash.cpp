// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/ContentHash.h"

#include <xxhash.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace cepstra {
namespace {

std::string toHex(XXH64_hash_t hash) {
    char text[17];
    std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

struct StateDeleter {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};
struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

} // namespace

std::string hashBytes(std::string_view bytes) {
    return toHex(XXH3_64bits(bytes.data(), bytes.size()));
}

Result<std::string> hashFile(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file)
        return Error{ErrorKind::Unreadable, "cannot open " + path.string()};
    std::unique_ptr<XXH3_state_t, StateDeleter> state(XXH3_createState());
    XXH3_64bits_reset(state.get());
    std::vector<char> buffer(1 << 20);
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0)
        XXH3_64bits_update(state.get(), buffer.data(), got);
    if (std::ferror(file.get()))
        return Error{ErrorKind::Unreadable, "read error in " + path.string()};
    return toHex(XXH3_64bits_digest(state.get()));
}

} // namespace cepstra
