#pragma once
// Runs independent work items on a fixed number of threads. Results are written by index,
// so the outcome never depends on which thread ran what.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace brief {

/// The number of threads to use for `requested` (0 = one per core).
inline unsigned effective_jobs(unsigned requested) {
    if (requested > 0) return requested;
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : hw;
}

/// Calls f(i) for every i in [0, n) on up to `jobs` threads; f must only touch item i's data.
template <typename F>
void parallel_for(std::size_t n, unsigned jobs, F&& f) {
    jobs = std::min<unsigned>(effective_jobs(jobs),
                              static_cast<unsigned>(std::max<std::size_t>(n, 1)));
    if (jobs <= 1 || n < 2) {
        for (std::size_t i = 0; i < n; ++i) f(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    // An exception leaving a thread would end the process; the first one is kept, the other
    // threads stop taking items, and it is rethrown on the calling thread.
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        try {
            for (std::size_t i = next++; i < n; i = next++) f(i);
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(jobs - 1);
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace brief
