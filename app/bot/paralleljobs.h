#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace tandem::detail {

/// Runs job(0) … job(count − 1) on up to `threads` threads (the calling one among them), each
/// job once, started in that order; returns when all are done.
template <typename Job>
void runJobs(int count, int threads, Job job)
{
    std::atomic<int> next{0};
    auto worker = [&] {
        for (int j = next++; j < count; j = next++)
            job(j);
    };
    std::vector<std::jthread> pool;
    for (int t = 1; t < std::clamp(threads, 1, std::max(count, 1)); ++t)
        pool.emplace_back(worker);
    worker();
}

} // namespace tandem::detail
