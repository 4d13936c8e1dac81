// SPDX-License-Identifier: MIT
#include "sim/experiment/replication_runner.hpp"

#include <algorithm>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <thread>

namespace hospsim::sim {

std::size_t default_thread_count() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

// A three-stage pipeline: hand out replication numbers in order (serial), simulate (parallel),
// consume in order (serial, in order). The token limit equals the slot count, so a slot is
// never reused before its result was consumed.
void run_replications_in_order(std::size_t count, std::size_t threads,
                               const std::function<void(std::uint64_t)>& run,
                               const std::function<void(std::uint64_t)>& consume) {
  if (count == 0)
    return;
  if (threads == 0)
    threads = default_thread_count();
  if (threads == 1) { // no worker threads at all: simplest to debug, same results
    for (std::uint64_t replication = 0; replication < count; ++replication) {
      run(replication);
      consume(replication);
    }
    return;
  }
  std::uint64_t next = 0;
  // oneTBB caps workers at the core count by default; allow what was asked for (oversubscribing
  // is the user's choice, e.g. for scaling measurements).
  const oneapi::tbb::global_control allow(oneapi::tbb::global_control::max_allowed_parallelism,
                                          threads);
  oneapi::tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
    oneapi::tbb::parallel_pipeline(
        replication_slots(threads),
        oneapi::tbb::make_filter<void, std::uint64_t>(
            oneapi::tbb::filter_mode::serial_in_order,
            [&](oneapi::tbb::flow_control& control) -> std::uint64_t {
              if (next == count) {
                control.stop();
                return 0;
              }
              return next++;
            }) &
            oneapi::tbb::make_filter<std::uint64_t, std::uint64_t>(
                oneapi::tbb::filter_mode::parallel,
                [&](std::uint64_t replication) {
                  run(replication);
                  return replication;
                }) &
            oneapi::tbb::make_filter<std::uint64_t, void>(
                oneapi::tbb::filter_mode::serial_in_order,
                [&](std::uint64_t replication) { consume(replication); }));
  });
}

} // namespace hospsim::sim
