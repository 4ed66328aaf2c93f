// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/CancelToken.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace cepstra {

/// Runs `work(i)` for every i in [0, count) on `threadCount` worker threads, and hands each
/// outcome to `collect(i, outcome)` on the calling thread as it completes. At most a few
/// outcomes wait at a time (workers block when the collector falls behind), so memory stays
/// bounded whatever `count` is. Once `cancel` is set no new index starts; the ones running
/// finish and are collected. `work` runs on worker threads and must not throw.
template <typename Outcome>
void runOnWorkerThreads(int threadCount, std::size_t count,
                        const std::function<Outcome(std::size_t)>& work,
                        const std::function<void(std::size_t, Outcome&)>& collect,
                        const CancelToken& cancel) {
    const std::size_t capacity = 2 * std::size_t(threadCount) + 2;
    std::mutex mutex;
    std::condition_variable outcomeReady;
    std::condition_variable spaceFree;
    std::deque<std::pair<std::size_t, Outcome>> finished;
    std::size_t nextIndex = 0;
    int running = threadCount;

    auto worker = [&] {
        for (;;) {
            std::size_t index;
            {
                std::lock_guard lock(mutex);
                if (cancel.stopRequested() || nextIndex >= count)
                    break;
                index = nextIndex++;
            }
            Outcome outcome = work(index);
            std::unique_lock lock(mutex);
            spaceFree.wait(lock, [&] { return finished.size() < capacity; });
            finished.emplace_back(index, std::move(outcome));
            outcomeReady.notify_one();
        }
        std::lock_guard lock(mutex);
        --running;
        outcomeReady.notify_one();
    };

    std::vector<std::jthread> threads;
    for (int t = 0; t < threadCount; ++t)
        threads.emplace_back(worker);
    for (;;) {
        std::unique_lock lock(mutex);
        outcomeReady.wait(lock, [&] { return !finished.empty() || running == 0; });
        if (finished.empty())
            break;
        auto item = std::move(finished.front());
        finished.pop_front();
        spaceFree.notify_one();
        lock.unlock();
        collect(item.first, item.second);
    }
}

} // namespace cepstra
