// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

namespace cepstra {

/// A stop request shared between the thread that wants to cancel (UI, signal handler) and the
/// workers. Any thread may call any member; requestStop() is async-signal-safe. Workers poll
/// it between blocks of frames. A token with a parent also stops when the parent does, so a
/// runner can stop its own workers without touching the caller's token.
class CancelToken {
public:
    CancelToken() = default;
    explicit CancelToken(const CancelToken* parent)
        : m_parent(parent) {}

    void requestStop() noexcept { m_stop.store(true, std::memory_order_relaxed); }
    bool stopRequested() const noexcept {
        return m_stop.load(std::memory_order_relaxed) || (m_parent && m_parent->stopRequested());
    }
    void reset() noexcept { m_stop.store(false, std::memory_order_relaxed); }

private:
    static_assert(std::atomic<bool>::is_always_lock_free, "signal handlers need a lock-free flag");
    std::atomic<bool> m_stop{false};
    const CancelToken* m_parent = nullptr;
};

} // namespace cepstra
