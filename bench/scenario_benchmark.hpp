// SPDX-License-Identifier: MIT
#pragma once
/// Throughput of the hospital model on a scenario file: events per second of
/// models::run_scenario_replication over a few replications (the model as users run it:
/// loader excluded, KPI collection included).
#include <cstddef>
#include <cstdint>
#include <string>

namespace hospsim::bench {

struct ScenarioMeasurement {
  std::string file;
  std::string name;
  std::size_t replications = 0;
  std::string horizon;
  double events = 0;     ///< Summed over replications.
  double wall_s = 0;
  double cpu_s = 0;
  double events_per_s = 0; ///< By CPU time.
  /// "" the scenario as written; "generated": in models::with_generated_layout's building
  /// (2 porters), compiled once before timing (building_s), to measure movement's cost.
  std::string layout;
  double building_s = 0;
};

ScenarioMeasurement run_scenario_benchmark(const std::string& file, std::size_t replications,
                                           std::uint64_t seed, bool generated_layout = false);

} // namespace hospsim::bench
