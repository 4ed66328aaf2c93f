// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/MemoryBudget.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>

namespace cepstra {
namespace {

std::uint64_t memAvailableBytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kilobytes = 0;
    std::string unit;
    while (meminfo >> key >> kilobytes >> unit)
        if (key == "MemAvailable:")
            return kilobytes * 1024;
    return 0;
}

/// Room under cgroup v2's memory.max for this process's cgroup; 0 when unlimited or unknown.
std::uint64_t cgroupRoomBytes() {
    std::ifstream membership("/proc/self/cgroup");
    std::string line, group;
    while (std::getline(membership, line))
        if (line.starts_with("0::"))
            group = line.substr(3);
    if (group.empty())
        return 0;
    const std::string folder = "/sys/fs/cgroup" + (group == "/" ? std::string() : group);
    std::ifstream maxFile(folder + "/memory.max"), currentFile(folder + "/memory.current");
    std::string maximum;
    std::uint64_t current = 0;
    if (!(maxFile >> maximum) || maximum == "max" || !(currentFile >> current))
        return 0;
    const std::uint64_t limit = std::stoull(maximum);
    return limit > current ? limit - current : 1;
}

/// Room under `ulimit -v` (RLIMIT_AS) beside the address space already in use; 0 when
/// unlimited.
std::uint64_t addressSpaceRoomBytes() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 0;
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    const std::uint64_t used = pages * std::uint64_t(::sysconf(_SC_PAGESIZE));
    return limit.rlim_cur > used ? limit.rlim_cur - used : 1;
}

} // namespace

std::uint64_t availableMemoryBytes() {
    std::uint64_t available = 0;
    for (const std::uint64_t limit :
         {memAvailableBytes(), cgroupRoomBytes(), addressSpaceRoomBytes()})
        if (limit != 0)
            available = available == 0 ? limit : std::min(available, limit);
    return available;
}

MemoryBudget::Reservation::Reservation(Reservation&& other) noexcept
    : m_budget(std::exchange(other.m_budget, nullptr))
    , m_bytes(other.m_bytes) {}

MemoryBudget::Reservation::~Reservation() {
    if (m_budget)
        m_budget->release(m_bytes);
}

MemoryBudget::Reservation MemoryBudget::reserve(std::uint64_t bytes, const CancelToken& cancel) {
    if (m_total == 0)
        return Reservation(nullptr, 0);
    std::unique_lock lock(m_mutex);
    // Alone, a clip that can ever fit always does; beside others it waits for them.
    while (m_held > 0 && m_held + bytes > m_total) {
        if (cancel.stopRequested())
            return Reservation(nullptr, 0);
        m_released.wait_for(lock, std::chrono::milliseconds(50));
    }
    m_held += bytes;
    return Reservation(this, bytes);
}

void MemoryBudget::release(std::uint64_t bytes) {
    {
        std::lock_guard lock(m_mutex);
        m_held -= bytes;
    }
    m_released.notify_all();
}

} // namespace cepstra
