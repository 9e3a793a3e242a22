#pragma once
// Timing the stages of a command: in goes a stage's name, out comes, when the timer goes out
// of scope, its wall time, the CPU time of every thread and the peak memory so far.

#include <sys/resource.h>

#include <chrono>
#include <string>
#include <vector>

namespace brief {

/// One stage's name and duration.
struct StageTime {
    std::string name;
    double seconds = 0;
    double cpu_seconds = 0;       ///< user + system time of every thread during the stage
    std::size_t peak_rss_kb = 0;  ///< the process's peak resident memory at the stage's end
};

/// Appends the time of the scope it lives in to `stages`, as one stage named `name`.
class StageTimer {
  public:
    StageTimer(std::vector<StageTime>& stages, std::string name)
        : stages_(stages),
          name_(std::move(name)),
          start_(std::chrono::steady_clock::now()),
          cpu_(cpu_now()) {}
    ~StageTimer() {
        auto end = std::chrono::steady_clock::now();
        rusage u;
        ::getrusage(RUSAGE_SELF, &u);
        stages_.push_back({name_, std::chrono::duration<double>(end - start_).count(),
                           cpu_now() - cpu_, static_cast<std::size_t>(u.ru_maxrss)});
    }
    StageTimer(const StageTimer&) = delete;
    StageTimer& operator=(const StageTimer&) = delete;

  private:
    static double cpu_now() {
        rusage u;
        ::getrusage(RUSAGE_SELF, &u);
        return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
               static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    std::vector<StageTime>& stages_;
    std::string name_;
    std::chrono::steady_clock::time_point start_;
    double cpu_;
};

}  // namespace brief
