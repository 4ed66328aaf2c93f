// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

namespace cepstra {

/// A stop request shared between the thread that wants to cancel (UI, signal handler) and the
/// workers. Any thread may call any member. Workers poll it between blocks of frames.
class CancelToken {
public:
    void requestStop() noexcept { m_stop.store(true, std::memory_order_relaxed); }
    bool stopRequested() const noexcept { return m_stop.load(std::memory_order_relaxed); }
    void reset() noexcept { m_stop.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_stop{false};
};

} // namespace cepstra
