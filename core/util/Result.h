// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cepstra {

/// Why an operation failed. The batch runner and the CLI map these to catalog reasons and exit
/// codes, so keep them coarse and stable.
enum class ErrorKind {
    InvalidConfig, ///< the configuration is impossible (usage error, exit 2)
    InvalidUsage,  ///< bad command-line arguments or paths (exit 2)
    ReadFailed,    ///< the input cannot be opened or read now (permissions, I/O, it changed)
    Unreadable,    ///< the file's bytes are not decodable audio
    EmptyAudio,    ///< the clip has no samples (before or after trimming)
    TooShort,      ///< shorter than n_fft with center=false
    TooLarge,      ///< computing it needs more memory than the machine has
    OutputFailed,  ///< an output could not be written (disk full, permissions)
    Malformed,     ///< a file we read (NPY, JSON) is not what it claims to be
    Cancelled,     ///< a stop was requested
    Internal,      ///< an unexpected exception: a bug to report, not a property of the input
};

/// A failure with a message meant for a person: it names the problem and, where possible,
/// what to do about it.
struct Error {
    ErrorKind kind;
    std::string message;
};

/// A value or an Error. C++20 has no std::expected; this is the small subset we use.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::move(value)) {}
    Result(Error error)
        : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Result for operations that produce nothing but may fail.
struct Done {};
using Status = Result<Done>;

inline Status success() {
    return Done{};
}

} // namespace cepstra
