// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace cepstra {

/// The memory this process may still use, bytes: the least of /proc/meminfo's MemAvailable,
/// the room left under the cgroup's memory.max (a container, a Slurm job) and under `ulimit
/// -v`. 0 when none can be read.
std::uint64_t availableMemoryBytes();

/// Bytes shared by worker threads, so that clips computed at once never need more memory
/// together than the machine has. A worker reserves a clip's estimate before it decodes, and
/// the reservation returns the bytes when destroyed. Any thread.
class MemoryBudget {
public:
    /// `totalBytes` 0: no limit is known, and every reservation is granted at once.
    explicit MemoryBudget(std::uint64_t totalBytes)
        : m_total(totalBytes) {}
    MemoryBudget(const MemoryBudget&) = delete;
    MemoryBudget& operator=(const MemoryBudget&) = delete;

    std::uint64_t totalBytes() const { return m_total; }
    /// Whether a clip needing `bytes` can ever be computed here.
    bool canEverFit(std::uint64_t bytes) const { return m_total == 0 || bytes <= m_total; }

    /// Holds reserved bytes until destroyed.
    class Reservation {
    public:
        Reservation(Reservation&& other) noexcept;
        Reservation(const Reservation&) = delete;
        Reservation& operator=(const Reservation&) = delete;
        Reservation& operator=(Reservation&&) = delete;
        ~Reservation();

    private:
        friend class MemoryBudget;
        Reservation(MemoryBudget* budget, std::uint64_t bytes)
            : m_budget(budget)
            , m_bytes(bytes) {}
        MemoryBudget* m_budget;
        std::uint64_t m_bytes;
    };

    /// Waits until `bytes` fit beside what other workers hold (canEverFit must be true), or
    /// until `cancel` stops it: then nothing is held.
    Reservation reserve(std::uint64_t bytes, const CancelToken& cancel);

private:
    void release(std::uint64_t bytes);

    const std::uint64_t m_total;
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::uint64_t m_held = 0;
};

} // namespace cepstra
