// SPDX-License-Identifier: MIT
#include "scenario_benchmark.hpp"

#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/layout/generated_layout.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "stopwatch.hpp"

#include <algorithm>
#include <optional>

namespace hospsim::bench {

ScenarioMeasurement run_scenario_benchmark(const std::string& file, std::size_t replications,
                                           std::uint64_t seed, bool generated_layout) {
  models::ScenarioSpec spec = models::load_scenario(file);
  if (generated_layout)
    spec = models::with_generated_layout(std::move(spec), 2);
  models::RunOptions options;
  options.seed = seed;
  ScenarioMeasurement result;
  result.file = file;
  result.name = spec.name;
  result.replications = replications;
  result.horizon = sim::to_string(spec.horizon);
  std::optional<models::Building> building;
  if (spec.layout) {
    const Stopwatch compile;
    building.emplace(*spec.layout, spec);
    result.building_s = compile.wall_seconds();
    options.building = &*building;
  }
  result.layout = generated_layout ? "generated" : "";
  const Stopwatch watch;
  for (std::size_t rep = 0; rep < replications; ++rep) {
    const sim::KpiSet kpis = models::run_scenario_replication(spec, rep, options);
    const auto events = std::find_if(kpis.begin(), kpis.end(),
                                     [](const sim::Kpi& k) { return k.name == "simulation.events"; });
    if (events != kpis.end())
      result.events += events->value;
  }
  result.wall_s = watch.wall_seconds();
  result.cpu_s = watch.cpu_seconds();
  result.events_per_s = result.cpu_s > 0 ? result.events / result.cpu_s : 0;
  return result;
}

} // namespace hospsim::bench
