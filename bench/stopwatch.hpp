// SPDX-License-Identifier: MIT
#pragma once
/// Stopwatch: wall-clock and this thread's CPU time since construction. On a quiet machine the
/// two agree; when other processes share the cores, CPU time still measures what one core does
/// for the benchmark (time slices lost to others are not counted).
#include <chrono>
#include <ctime>

namespace hospsim::bench {

class Stopwatch {
public:
  Stopwatch() : wall_start_(std::chrono::steady_clock::now()), cpu_start_(thread_cpu_seconds()) {}

  double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start_).count();
  }
  double cpu_seconds() const { return thread_cpu_seconds() - cpu_start_; }

  static double thread_cpu_seconds() { return clock_seconds(CLOCK_THREAD_CPUTIME_ID); }
  /// CPU time of the whole process, every thread (for runs on several threads).
  static double process_cpu_seconds() { return clock_seconds(CLOCK_PROCESS_CPUTIME_ID); }

private:
  static double clock_seconds(clockid_t clock) {
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  }

  std::chrono::steady_clock::time_point wall_start_;
  double cpu_start_;
};

} // namespace hospsim::bench
