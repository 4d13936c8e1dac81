// SPDX-License-Identifier: MIT
#pragma once
/// Replication throughput: N replications of a scenario through the experiment library
/// (models::run_replication_range, over the runner `hospsim run --threads T` uses) for several
/// thread counts; speed-up and parallel efficiency against one thread, and a check that every
/// thread count gives the same KPIs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hospsim::bench {

struct ReplicationMeasurement {
  std::size_t threads = 0;
  double wall_s = 0;
  double replications_per_s = 0;
  double speedup = 0;    ///< wall(1 thread) / wall(T threads).
  double efficiency = 0; ///< speedup / T.
  bool identical = true; ///< Same KPIs, bit for bit, as with one thread.
};

struct ReplicationBenchmark {
  std::string file;
  std::size_t replications = 0;
  std::string horizon;
  std::vector<ReplicationMeasurement> rows;
};

/// `thread_counts` must start with 1 (the reference).
ReplicationBenchmark run_replication_benchmark(const std::string& file, std::size_t replications,
                                               const std::vector<std::size_t>& thread_counts,
                                               std::uint64_t seed);

/// 1, 2, 4, ... up to the hardware concurrency (and it, if not a power of two).
std::vector<std::size_t> default_thread_counts();

} // namespace hospsim::bench
