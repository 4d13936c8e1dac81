// SPDX-License-Identifier: MIT
#include "replication_benchmark.hpp"

#include "models/experiment/experiment.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <chrono>

namespace hospsim::bench {
namespace {

/// Through the experiment library, as `hospsim run --threads T` (no guards, the scenario's
/// horizon and warm-up).
std::vector<sim::KpiSet> run_all(const models::ScenarioSpec& spec, std::size_t replications,
                                 std::size_t threads, std::uint64_t seed) {
  models::ExperimentSettings settings;
  settings.seed = seed;
  settings.horizon = spec.horizon;
  settings.warmup = spec.warmup;
  return models::run_replication_range(spec, 0, replications, settings,
                                       models::Executor{threads, nullptr});
}

bool same(const std::vector<sim::KpiSet>& a, const std::vector<sim::KpiSet>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t r = 0; r < a.size(); ++r) {
    if (a[r].size() != b[r].size())
      return false;
    for (std::size_t k = 0; k < a[r].size(); ++k) {
      const double x = a[r][k].value;
      const double y = b[r][k].value;
      if (a[r][k].name != b[r][k].name || !(x == y || (x != x && y != y)))
        return false;
    }
  }
  return true;
}

} // namespace

std::vector<std::size_t> default_thread_counts() {
  const std::size_t cores = sim::default_thread_count();
  std::vector<std::size_t> counts;
  for (std::size_t t = 1; t < cores; t *= 2)
    counts.push_back(t);
  counts.push_back(cores);
  return counts;
}

ReplicationBenchmark run_replication_benchmark(const std::string& file, std::size_t replications,
                                               const std::vector<std::size_t>& thread_counts,
                                               std::uint64_t seed) {
  const models::ScenarioSpec spec = models::load_scenario(file);
  ReplicationBenchmark result{file, replications, sim::to_string(spec.horizon), {}};
  std::vector<sim::KpiSet> reference;
  for (const std::size_t threads : thread_counts) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<sim::KpiSet> kpis = run_all(spec, replications, threads, seed);
    ReplicationMeasurement row;
    row.threads = threads;
    row.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.replications_per_s = static_cast<double>(replications) / row.wall_s;
    if (reference.empty())
      reference = std::move(kpis);
    else
      row.identical = same(kpis, reference);
    const double one_thread = result.rows.empty() ? row.wall_s : result.rows.front().wall_s;
    row.speedup = one_thread / row.wall_s;
    row.efficiency = row.speedup / static_cast<double>(threads);
    result.rows.push_back(row);
  }
  return result;
}

} // namespace hospsim::bench
