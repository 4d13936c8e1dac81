// SPDX-License-Identifier: MIT
#pragma once
/// Runs the independent replications of an experiment on several threads (oneTBB) and hands
/// their results back one by one in replication order, so anything computed from them (KPI
/// summaries, a run database) is bit-identical whatever the thread count.
///
/// Each replication must be self-contained: its own sim::Simulation, streams keyed by
/// (seed, replication), no shared mutable state. `consume` is called for replication 0, 1, 2...
/// in order, never concurrently with itself (possibly on a worker thread), as soon as each
/// result and all earlier ones are ready; at most about 2 x threads results wait in memory. An
/// exception thrown by a job or by `consume` stops the run and is rethrown to the caller.
///
/// **Example**
/// ```
/// std::vector<KpiSet> results;
/// run_replications<KpiSet>(
///     20, /*threads=*/4, [&](std::uint64_t r) { return run_scenario_replication(spec, r); },
///     [&](std::uint64_t, KpiSet&& kpis) { results.push_back(std::move(kpis)); });
/// ```
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace hospsim::sim {

/// Threads to use when the user asks for 0 ("all"): the hardware concurrency, at least 1.
std::size_t default_thread_count();

/// Type-erased core of run_replications: `run(r)` computes replication r and keeps its result
/// in slot r % slots; `consume(r)` takes it from there. `slots` is 2 x threads.
void run_replications_in_order(std::size_t count, std::size_t threads,
                               const std::function<void(std::uint64_t replication)>& run,
                               const std::function<void(std::uint64_t replication)>& consume);

/// The number of result slots run_replications_in_order uses for `threads` threads.
constexpr std::size_t replication_slots(std::size_t threads) {
  return 2 * threads;
}

template <class Result, class Job, class Consume>
void run_replications(std::size_t count, std::size_t threads, Job&& job, Consume&& consume) {
  if (threads == 0)
    threads = default_thread_count();
  std::vector<std::optional<Result>> slots(replication_slots(threads));
  run_replications_in_order(
      count, threads,
      [&](std::uint64_t replication) {
        slots[replication % slots.size()].emplace(job(replication));
      },
      [&](std::uint64_t replication) {
        std::optional<Result>& slot = slots[replication % slots.size()];
        consume(replication, std::move(*slot));
        slot.reset();
      });
}

} // namespace hospsim::sim
